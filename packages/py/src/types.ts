// type(x) and isinstance(x, cls), and `__name__` on classes.
//
// `type(x).__name__` must work for JS primitives (int, float, bool, str, NoneType) and for
// library classes (`type(m) === nn.Linear`, `type(m).__name__ === "Linear"`), and Python code
// also reads `cls.__name__` directly. Rather than asking every class to declare it, importing
// @tsgrad/py installs one non-enumerable accessor on Function.prototype: reading `__name__`
// gives the function's `name`, assigning it (or a `static __name__` field) gives that class
// its own name. The matching global type declaration is below. `pyName(cls)` reads it too.

import { float, int, str, bool } from "./convert.ts";
import { NotImplementedError } from "./exceptions.ts";
import { list, tuple } from "./iteration.ts";
import { isFloatValue, isIntValue, PyFloat } from "./pyfloat.ts";
import { Range, range } from "./range.ts";
import { CALLABLE_OBJECT, PY_CLASS, classModule } from "./repr.ts";
import { Slice, slice } from "./slice.ts";
import { PyTuple } from "./tuple.ts";

declare global {
  interface Function {
    /** Python's `cls.__name__` (installed by @tsgrad/py; defaults to `name`). */
    __name__: string;
  }
}

if (!Object.getOwnPropertyDescriptor(Function.prototype, "__name__")) {
  Object.defineProperty(Function.prototype, "__name__", {
    configurable: true,
    enumerable: false,
    get(this: Function) {
      return this.name;
    },
    set(this: Function, v: string) {
      Object.defineProperty(this, "__name__", { value: v, writable: true, configurable: true, enumerable: false });
    },
  });
}

/** What type() returns: a class (library classes themselves, pseudo-classes for builtins). */
export type PyType = Function;

/** Python's name of a class: `__name__` if it has one, else its JS name. */
export function pyName(cls: Function): string {
  return cls.__name__ ?? cls.name;
}

/**
 * Make a function stand for a Python builtin class: prints as `<class 'int'>`. The name is
 * always given explicitly: bundlers rename functions (`function NoneType` next to a
 * `const NoneType` becomes `NoneType2` under esbuild).
 */
function pyClass<F extends Function>(fn: F, name: string): F {
  Object.defineProperty(fn, PY_CLASS, { value: true });
  fn.__name__ = name;
  return fn;
}

// Builtin types with no constructor of their own here (dict is someone else's helper; type()
// still names it).
/** type(None). Calling it returns None, as NoneType() does. */
export const NoneType = pyClass(function NoneType(): null {
  return null;
}, "NoneType");
export const dict_type = pyClass(function dict(): never {
  throw new NotImplementedError("dict() is not provided by @tsgrad/py");
}, "dict");
export const set_type = pyClass(function set(iterable: Iterable<unknown> = []) {
  return new Set(iterable);
}, "set");
const function_type = pyClass(function func() {}, "function");
const type_type = pyClass(function type() {}, "type");
const str_type = pyClass(str, "str");
pyClass(int, "int");
pyClass(float, "float");
pyClass(bool, "bool");
pyClass(list, "list");
pyClass(tuple, "tuple");
pyClass(range, "range");
pyClass(slice, "slice");

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * type(x): for values that stand for Python builtins, the builtin from this package
 * (`type(3) === int`, `type(0.5) === float`, `type("a") === str`, `type(null) === NoneType`,
 * `type([]) === list`, `type(tuple([])) === tuple`); for objects their constructor.
 */
export function type(x: unknown): PyType {
  if (x === null || x === undefined) return NoneType;
  switch (typeof x) {
    case "boolean":
      return bool;
    case "bigint":
      return int;
    case "number":
      return isFloatValue(x) ? float : int;
    case "string":
      return str_type;
    case "function":
      if ((x as any)[CALLABLE_OBJECT]) return (x as any).constructor;
      return (x as any)[PY_CLASS] || classModule(x as Function) !== undefined || /^class[\s{]/.test(Function.prototype.toString.call(x))
        ? type_type
        : function_type;
    case "symbol":
      return Symbol;
  }
  const o = x as any;
  if (o instanceof PyFloat) return float;
  if (o instanceof Number) return isFloatValue(o.valueOf()) ? float : int;
  if (o instanceof String) return str_type;
  if (o instanceof Boolean) return bool;
  // an object whose Python class is not its JS constructor (a grad_fn node) names it
  const cls = o.__class__;
  if (typeof cls === "function") return cls;
  const ctor = o.constructor;
  if (ctor === PyTuple) return tuple;
  if (ctor === Array) return list;
  if (ctor === Range) return range;
  if (ctor === Slice) return slice;
  if (o instanceof Map || isPlainObject(o)) return dict_type;
  if (ctor === Set) return set_type;
  return typeof ctor === "function" ? ctor : Object;
}

/** The checks behind isinstance() for the builtin pseudo-classes. */
const BUILTIN_CHECKS = new Map<Function, (x: any) => boolean>([
  [int, (x) => isIntValue(x) || typeof x === "boolean"], // bool is a subclass of int
  [float, isFloatValue],
  [str_type, (x) => typeof x === "string" || x instanceof String],
  [bool, (x) => typeof x === "boolean"],
  [NoneType, (x) => x === null || x === undefined],
  [list, (x) => Array.isArray(x) && !(x instanceof PyTuple)],
  [tuple, (x) => x instanceof PyTuple],
  [range, (x) => x instanceof Range],
  [slice, (x) => x instanceof Slice],
  [dict_type, (x) => x instanceof Map || (x !== null && typeof x === "object" && isPlainObject(x))],
  [set_type, (x) => x instanceof Set],
]);

/** isinstance(x, cls) / isinstance(x, [cls1, cls2]): builtins as above, else instanceof. */
export function isinstance(x: unknown, cls: Function | readonly Function[]): boolean {
  if (Array.isArray(cls)) return cls.some((c) => isinstance(x, c));
  const c = cls as Function;
  const check = BUILTIN_CHECKS.get(c);
  if (check) return check(x);
  return x !== null && (typeof x === "object" || typeof x === "function") && x instanceof (c as any);
}
