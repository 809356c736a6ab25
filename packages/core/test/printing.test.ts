// PyTorch 1.13 tensor reprs, byte for byte against golden fixtures.
import { afterEach, describe, expect, it } from "vitest";
import { get_printoptions, set_printoptions, tensorRepr } from "../src/printing/index.ts";
import { decode, loadTorchCases } from "./printing_fixtures.ts";

const cases = loadTorchCases();

describe("torch repr fixtures", () => {
  afterEach(() => set_printoptions({ profile: "default" }));

  it("has enough cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  for (const c of cases) {
    it(c.name, () => {
      set_printoptions({ profile: "default" });
      set_printoptions(c.print_options as Parameters<typeof set_printoptions>[0]);
      const got = tensorRepr({
        values: c.values.map(decode),
        shape: c.shape,
        kind: c.kind,
        dtypeName: c.dtype,
        dtypePrefix: "torch",
        defaultFloatDtype: c.default_dtype,
        alwaysShowDtype: false,
        style: "torch",
        requiresGrad: c.requires_grad,
        gradFnName: c.grad_fn,
      });
      expect(got).toBe(c.expected);
    });
  }
});

describe("set_printoptions", () => {
  afterEach(() => set_printoptions({ profile: "default" }));

  it("has PyTorch defaults", () => {
    expect(get_printoptions()).toEqual({ precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null });
  });

  it("applies the profile first, then overrides", () => {
    set_printoptions({ profile: "short", precision: 3 });
    expect(get_printoptions()).toMatchObject({ precision: 3, edgeitems: 2, threshold: 1000 });
    set_printoptions({ profile: "full" });
    expect(get_printoptions().threshold).toBe(Infinity);
  });

  it("resets sci_mode whenever it is omitted", () => {
    set_printoptions({ sci_mode: true });
    expect(get_printoptions().sci_mode).toBe(true);
    set_printoptions({ precision: 5 });
    expect(get_printoptions().sci_mode).toBe(null);
    expect(get_printoptions().precision).toBe(5);
  });

  it("get_printoptions returns a copy", () => {
    const o = get_printoptions();
    o.precision = 9;
    expect(get_printoptions().precision).toBe(4);
  });
});
