// numpy 1.x (legacy=False) array printing: array2string, str(ndarray) and
// repr(ndarray), for float, integer and bool arrays.
//
// Rules reproduced from numpy's arrayprint: FloatingFormat picks exponential
// mode from the visible finite non-zero values (max >= 1e8, min < 1e-4 or
// max/min > 1000), prints every value with the shortest digits that identify
// it in its own dtype (so float32 and float64 differ), cut at `precision`
// digits ("maxprec"), trims trailing zeros but keeps the ".", and pads all
// values to common left/right widths so the decimal points line up.

import { decompose, dragon4, type FloatBits, type FloatParts } from "./dragon4.ts";
import type { ElementKind } from "./torch_formatter.ts";
import { pyIntStr } from "./pyformat.ts";
import { allValues, edgeIndices, makeView, numelOf, pyTupleStr, scalarOf, subView, visibleValues, type NdView } from "./ndview.ts";

export type FloatMode = "fixed" | "unique" | "maxprec" | "maxprec_equal";
type Trim = "k" | "." | "0" | "-";

// ---------------------------------------------------------------- dragon4 text

interface PosArgs {
  precision: number; // -1: none
  minDigits: number; // -1: none
  unique: boolean;
  fractional: boolean;
  trim: Trim;
  sign: boolean; // print '+' for positive values
  padLeft: number; // -1: none
  padRight: number; // -1: none
}

function nonFiniteText(p: FloatParts, sign: boolean): string {
  if (p.kind === "nan") return "nan";
  return (p.negative ? "-" : sign ? "+" : "") + "inf";
}

/** numpy's format_float_positional on a decomposed float */
export function positional(p: FloatParts, a: PosArgs): string {
  if (p.kind !== "finite") return nonFiniteText(p, a.sign);
  const signStr = p.negative ? "-" : a.sign ? "+" : "";
  const { digits, exp } = dragon4(p, a.unique ? "unique" : "exact", a.fractional ? "fraction" : "total", a.precision, a.minDigits);
  let s: string;
  let whole: number;
  let frac: number;
  if (exp >= 0) {
    whole = exp + 1;
    if (digits.length <= whole) {
      s = digits + "0".repeat(whole - digits.length);
      frac = 0;
    } else {
      s = digits.slice(0, whole) + "." + digits.slice(whole);
      frac = digits.length - whole;
    }
  } else {
    const zeros = -(exp + 1);
    s = "0." + "0".repeat(zeros) + digits;
    frac = zeros + digits.length;
    whole = 1;
  }
  if (a.trim !== "-" && frac === 0) s += ".";
  const addDigits = a.unique ? a.minDigits : a.precision;
  let desiredFrac = addDigits < 0 ? 0 : addDigits;
  if (!a.fractional) desiredFrac = addDigits - whole;
  if (a.trim === "0") {
    if (frac === 0) {
      s += "0";
      frac++;
    }
  } else if (a.trim === "k" && desiredFrac > frac) {
    s += "0".repeat(desiredFrac - frac);
    frac = desiredFrac;
  }
  // rounding can leave trailing zeros; drop them unless trim is 'k'
  if (a.trim !== "k" && frac > 0) {
    while (s.endsWith("0")) {
      s = s.slice(0, -1);
      frac--;
    }
    if (s.endsWith(".")) {
      if (a.trim === "0") {
        s += "0";
        frac++;
      } else if (a.trim === "-") s = s.slice(0, -1);
    }
  }
  if (a.padRight >= frac) {
    if (a.trim === "-" && frac === 0) s += " ";
    s += " ".repeat(a.padRight - frac);
  }
  s = signStr + s;
  const hasSign = signStr.length;
  if (a.padLeft > whole + hasSign) s = " ".repeat(a.padLeft - whole - hasSign) + s;
  return s;
}

interface SciArgs {
  precision: number;
  minDigits: number;
  unique: boolean;
  trim: Trim;
  sign: boolean;
  padLeft: number;
  expDigits: number; // -1: at least 2
}

