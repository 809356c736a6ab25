// Decimal digits of a double, the way CPython's float formatting needs them.
//
// Every finite double is an exact binary fraction, hence an exact (if long) decimal. Python's
// '%f'/'%e'/'%g' formats and round(x, n) round that exact value half-to-even; JS's toFixed and
// toPrecision round ties away from zero (0.125.toFixed(2) is "0.13", Python gives "0.12") and
// stop at 100 digits, so we expand the exact value with BigInt and round the digit string
// ourselves. The shortest round-trip digits (repr) come from JS, which uses the same
// "shortest, then nearest" rule as Python's repr.

/** Digits of a positive value: value = 0.DIGITS × 10^decpt (CPython's decpt convention). */
export interface Digits {
  digits: string;
  decpt: number;
}

const view = new DataView(new ArrayBuffer(8));

/** The exact decimal expansion of a finite v > 0, trailing zeros stripped. */
export function exactDigits(v: number): Digits {
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (expBits === 0) {
    e2 = -1074; // subnormal: no implicit leading bit
  } else {
    mant |= 1n << 52n;
    e2 = expBits - 1075;
  }
  let s: string;
  let decpt: number;
  if (e2 >= 0) {
    s = (mant << BigInt(e2)).toString();
    decpt = s.length;
  } else {
    // m / 2^k = m·5^k / 10^k
    s = (mant * 5n ** BigInt(-e2)).toString();
    decpt = s.length + e2;
  }
  return { digits: s.replace(/0+$/, ""), decpt };
}

/** The shortest digits that read back as v (v finite, > 0): repr's digits. */
export function shortestDigits(v: number): Digits {
  // toExponential() with no argument gives "as many digits as necessary to uniquely specify".
  const [mant, exp] = v.toExponential().split("e");
  return { digits: mant.replace(".", ""), decpt: Number(exp) + 1 };
}

/**
 * Round 0.DIGITS×10^decpt to `n` significant digits, ties to even. The result has exactly
 * max(n, 0) digits (zero padded), except that n <= 0 may round up to the single digit "1"
 * one place higher; digits "" means the value rounded to zero.
 */
export function roundDigits(d: Digits, n: number): Digits {
  const { digits, decpt } = d;
  if (n < 0) return { digits: "", decpt: decpt - n };
  let kept = digits.slice(0, n).padEnd(n, "0");
  const rest = digits.slice(n);
  const lastOdd = n > 0 && (kept.charCodeAt(n - 1) - 48) % 2 === 1;
  // `digits` has no trailing zeros, so rest.length > 1 means something nonzero after a 5.
  const up = rest.length > 0 && (rest[0] > "5" || (rest[0] === "5" && (rest.length > 1 || lastOdd)));
  if (!up) return { digits: n === 0 ? "" : kept, decpt };
  // Add one unit in the last kept place.
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === "9") i--;
  if (i < 0) {
    // All nines (or nothing kept): carry into a new leading digit.
    return { digits: ("1" + "0".repeat(kept.length)).slice(0, Math.max(n, 1)), decpt: decpt + 1 };
  }
  kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1) + "0".repeat(kept.length - i - 1);
  return { digits: kept, decpt };
}

/** Digits of |v| for v finite; zero is digits "0" at decpt 1 so every layout below works. */
function digitsOf(v: number, exact: boolean): Digits {
  const a = Math.abs(v);
  if (a === 0) return { digits: "0", decpt: 1 };
  return exact ? exactDigits(a) : shortestDigits(a);
}

function expSuffix(exp: number): string {
  const sign = exp < 0 ? "-" : "+";
  return "e" + sign + String(Math.abs(exp)).padStart(2, "0");
}

/** `digits` laid out as a fixed-point number, exactly `frac` places after the point. */
function fixedLayout(d: Digits, frac: number, alt: boolean): string {
  const { digits, decpt } = d;
  let intPart: string;
  let fracPart: string;
  if (decpt <= 0) {
    intPart = "0";
    fracPart = ("0".repeat(-decpt) + digits).padEnd(frac, "0").slice(0, frac);
  } else {
    intPart = digits.slice(0, decpt).padEnd(decpt, "0");
    fracPart = digits.slice(decpt).padEnd(frac, "0").slice(0, frac);
  }
  if (intPart === "") intPart = "0";
  return fracPart.length > 0 || alt ? `${intPart}.${fracPart}` : intPart;
}

/** Python's '%.{p}f' of |v|. */
export function formatFixed(v: number, p: number, alt = false): string {
  const d = digitsOf(v, true);
  let r = roundDigits(d, d.decpt + p);
  if (r.digits === "") r = { digits: "0", decpt: 1 };
  return fixedLayout(r, p, alt);
}

/** Python's '%.{p}e' of |v|. */
export function formatExp(v: number, p: number, alt = false): string {
  const r = roundDigits(digitsOf(v, true), p + 1);
  const exp = Math.abs(v) === 0 ? 0 : r.decpt - 1;
  const rest = r.digits.slice(1);
  return r.digits[0] + (rest || alt ? "." + rest : "") + expSuffix(exp);
}

/**
 * Python's 'g' family and repr of |v|.
 * - mode "g": p significant digits, trailing zeros dropped unless `alt`.
 * - mode "r": repr's shortest digits (p ignored).
 * `addDot0` is CPython's flag for repr and for the empty presentation type: an integral
 * fixed-point result gets ".0", and with 'g' the switch to exponent comes one digit earlier.
 */
export function formatGeneral(v: number, mode: "g" | "r", p: number, alt: boolean, addDot0: boolean): string {
  let d: Digits;
  let useExp: boolean;
  if (mode === "r") {
    d = digitsOf(v, false);
    useExp = d.decpt <= -4 || d.decpt > 16;
  } else {
    if (p === 0) p = 1;
    d = roundDigits(digitsOf(v, true), p);
    if (Math.abs(v) === 0) d = { digits: "0".repeat(p), decpt: 1 };
    useExp = d.decpt <= -4 || d.decpt > (addDot0 ? p - 1 : p);
    if (!alt) d = { digits: d.digits.replace(/(?<=.)0+$/, ""), decpt: d.decpt };
  }
  const { digits, decpt } = d;
  if (useExp) {
    const rest = digits.slice(1);
    return digits[0] + (rest || alt ? "." + rest : "") + expSuffix(Math.abs(v) === 0 ? 0 : decpt - 1);
  }
  if (decpt <= 0) return "0." + "0".repeat(-decpt) + digits;
  if (decpt >= digits.length) {
    const int = digits + "0".repeat(decpt - digits.length);
    return int + (addDot0 ? ".0" : alt ? "." : "");
  }
  return digits.slice(0, decpt) + "." + digits.slice(decpt);
}

/** repr() of a Python float. */
export function floatRepr(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  const neg = v < 0 || Object.is(v, -0);
  return (neg ? "-" : "") + formatGeneral(v, "r", 0, false, true);
}

/**
 * Python's round(v, n) for a float: the exact value rounded half-to-even at 10^-n, read back
 * as the nearest double. Returns ±Infinity only when the rounded value overflows.
 */
export function roundFloat(v: number, n: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const d = exactDigits(Math.abs(v));
  const r = roundDigits(d, d.decpt + n);
  const sign = v < 0 ? -1 : 1;
  if (r.digits === "") return sign * 0;
  return sign * Number(`0.${r.digits}e${r.decpt}`);
}
