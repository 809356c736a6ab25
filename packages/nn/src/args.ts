// Python-style argument binding for nn constructors and functional calls: positionals in
// Python's order, keywords in one trailing plain object (porting.md, "Calls and arguments").
// A trailing plain object counts as keywords only when every key names a parameter; otherwise
// it is a positional dict (`nn.ModuleDict({ cls: head })`). Errors use CPython's wording.

import { TypeError as PyTypeError } from "@tsgrad/py";
import { isKwargs } from "@tsgrad/core";

/** A parameter: its name, or [name, default] when it has one; "*" starts keyword-only params. */
export type ParamSpec = string | readonly [string, unknown];

const NO_DEFAULT = Symbol("required");

interface Parsed {
  names: string[];
  defaults: unknown[];
  nPositional: number;
}
const cache = new WeakMap<readonly ParamSpec[], Parsed>();

function parse(spec: readonly ParamSpec[]): Parsed {
  let p = cache.get(spec);
  if (p) return p;
  const names: string[] = [];
  const defaults: unknown[] = [];
  let nPositional = -1;
  for (const s of spec) {
    if (s === "*") {
      nPositional = names.length;
      continue;
    }
    if (typeof s === "string") {
      names.push(s);
      defaults.push(NO_DEFAULT);
    } else {
      names.push(s[0]);
      defaults.push(s[1]);
    }
  }
  p = { names, defaults, nPositional: nPositional < 0 ? names.length : nPositional };
  cache.set(spec, p);
  return p;
}

/** True when `v` is a keyword object for these parameter names. */
export function isKwargsFor(v: unknown, names: readonly string[]): v is Record<string, unknown> {
  if (!isKwargs(v)) return false;
  const keys = Object.keys(v);
  return keys.every((k) => names.includes(k));
}

/**
 * Bind `args` to `spec`. `fname` is how CPython names the callable in messages
 * (`Linear.__init__`, `relu`). Returns an object keyed by parameter name.
 */
export function parseArgs(fname: string, spec: readonly ParamSpec[], args: readonly unknown[]): Record<string, any> {
  const { names, defaults, nPositional } = parse(spec);
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  let kwargs: Record<string, unknown> | null = null;
  if (n > 0 && isKwargs(args[n - 1])) {
    const last = args[n - 1] as Record<string, unknown>;
    // None of our parameters takes a dict, so a trailing plain object is always keywords
    // (porting.md's positional-dict reading applies to callees such as load_state_dict and
    // ModuleDict, which do not bind through here); unknown keys then raise Python's TypeError.
    kwargs = last;
    n--;
  }
  if (n > nPositional) {
    const nReq = defaults.slice(0, nPositional).filter((d) => d === NO_DEFAULT).length;
    const range = nReq === nPositional ? `${nPositional + 1}` : `from ${nReq + 1} to ${nPositional + 1}`;
    // CPython counts `self` for methods; `fname` with a dot means a method.
    const self = fname.includes(".") ? 1 : 0;
    const takes = self ? range : nReq === nPositional ? `${nPositional}` : `from ${nReq} to ${nPositional}`;
    throw new PyTypeError(`${fname}() takes ${takes} positional argument${takes === "1" ? "" : "s"} but ${n + self} ${n + self === 1 ? "was" : "were"} given`);
  }
  const out: Record<string, any> = {};
  const given = new Array<boolean>(names.length).fill(false);
  for (let i = 0; i < n; i++) {
    out[names[i]] = args[i];
    given[i] = true;
  }
  if (kwargs) {
    for (const [k, v] of Object.entries(kwargs)) {
      const idx = names.indexOf(k);
      if (idx < 0) throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
      if (given[idx]) throw new PyTypeError(`${fname}() got multiple values for argument '${k}'`);
      out[k] = v === undefined ? null : v;
      given[idx] = true;
    }
  }
  const missing: string[] = [];
  const missingKw: string[] = [];
  for (let i = 0; i < names.length; i++) {
    if (given[i]) continue;
    if (defaults[i] === NO_DEFAULT) (i < nPositional ? missing : missingKw).push(names[i]);
    else out[names[i]] = defaults[i];
  }
  if (missing.length > 0) throw missingError(fname, missing, "positional argument");
  if (missingKw.length > 0) throw missingError(fname, missingKw, "keyword-only argument");
  return out;
}

function missingError(fname: string, names: string[], what: string): PyTypeError {
  const q = names.map((s) => `'${s}'`);
  const list = q.length === 1 ? q[0] : q.length === 2 ? `${q[0]} and ${q[1]}` : `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
  return new PyTypeError(`${fname}() missing ${names.length} required ${what}${names.length === 1 ? "" : "s"}: ${list}`);
}

/** A Python int or a tuple of ints as a list of `n` numbers (`_pair`, `_single`). */
export function ntuple(v: unknown, n: number): number[] {
  if (Array.isArray(v)) return v.map(Number);
  return new Array(n).fill(Number(v));
}
