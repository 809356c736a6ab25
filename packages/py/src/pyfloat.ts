// Python has int and float; a JS number is both. Per the porting contract an integer-valued
// number shows as an int, so a value that must show as a float (`float(2)` prints `2.0`) is
// "float-marked": a PyFloat, a Number object whose valueOf is the value. Arithmetic and
// comparisons (`<`, `+`, Math.*) go through valueOf and so treat it as its number; `===`
// does not (a marked 2 is not `=== 2`), nor does `typeof` ("object").

import { floatRepr } from "./float_digits.ts";

export class PyFloat extends Number {
  // Number.prototype.toString would give "2"; a template literal `${float(2)}` should read as
  // Python's str(2.0). (`+`, `<` use valueOf, so arithmetic is unaffected.)
  override toString(radix?: number): string {
    return radix === undefined || radix === 10 ? floatRepr(this.valueOf()) : super.toString(radix);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return floatRepr(this.valueOf());
  }
}

/** Marks arrays from tolist() of float tensors: their numbers print as floats (`[1.0, 2.0]`). */
export const FLOAT_LIST: unique symbol = Symbol.for("tsgrad.floatList") as any;

/** The number inside a number-like (number, PyFloat or any Number object, boolean). */
export function num(x: unknown): number {
  return typeof x === "number" ? x : Number(x);
}

/** True for values Python would type as float: float-marked, non-integral, -0, inf, nan. */
export function isFloatValue(x: unknown): boolean {
  if (x instanceof PyFloat) return true;
  if (typeof x === "number") return !Number.isInteger(x) || Object.is(x, -0);
  return false;
}

/** True for values Python would type as int (booleans excluded). */
export function isIntValue(x: unknown): boolean {
  if (typeof x === "bigint") return true;
  if (typeof x === "number") return Number.isInteger(x) && !Object.is(x, -0);
  return x instanceof Number && !(x instanceof PyFloat) && Number.isInteger(x.valueOf());
}

/** Float-mark v. */
export function markFloat(v: number): number {
  return new PyFloat(v) as unknown as number;
}

/**
 * A float result: marked only when a plain number would print as an int (integral values),
 * so most float results stay primitive numbers.
 */
export function asFloat(v: number): number {
  return Number.isInteger(v) ? markFloat(v) : v;
}
