// Python's format-spec mini-language: format(value, spec), here `fmt(value, spec)`.
//
//   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
//
// Objects with __format__ format themselves; numbers and strings follow int.__format__,
// float.__format__ and str.__format__ (Python 3.11), errors included.

import { TypeError_, ValueError, OverflowError } from "./exceptions.ts";
import { formatExp, formatFixed, formatGeneral } from "./float_digits.ts";
import { isFloatValue, PyFloat } from "./pyfloat.ts";
import { pyStr, typeName } from "./repr.ts";

export interface FormatSpec {
  fill: string;
  fillGiven: boolean;
  align: "<" | ">" | "^" | "=" | null;
  sign: "+" | "-" | " " | null;
  z: boolean;
  alt: boolean;
  width: number;
  grouping: "," | "_" | null;
  precision: number | null;
  type: string | null;
}

const ALIGNS = "<>^=";

/** Parse a spec; `kind` is the Python type name used in error messages. */
export function parseSpec(spec: string, kind: string): FormatSpec {
  const cps = [...spec];
  let i = 0;
  const out: FormatSpec = {
    fill: " ",
    fillGiven: false,
    align: null,
    sign: null,
    z: false,
    alt: false,
    width: -1,
    grouping: null,
    precision: null,
    type: null,
  };
  if (cps.length >= 2 && ALIGNS.includes(cps[1])) {
    out.fill = cps[0];
    out.fillGiven = true;
    out.align = cps[1] as FormatSpec["align"];
    i = 2;
  } else if (cps.length >= 1 && ALIGNS.includes(cps[0])) {
    out.align = cps[0] as FormatSpec["align"];
    i = 1;
  }
  if (cps[i] === "+" || cps[i] === "-" || cps[i] === " ") out.sign = cps[i++] as FormatSpec["sign"];
  if (cps[i] === "z") {
    out.z = true;
    i++;
  }
  if (cps[i] === "#") {
    out.alt = true;
    i++;
  }
  // A '0' before the width means zero padding, sign-aware ('=') unless an alignment was given.
  if (!out.fillGiven && cps[i] === "0") {
    out.fill = "0";
    if (out.align === null) out.align = kind === "str" ? "<" : "=";
    out.fillGiven = true;
    i++;
  }
  let w = "";
  while (i < cps.length && cps[i] >= "0" && cps[i] <= "9") w += cps[i++];
  if (w) out.width = Number(w);
  if (cps[i] === "," || cps[i] === "_") {
    out.grouping = cps[i++] as "," | "_";
    if (cps[i] === "," || cps[i] === "_") {
      throw new ValueError(out.grouping !== cps[i] ? "Cannot specify both ',' and '_'." : `Cannot specify '${cps[i]}' with '${cps[i]}'.`);
    }
  }
  if (cps[i] === ".") {
    i++;
    let p = "";
    while (i < cps.length && cps[i] >= "0" && cps[i] <= "9") p += cps[i++];
    if (!p) throw new ValueError("Format specifier missing precision");
    out.precision = Number(p);
  }
  if (cps.length - i > 1) throw new ValueError(`Invalid format specifier '${spec}' for object of type '${kind}'`);
  if (i < cps.length) out.type = cps[i];
  if (out.grouping && out.type === "n") throw new ValueError(`Cannot specify '${out.grouping}' with 'n'.`);
  return out;
}

/** Pad `body` to the spec's width; '=' puts the padding between `lead` (sign/prefix) and body. */
function align(spec: FormatSpec, lead: string, body: string, defaultAlign: "<" | ">"): string {
  const len = [...lead].length + [...body].length;
  const pad = Math.max(0, spec.width - len);
  const a = spec.align ?? defaultAlign;
  const fill = (n: number) => spec.fill.repeat(n);
  switch (a) {
    case "<":
      return lead + body + fill(pad);
    case ">":
      return fill(pad) + lead + body;
    case "^":
      return fill(pad >> 1) + lead + body + fill(pad - (pad >> 1));
    default:
      return lead + fill(pad) + body;
  }
}

