// CPython's own answers (fixtures/*.json from gen_fixtures.py) against ours.

import { describe, expect, it } from "vitest";
import {
  float, floatRepr, fmt, format, int, markFloat, print, captureOutput, range, repr, round, slice, str, len,
} from "../src/index.ts";
import { attempt, decode, type Enc, loadCases, parseHexFloat } from "./helpers.ts";

describe("float repr (float_repr.json)", () => {
  const cases = loadCases<{ value: { float: string }; repr: string; str: string }>("float_repr.json");
  it("has the cases", () => expect(cases.length).toBeGreaterThan(500));
  it.each(cases)("repr($repr)", (c) => {
    const v = parseHexFloat(c.value.float);
    expect(floatRepr(v)).toBe(c.repr);
    expect(repr(float(v))).toBe(c.repr);
    expect(str(float(v))).toBe(c.str);
    // A non-integral plain number is a float already.
    if (!Number.isInteger(v) && !Object.is(v, -0)) expect(str(v)).toBe(c.str);
  });
  it("print shows them as Python does", () => {
    const vals = cases.slice(0, 60).map((c) => markFloat(parseHexFloat(c.value.float)));
    const out = captureOutput(() => print(...vals));
    expect(out).toBe(cases.slice(0, 60).map((c) => c.str).join(" ") + "\n");
  });
});

describe("format(value, spec) (format_spec.json)", () => {
  const cases = loadCases<{ value: Enc; spec: string; out: string }>("format_spec.json");
  it("has the cases", () => expect(cases.length).toBeGreaterThan(3000));
  it.each(cases)("format($value, '$spec')", (c) => {
    expect(attempt(() => fmt(decode(c.value, { floats: "marked" }), c.spec))).toBe(c.out);
    if ("int" in c.value) expect(attempt(() => fmt(decode(c.value, { ints: "bigint" }), c.spec))).toBe(c.out);
    if ("float" in c.value) expect(attempt(() => fmt(decode(c.value, { floats: "plain" }), c.spec))).toBe(c.out);
  });
});

describe("str.format (str_format.json)", () => {
  const cases = loadCases<{ template: string; args: Enc[]; kwargs: Record<string, Enc>; out: string }>("str_format.json");
  it.each(cases)("'$template'.format(...)", (c) => {
    const args = c.args.map((a) => decode(a));
    const kw = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decode(v)]));
    const call = Object.keys(kw).length ? () => format(c.template, ...args, kw) : () => format(c.template, ...args);
    expect(attempt(call)).toBe(c.out);
  });
});

describe("round (round.json)", () => {
  const cases = loadCases<{ value: Enc; ndigits: number | null; out: string }>("round.json");
  it("has the cases", () => expect(cases.length).toBeGreaterThan(700));
  it.each(cases)("round($value, $ndigits)", (c) => {
    const x = decode(c.value, { floats: "marked" });
    const r = attempt(() => str(c.ndigits === null ? round(x) : round(x, c.ndigits)));
    expect(r).toBe(c.out);
  });
});

describe("repr/str of builtin values (repr.json)", () => {
  const cases = loadCases<{ value: Enc; repr: string; str: string }>("repr.json");
  it.each(cases)("repr -> $repr", (c) => {
    const v = decode(c.value);
    expect(repr(v)).toBe(c.repr);
    expect(str(v)).toBe(c.str);
  });
});

describe("int()/float() (parse.json)", () => {
  const cases = loadCases<{ fn: "int" | "float"; text?: string; value?: Enc; base: number | null; out: string }>("parse.json");
  it.each(cases)("$fn($text$value)", (c) => {
    const x = c.text !== undefined ? c.text : decode(c.value!, { floats: "marked" });
    const r = attempt(() => {
      if (c.fn === "int") return repr(c.base === null ? int(x) : int(x, c.base));
      return repr(float(x));
    });
    expect(r).toBe(c.out);
  });
});

describe("slice.indices and range (seq.json)", () => {
  const cases = loadCases<any>("seq.json");
  it.each(cases.filter((c) => c.kind === "slice"))("$repr.indices($len)", (c) => {
    const [a, b, s] = (c.args as Enc[]).map((e) => decode(e)) as (number | null)[];
    const sl = slice(a, b, s);
    expect(repr(sl)).toBe(c.repr);
    expect(repr(sl.indices(c.len))).toBe(c.out);
  });
  it.each(cases.filter((c) => c.kind === "range"))("$repr", (c) => {
    const args = (c.args as Enc[]).map((e) => decode(e)) as number[];
    const r = (range as any)(...args);
    expect(repr(r)).toBe(c.repr);
    expect(len(r)).toBe(c.len);
    expect(repr([...r])).toBe(c.list);
  });
});
