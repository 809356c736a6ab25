// torch.where with Python scalars: the scalar side keeps its value (it was once filled into a
// bool tensor shaped like the condition, so NaN and 2.5 came out as 1). Expected text printed by
// PyTorch 1.13.
import { describe, expect, it } from "vitest";
import torch from "../src/index.ts";
import { captureOutput, print } from "@tsgrad/py";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const T: any = torch;
const show = (x: unknown) => captureOutput(() => print(x)).trimEnd();

describe("torch.where with scalar operands", () => {
  it("keeps NaN, fractional and mixed scalars as PyTorch does", () => {
    const c = T.tensor([true, false, true]);
    expect(show(T.where(c, NaN, T.tensor([1.0, 2.0, 3.0])))).toBe("tensor([nan, 2., nan])");
    expect(show(T.where(c, 2.5, 7))).toBe("tensor([2.5000, 7.0000, 2.5000])");
    expect(show(T.where(c, T.tensor([1, 2, 3]), 0.5))).toBe("tensor([1.0000, 0.5000, 3.0000])");
  });
});
