// Python's own float formatting: repr(float), '{:.Nf}', '{:.Ne}', '{:W.Ne}'.
// PyTorch formats every element through these (on the value widened to a
// Python float), so they must round exactly as CPython does: correctly rounded,
// ties to even on the exact binary value.

import { decompose, dragon4 } from "./dragon4.ts";

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return null;
}

function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? "-" : "";
}

/** Python '{:.{p}f}'.format(x) */
export function pyFixed(x: number, precision: number): string {
  const nf = nonFinite(x);
  if (nf !== null) return nf;
  const parts = decompose(x, 64);
  const { digits, exp } = dragon4(parts, "exact", "fraction", precision, -1);
  let intPart: string;
  let frac: string;
  if (exp >= 0) {
    intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    frac = digits.slice(exp + 1);
  } else {
    intPart = "0";
    frac = "0".repeat(-exp - 1) + digits;
  }
  if (digits === "0") {
    intPart = "0";
    frac = "";
  }
  frac = frac.padEnd(precision, "0").slice(0, precision);
  return signOf(x) + intPart + (precision > 0 ? "." + frac : "");
}

function expSuffix(exp: number): string {
  const a = Math.abs(exp);
  return "e" + (exp < 0 ? "-" : "+") + (a < 10 ? "0" + a : String(a));
}

/** Python '{:.{p}e}'.format(x) */
export function pyExp(x: number, precision: number): string {
  const nf = nonFinite(x);
  if (nf !== null) return nf;
  const parts = decompose(x, 64);
  const { digits, exp } = dragon4(parts, "exact", "total", precision + 1, -1);
  const d = digits.padEnd(precision + 1, "0");
  const e = digits === "0" ? 0 : exp;
  return signOf(x) + d[0] + (precision > 0 ? "." + d.slice(1, precision + 1) : "") + expSuffix(e);
}

/** Shortest round-trip digits of a double (JS and CPython agree on these). */
function shortestDigits(x: number): { digits: string; exp: number } {
  const s = Math.abs(x).toExponential(); // "d.ddde+N", shortest digits
  const [mant, ex] = s.split("e") as [string, string];
  return { digits: mant.replace(".", ""), exp: Number(ex) };
}

/** Python repr(float) / str(float): shortest round trip, exponent form when exp < -4 or exp >= 16. */
export function pythonFloatRepr(x: number): string {
  const nf = nonFinite(x);
  if (nf !== null) return nf;
  if (x === 0) return signOf(x) + "0.0";
  const { digits, exp } = shortestDigits(x);
  const sign = signOf(x);
  if (exp < -4 || exp >= 16) {
    const mant = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    return sign + mant + expSuffix(exp);
  }
  if (exp < 0) return sign + "0." + "0".repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return sign + digits.padEnd(exp + 1, "0") + ".0";
  return sign + digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
}

/** Python str(int) for an integer-valued JS number (exact beyond 2^53 as the double's value). */
export function pyIntStr(x: number): string {
  if (Math.abs(x) < 1e21) return String(Math.trunc(x)).replace(/^-0$/, "0");
  return BigInt(x).toString();
}

/** Python str(bool) */
export function pyBoolStr(x: number | boolean): string {
  return x ? "True" : "False";
}