/** numpy's format_float_scientific on a decomposed float */
export function scientific(p: FloatParts, a: SciArgs): string {
  if (p.kind !== "finite") return nonFiniteText(p, a.sign);
  const signStr = p.negative ? "-" : a.sign ? "+" : "";
  let s = "";
  const leftChars = 1 + signStr.length;
  if (a.padLeft > leftChars) s += " ".repeat(a.padLeft - leftChars);
  s += signStr;
  const { digits, exp } = dragon4(
    p,
    a.unique ? "unique" : "exact",
    "total",
    a.precision < 0 ? -1 : a.precision + 1,
    a.minDigits < 0 ? -1 : a.minDigits + 1,
  );
  let body = digits[0]!;
  let frac = digits.length - 1;
  if (frac > 0) body += "." + digits.slice(1);
  if (a.trim !== "-" && frac === 0) body += ".";
  let addDigits = a.unique ? a.minDigits : a.precision;
  if (addDigits < 0) addDigits = 0;
  if (a.trim === "0") {
    if (frac === 0) {
      body += "0";
      frac++;
    }
  } else if (a.trim === "k" && addDigits > frac) {
    body += "0".repeat(addDigits - frac);
    frac = addDigits;
  }
  if (a.trim !== "k" && frac > 0) {
    while (body.endsWith("0")) {
      body = body.slice(0, -1);
      frac--;
    }
    if (a.trim === "0" && body.endsWith(".")) {
      body += "0";
      frac++;
    }
  }
  const printExp = digits === "0" ? 0 : exp;
  const expDigits = a.expDigits < 0 ? 2 : Math.min(a.expDigits, 5);
  const ae = String(Math.abs(printExp)).padStart(expDigits, "0");
  return s + body + "e" + (printExp < 0 ? "-" : "+") + ae;
}

// ---------------------------------------------------------------- element formats

export interface NumpyFloatOptions {
  precision: number;
  floatmode: FloatMode;
  suppress: boolean;
  sign: "-" | "+" | " ";
}

/** numpy's FloatingFormat: common layout decided from all visible values */
export class FloatingFormat {
  private readonly bits: FloatBits;
  private readonly floatmode: FloatMode;
  private readonly sign: "-" | "+" | " ";
  private precision: number;
  private expFormat = false;
  private padLeft = 0;
  private padRight = 0;
  private trim: Trim = ".";
  private expSize = -1;
  private unique = true;
  private minDigits = -1;

  constructor(data: readonly number[], bits: FloatBits, o: NumpyFloatOptions) {
    this.bits = bits;
    this.floatmode = o.floatmode;
    this.sign = o.sign;
    this.precision = o.floatmode === "unique" ? -1 : o.precision;
    this.fill(data, o.suppress);
  }

