import { describe, expect, it } from "vitest";
import paddle from "@tsgrad/paddle";
import { resnet18, vgg11 } from "@tsgrad/paddle/vision/models";
import F from "@tsgrad/paddle/nn/functional";

describe("paddle.vision.models", () => {
  it("pretrained=True explains that nothing can be downloaded", () => {
    expect(() => vgg11({ pretrained: true })).toThrow(/cannot download pretrained weights.*set_state_dict/);
  });

  it("resnet18 (paddle layout) runs forward and backward on 1x3x64x64 (layer4 is 2x2: batch norm needs more than one value per channel)", () => {
    paddle.seed(1);
    const model = resnet18({ num_classes: 10 });
    const names = [...model.named_parameters()].map((p: any) => p[0]);
    expect(names.slice(0, 3)).toEqual(["conv1.weight", "bn1.weight", "bn1.bias"]);
    expect(names).toContain("layer2.0.downsample.0.weight");
    expect(model.fc.weight.shape).toEqual([512, 10]); // Paddle's Linear weight is [in, out]
    const out = model(paddle.rand([1, 3, 64, 64]));
    expect(out.shape).toEqual([1, 10]);
    const loss = F.cross_entropy(out, paddle.to_tensor([3n])) as any;
    expect(loss.shape).toEqual([1]);
    loss.backward();
    expect(model.conv1.weight.gradient().shape).toEqual([64, 3, 7, 7]);
    expect(model.parameters().every((p: any) => p.stop_gradient === false)).toBe(true);
  });
});
