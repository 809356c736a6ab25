// The conversion builtins: int, float, str, repr, ascii, bool, and abs, round, len.

import { OverflowError, TypeError_, ValueError } from "./exceptions.ts";
import { roundFloat } from "./float_digits.ts";
import { asFloat, isFloatValue, markFloat, PyFloat } from "./pyfloat.ts";
import { pyAscii, pyRepr, pyStr, typeName } from "./repr.ts";
import { pyStrRepr } from "./exceptions.ts";
import { truthy } from "./ops.ts";

type Any = any;

function isObj(x: unknown): x is Any {
  return x !== null && (typeof x === "object" || typeof x === "function");
}

/** str(x): Python's str() of any value (see repr.ts). */
export function str(x: unknown = ""): string {
  return pyStr(x);
}

/** repr(x). */
export function repr(x: unknown): string {
  return pyRepr(x);
}

/** ascii(x): repr with non-ASCII characters escaped. */
export function ascii(x: unknown): string {
  return pyAscii(x);
}

/** bool(x): Python's truth value (`bool(NaN)` is True, `bool([])` False, __bool__/__len__). */
export function bool(x: unknown = false): boolean {
  return truthy(x);
}

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

function parseIntText(text: string, base: number): number | bigint | undefined {
  let s = text.trim().toLowerCase();
  let sign = 1n;
  if (s[0] === "+" || s[0] === "-") {
    if (s[0] === "-") sign = -1n;
    s = s.slice(1);
  }
  const prefixed = /^0([box])/.exec(s);
  if (prefixed) {
    const pb = { b: 2, o: 8, x: 16 }[prefixed[1] as "b" | "o" | "x"];
    if (base === 0 || base === pb) {
      base = pb;
      s = s.slice(2).replace(/^_/, ""); // an underscore may follow the prefix
    }
  }
  if (base === 0) {
    // Base 0 reads a literal: no leading zeros on a nonzero decimal.
    if (/^0[0-9_]*$/.test(s) && /[1-9]/.test(s)) return undefined;
    base = 10;
  }
  // Digits with single underscores between them.
  if (!/^[0-9a-z]+(_[0-9a-z]+)*$/.test(s)) return undefined;
  let v = 0n;
  for (const ch of s.replace(/_/g, "")) {
    const d = DIGITS.indexOf(ch);
    if (d < 0 || d >= base) return undefined;
    v = v * BigInt(base) + BigInt(d);
  }
  v *= sign;
  return Number(v); // ints beyond 2^53 lose digits, as every JS number does
}

function truncFloat(v: number): number {
  if (Number.isNaN(v)) throw new ValueError("cannot convert float NaN to integer");
  if (!Number.isFinite(v)) throw new OverflowError("cannot convert float infinity to integer");
  return Math.trunc(v) + 0; // + 0 turns -0 into 0: int(-0.5) is 0
}

/**
 * int(x[, base]): truncates numbers toward zero, parses strings (Python's literal rules,
 * underscores and base prefixes included), and calls __int__ / __index__ / __trunc__.
 * A bigint stays a bigint; everything else gives a number.
 */
export function int(x: bigint): bigint;
export function int(x?: unknown, base?: number): number;
export function int(x: unknown = 0, base?: number): number | bigint {
  if (base !== undefined) {
    if (typeof x !== "string") throw new TypeError_("int() can't convert non-string with explicit base");
    if (base !== 0 && (base < 2 || base > 36)) throw new ValueError("int() base must be >= 2 and <= 36, or 0");
  }
  if (typeof x === "string" || x instanceof String) {
    const b = base ?? 10;
    const v = parseIntText(String(x), b);
    if (v === undefined) throw new ValueError(`invalid literal for int() with base ${b}: ${pyStrRepr(String(x))}`);
    return v;
  }
  if (typeof x === "bigint") return x;
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "number" || x instanceof Number) return truncFloat(Number(x));
  if (isObj(x)) {
    for (const m of ["__int__", "__index__", "__trunc__"]) {
      if (typeof x[m] === "function") {
        const r = x[m]();
        return typeof r === "bigint" ? r : truncFloat(Number(r));
      }
    }
  }
  throw new TypeError_(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
}

