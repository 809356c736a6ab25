// print(x.dtype) in Paddle: 2.0 shows the VarType enum (the 2.0 Tensor guide prints
// `Data Type of every element: VarType.FP32`); PR #30682, merged after 2.0.0, made later 2.x
// releases print `paddle.float32`.
import { afterEach, describe, expect, it } from "vitest";
import paddle from "@tsgrad/paddle";
import { str } from "@tsgrad/py";

afterEach(() => paddle.__version_profile__("2.0"));

describe("dtype printing", () => {
  it("2.0 prints the VarType enum", () => {
    expect(str(paddle.to_tensor([1.0, 2.0]).dtype)).toBe("VarType.FP32");
    expect(str(paddle.to_tensor([1n, 2n]).dtype)).toBe("VarType.INT64");
    expect(str(paddle.to_tensor([true]).dtype)).toBe("VarType.BOOL");
  });
  it("2.4 prints paddle.<name>", () => {
    paddle.__version_profile__("2.4");
    expect(str(paddle.to_tensor([1.0]).dtype)).toBe("paddle.float32");
    expect(str(paddle.to_tensor([1.0], { dtype: "float64" }).dtype)).toBe("paddle.float64");
  });
  it("dtype objects stay shared: identity comparisons hold", () => {
    expect(paddle.to_tensor([1.0]).dtype === paddle.float32).toBe(true);
  });
});