/**
 * Insert separators every `group` digits from the right. With `minWidth` > 0 (zero padding
 * with '='), leading zeros and separators are added until the grouped digits fill it, as
 * CPython does ('010,' of 1234 is '00,001,234'): a separator is never first.
 */
export function groupDigits(digits: string, group: number, sep: string, minWidth: number): string {
  const parts: string[] = [];
  let remaining = digits.length;
  let width = minWidth;
  for (;;) {
    const len = Math.min(group, Math.max(remaining, width, 1));
    const take = Math.min(remaining, len);
    parts.unshift("0".repeat(len - take) + digits.slice(remaining - take, remaining));
    remaining -= take;
    width -= len;
    if (remaining <= 0 && width <= 0) break;
    width -= sep.length;
  }
  return parts.join(sep);
}

/** Lay out a number: sign, prefix, integer digits (grouped), and the rest (".5e+01", "%"). */
function layoutNumber(spec: FormatSpec, negative: boolean, prefix: string, intDigits: string, rest: string, groupSize: number): string {
  const sign = negative ? "-" : spec.sign === "+" ? "+" : spec.sign === " " ? " " : "";
  const lead = sign + prefix;
  let body = intDigits;
  const zeroPad = spec.fill === "0" && spec.align === "=";
  const minWidth = zeroPad ? spec.width - lead.length - [...rest].length : 0;
  if (spec.grouping) {
    body = groupDigits(intDigits, groupSize, spec.grouping, minWidth);
  }
  return align(spec, lead, body + rest, ">");
}

function unknownCode(type: string, kind: string): never {
  throw new ValueError(`Unknown format code '${type}' for object of type '${kind}'`);
}

/** int.__format__ for a bigint value. */
export function formatInt(v: bigint, specText: string, kind = "int"): string {
  const spec = parseSpec(specText, kind);
  const t = spec.type;
  if (t !== null && "eEfFgG%".includes(t)) {
    const f = Number(v);
    if (!Number.isFinite(f)) throw new OverflowError("int too large to convert to float");
    return formatFloatSpec(f, spec, kind);
  }
  if (t !== null && !"bcdoxXn".includes(t)) unknownCode(t, kind);
  if (spec.precision !== null) throw new ValueError("Precision not allowed in integer format specifier");
  if (spec.z) throw new ValueError("Negative zero coercion (z) not allowed in integer format specifier");
  const negative = v < 0n;
  const a = negative ? -v : v;
  if (t === "c") {
    if (spec.sign) throw new ValueError("Sign not allowed with integer format specifier 'c'");
    if (spec.alt) throw new ValueError("Alternate form (#) not allowed with integer format specifier 'c'");
    if (spec.grouping) throw new ValueError(`Cannot specify '${spec.grouping}' with 'c'.`);
    if (v < 0n || v > 0x10ffffn) throw new OverflowError("%c arg not in range(0x110000)");
    return align(spec, "", String.fromCodePoint(Number(v)), "<");
  }
  let digits: string;
  let prefix = "";
  let group = 3;
  switch (t) {
    case "b":
    case "o":
    case "x":
    case "X":
      if (spec.grouping === ",") throw new ValueError(`Cannot specify ',' with '${t}'.`);
      digits = a.toString(t === "b" ? 2 : t === "o" ? 8 : 16);
      if (t === "X") digits = digits.toUpperCase();
      if (spec.alt) prefix = "0" + t;
      group = 4;
      break;
    default:
      digits = a.toString();
  }
  return layoutNumber(spec, negative, prefix, digits, "", group);
}

/** float.__format__ for a number (`kind` names the type for messages: 'float' or 'int'). */
export function formatFloat(v: number, specText: string): string {
  return formatFloatSpec(v, parseSpec(specText, "float"), "float");
}

