// Python float formatting that PyTorch's printer relies on: repr(float),
// '{:.Nf}' and '{:.Ne}', checked against CPython output in the fixtures.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { pyExp, pyFixed, pythonFloatRepr } from "../src/printing/index.ts";
import { decode, type Encoded } from "./printing_fixtures.ts";

interface PyCase { value: Encoded; repr: string; f4: string; f0: string; f10: string; e4: string; e0: string; e2: string }
const path = fileURLToPath(new URL("../../../compat-tests/golden/printing.json", import.meta.url));
const cases: PyCase[] = JSON.parse(readFileSync(path, "utf8")).python_float_format;

describe("python float formatting", () => {
  for (const c of cases) {
    const x = decode(c.value);
    it(c.repr, () => {
      expect(pythonFloatRepr(x)).toBe(c.repr);
      expect(pyFixed(x, 4)).toBe(c.f4);
      expect(pyFixed(x, 0)).toBe(c.f0);
      expect(pyFixed(x, 10)).toBe(c.f10);
      expect(pyExp(x, 4)).toBe(c.e4);
      expect(pyExp(x, 0)).toBe(c.e0);
      expect(pyExp(x, 2)).toBe(c.e2);
    });
  }

  it("nan and infinities", () => {
    expect([pythonFloatRepr(NaN), pythonFloatRepr(Infinity), pythonFloatRepr(-Infinity)]).toEqual(["nan", "inf", "-inf"]);
    expect([pyFixed(NaN, 4), pyExp(-Infinity, 4)]).toEqual(["nan", "-inf"]);
  });
});
