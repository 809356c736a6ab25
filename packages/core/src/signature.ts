// Python-style signatures, parsed once per op, so one argument parser serves every call:
// positional order, keyword names (in ONE trailing plain object, per porting.md), defaults,
// size varargs (`ones(2, 3)` and `ones([2, 3])`), and Python's TypeError wording.

import { TypeError as PyTypeError, typeName, isIntValue, isFloatValue, PyTuple } from "@tsgrad/py";
import { Tensor, Device } from "./tensor.ts";
import { DType } from "./dtype.ts";

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
  /** Defaults of every param when only leading params are required (else null), and how many lead. */
  quickDefaults: unknown[] | null;
  nRequired: number;
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
  let nRequired = 0;
  while (nRequired < params.length && !params[nRequired].hasDefault) nRequired++;
  const simple = params.every((p, i) => (i < nRequired ? !p.kwOnly : p.hasDefault && !Array.isArray(p.default)));
  const quickDefaults = simple ? params.map((p) => p.default) : null;
  return { name: m[1], params, nPositional, byName: new Map(params.map((p, i) => [p.name, i])), varargsIndex, quickDefaults, nRequired };
}

/** A trailing plain object (not an array, tensor or other class instance) is the keywords. */
export function isKwargs(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Python's `type(v).__name__` as PyTorch's messages print it (tp_name: `torch.dtype`, `Tensor`). */
function pyTypeName(v: unknown): string {
  if (v instanceof DType) return "torch.dtype";
  if (v instanceof Device) return "torch.device";
  if (v instanceof Tensor) return v._isParameter ? "Parameter" : "Tensor";
  return typeName(v);
}

/**
 * Bind call arguments to the signature's params, in declaration order. Unknown keywords,
 * too many positionals and missing arguments raise TypeError as PyTorch's parser words them.
 */
export function bindArgs(sig: Signature, args: unknown[], overloads?: Overload[] | null, nSelf = 0): unknown[] {
  if (!overloads) return bindOwn(sig, args);
  try {
    return bindOwn(sig, args);
  } catch (e) {
    // PyTorch's parser decides the wording from the op's Python-visible overloads.
    if (!(e instanceof PyTypeError)) throw e;
    let n = args.length;
    let kwargs: Record<string, unknown> | null = null;
    if (n > nSelf && isKwargs(args[n - 1])) {
      kwargs = args[n - 1] as Record<string, unknown>;
      n--;
    }
    throw overloadError(overloads, args.slice(nSelf, n), kwargs) ?? e;
  }
}

function bindOwn(sig: Signature, args: unknown[]): unknown[] {
  // Fast path (tutorial code: `x.mul(y)`, `y.sum()`): positionals only, no size varargs.
  const quick = sig.quickDefaults;
  if (quick !== null && args.length <= sig.nPositional && sig.varargsIndex < 0 && !(args.length > 0 && isKwargs(args[args.length - 1]))) {
    const out = quick.slice();
    for (let i = 0; i < args.length; i++) out[i] = args[i];
    if (args.length >= sig.nRequired) return out;
  }
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
      const idx = sig.byName.get(key) ?? numpyAlias(sig, key);
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

// PyTorch's argument parser also takes numpy's names for four parameters
// (python_arg_parser.cpp, numpy_compatibility_arg_names): `x.sum(axis=0)`, `keepdims=True`.
const NUMPY_ALIASES: Record<string, string> = { axis: "dim", keepdims: "keepdim", x: "input", a: "input", x1: "input", x2: "other" };

function numpyAlias(sig: Signature, key: string): number | undefined {
  const name = NUMPY_ALIASES[key];
  return name === undefined ? undefined : sig.byName.get(name);
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

// ---- PyTorch's generated-parser errors ---------------------------------------------------------
//
// An op may list the signatures PyTorch 1.13's Python binding declares for it, verbatim as they
// appear in libtorch_python (e.g. "sum(IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType?
// dtype=None)"). When a call does not bind, the message is made the way torch/csrc/utils/
// python_arg_parser.cpp and invalid_arguments.cpp make it: with one signature (or one plausible
// by argument count) the specific complaint ("got an unexpected keyword argument"), otherwise
// "received an invalid combination of arguments - got (...), but expected one of: ...".

type PType =
  | "Tensor" | "Scalar" | "int" | "SymInt" | "double" | "complex" | "TensorList" | "IntList" | "SymIntList" | "FloatList"
  | "Generator" | "bool" | "Storage" | "object" | "ScalarType" | "Layout" | "MemoryFormat" | "QScheme" | "Device"
  | "Stream" | "str" | "Dimname" | "DimnameList" | "ScalarList";

const schemaTypes: Record<string, PType> = {
  Tensor: "Tensor", Scalar: "Scalar", int64_t: "int", SymInt: "SymInt", double: "double", complex: "complex",
  TensorList: "TensorList", "c10::List<c10::optional<Tensor>>": "TensorList", IntArrayRef: "IntList",
  SymIntArrayRef: "SymIntList", "ArrayRef<double>": "FloatList", Generator: "Generator", bool: "bool",
  Storage: "Storage", "PyObject*": "object", ScalarType: "ScalarType", Layout: "Layout", MemoryFormat: "MemoryFormat",
  QScheme: "QScheme", Device: "Device", Stream: "Stream", "std::string": "str", "c10::string_view": "str",
  Dimname: "Dimname", DimnameList: "DimnameList", ScalarList: "ScalarList",
};

/** FunctionParameter::type_name() of PyTorch 1.13. */
const printedTypes: Record<PType, string> = {
  Tensor: "Tensor", Scalar: "Number", int: "int", SymInt: "int", double: "float", complex: "complex",
  TensorList: "tuple of Tensors", IntList: "tuple of ints", SymIntList: "tuple of SymInts", FloatList: "tuple of floats",
  Generator: "torch.Generator", bool: "bool", Storage: "torch.Storage", object: "object", ScalarType: "torch.dtype",
  Layout: "torch.layout", MemoryFormat: "torch.memory_format", QScheme: "torch.qscheme", Device: "torch.device",
  Stream: "torch.Stream", str: "str", Dimname: "name", DimnameList: "tuple of names", ScalarList: "tuple of Scalars",
};

// PyTorch lets Python numbers bind to Tensor parameters of these ops only.
const numbersAsTensors = new Set([
  "add", "add_", "div", "div_", "divide", "divide_", "mul", "mul_", "multiply", "multiply_", "sub", "sub_",
  "subtract", "subtract_", "true_divide", "true_divide_", "to", "_to_copy", "copy_", "floor_divide", "floor_divide_",
]);

interface OvParam {
  name: string;
  type: PType;
  size: number;
  optional: boolean;
  allowNone: boolean;
  kwOnly: boolean;
}

export interface Overload {
  name: string;
  params: OvParam[];
  minArgs: number;
  maxArgs: number;
  maxPosArgs: number;
  hidden: boolean;
  /** FunctionSignature::toString(): "(tuple of ints size, *, torch.dtype dtype)". */
  text: string;
}

export function parseOverload(schema: string): Overload {
  const open = schema.indexOf("(");
  const close = schema.lastIndexOf(")");
  const name = schema.slice(0, open);
  const tail = schema.slice(close + 1);
  const body = schema.slice(open + 1, close);
  const params: OvParam[] = [];
  let kwOnly = false;
  for (const part of body ? body.split(", ") : []) {
    if (part === "*") {
      kwOnly = true;
      continue;
    }
    const space = part.indexOf(" ");
    let typeStr = part.slice(0, space);
    let allowNone = false;
    if (typeStr.includes("?")) {
      allowNone = true;
      typeStr = typeStr.replace("?", "");
    }
    let size = 0;
    const br = typeStr.indexOf("[");
    if (br >= 0) {
      size = Number(typeStr.slice(br + 1, -1)) || 0;
      typeStr = typeStr.slice(0, br);
    }
    const type = schemaTypes[typeStr];
    if (!type) throw new Error(`unknown schema type ${typeStr} in ${schema}`);
    const rest = part.slice(space + 1);
    const eq = rest.indexOf("=");
    const optional = eq >= 0;
    if (optional && rest.slice(eq + 1) === "None") allowNone = true;
    params.push({ name: optional ? rest.slice(0, eq) : rest, type, size, optional, allowNone, kwOnly });
  }
  let text = "(";
  let kwShown = false;
  params.forEach((p, i) => {
    if (i) text += ", ";
    if (p.kwOnly && !kwShown) {
      text += "*, ";
      kwShown = true;
    }
    text += `${printedTypes[p.type]} ${p.name}`;
  });
  text += ")";
  return {
    name,
    params,
    minArgs: params.filter((p) => !p.optional).length,
    maxArgs: params.length,
    maxPosArgs: params.filter((p) => !p.kwOnly).length,
    hidden: tail === "|deprecated" || tail === "|hidden",
    text,
  };
}

const isIntArg = (v: unknown): boolean => isIntValue(v);
const isScalarArg = (v: unknown): boolean => typeof v === "boolean" || isIntValue(v) || isFloatValue(v);

/** FunctionParameter::check. */
function checkParam(p: OvParam, v: unknown, numbersOk: boolean, argnum: number): boolean {
  switch (p.type) {
    case "Tensor":
      return v instanceof Tensor || (numbersOk && isScalarArg(v));
    case "Scalar":
    case "complex":
    case "double":
      if (isScalarArg(v) && (p.type === "Scalar" || typeof v !== "boolean")) return true;
      return v instanceof Tensor && !v.requires_grad && v._shape.length === 0;
    case "int":
    case "SymInt":
      if (isIntArg(v)) return true;
      return v instanceof Tensor && v.dtype.kind === "int" && !v.requires_grad && v._shape.length === 0;
    case "IntList":
    case "SymIntList":
      if (Array.isArray(v)) return v.length === 0 || isIntArg(v[0]);
      return p.size > 0 && isIntArg(v);
    case "TensorList":
      if (!Array.isArray(v)) return false;
      v.forEach((t, i) => {
        if (!(t instanceof Tensor))
          throw new PyTypeError(`expected Tensor as element ${i} in argument ${argnum}, but got ${pyTypeName(t)}`);
      });
      return true;
    case "FloatList":
      return Array.isArray(v) && (v.length === 0 || isScalarArg(v[0]));
    case "ScalarList":
      return Array.isArray(v) && v.every(isScalarArg);
    case "bool":
      return typeof v === "boolean";
    case "object":
      return true;
    case "ScalarType":
      return v instanceof DType;
    case "Device":
      return isIntArg(v) || typeof v === "string" || v instanceof Device;
    case "str":
      return typeof v === "string";
    case "Dimname":
      return typeof v === "string" || v === null;
    case "DimnameList":
      return (Array.isArray(v) && v.every((x) => typeof x === "string" || x === null)) || (p.size === 1 && typeof v === "string");
    default:
      return false;
  }
}

/**
 * FunctionSignature::parse: true when the call binds; with `raise`, throws the specific
 * TypeError PyTorch raises instead of returning false.
 */
function parseOverloadCall(ov: Overload, args: unknown[], kwargs: Record<string, unknown> | null, raise: boolean): boolean {
  const nargs = args.length;
  let remaining = kwargs ? Object.keys(kwargs).length : 0;
  const numbersOk = numbersAsTensors.has(ov.name);
  const p0 = ov.params[0];
  const allowVarargs = ov.maxPosArgs === 1 && (p0.type === "IntList" || p0.type === "SymIntList");
  const extra = () =>
    new PyTypeError(
      ov.minArgs !== ov.maxPosArgs
        ? `${ov.name}() takes from ${ov.minArgs} to ${ov.maxPosArgs} positional arguments but ${nargs} were given`
        : `${ov.name}() takes ${ov.maxPosArgs} positional argument${ov.maxPosArgs === 1 ? "" : "s"} but ${nargs} ${nargs === 1 ? "was" : "were"} given`,
    );
  if (nargs > ov.maxPosArgs && !allowVarargs) {
    if (raise) throw extra();
    return false;
  }
  let argPos = 0;
  for (let i = 0; i < ov.params.length; i++) {
    const p = ov.params[i];
    let v: unknown = undefined;
    let isKwd = false;
    if (argPos < nargs) {
      if (p.kwOnly) {
        if (raise) throw extra();
        return false;
      }
      v = args[argPos];
    } else if (kwargs) {
      v = Object.hasOwn(kwargs, p.name) ? kwargs[p.name] : undefined;
      isKwd = true;
    }
    const varargsOk = allowVarargs && argPos === 0 && !isKwd;
    if ((v === undefined && p.optional) || (v === null && p.allowNone)) {
      // absent or None where allowed
    } else if (v === undefined) {
      if (raise) {
        const missing = ov.params.slice(i).filter((q) => !q.optional).map((q) => `"${q.name}"`);
        throw new PyTypeError(
          `${ov.name}() missing ${missing.length} required positional argument${missing.length === 1 ? "s" : ""}: ${missing.join(", ")}`,
        );
      }
      return false;
    } else if (checkParam(p, v, numbersOk, i)) {
      // bound
    } else if (varargsOk && isIntArg(v)) {
      argPos = nargs;
      continue;
    } else if (raise) {
      if (isKwd) throw new PyTypeError(`${ov.name}(): argument '${p.name}' must be ${printedTypes[p.type]}, not ${pyTypeName(v)}`);
      throw new PyTypeError(`${ov.name}(): argument '${p.name}' (position ${argPos + 1}) must be ${printedTypes[p.type]}, not ${pyTypeName(v)}`);
    } else return false;
    if (!isKwd) argPos++;
    else if (v !== undefined) remaining--;
  }
  if (remaining > 0) {
    if (raise) {
      for (const key of Object.keys(kwargs!)) {
        const idx = ov.params.findIndex((q) => q.name === key);
        if (idx < 0) throw new PyTypeError(`${ov.name}() got an unexpected keyword argument '${key}'`);
        if (idx < nargs) throw new PyTypeError(`${ov.name}() got multiple values for argument '${key}'`);
      }
      throw new PyTypeError("invalid keyword arguments");
    }
    return false;
  }
  return true;
}

/**
 * The TypeError PyTorch raises for a call none of the overloads binds (PythonArgParser::raw_parse
 * and print_error), or null if one of them does bind it.
 */
export function overloadError(overloads: Overload[], args: unknown[], kwargs: Record<string, unknown> | null): Error | null {
  // deprecated signatures are tried last
  const sigs = [...overloads.filter((o) => !o.hidden), ...overloads.filter((o) => o.hidden)];
  try {
    if (sigs.length === 1) {
      parseOverloadCall(sigs[0], args, kwargs, true);
      return null;
    }
    for (const s of sigs) if (parseOverloadCall(s, args, kwargs, false)) return null;
    const numArgs = args.length + (kwargs ? Object.keys(kwargs).length : 0);
    const plausible = sigs.filter((s) => numArgs >= s.minArgs && numArgs <= s.maxArgs && !s.hidden);
    if (plausible.length === 1) parseOverloadCall(plausible[0], args, kwargs, true);
  } catch (e) {
    return e as Error;
  }
  const options = sigs.filter((s) => !s.hidden).map((s) => s.text);
  return new PyTypeError(formatInvalidArgs(args, kwargs, `${sigs[0].name}()`, options));
}

// invalid_arguments.cpp. Keyword arguments are listed in the order C++'s unordered_map iterates
// them, which for a handful of distinct keys is the reverse of insertion.
interface OptArg {
  name: string;
  type: string;
}
function parseOption(text: string): OptArg[] {
  const inner = text.slice(1, -1);
  if (!inner) return [];
  return inner.split(", ").map((a) => {
    const sp = a.lastIndexOf(" ");
    return sp < 0 ? { name: a, type: a } : { name: a.slice(sp + 1), type: a.slice(0, sp) };
  });
}
function typeMatches(type: string, v: unknown): boolean {
  const n = pyTypeName(v);
  if (type === "float") return n === "float" || n === "int";
  return n === type;
}
function argDesc(args: unknown[], kw: Array<[string, unknown]>): string {
  let r = "(";
  for (const a of args) r += `${pyTypeName(a)}, `;
  for (const [k, v] of kw) r += `${k}=${pyTypeName(v)}, `;
  if (args.length) r = r.slice(0, -2);
  return r + ")";
}
function formattedArgDesc(opt: OptArg[], args: unknown[], kw: Array<[string, unknown]>): string {
  const kwMap = new Map(kw);
  let r = "(";
  const n = args.length + kw.length;
  for (let i = 0; i < n; i++) {
    const isKw = i >= args.length;
    const v = isKw ? kwMap.get(opt[i]?.name ?? "") : args[i];
    const ok = i < opt.length && typeMatches(opt[i].type, v);
    let desc = isKw ? `${opt[i].name}=` : "";
    if (Array.isArray(v)) {
      const isTuple = v instanceof PyTuple;
      desc += `${pyTypeName(v)} of ${isTuple ? "(" : "["}${v.map(pyTypeName).join(", ")}${isTuple ? (v.length === 1 ? ",)" : ")") : "]"}`;
    } else desc += pyTypeName(v);
    r += ok ? desc : `!${desc}!`;
    r += ", ";
  }
  if (args.length) r = r.slice(0, -2);
  return r + ")";
}
function tryMatchKwargs(opt: OptArg[], kw: Array<[string, unknown]>): string[] {
  const start = Math.max(0, opt.length - kw.length);
  return kw.filter(([k]) => !opt.slice(start).some((o) => o.name === k)).map(([k]) => k);
}
function formatInvalidArgs(args: unknown[], kwargs: Record<string, unknown> | null, fname: string, options: string[]): string {
  const kw = Object.entries(kwargs ?? {}).reverse();
  let msg = `${fname} received an invalid combination of arguments - `;
  const countMatch = (opt: OptArg[]) => args.length + kw.length === opt.length;
  if (options.length === 1) {
    const opt = parseOption(options[0]);
    const unmatched = kw.length ? tryMatchKwargs(opt, kw) : [];
    if (unmatched.length) return msg + `got unrecognized keyword arguments: ${unmatched.join(", ")}`;
    return msg + `got ${countMatch(opt) ? formattedArgDesc(opt, args, kw) : argDesc(args, kw)}, but expected ${options[0]}`;
  }
  msg += `got ${argDesc(args, kw)}, but expected one of:\n`;
  for (const o of options) {
    const opt = parseOption(o);
    msg += ` * ${o}\n`;
    if (countMatch(opt)) {
      const unmatched = kw.length ? tryMatchKwargs(opt, kw) : [];
      if (unmatched.length) msg += `      didn't match because some of the keywords were incorrect: ${unmatched.join(", ")}\n`;
      else msg += `      didn't match because some of the arguments have invalid types: ${formattedArgDesc(opt, args, kw)}\n`;
    }
  }
  return msg;
}
