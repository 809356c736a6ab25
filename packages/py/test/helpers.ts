// Decoding the JSON fixtures written by gen_fixtures.py.

import { readFileSync } from "node:fs";
import { markFloat, tuple } from "../src/index.ts";

export type Enc =
  | { float: string }
  | { int: string }
  | { str: string }
  | { bool: boolean }
  | { none: null }
  | { list: Enc[] }
  | { tuple: Enc[] }
  | { dict: [Enc, Enc][] };

export function loadCases<T>(name: string): T[] {
  const url = new URL(`./fixtures/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")).cases as T[];
}

/** Python's float.hex() text back to the exact double. */
export function parseHexFloat(s: string): number {
  if (s === "inf") return Infinity;
  if (s === "-inf") return -Infinity;
  if (s === "nan") return NaN;
  const m = /^(-?)0x([0-9a-f]+)(?:\.([0-9a-f]*))?p([-+]\d+)$/.exec(s);
  if (!m) throw new Error(`bad hex float ${s}`);
  const frac = m[3] ?? "";
  const mant = Number(BigInt("0x" + m[2] + frac)); // at most 53 bits: exact
  const v = mant * 2 ** (Number(m[4]) - 4 * frac.length);
  return m[1] ? -v : v;
}

/**
 * A fixture value as ported code would hold it. `floats`: "marked" makes every float a
 * PyFloat (what float(x) returns), "plain" keeps non-integral floats primitive numbers.
 * `ints`: "number" or "bigint".
 */
export function decode(e: Enc, opts: { floats?: "marked" | "plain"; ints?: "number" | "bigint" } = {}): unknown {
  const floats = opts.floats ?? "plain";
  if ("float" in e) {
    const v = parseHexFloat(e.float);
    const integral = Number.isInteger(v) || Object.is(v, -0);
    return floats === "marked" || integral ? markFloat(v) : v;
  }
  if ("int" in e) {
    const b = BigInt(e.int);
    if (opts.ints === "bigint" || !Number.isSafeInteger(Number(b))) return b;
    return Number(b);
  }
  if ("str" in e) return e.str;
  if ("bool" in e) return e.bool;
  if ("none" in e) return null;
  if ("list" in e) return e.list.map((x) => decode(x, opts));
  if ("tuple" in e) return tuple(e.tuple.map((x) => decode(x, opts)));
  if ("dict" in e) return Object.fromEntries(e.dict.map(([k, v]) => [decode(k, opts) as string, decode(v, opts)]));
  throw new Error("bad fixture value");
}

/** Run fn, giving its result or "!ErrorName: message" like the fixtures. */
export function attempt(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    const err = e as Error;
    return `!${err.name}: ${String((err as any).__str__ ? (err as any).__str__() : err.message)}`;
  }
}
