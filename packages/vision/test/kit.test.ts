import { describe, expect, it } from "vitest";
import { vggCfgs } from "@tsgrad/vision";

describe("vision configurations", () => {
  it("VGG configurations have 8, 10, 13, 16 convolutions", () => {
    const convs = (d: number) => vggCfgs[d].filter((v) => v !== "M").length;
    expect([11, 13, 16, 19].map(convs)).toEqual([8, 10, 13, 16]);
  });
});
