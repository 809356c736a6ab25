// Python-style binding for paddle's Python-level functions: positional arguments in order, then
// one trailing keyword object (porting.md), with Python's TypeError wording.

import { isKwargs } from "@tsgrad/core";
import { TypeError as PyTypeError } from "@tsgrad/py";

const REQUIRED = Symbol("required");
export const required: any = REQUIRED;

/** Bind `args` to `params` ([name, default] pairs; `required` marks a parameter without one). */
export function bind(fname: string, params: Array<[string, unknown]>, args: unknown[]): any[] {
  const names = params.map((p) => p[0]);
  let kw: Record<string, unknown> = {};
  let pos = args;
  const last = args[args.length - 1];
  // no paddle parameter here takes a dict, so a trailing plain object is always the keywords
  if (args.length > 0 && isKwargs(last)) {
    kw = last;
    pos = args.slice(0, -1);
  }
  if (pos.length > params.length)
    throw new PyTypeError(`${fname}() takes from 0 to ${params.length} positional arguments but ${pos.length} were given`);
  const out = params.map(([, d], i) => (i < pos.length && pos[i] !== undefined ? pos[i] : d));
  for (const [k, v] of Object.entries(kw)) {
    const i = names.indexOf(k);
    if (i < 0) throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
    if (i < pos.length && pos[i] !== undefined) throw new PyTypeError(`${fname}() got multiple values for argument '${k}'`);
    out[i] = v;
  }
  params.forEach(([n], i) => {
    if (out[i] === REQUIRED) throw new PyTypeError(`${fname}() missing 1 required positional argument: '${n}'`);
  });
  return out;
}

/** Python classes are called without `new`: wrap a class so both forms construct. */
export function pyCallable<C extends abstract new (...a: any[]) => any>(cls: C): C & ((...a: ConstructorParameters<C>) => InstanceType<C>) {
  return new Proxy(cls, { apply: (target, _self, args) => new (target as any)(...args) }) as any;
}
