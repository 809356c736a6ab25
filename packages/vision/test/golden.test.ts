// torchvision-layout vgg11 and resnet18 (@tsgrad/torch/vision) against real PyTorch 1.13
// (fixtures/golden.json, written by gen_fixtures.py from hand-written copies of torchvision
// 0.14's vgg.py / resnet.py). Weights and inputs come from a formula both sides evaluate in
// float32, so nothing large is committed; the checks are the state_dict keys, the forward
// output (within 1e-4 of its largest magnitude), the loss, and a few parameter gradients (within
// 1e-3), plus resnet18's seeded initialisation bit for bit.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import torch from "@tsgrad/torch";
import { models } from "@tsgrad/torch/vision";
import { vgg11 as vgg11Direct } from "@tsgrad/torch/vision/models";

const fixtures = JSON.parse(readFileSync(new URL("./fixtures/golden.json", import.meta.url), "utf8"));
const F = (torch as any).nn.functional;

/** gen_fixtures.py's formula: float32(center + (2 h / 2^32 - 1) * bound), h = murmur3's finaliser
 *  of (i * 2654435761 + k * 40503) mod 2^32. */
function formula(out: Float32Array, k: number, bound: number, center = 0): void {
  for (let i = 0; i < out.length; i++) {
    let h = (Math.imul(i, 2654435761) + k * 40503) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    out[i] = center + ((h / 4294967296) * 2 - 1) * bound;
  }
}

function boundOf(name: string, shape: number[]): [number, number] {
  if (shape.length >= 2) {
    let fanIn = shape[1];
    for (const s of shape.slice(2)) fanIn *= s;
    return [Math.sqrt(6 / fanIn), 0];
  }
  return name.endsWith("weight") ? [0.1, 1] : [0.1, 0];
}

function setFormulaWeights(model: any): void {
  let k = 0;
  for (const [name, p] of model.named_parameters()) {
    k++;
    const [bound, center] = boundOf(name, p._shape);
    formula(p._storage as Float32Array, k, bound, center);
  }
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
/** max |got - want| / max |want|: the error relative to the tensor's scale. */
function relErr(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < want.length; i++) e = Math.max(e, Math.abs(got[i] - want[i]));
  return e / maxAbs(want);
}

function runCase(model: any, fx: any): { out: Float32Array; loss: number; params: Map<string, any> } {
  setFormulaWeights(model);
  model.train(fx.train);
  const n = fx.input_shape.reduce((a: number, b: number) => a * b, 1);
  const xs = new Float32Array(n);
  formula(xs, 0, 1);
  const x = torch.tensor(Array.from(xs)).reshape(fx.input_shape);
  const y = model(x);
  const loss = F.cross_entropy(y, torch.tensor(fx.labels.map((v: number) => BigInt(v))));
  loss.backward();
  return { out: y.detach()._contiguousValues() as Float32Array, loss: loss.item(), params: new Map([...model.named_parameters()]) };
}

function checkCase(model: any, fx: any): void {
  expect([...model.state_dict().keys()]).toEqual(fx.state_dict_keys);
  const { out, loss, params } = runCase(model, fx);
  expect(out.length).toBe(fx.output.length);
  expect(relErr(out, fx.output)).toBeLessThan(1e-4);
  expect(Math.abs(loss - fx.loss) / Math.abs(fx.loss)).toBeLessThan(1e-4);
  for (const [name, rec] of Object.entries<any>(fx.grads)) {
    const g = params.get(name).grad._contiguousValues() as Float32Array;
    expect(Array.from(params.get(name)._shape), name).toEqual(rec.shape);
    const got = rec.index ? rec.index.map((i: number) => g[i]) : Array.from(g);
    expect(relErr(got, rec.values), `${name} gradient`).toBeLessThan(1e-3);
    let sum = 0;
    for (let i = 0; i < g.length; i++) sum += g[i];
    // the sum of a whole gradient, relative to the sum of magnitudes it cancels from
    expect(Math.abs(sum - rec.sum) / rec.abs_sum, `${name} gradient sum`).toBeLessThan(1e-4);
  }
}

