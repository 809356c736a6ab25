// Python-style signatures, parsed once per op, so one argument parser serves every call:
// positional order, keyword names (in ONE trailing plain object, per porting.md), defaults,
// size varargs (`ones(2, 3)` and `ones([2, 3])`), and Python's TypeError wording.

import { TypeError as PyTypeError } from "@tsgrad/py";

export interface Param {
  name: string;
  /** Tensor, Tensor?, Tensor[], Scalar, int, int[], int..., float, bool, dtype, str, any (a trailing ? = may be None) */
  type: string;
  hasDefault: boolean;
  default: unknown;
  kwOnly: boolean;
}

export interface Signature {
  name: string;
  params: Param[];
  /** Number of params that may be given positionally. */
  nPositional: number;
  byName: Map<string, number>;
  /** Index of a size-like param that also takes varargs, or -1. */
  varargsIndex: number;
}

function parseDefault(text: string): unknown {
  const t = text.trim();
  if (t === "None") return null;
  if (t === "True") return true;
  if (t === "False") return false;
  if (t === "[]") return [];
  if (/^['"].*['"]$/.test(t)) return t.slice(1, -1);
  if (/^-?\d+$/.test(t)) return Number(t);
  if (/^[-+\d.e]+$/.test(t)) return Number(t);
  throw new Error(`unsupported default ${t}`);
}

export function parseSignature(sig: string): Signature {
  const m = /^(\w+)\((.*)\)$/.exec(sig.trim());
  if (!m) throw new Error(`bad signature ${sig}`);
  const params: Param[] = [];
  let kwOnly = false;
  let varargsIndex = -1;
  const body = m[2].trim();
  if (body) {
    for (const part of body.split(/,(?![^\[]*\])/)) {
      const p = part.trim();
      if (p === "*") {
        kwOnly = true;
        continue;
      }
      const pm = /^(\S+)\s+(\w+)(?:\s*=\s*(.+))?$/.exec(p);
      if (!pm) throw new Error(`bad param ${p} in ${sig}`);
      const [, type, name, def] = pm;
      if (type.startsWith("int...")) varargsIndex = params.length;
      params.push({ name, type, hasDefault: def !== undefined, default: def === undefined ? undefined : parseDefault(def), kwOnly });
    }
  }
  const nPositional = params.filter((p) => !p.kwOnly).length;
  return { name: m[1], params, nPositional, byName: new Map(params.map((p, i) => [p.name, i])), varargsIndex };
}

/** A trailing plain object (not an array, tensor or other class instance) is the keywords. */
export function isKwargs(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "bigint") return "int";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "str";
  if (Array.isArray(v)) return "list";
  return (v as object).constructor?.name ?? "object";
}

/**
 * Bind call arguments to the signature's params, in declaration order. Unknown keywords,
 * too many positionals and missing arguments raise TypeError as PyTorch's parser words them.
 */
export function bindArgs(sig: Signature, args: unknown[]): unknown[] {
  let n = args.length;
  let kwargs: Record<string, unknown> | null = null;
  if (n > 0 && isKwargs(args[n - 1])) {
    kwargs = args[n - 1] as Record<string, unknown>;
    n--;
  }
  const params = sig.params;
  const out = new Array<unknown>(params.length);
  const given = new Array<boolean>(params.length).fill(false);
  let pi = 0;
  for (let ai = 0; ai < n; ai++, pi++) {
    if (pi === sig.varargsIndex && (typeof args[ai] === "number" || typeof args[ai] === "bigint")) {
      // size varargs: swallow every following int
      const dims: unknown[] = [];
      while (ai < n && (typeof args[ai] === "number" || typeof args[ai] === "bigint")) dims.push(args[ai++]);
      ai--;
      out[pi] = dims;
      given[pi] = true;
      continue;
    }
    if (pi >= sig.nPositional) {
      throw new PyTypeError(
        `${sig.name}() takes ${sig.nPositional} positional argument${sig.nPositional === 1 ? "" : "s"} but ${n} ${n === 1 ? "was" : "were"} given`,
      );
    }
    out[pi] = args[ai];
    given[pi] = true;
  }
  if (kwargs) {
    for (const key of Object.keys(kwargs)) {
      const idx = sig.byName.get(key);
      if (idx === undefined) throw unexpectedKeyword(sig, args, key);
      if (given[idx]) throw new PyTypeError(`${sig.name}() got multiple values for argument '${key}'`);
      const v = kwargs[key];
      out[idx] = v === undefined ? null : v;
      given[idx] = true;
    }
  }
  for (let i = 0; i < params.length; i++) {
    if (given[i]) continue;
    const p = params[i];
    if (!p.hasDefault) throw new PyTypeError(`${sig.name}() missing 1 required positional arguments: "${p.name}"`);
    out[i] = Array.isArray(p.default) ? [] : p.default;
  }
  return out;
}

function unexpectedKeyword(sig: Signature, args: unknown[], key: string): Error {
  // PyTorch's generated parser lists what it got and what it expects.
  const got: string[] = [];
  for (const a of args) {
    if (isKwargs(a)) for (const [k, v] of Object.entries(a)) got.push(`${k}=${pyTypeName(v)}`);
    else got.push(pyTypeName(a));
  }
  const err = new PyTypeError(`${sig.name}() got an unexpected keyword argument '${key}'`);
  (err as any).got = got;
  return err;
}

export { pyTypeName };
