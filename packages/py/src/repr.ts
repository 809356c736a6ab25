// Python's repr() and str() of JS values. Library objects (tensors, modules, dtypes) bring
// their own __repr__/__str__; this file covers the JS values that stand in for Python's
// builtins: number/bigint (int or float, see pyfloat.ts), boolean, null, string, arrays
// (lists), tuples (PyTuple's own __repr__), Map and plain objects (dicts), Set.

import { pyStrRepr } from "./exceptions.ts";
import { floatRepr } from "./float_digits.ts";
import { FLOAT_LIST, PyFloat } from "./pyfloat.ts";

/** Own static marker of the PyTuple class itself (subclasses, e.g. named tuples, keep their names). */
export const TUPLE_CLASS = Symbol.for("tsgrad.tupleClass");

/** Marks the builtin pseudo-classes (int, float, str, ...) so they print as `<class 'int'>`. */
export const PY_CLASS = Symbol.for("tsgrad.pyClass");

/**
 * Marks callable instances (nn.Module objects are functions so that `model(x)` works): they
 * are objects to Python, so repr/str/type treat them as their class's instances, not functions.
 */
export const CALLABLE_OBJECT = Symbol.for("tsgrad.callableObject");

/** Python's text for a JS number: an int when integer-valued, else a float. */
export function numberRepr(v: number, asFloat = false): string {
  if (asFloat || !Number.isInteger(v) || Object.is(v, -0)) return floatRepr(v);
  // BigInt gives every digit of large integral values (1e21 is "1000000000000000000000").
  return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
}

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function hasMethod(x: any, name: string): boolean {
  return x != null && typeof x[name] === "function";
}

/** Python's name for the class of a value without a Python class of its own. */
export function typeName(x: unknown): string {
  if (x === null || x === undefined) return "NoneType";
  switch (typeof x) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return Number.isInteger(x) && !Object.is(x, -0) ? "int" : "float";
    case "string":
      return "str";
    case "function":
      if ((x as any)[CALLABLE_OBJECT]) return pyName((x as any).constructor);
      return (x as any)[PY_CLASS] || classModule(x as Function) !== undefined || /^class[\s{]/.test(Function.prototype.toString.call(x)) ? "type" : "function";
    case "symbol":
      return "symbol";
  }
  if (x instanceof PyFloat) return "float";
  if (x instanceof Number) return typeName(x.valueOf());
  if (x instanceof String) return "str";
  if (x instanceof Boolean) return "bool";
  const ctor = (x as any).constructor;
  if (ctor === Array) return "list";
  if (x instanceof Map || isPlainObject(x as object)) return "dict";
  if (ctor === Set) return "set";
  if (typeof ctor !== "function") return "object";
  if (Object.hasOwn(ctor, TUPLE_CLASS)) return "tuple";
  return ctor.__name__ ?? ctor.name;
}

/** repr(x). `seen` guards self-containing lists and dicts (`[[...]]`), as Python does. */
export function pyRepr(x: unknown, seen: Set<object> = new Set(), floats = false): string {
  if (x === null || x === undefined) return "None";
  switch (typeof x) {
    case "boolean":
      return x ? "True" : "False";
    case "number":
      return numberRepr(x, floats);
    case "bigint":
      return x.toString();
    case "string":
      return pyStrRepr(x);
    case "symbol":
      return x.toString();
    case "function":
      if ((x as any)[CALLABLE_OBJECT] && hasMethod(x, "__repr__")) return String((x as any).__repr__());
      return functionRepr(x);
  }
  const o = x as any;
  if (hasMethod(o, "__repr__")) return String(o.__repr__());
  if (o instanceof PyFloat) return floatRepr(o.valueOf());
  if (o instanceof Number || o instanceof String || o instanceof Boolean) return pyRepr(o.valueOf(), seen, floats);
  if (Array.isArray(o) || ArrayBuffer.isView(o)) {
    const a = o as any;
    if (seen.has(a)) return "[...]";
    seen.add(a);
    const marked = floats || a[FLOAT_LIST] === true;
    const parts: string[] = [];
    // Indexing (not map) so holes print as None instead of being skipped.
    for (let i = 0; i < a.length; i++) parts.push(pyRepr(a[i], seen, marked));
    seen.delete(a);
    return `[${parts.join(", ")}]`;
  }
  if (o instanceof Map || isPlainObject(o)) {
    if (seen.has(o)) return "{...}";
    seen.add(o);
    const entries: [unknown, unknown][] = o instanceof Map ? [...o.entries()] : Object.entries(o);
    const body = entries.map(([k, v]) => `${pyRepr(k, seen)}: ${pyRepr(v, seen)}`).join(", ");
    seen.delete(o);
    return `{${body}}`;
  }
  if (o instanceof Set) {
    if (o.size === 0) return "set()";
    if (seen.has(o)) return "{...}";
    seen.add(o);
    const body = [...o].map((v) => pyRepr(v, seen)).join(", ");
    seen.delete(o);
    return `{${body}}`;
  }
  if (o instanceof Error) return `${o.name}(${pyStrRepr(o.message)})`;
  // Python shows `<__main__.Foo object at 0x7f...>`; the address is never reproducible.
  return `<${typeName(o)} object>`;
}

function pyName(cls: any): string {
  return cls.__name__ ?? cls.name;
}

function functionRepr(fn: Function): string {
  const name = (fn as any).__name__ ?? fn.name;
  if ((fn as any)[PY_CLASS]) return `<class '${name}'>`;
  const mod = classModule(fn);
  if (mod !== undefined) return `<class '${mod}.${name}'>`;
  if (/^class[\s{]/.test(Function.prototype.toString.call(fn))) return `<class '${name}'>`;
  return `<function ${name || "<lambda>"}>`;
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The module Python shows before a class's name. Library classes carry their own `__module__`
 * (`torch`, `torch.nn.modules.linear`); a class without one that extends such a class was
 * written by the program, which Python runs as `__main__` (`<class '__main__.Net'>`). Other
 * classes have none.
 */
export function classModule(fn: Function): string | undefined {
  if (hasOwn(fn, "__module__")) return String((fn as any).__module__);
  for (let p = Object.getPrototypeOf(fn); p !== null && p !== Function.prototype; p = Object.getPrototypeOf(p))
    if (hasOwn(p, "__module__")) return "__main__";
  return undefined;
}

/** str(x): __str__ if the object has one, the text itself for strings, else repr. */
export function pyStr(x: unknown): string {
  if (typeof x === "string") return x;
  if (x instanceof String) return x.valueOf();
  if (x !== null && typeof x === "object") {
    const o = x as any;
    if (hasMethod(o, "__str__")) return String(o.__str__());
    // A JS error (not one of our Python classes) prints its message, as `print(e)` does.
    if (o instanceof Error && !hasMethod(o, "__repr__")) return o.message;
  }
  return pyRepr(x);
}

/** ascii(x): repr with non-ASCII characters escaped as Python does. */
export function pyAscii(x: unknown): string {
  let out = "";
  for (const ch of pyRepr(x)) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c <= 0xff) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c <= 0xffff) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += "\\U" + c.toString(16).padStart(8, "0");
  }
  return out;
}
