// Exact binary-to-decimal digit generation (the Dragon4 / Burger-Dybvig scheme).
//
// Both Python's '%.4f' / '%.4e' and numpy's array printing are defined on the
// exact binary value of a float, with round-half-even on that exact value.
// JS toFixed/toExponential round ties away from zero, and nothing in JS gives
// the shortest digits of a float32, so we generate digits ourselves with BigInt.
// The control flow follows the algorithm numpy documents for its dragon4.c
// (digit-exponent estimate, unique/exact modes, min/max cutoffs, final
// round-half-even with carry), because numpy's output depends on its details.

export type FloatBits = 32 | 64;

/** A finite float as mantissa * 2^exponent, plus what Dragon4 needs to know about its neighbours. */
export interface FloatParts {
  negative: boolean;
  /** "finite", "nan" or "inf" (sign in `negative`). */
  kind: "finite" | "nan" | "inf";
  mantissa: bigint;
  exponent: number;
  /** index of the highest set bit of the mantissa */
  mantissaBit: number;
  /** the gap to the next float above is twice the gap below (exact powers of two) */
  unequalMargins: boolean;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function log2Floor(m: bigint): number {
  return m.toString(2).length - 1;
}

/** Split a JS number, viewed as float32 or float64, into Dragon4's inputs. */
export function decompose(x: number, bits: FloatBits): FloatParts {
  let negative: boolean;
  let rawExp: number;
  let frac: bigint;
  let fracBits: number;
  let bias: number;
  let expMax: number;
  if (bits === 32) {
    f32[0] = x;
    const w = u32[0]!;
    negative = (w >>> 31) !== 0;
    rawExp = (w >>> 23) & 0xff;
    frac = BigInt(w & 0x7fffff);
    fracBits = 23;
    bias = 127;
    expMax = 0xff;
  } else {
    f64[0] = x;
    const w = u64[0]!;
    negative = (w >> 63n) !== 0n;
    rawExp = Number((w >> 52n) & 0x7ffn);
    frac = w & 0xfffffffffffffn;
    fracBits = 52;
    bias = 1023;
    expMax = 0x7ff;
  }
  if (rawExp === expMax) {
    return { negative, kind: frac === 0n ? "inf" : "nan", mantissa: 0n, exponent: 0, mantissaBit: 0, unequalMargins: false };
  }
  if (rawExp !== 0) {
    return {
      negative,
      kind: "finite",
      mantissa: (1n << BigInt(fracBits)) | frac,
      exponent: rawExp - bias - fracBits,
      mantissaBit: fracBits,
      unequalMargins: rawExp !== 1 && frac === 0n,
    };
  }
  // subnormal (or zero)
  return {
    negative,
    kind: "finite",
    mantissa: frac,
    exponent: 1 - bias - fracBits,
    mantissaBit: frac === 0n ? 0 : log2Floor(frac),
    unequalMargins: false,
  };
}

export interface Digits {
  /** significant decimal digits, never empty ("0" for zero) */
  digits: string;
  /** base-10 exponent of the first digit: value = d.ddd * 10^exp */
  exp: number;
}

export type DigitMode = "unique" | "exact";
export type CutoffMode = "fraction" | "total";

const LOG10_2 = 0.30102999566398119521373889472449;
// numpy's Dragon4 buffer; only matters as the digit limit when no cutoff is given
const BUFFER_SIZE = 16384;

const pow10Cache: bigint[] = [1n];
function pow10(n: number): bigint {
  for (let i = pow10Cache.length; i <= n; i++) pow10Cache.push(pow10Cache[i - 1]! * 10n);
  return pow10Cache[n]!;
}

/**
 * Generate decimal digits of a finite float.
 * - unique: stop as soon as the digits identify the float among its neighbours
 *   (but not before cutoffMin), or at cutoffMax.
 * - exact: digits of the exact binary value, stopped at cutoffMax.
 * The last digit is rounded half-to-even on the remaining exact value.
 * cutoffMax/cutoffMin are digit counts (-1 = none): past the decimal point for
 * "fraction", significant digits for "total".
 */
export function dragon4(
  p: FloatParts,
  mode: DigitMode,
  cutoffMode: CutoffMode,
  cutoffMax: number,
  cutoffMin: number,
): Digits {
  const m = p.mantissa;
  const e = p.exponent;
  if (m === 0n) return { digits: "0", exp: 0 };

  // value = scaledValue / scale; margins are half the gap to the neighbours
  let scale: bigint;
  let value: bigint;
  let marginLow: bigint;
  const unequal = p.unequalMargins;
  if (unequal) {
    if (e > 0) {
      value = m << BigInt(e + 2);
      scale = 4n;
      marginLow = 1n << BigInt(e);
    } else {
      value = m << 2n;
      scale = 1n << BigInt(-e + 2);
      marginLow = 1n;
    }
  } else if (e > 0) {
    value = m << BigInt(e + 1);
    scale = 2n;
    marginLow = 1n << BigInt(e);
  } else {
    value = m << 1n;
    scale = 1n << BigInt(-e + 1);
    marginLow = 1n;
  }
  const high = (): bigint => (unequal ? marginLow * 2n : marginLow);
  const isEven = (m & 1n) === 0n;

  // estimate of floor(log10(v)) + 1; correct or one too low
  let digitExponent = Math.ceil((p.mantissaBit + e) * LOG10_2 - 0.69);
  if (cutoffMax >= 0 && cutoffMode === "fraction" && digitExponent <= -cutoffMax) {
    digitExponent = -cutoffMax + 1;
  }
  if (digitExponent > 0) {
    scale *= pow10(digitExponent);
  } else if (digitExponent < 0) {
    const pw = pow10(-digitExponent);
    value *= pw;
    marginLow *= pw;
  }
  if (value >= scale) {
    digitExponent += 1;
  } else {
    value *= 10n;
    marginLow *= 10n;
  }

  let cutoffMaxExp = digitExponent - BUFFER_SIZE;
  if (cutoffMax >= 0) {
    const want = cutoffMode === "total" ? digitExponent - cutoffMax : -cutoffMax;
    if (want > cutoffMaxExp) cutoffMaxExp = want;
  }
  let cutoffMinExp = digitExponent;
  if (cutoffMin >= 0) {
    const want = cutoffMode === "total" ? digitExponent - cutoffMin : -cutoffMin;
    if (want < cutoffMinExp) cutoffMinExp = want;
  }
  let outExp = digitExponent - 1;

  const out: number[] = [];
  let low = false;
  let hi = false;
  let digit: number;
  if (mode === "unique") {
    for (;;) {
      digitExponent -= 1;
      const q = value / scale;
      digit = Number(q);
      value -= q * scale;
      const cmpLow = value < marginLow ? -1 : value > marginLow ? 1 : 0;
      low = isEven ? cmpLow <= 0 : cmpLow < 0;
      const vh = value + high();
      const cmpHigh = vh < scale ? -1 : vh > scale ? 1 : 0;
      hi = isEven ? cmpHigh >= 0 : cmpHigh > 0;
      if (((low || hi) && digitExponent <= cutoffMinExp) || digitExponent === cutoffMaxExp) break;
      out.push(digit);
      value *= 10n;
      marginLow *= 10n;
    }
  } else {
    for (;;) {
      digitExponent -= 1;
      const q = value / scale;
      digit = Number(q);
      value -= q * scale;
      if (value === 0n || digitExponent === cutoffMaxExp) break;
      out.push(digit);
      value *= 10n;
    }
  }

  let roundDown = low;
  if (low === hi) {
    const twice = value * 2n;
    roundDown = twice < scale;
    if (twice === scale) roundDown = (digit & 1) === 0;
  }
  if (roundDown) {
    out.push(digit);
  } else if (digit < 9) {
    out.push(digit + 1);
  } else {
    // carry through trailing nines
    for (;;) {
      if (out.length === 0) {
        out.push(1);
        outExp += 1;
        break;
      }
      const last = out.pop()!;
      if (last !== 9) {
        out.push(last + 1);
        break;
      }
    }
  }
  return { digits: out.join(""), exp: outExp };
}