// Python's float literal (as float() reads it): digits with single underscores, optional
// point, optional exponent, or inf/infinity/nan; at least one digit.
const FLOAT_TEXT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?(?:\d(?:_?\d)*)?(?:e[+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/i;

/**
 * float(x): a float-marked number (prints as a float: `float(2)` is `2.0`). Parses strings
 * ("1.5", "nan", "-inf", "1_000.5"), converts bigints and booleans, and calls __float__
 * (a tensor raises its own error there) or __index__.
 */
export function float(x: unknown = 0): number {
  if (typeof x === "string" || x instanceof String) {
    const s = String(x).trim();
    if (!FLOAT_TEXT.test(s) || !/\d|inf|nan/i.test(s) || /^[+-]?\.?(e|$)/i.test(s)) {
      throw new ValueError(`could not convert string to float: ${pyStrRepr(String(x))}`);
    }
    const body = s.replace(/_/g, "").toLowerCase();
    const neg = body.startsWith("-");
    const un = body.replace(/^[+-]/, "");
    const v = un.startsWith("inf") ? Infinity : un === "nan" ? NaN : Number(un);
    return markFloat(neg ? -v : v);
  }
  if (typeof x === "number" || x instanceof Number || typeof x === "boolean") return markFloat(Number(x));
  if (typeof x === "bigint") {
    const v = Number(x);
    if (!Number.isFinite(v)) throw new OverflowError("int too large to convert to float");
    return markFloat(v);
  }
  if (isObj(x)) {
    if (typeof x.__float__ === "function") return markFloat(Number(x.__float__()));
    if (typeof x.__index__ === "function") return markFloat(Number(x.__index__()));
  }
  throw new TypeError_(`float() argument must be a string or a real number, not '${typeName(x)}'`);
}

/** abs(x): keeps a float a float (`abs(float(-2))` prints `2.0`); __abs__ / abs() for objects. */
export function abs<T>(x: T): T {
  if (typeof x === "number") return Math.abs(x) as T;
  if (x instanceof PyFloat) return markFloat(Math.abs(x.valueOf())) as T;
  if (typeof x === "bigint") return (x < 0n ? -x : x) as T;
  if (typeof x === "boolean") return (x ? 1 : 0) as T;
  const o = x as Any;
  if (isObj(o)) {
    if (typeof o.__abs__ === "function") return o.__abs__();
    if (typeof o.abs === "function") return o.abs();
  }
  throw new TypeError_(`bad operand type for abs(): '${typeName(x)}'`);
}

/** Round a bigint half-to-even at 10^-n (n < 0). */
function roundBigInt(v: bigint, n: number): bigint {
  const p = 10n ** BigInt(-n);
  const neg = v < 0n;
  const a = neg ? -v : v;
  let q = a / p;
  const r = a % p;
  if (2n * r > p || (2n * r === p && q % 2n === 1n)) q += 1n;
  return (neg ? -q : q) * p;
}

/**
 * round(x[, ndigits]) as Python's: round(x) rounds half to even and returns an int;
 * round(x, n) of a float rounds the exact binary value half to even (round(2.675, 2) is 2.67)
 * and returns a float (float-marked when integral, so round(2.5, 0) prints 2.0); of an int it
 * returns an int. Objects use __round__.
 */
export function round(x: bigint, ndigits?: number | null): bigint;
export function round(x: unknown, ndigits?: number | null): number;
export function round(x: unknown, ndigits?: number | null): number | bigint {
  const o = x as Any;
  if (isObj(o) && !(o instanceof Number) && typeof o.__round__ === "function") {
    return ndigits === undefined || ndigits === null ? o.__round__() : o.__round__(ndigits);
  }
  const n = ndigits ?? null;
  if (typeof x === "bigint") return n === null || n >= 0 ? x : roundBigInt(x, n);
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x !== "number" && !(x instanceof Number)) {
    throw new TypeError_(`type ${typeName(x)} doesn't define __round__ method`);
  }
  const v = Number(x);
  if (!isFloatValue(x)) {
    // An int: unchanged unless rounding to tens, hundreds, ...
    if (n === null || n >= 0) return v;
    return Number(roundBigInt(BigInt(v), n));
  }
  if (n === null) {
    if (Number.isNaN(v)) throw new ValueError("cannot convert float NaN to integer");
    if (!Number.isFinite(v)) throw new OverflowError("cannot convert float infinity to integer");
    const fl = Math.floor(v);
    const diff = v - fl;
    const r = diff > 0.5 || (diff === 0.5 && fl % 2 !== 0) ? fl + 1 : fl;
    return r + 0;
  }
  const r = roundFloat(v, n);
  if (!Number.isFinite(r) && Number.isFinite(v)) throw new OverflowError("rounded value too large to represent");
  return asFloat(r);
}

/** len(x): __len__, string length in code points, arrays, Map/Set size, dict keys. */
export function len(x: unknown): number {
  if (typeof x === "string") {
    // Python counts code points; JS length counts UTF-16 units.
    return /[\ud800-\udfff]/.test(x) ? [...x].length : x.length;
  }
  const o = x as Any;
  if (isObj(o)) {
    if (typeof o.__len__ === "function") return Number(o.__len__());
    if (o instanceof Map || o instanceof Set) return o.size;
    if (typeof o.length === "number" && typeof o !== "function") return o.length;
    const proto = Object.getPrototypeOf(o);
    if (proto === Object.prototype || proto === null) return Object.keys(o).length;
  }
  throw new TypeError_(`object of type '${typeName(x)}' has no len()`);
}