describe("torchvision models against PyTorch 1.13 (golden)", () => {
  it("vgg11: state_dict keys, forward, loss and gradients (eval mode, 1x3x32x32)", () => {
    // init_weights=False: the formula overwrites every weight, so skip drawing 133M normals
    const model = vgg11Direct({ init_weights: false });
    checkCase(model, fixtures.vgg11);
  }, 240_000);

  it("resnet18: state_dict keys, forward, loss and gradients (train mode: batch statistics, 2x3x64x64)", () => {
    checkCase(models.resnet18(), fixtures.resnet18);
  }, 240_000);

  it("resnet18's seeded initialisation is torchvision's, bit for bit (default inits, then kaiming_normal_ fan_out, BN 1/0)", () => {
    torch.manual_seed(0);
    const model = models.resnet18();
    const sd = model.state_dict();
    const want = fixtures.resnet18_seed0;
    for (const [name, rec] of Object.entries<any>(want)) {
      const t = sd[name];
      expect(Array.from(t._shape), name).toEqual(rec.shape);
      const v = t._contiguousValues() as Float32Array;
      const sha = createHash("sha256").update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).digest("hex");
      expect(sha, name).toBe(rec.sha256);
    }
  }, 240_000);
});

describe("torchvision.models interface", () => {
  it("pretrained / weights raise the no-download error; the legacy arguments warn as torchvision 0.14", async () => {
    const { warnings } = await import("@tsgrad/py");
    expect(() => models.resnet18({ weights: "DEFAULT" })).toThrow(/resnet18\(weights='DEFAULT'\): tsgrad cannot download pretrained weights.*load_state_dict/);
    expect(() => models.resnet18({ weights: models.ResNet18_Weights.IMAGENET1K_V1 })).toThrow(/weights=ResNet18_Weights.IMAGENET1K_V1/);
    warnings.catch_warnings({ record: true }, (caught: any[]) => {
      warnings.simplefilter("always");
      expect(() => models.vgg11_bn({ pretrained: true })).toThrow(/vgg11_bn\(weights=VGG11_BN_Weights.IMAGENET1K_V1\): tsgrad cannot download/);
      expect(caught.map((w) => w.message.message)).toEqual([
        "The parameter 'pretrained' is deprecated since 0.13 and may be removed in the future, please use 'weights' instead.",
        "Arguments other than a weight enum or `None` for 'weights' are deprecated since 0.13 and may be removed in the future. The current behavior is equivalent to passing `weights=VGG11_BN_Weights.IMAGENET1K_V1`. You can also use `weights=VGG11_BN_Weights.DEFAULT` to get the most up-to-date weights.",
      ]);
    });
    expect(() => models.resnet18({ foo: 1 })).toThrow("ResNet.__init__() got an unexpected keyword argument 'foo'");
  });

  it("layouts: type names, module trees and keys of the other depths", () => {
    const r = models.resnet18({ num_classes: 10 });
    expect(r.constructor.name).toBe("ResNet");
    expect(r instanceof models.ResNet).toBe(true);
    expect(String(r.layer2[0].downsample)).toBe(
      "Sequential(\n  (0): Conv2d(64, 128, kernel_size=(1, 1), stride=(2, 2), bias=False)\n  (1): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n)",
    );
    expect(String(r.maxpool)).toBe("MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)");
    expect(String(r.relu)).toBe("ReLU(inplace=True)");
    const r50 = models.resnet50({ num_classes: 10 });
    const keys50 = [...r50.state_dict().keys()];
    expect(keys50.length).toBe(320);
    expect(keys50.slice(6, 12)).toEqual(["layer1.0.conv1.weight", "layer1.0.bn1.weight", "layer1.0.bn1.bias", "layer1.0.bn1.running_mean", "layer1.0.bn1.running_var", "layer1.0.bn1.num_batches_tracked"]);
    expect(keys50).toContain("layer1.0.conv3.weight");
    expect(keys50).toContain("layer1.0.downsample.1.running_var");
    expect(r50.fc.in_features).toBe(2048);
  }, 120_000);
});