  private fill(data: readonly number[], suppress: boolean): void {
    const bits = this.bits;
    const finite = data.filter((v) => Number.isFinite(v));
    const absNonZero = finite.filter((v) => v !== 0).map((v) => Math.abs(v));
    if (absNonZero.length > 0) {
      let max = 0;
      let min = Infinity;
      for (const a of absNonZero) {
        if (a > max) max = a;
        if (a < min) min = a;
      }
      // max/min is a division of two array scalars, so float32 arrays divide in float32
      const ratio = bits === 32 ? Math.fround(max / min) : max / min;
      if (max >= 1e8 || (!suppress && (min < 0.0001 || ratio > 1000))) this.expFormat = true;
    }
    const plus = this.sign === "+";
    if (finite.length === 0) {
      this.padLeft = 0;
      this.padRight = 0;
      this.trim = ".";
      this.expSize = -1;
      this.unique = true;
      this.minDigits = -1;
    } else if (this.expFormat) {
      const fixed = this.floatmode === "fixed";
      const trim: Trim = fixed ? "k" : ".";
      const unique = !fixed;
      let intLen = 0;
      let fracLen = 0;
      let expLen = 0;
      for (const v of finite) {
        const s = scientific(decompose(v, bits), { precision: this.precision, minDigits: -1, unique, trim, sign: plus, padLeft: -1, expDigits: -1 });
        const [mant, ex] = s.split("e") as [string, string];
        const [ip, fp] = mant.split(".") as [string, string];
        intLen = Math.max(intLen, ip.length);
        fracLen = Math.max(fracLen, fp.length);
        expLen = Math.max(expLen, ex.length);
      }
      this.expSize = expLen - 1;
      this.trim = "k";
      this.precision = fracLen;
      this.minDigits = fracLen;
      this.unique = unique;
      this.padLeft = intLen;
      this.padRight = this.expSize + 2 + this.precision;
    } else {
      const fixed = this.floatmode === "fixed";
      const trim: Trim = fixed ? "k" : ".";
      const unique = !fixed;
      let intLen = 0;
      let fracLen = 0;
      for (const v of finite) {
        const s = positional(decompose(v, bits), { precision: this.precision, minDigits: -1, unique, fractional: true, trim, sign: plus, padLeft: -1, padRight: -1 });
        const [ip, fp] = s.split(".") as [string, string];
        intLen = Math.max(intLen, ip.length);
        fracLen = Math.max(fracLen, fp.length);
      }
      this.padLeft = intLen;
      this.padRight = fracLen;
      this.expSize = -1;
      this.unique = unique;
      if (this.floatmode === "fixed" || this.floatmode === "maxprec_equal") {
        this.precision = this.minDigits = this.padRight;
        this.trim = "k";
      } else {
        this.trim = ".";
        this.minDigits = 0;
      }
    }
    if (this.sign === " " && !finite.some((v) => v < 0 || Object.is(v, -0))) this.padLeft += 1;
    if (data.length !== finite.length) {
      const neginf = this.sign !== "-" || data.some((v) => v === -Infinity);
      const offset = this.padRight + 1; // +1 for the decimal point
      this.padLeft = Math.max(this.padLeft, 3 - offset, 3 + (neginf ? 1 : 0) - offset);
    }
  }

  format(x: number): string {
    if (!Number.isFinite(x)) {
      let ret: string;
      if (Number.isNaN(x)) ret = (this.sign === "+" ? "+" : "") + "nan";
      else ret = (x < 0 ? "-" : this.sign === "+" ? "+" : "") + "inf";
      return ret.padStart(this.padLeft + this.padRight + 1, " ");
    }
    const p = decompose(x, this.bits);
    const plus = this.sign === "+";
    if (this.expFormat) {
      return scientific(p, { precision: this.precision, minDigits: this.minDigits, unique: this.unique, trim: this.trim, sign: plus, padLeft: this.padLeft, expDigits: this.expSize });
    }
    return positional(p, {
      precision: this.precision,
      minDigits: this.minDigits,
      unique: this.unique,
      fractional: true,
      trim: this.trim,
      sign: plus,
      padLeft: this.padLeft,
      padRight: this.padRight,
    });
  }
}

/** numpy's IntegerFormat: right-aligned to the longer of str(max), str(min) */
class IntegerFormat {
  private readonly width: number;
  constructor(data: readonly number[]) {
    if (data.length === 0) {
      this.width = 0;
      return;
    }
    let max = -Infinity;
    let min = Infinity;
    for (const v of data) {
      if (v > max) max = v;
      if (v < min) min = v;
    }
    this.width = Math.max(pyIntStr(max).length, pyIntStr(min).length);
  }
  format(x: number): string {
    return pyIntStr(x).padStart(this.width, " ");
  }
}

/** numpy's BoolFormat: " True" lines up with "False", except in 0-d arrays */
class BoolFormat {
  private readonly trueStr: string;
  constructor(zeroDim: boolean) {
    this.trueStr = zeroDim ? "True" : " True";
  }
  format(x: number): string {
    return x ? this.trueStr : "False";
  }
}

interface ElementFormat {
  format(x: number): string;
}

// ---------------------------------------------------------------- layout

function extendLine(s: string, line: string, word: string, lineWidth: number, nextLinePrefix: string): [string, string] {
  let needsWrap = line.length + word.length > lineWidth;
  // don't wrap lines if it won't help
  if (line.length <= nextLinePrefix.length) needsWrap = false;
  if (needsWrap) {
    s += line.trimEnd() + "\n";
    line = nextLinePrefix;
  }
  return [s, line + word];
}

