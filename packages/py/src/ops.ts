// The few Python operators the builtins need: truth value, `<`, `==`, `+`.

import { TypeError_ } from "./exceptions.ts";
import { typeName } from "./repr.ts";
import { makeTuple, PyTuple } from "./tuple.ts";

type Any = any;

/** A number-like primitive view (number, bigint, boolean, Number objects), else undefined. */
function numeric(x: unknown): number | bigint | undefined {
  if (typeof x === "number" || typeof x === "bigint") return x;
  if (typeof x === "boolean") return x ? 1 : 0;
  if (x instanceof Number || x instanceof Boolean) return Number(x);
  return undefined;
}

/** Python's truth value: NaN is true, empty containers false, __bool__ then __len__. */
export function truthy(x: unknown): boolean {
  if (x === null || x === undefined) return false;
  if (typeof x === "number") return x !== 0;
  if (typeof x === "bigint") return x !== 0n;
  if (typeof x === "boolean") return x;
  if (typeof x === "string") return x.length > 0;
  if (typeof x === "function" || typeof x === "symbol") return true;
  const o = x as Any;
  if (typeof o.__bool__ === "function") return Boolean(o.__bool__());
  if (typeof o.__len__ === "function") return Number(o.__len__()) !== 0;
  if (o instanceof Number) return o.valueOf() !== 0;
  if (o instanceof String) return o.length > 0;
  if (o instanceof Boolean) return o.valueOf();
  if (Array.isArray(o) || ArrayBuffer.isView(o)) return (o as Any).length > 0;
  if (o instanceof Map || o instanceof Set) return o.size > 0;
  const proto = Object.getPrototypeOf(o);
  if (proto === Object.prototype || proto === null) return Object.keys(o).length > 0;
  return true;
}

/** Python's `a == b` for builtin values; objects with __eq__ decide for themselves. */
export function pyEq(a: unknown, b: unknown): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na == nb; // mixed bigint/number compares by value
  if (typeof a === "string" || typeof b === "string") return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => pyEq(v, b[i]));
  }
  const o = a as Any;
  if (o !== null && typeof o === "object" && typeof o.__eq__ === "function") return truthy(o.__eq__(b));
  return a === b;
}

function unorderable(op: string, a: unknown, b: unknown): never {
  throw new TypeError_(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Python's `a < b`. */
export function pyLt(a: unknown, b: unknown): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na < nb;
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b) < 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    // Lexicographic: the first unequal pair decides, else the shorter is smaller.
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (!pyEq(a[i], b[i])) return pyLt(a[i], b[i]);
    return a.length < b.length;
  }
  const oa = a as Any;
  const ob = b as Any;
  if (oa !== null && typeof oa === "object" && typeof oa.__lt__ === "function") return truthy(oa.__lt__(b));
  if (ob !== null && typeof ob === "object" && typeof ob.__gt__ === "function") return truthy(ob.__gt__(a));
  return unorderable("<", a, b);
}

/** Strings order by code point in Python; JS `<` orders by UTF-16 unit. */
function compareCodePoints(a: string, b: string): number {
  if (!/[\ud800-\udfff]/.test(a + b)) return a < b ? -1 : a > b ? 1 : 0;
  const ca = [...a];
  const cb = [...b];
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const d = ca[i].codePointAt(0)! - cb[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

/** Python's `a + b` for builtin values, __add__/__radd__ (and a tensor's add) otherwise. */
export function pyAdd(a: unknown, b: unknown): unknown {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) {
    if (typeof na === "bigint" && typeof nb === "bigint") return na + nb;
    if (typeof na === "bigint" && typeof b === "boolean") return na + BigInt(nb);
    if (typeof nb === "bigint" && typeof a === "boolean") return BigInt(na) + nb;
    return Number(na) + Number(nb);
  }
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (Array.isArray(a) && Array.isArray(b)) {
    // list + list is a list, tuple + tuple a tuple.
    return a instanceof PyTuple && b instanceof PyTuple ? makeTuple([...a, ...b]) : [...a, ...b];
  }
  const oa = a as Any;
  const ob = b as Any;
  if (oa !== null && typeof oa === "object" && typeof oa.__add__ === "function") return oa.__add__(b);
  if (ob !== null && typeof ob === "object" && typeof ob.__radd__ === "function") return ob.__radd__(a);
  if (oa !== null && typeof oa === "object" && typeof oa.add === "function") return oa.add(b);
  throw new TypeError_(`unsupported operand type(s) for +: '${typeName(a)}' and '${typeName(b)}'`);
}
