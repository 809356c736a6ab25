// numpy 1.24 array2string / str / repr, byte for byte against golden fixtures.
import { describe, expect, it } from "vitest";
import { formatNumpyArray, type NumpyPrintOptions } from "../src/printing/index.ts";
import { decode, loadNumpyCases } from "./printing_fixtures.ts";

const cases = loadNumpyCases();

function toOptions(o: Record<string, unknown>): NumpyPrintOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === "max_line_width") out.linewidth = v;
    else if (k === "suppress_small") out.suppress = v;
    else out[k] = v;
  }
  return out as NumpyPrintOptions;
}

describe("numpy printing fixtures", () => {
  it("has enough cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });
  for (const c of cases) {
    it(`${c.mode}: ${c.name}`, () => {
      const got = formatNumpyArray(c.values.map(decode), c.shape, c.kind, { ...toOptions(c.options), dtypeName: c.dtype, mode: c.mode });
      expect(got).toBe(c.expected);
    });
  }
});