function formatArray(
  a: NdView,
  fmt: ElementFormat,
  lineWidth: number,
  nextLinePrefix: string,
  separator: string,
  edgeItems: number,
  summaryInsert: string,
): string {
  const sepStripped = separator.trimEnd();
  const recurse = (v: NdView, hangingIndent: string, currWidth: number): string => {
    const axesLeft = v.shape.length;
    if (axesLeft === 0) return fmt.format(scalarOf(v));
    const nextHanging = hangingIndent + " ";
    const nextWidth = currWidth - 1; // room for the closing ']'
    const n = v.shape[0]!;
    const showSummary = summaryInsert !== "" && 2 * edgeItems < n;
    let lead: number[];
    let trail: number[];
    if (showSummary) {
      const e = edgeIndices(n, edgeItems);
      lead = e.head;
      trail = e.tail;
    } else {
      lead = [];
      trail = Array.from({ length: n }, (_, i) => i);
    }
    let s = "";
    if (axesLeft === 1) {
      const elemWidth = currWidth - Math.max(sepStripped.length, 1);
      let line = hangingIndent;
      for (const i of lead) {
        const word = recurse(subView(v, i), nextHanging, nextWidth);
        [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
        line += separator;
      }
      if (showSummary) {
        [s, line] = extendLine(s, line, summaryInsert, elemWidth, hangingIndent);
        line += separator;
      }
      for (let k = 0; k < trail.length; k++) {
        const word = recurse(subView(v, trail[k]!), nextHanging, nextWidth);
        [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
        if (k < trail.length - 1) line += separator;
      }
      s += line;
    } else {
      const lineSep = sepStripped + "\n".repeat(axesLeft - 1);
      for (const i of lead) s += hangingIndent + recurse(subView(v, i), nextHanging, nextWidth) + lineSep;
      if (showSummary) s += hangingIndent + summaryInsert + lineSep;
      for (let k = 0; k < trail.length; k++) {
        s += hangingIndent + recurse(subView(v, trail[k]!), nextHanging, nextWidth);
        if (k < trail.length - 1) s += lineSep;
      }
    }
    return "[" + s.slice(hangingIndent.length) + "]";
  };
  return recurse(a, nextLinePrefix, lineWidth);
}

// ---------------------------------------------------------------- public API

export interface NumpyPrintOptions {
  /** numpy dtype name; decides float32 vs float64 digits and repr's dtype= */
  dtypeName?: string;
  /** "array2string" (default), "str" (print(arr)) or "repr" (array([...])) */
  mode?: "array2string" | "str" | "repr";
  precision?: number;
  threshold?: number;
  edgeitems?: number;
  /** max_line_width; numpy's default is 75 */
  linewidth?: number;
  suppress?: boolean;
  floatmode?: FloatMode;
  sign?: "-" | "+" | " ";
  /** array2string only (str uses " ", repr uses ", ") */
  separator?: string;
  /** array2string only: text the caller prints before the array (sets the hanging indent) */
  prefix?: string;
  /** array2string only: text the caller prints after the array (shortens the line width) */
  suffix?: string;
}

const NUMPY_DEFAULTS = {
  precision: 8,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 75,
  suppress: false,
  floatmode: "maxprec" as FloatMode,
  sign: "-" as "-" | "+" | " ",
};

function defaultDtype(kind: ElementKind): string {
  return kind === "float" ? "float64" : kind === "int" ? "int64" : "bool";
}

function floatBits(dtypeName: string): FloatBits {
  // float16 prints through its own (shorter) digits in numpy; float32 is the closest we model
  return dtypeName === "float64" || dtypeName === "double" ? 64 : 32;
}

function array2stringImpl(
  values: ArrayLike<number>,
  shape: readonly number[],
  kind: ElementKind,
  dtypeName: string,
  o: typeof NUMPY_DEFAULTS,
  separator: string,
  prefix: string,
  suffix: string,
): string {
  const lineWidth = o.linewidth - suffix.length;
  const size = numelOf(shape);
  if (size === 0) return "[]";
  const view = makeView(values, shape);
  const summarize = size > o.threshold;
  const data = summarize ? visibleValues(view, o.edgeitems) : allValues(view);
  let fmt: ElementFormat;
  if (kind === "bool") fmt = new BoolFormat(shape.length === 0);
  else if (kind === "int") fmt = new IntegerFormat(data);
  else fmt = new FloatingFormat(data, floatBits(dtypeName), o);
  const nextLinePrefix = " " + " ".repeat(prefix.length);
  return formatArray(view, fmt, lineWidth, nextLinePrefix, separator, o.edgeitems, summarize ? "..." : "");
}

/** str() of a numpy scalar (what str() of a 0-d array prints) */
export function numpyScalarStr(x: number, kind: ElementKind, dtypeName?: string): string {
  if (kind === "bool") return x ? "True" : "False";
  if (kind === "int") return pyIntStr(x);
  const bits = floatBits(dtypeName ?? "float64");
  if (bits === 32) x = Math.fround(x);
  const p = decompose(x, bits);
  if (p.kind !== "finite") return p.kind === "nan" ? "nan" : p.negative ? "-inf" : "inf";
  // the magnitude test compares the dtype's value widened to double
  const a = Math.abs(x);
  if (a === 0 || (a >= 1e-4 && a < 1e16)) {
    return positional(p, { precision: -1, minDigits: -1, unique: true, fractional: true, trim: "0", sign: false, padLeft: -1, padRight: -1 });
  }
  return scientific(p, { precision: -1, minDigits: -1, unique: true, trim: "-", sign: false, padLeft: -1, expDigits: -1 });
}

// dtypes whose repr omits dtype= (numpy's _typelessdata on 64-bit Linux)
const IMPLIED = new Set(["int64", "float64", "complex128", "bool"]);

/**
 * numpy's array2string / str(ndarray) / repr(ndarray) for float, int and bool
 * arrays. `values` are row-major; bool as 0/1.
 */
export function formatNumpyArray(
  values: ArrayLike<number>,
  shape: readonly number[],
  kind: ElementKind,
  opts: NumpyPrintOptions = {},
): string {
  const o = {
    precision: opts.precision ?? NUMPY_DEFAULTS.precision,
    threshold: opts.threshold ?? NUMPY_DEFAULTS.threshold,
    edgeitems: opts.edgeitems ?? NUMPY_DEFAULTS.edgeitems,
    linewidth: opts.linewidth ?? NUMPY_DEFAULTS.linewidth,
    suppress: opts.suppress ?? NUMPY_DEFAULTS.suppress,
    floatmode: opts.floatmode ?? NUMPY_DEFAULTS.floatmode,
    sign: opts.sign ?? NUMPY_DEFAULTS.sign,
  };
  const dtypeName = opts.dtypeName ?? defaultDtype(kind);
  const vals = kind === "float" && floatBits(dtypeName) === 32 ? Float32Array.from(values as ArrayLike<number>) : values;
  const mode = opts.mode ?? "array2string";
  if (mode === "array2string") {
    return array2stringImpl(vals, shape, kind, dtypeName, o, opts.separator ?? " ", opts.prefix ?? "", opts.suffix ?? "");
  }
  if (mode === "str") {
    if (shape.length === 0) return numpyScalarStr(vals[0]!, kind, dtypeName);
    return array2stringImpl(vals, shape, kind, dtypeName, o, " ", "", "");
  }
  // repr
  const size = numelOf(shape);
  const skipDtype = IMPLIED.has(dtypeName) && size > 0;
  const prefix = "array(";
  const suffix = skipDtype ? ")" : ",";
  let lst: string;
  if (size > 0 || (shape.length === 1 && shape[0] === 0)) {
    lst = array2stringImpl(vals, shape, kind, dtypeName, o, ", ", prefix, suffix);
  } else {
    lst = "[], shape=" + pyTupleStr(shape);
  }
  const arrStr = prefix + lst + suffix;
  if (skipDtype) return arrStr;
  const dtypeStr = `dtype=${dtypeName})`;
  const lastLineLen = arrStr.length - (arrStr.lastIndexOf("\n") + 1);
  const spacer = lastLineLen + dtypeStr.length + 1 > o.linewidth ? "\n" + " ".repeat(prefix.length) : " ";
  return arrStr + spacer + dtypeStr;
}
