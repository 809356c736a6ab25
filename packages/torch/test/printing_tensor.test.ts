// The printing fixtures (compat-tests/golden/printing.json, from real PyTorch 1.13) replayed
// through real tensors: the core's printing functions are tested alone in packages/core; this
// checks what a user sees from `print(t)` (dtype suffix rules, print options, requires_grad).
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import torch from "@tsgrad/torch";

interface Case {
  name: string;
  values: Array<number | string>;
  shape: number[];
  dtype: string;
  default_dtype: string;
  requires_grad: boolean;
  grad_fn: string | null;
  print_options: Record<string, unknown>;
  expected: string;
}

const fixtures = JSON.parse(readFileSync(new URL("../../../compat-tests/golden/printing.json", import.meta.url), "utf8"));
// Cases with a grad_fn need the op that made them (the conformance suite covers those); float16
// is printed by the core's formatter tests, but tsgrad has no float16 tensors.
const supported = new Set(["float32", "float64", "int64", "int32", "int16", "int8", "uint8", "bool"]);
const cases: Case[] = fixtures.cases.filter((c: Case) => c.grad_fn === null && supported.has(c.dtype));

const decode = (v: number | string) => (typeof v === "number" ? v : v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : -0);

afterEach(() => {
  torch.set_printoptions({ profile: "default" });
  torch.set_default_dtype(torch.float32);
});

describe("tensor printing (PyTorch 1.13 fixtures through real tensors)", () => {
  it("covers the fixture set", () => {
    expect(cases.length).toBeGreaterThan(150);
  });
  for (const c of cases) {
    it(c.name, () => {
      torch.set_default_dtype((torch as any)[c.default_dtype]);
      if (Object.keys(c.print_options).length) torch.set_printoptions(c.print_options);
      const dtype = (torch as any)[c.dtype];
      const flat = c.values.map(decode);
      const data = dtype.kind === "bool" ? flat.map((v) => v !== 0) : flat;
      let t = c.shape.length === 0 ? torch.tensor(data[0], { dtype }) : torch.tensor(data, { dtype }).reshape(c.shape);
      if (c.requires_grad) t = t.detach().requires_grad_();
      expect(t.__repr__()).toBe(c.expected);
    });
  }
});