function formatFloatSpec(v: number, spec: FormatSpec, kind: string): string {
  let t = spec.type;
  if (t !== null && !"eEfFgGn%".includes(t)) unknownCode(t, kind);
  if (spec.grouping === "_" && t === "n") throw new ValueError("Cannot specify '_' with 'n'.");
  const upper = t !== null && "EFG".includes(t);
  // '%' scales first: 1e308 at '%' is 'inf%', as in CPython.
  if (t === "%") v *= 100;
  let negative = v < 0 || Object.is(v, -0);
  const x = Math.abs(v);
  let rest = "";
  let text: string;
  if (Number.isNaN(v)) {
    negative = false;
    text = upper ? "NAN" : "nan";
  } else if (!Number.isFinite(v)) {
    text = upper ? "INF" : "inf";
  } else {
    const p = spec.precision;
    switch (t) {
      case "e":
      case "E":
        text = formatExp(x, p ?? 6, spec.alt);
        break;
      case "f":
      case "F":
        text = formatFixed(x, p ?? 6, spec.alt);
        break;
      case "%":
        text = formatFixed(x, p ?? 6, spec.alt);
        break;
      case "g":
      case "G":
      case "n":
        text = formatGeneral(x, "g", p ?? 6, spec.alt, false);
        break;
      default:
        // No type: repr without precision, else 'g' that keeps a ".0" on integral results.
        text = p === null ? formatGeneral(x, "r", 0, spec.alt, true) : formatGeneral(x, "g", p, spec.alt, true);
    }
    if (upper) text = text.toUpperCase();
    // 'z' turns a negative zero result (e.g. -0.0001 at '.2f') into a positive zero.
    if (spec.z && negative && !/[1-9]/.test(text.replace(/[eE][-+]\d+$/, ""))) negative = false;
  }
  if (t === "%") text += "%";
  if (Number.isNaN(v) || !Number.isFinite(v)) {
    // No digits to group: 'inf' is padded like any body ('010,' gives '0000000inf').
    return layoutNumber({ ...spec, grouping: null }, negative, "", "", text, 3);
  }
  // Split the integer digits (grouped) from the rest: ".25", "e+07", "%".
  const m = /^(\d*)(.*)$/s.exec(text)!;
  return layoutNumber(spec, negative, "", m[1], m[2], 3);
}

/** str.__format__. */
export function formatStr(s: string, specText: string): string {
  const spec = parseSpec(specText, "str");
  if (spec.type !== null && spec.type !== "s") unknownCode(spec.type, "str");
  if (spec.sign) throw new ValueError("Sign not allowed in string format specifier");
  if (spec.alt) throw new ValueError("Alternate form (#) not allowed in string format specifier");
  if (spec.z) throw new ValueError("Negative zero coercion (z) not allowed in format specifier");
  if (spec.align === "=") throw new ValueError("'=' alignment not allowed in string format specifier");
  if (spec.grouping) throw new ValueError(`Cannot specify '${spec.grouping}' with 's'.`);
  let body = s;
  if (spec.precision !== null) body = [...s].slice(0, spec.precision).join("");
  return align(spec, "", body, "<");
}

/**
 * Python's builtin format(value, spec): __format__ if the value has one, else by its Python
 * type (int, float, bool, str); anything else only takes the empty spec.
 */
export function fmt(value: unknown, spec = ""): string {
  const o = value as any;
  if (o !== null && (typeof o === "object" || typeof o === "function") && typeof o.__format__ === "function") {
    return String(o.__format__(spec));
  }
  if (typeof value === "string" || value instanceof String) return formatStr(String(value), spec);
  if (typeof value === "bigint") return formatInt(value, spec);
  if (typeof value === "boolean" || value instanceof Boolean) {
    // bool.__format__ is int's, except that the empty spec gives str(): 'True'.
    return spec === "" ? pyStr(value) : formatInt(value.valueOf() ? 1n : 0n, spec, "bool");
  }
  if (typeof value === "number" || value instanceof Number) {
    const v = Number(value);
    if (isFloatValue(value) || value instanceof PyFloat) return formatFloat(v, spec);
    return formatInt(BigInt(v), spec);
  }
  if (spec === "") return pyStr(value);
  throw new TypeError_(`unsupported format string passed to ${typeName(value)}.__format__`);
}
