// Python-style binding for the optimizer and scheduler constructors: positionals in Python's
// order, keywords in one trailing plain object (porting.md), CPython 3.11's TypeError wording
// (`SGD.__init__() got an unexpected keyword argument 'foo'`).

import { TypeError as PyTypeError } from "@tsgrad/py";
import { isKwargs } from "@tsgrad/core";

export const REQUIRED: unique symbol = Symbol("required");

/** [name, default] pairs; REQUIRED marks a parameter without a default; "*" starts keyword-only. */
export type Spec = ReadonlyArray<readonly [string, unknown] | "*">;

export function bind(fname: string, spec: Spec, args: readonly unknown[]): Record<string, any> {
  const names: string[] = [];
  const defaults: unknown[] = [];
  let nPos = -1;
  for (const s of spec) {
    if (s === "*") nPos = names.length;
    else {
      names.push(s[0]);
      defaults.push(s[1]);
    }
  }
  if (nPos < 0) nPos = names.length;
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  let kw: Record<string, unknown> = {};
  // a trailing plain object after the first argument is the keywords (porting.md's rule, made
  // definite here: no parameter after `params`/`optimizer` takes a dict, so a wrong key is a
  // wrong keyword, as in Python); in first place it is `params`, e.g. one param group
  if (n > 1 && isKwargs(args[n - 1])) {
    kw = args[n - 1] as Record<string, unknown>;
    n--;
  }
  if (n > nPos) {
    const nReq = defaults.slice(0, nPos).filter((d) => d === REQUIRED).length;
    const takes = nReq === nPos ? `${nPos + 1}` : `from ${nReq + 1} to ${nPos + 1}`;
    throw new PyTypeError(`${fname}() takes ${takes} positional arguments but ${n + 1} were given`);
  }
  const out: Record<string, any> = {};
  for (let i = 0; i < n; i++) out[names[i]] = args[i];
  for (const [k, v] of Object.entries(kw)) {
    if (!names.includes(k)) throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
    if (k in out) throw new PyTypeError(`${fname}() got multiple values for argument '${k}'`);
    out[k] = v;
  }
  const missing: string[] = [];
  names.forEach((name, i) => {
    if (name in out) return;
    if (defaults[i] === REQUIRED) missing.push(name);
    else out[name] = defaults[i];
  });
  if (missing.length > 0) {
    const list = missing.length === 1 ? `'${missing[0]}'` : `${missing.slice(0, -1).map((m) => `'${m}'`).join(", ")} and '${missing[missing.length - 1]}'`;
    throw new PyTypeError(`${fname}() missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${list}`);
  }
  return out;
}

/** A class callable with or without `new`, as Python classes are called (`torch.optim.SGD(...)`). */
export function pyclass<C extends abstract new (...a: any) => any>(cls: C): C & ((...args: ConstructorParameters<C>) => InstanceType<C>) {
  const wrapped = new Proxy(cls, {
    apply(target, _self, args) {
      return Reflect.construct(target as any, args);
    },
  });
  // `<class 'torch.optim.sgd.SGD'>`, `<class 'torch.optim.lr_scheduler.StepLR'>`
  const name = cls.name.replace(/_$/, "");
  const mod = /LR$|LROnPlateau$/.test(name) ? "lr_scheduler" : name.toLowerCase();
  Object.defineProperty(cls, "__module__", { value: `torch.optim.${mod}`, writable: true, configurable: true });
  // `type(opt) === torch.optim.SGD`: instances report the callable form as their class
  Object.defineProperty(cls.prototype, "constructor", { value: wrapped, writable: true, configurable: true, enumerable: false });
  return wrapped as any;
}
