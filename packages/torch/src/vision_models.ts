// torchvision.models (torchvision 0.14, the release paired with PyTorch 1.13), as
// `import { vgg11 } from "@tsgrad/torch/vision/models"` or `models.vgg11` from
// "@tsgrad/torch/vision": VGG 11/13/16/19 with and without batch norm, ResNet 18/34/50, built
// by @tsgrad/vision from torch.nn layers in torchvision's layout (module names, ReLU(inplace=True),
// state_dict keys) and initialised as torchvision does after building:
//   VGG:    Conv2d kaiming_normal_(mode="fan_out", nonlinearity="relu"), bias 0;
//           BatchNorm2d weight 1, bias 0; Linear normal_(0, 0.01), bias 0
//   ResNet: Conv2d kaiming_normal_(mode="fan_out", nonlinearity="relu"); BatchNorm2d 1 / 0;
//           fc keeps Linear's default init; zero_init_residual zeroes the last BN of each block
// The default initialisers of every layer run first, as in Python, so a seeded model draws the
// same numbers as torchvision's.
//
// The factories take torchvision 0.14's arguments: `weights` and `progress` (keyword-only, given
// positionally with its deprecation warning) and the model's kwargs. `pretrained=` is the legacy
// spelling, with torchvision's two deprecation warnings. Nothing can be downloaded: any weights
// but None (`pretrained=true`, `weights: "DEFAULT"`, `weights: models.VGG11_Weights.DEFAULT`)
// raise a RuntimeError saying so and how to load a state_dict instead.

import "./index.ts"; // the fast kernels (onnxruntime) register with torch
import { isKwargs } from "@tsgrad/core";
import nn from "@tsgrad/nn";
import { TypeError as PyTypeError, NotImplementedError, warnings } from "@tsgrad/py";
import { vggClass, vggCfgs, vggFeatures, resnetClasses, noPretrained, type LayerKit } from "@tsgrad/vision";

const init = nn.init;

export const torchKit: LayerKit = {
  layout: "torch",
  Module: nn.Module,
  conv: (i, o, k, s, p, bias) => nn.Conv2d(i, o, { kernel_size: k, stride: s, padding: p, bias }),
  batchNorm: (c) => nn.BatchNorm2d(c),
  relu: () => nn.ReLU({ inplace: true }),
  maxPool: (k, s, p = 0) => nn.MaxPool2d({ kernel_size: k, stride: s, padding: p }),
  adaptiveAvgPool: (size) => nn.AdaptiveAvgPool2d(size),
  dropout: (p = 0.5) => nn.Dropout({ p }),
  linear: (i, o) => nn.Linear(i, o),
  sequential: (...l) => nn.Sequential(...l),
  flatten: (x) => x.flatten(1),
};

/** Keyword binding for the model classes (their only positionals are the architecture's). */
function bindKw(fname: string, names: Array<[string, unknown]>, args: unknown[]): Record<string, any> {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const kw = n > 0 && isKwargs(args[n - 1]) ? (args[--n] as Record<string, unknown>) : {};
  if (n > names.length)
    throw new PyTypeError(`${fname}() takes from 2 to ${names.length + 1} positional arguments but ${n + 1} were given`);
  const out: Record<string, any> = {};
  names.forEach(([k, d], i) => (out[k] = i < n ? args[i] : d));
  for (const [k, v] of Object.entries(kw)) {
    const i = names.findIndex(([name]) => name === k);
    if (i < 0) throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
    if (i < n) throw new PyTypeError(`${fname}() got multiple values for argument '${k}'`);
    out[k] = v;
  }
  return out;
}

const REQUIRED = Symbol("required");
function required(fname: string, a: Record<string, any>, names: string[]): void {
  const missing = names.filter((k) => a[k] === REQUIRED);
  if (missing.length === 0) return;
  const q = missing.map((s) => `'${s}'`);
  const list = q.length === 1 ? q[0] : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
  throw new PyTypeError(`${fname}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${list}`);
}

// ---- VGG --------------------------------------------------------------------------------------

const VGGBase = vggClass(torchKit);

/** VGG(features, num_classes=1000, init_weights=True, dropout=0.5) */
class VGGImpl extends VGGBase {
  constructor(...args: unknown[]) {
    const a = bindKw("VGG.__init__", [["features", REQUIRED], ["num_classes", 1000], ["init_weights", true], ["dropout", 0.5]], args);
    required("VGG.__init__", a, ["features"]);
    super(a.features, Number(a.num_classes), { dropout: Number(a.dropout) });
    if (a.init_weights) {
      for (const m of (this as any).modules()) {
        if (m instanceof nn.Conv2d) {
          init.kaiming_normal_(m.weight, { mode: "fan_out", nonlinearity: "relu" });
          if (m.bias !== null) init.constant_(m.bias, 0);
        } else if (m instanceof nn.BatchNorm2d) {
          init.constant_(m.weight, 1);
          init.constant_(m.bias, 0);
        } else if (m instanceof nn.Linear) {
          init.normal_(m.weight, 0, 0.01);
          init.constant_(m.bias, 0);
        }
      }
    }
  }
}
Object.defineProperty(VGGImpl, "name", { value: "VGG" });

// ---- ResNet -----------------------------------------------------------------------------------

const resnetBase = resnetClasses(torchKit);
export const BasicBlock = resnetBase.BasicBlock;
export const Bottleneck = resnetBase.Bottleneck;

/** ResNet(block, layers, num_classes=1000, zero_init_residual=False, groups=1, width_per_group=64,
 *  replace_stride_with_dilation=None, norm_layer=None) */
class ResNetImpl extends resnetBase.ResNet {
  constructor(...args: unknown[]) {
    const a = bindKw(
      "ResNet.__init__",
      [["block", REQUIRED], ["layers", REQUIRED], ["num_classes", 1000], ["zero_init_residual", false], ["groups", 1], ["width_per_group", 64], ["replace_stride_with_dilation", null], ["norm_layer", null]],
      args,
    );
    required("ResNet.__init__", a, ["block", "layers"]);
    if (Number(a.groups) !== 1 || Number(a.width_per_group) !== 64 || a.replace_stride_with_dilation !== null || a.norm_layer !== null)
      throw new NotImplementedError("tsgrad's ResNet builds resnet18/34/50: groups=1, width_per_group=64, no dilation, BatchNorm2d");
    const layers = Array.from(a.layers as Iterable<number>, Number);
    super(a.block, layers, Number(a.num_classes));
    for (const m of (this as any).modules()) {
      if (m instanceof nn.Conv2d) init.kaiming_normal_(m.weight, { mode: "fan_out", nonlinearity: "relu" });
      else if (m instanceof nn.BatchNorm2d || m instanceof nn.GroupNorm) {
        init.constant_(m.weight, 1);
        init.constant_(m.bias, 0);
      }
    }
    if (a.zero_init_residual)
      for (const m of (this as any).modules()) {
        if (m instanceof Bottleneck && m.bn3.weight !== null) init.constant_(m.bn3.weight, 0);
        else if (m instanceof BasicBlock && m.bn2.weight !== null) init.constant_(m.bn2.weight, 0);
      }
  }
}
Object.defineProperty(ResNetImpl, "name", { value: "ResNet" });

/** Callable with or without `new`, as library classes are (porting.md). */
function pyCallable<C extends new (...a: any[]) => any>(cls: C): C & ((...a: ConstructorParameters<C>) => InstanceType<C>) {
  const wrapped = new Proxy(cls, { apply: (t, _s, args) => Reflect.construct(t, args) });
  // type(model) is the exported class
  Object.defineProperty(cls.prototype, "constructor", { value: wrapped, writable: true, configurable: true, enumerable: false });
  return wrapped as any;
}
export const VGG = pyCallable(VGGImpl);
export const ResNet = pyCallable(ResNetImpl);

// ---- weights enums and the legacy interface ---------------------------------------------------

/** A member of a torchvision weights enum (`VGG11_Weights.IMAGENET1K_V1`); nothing to download. */
export class Weights {
  constructor(readonly enumName: string, readonly name: string, readonly url: string) {}
  toString(): string {
    return `${this.enumName}.${this.name}`;
  }
  __repr__(): string {
    return `${this.enumName}.${this.name}`;
  }
}
function weightsEnum(enumName: string, file: string) {
  const v1 = new Weights(enumName, "IMAGENET1K_V1", `https://download.pytorch.org/models/${file}`);
  return Object.freeze({ IMAGENET1K_V1: v1, DEFAULT: v1 });
}

function sequenceToStr(seq: string[]): string {
  if (seq.length === 1) return `'${seq[0]}'`;
  const head = "'" + seq.slice(0, -1).join("', '") + "'";
  return `${head}${seq.length === 2 ? "" : ","} and '${seq[seq.length - 1]}'`;
}

/**
 * torchvision 0.14's @handle_legacy_interface + @kwonly_to_pos_or_kw around a builder
 * `name(*, weights=None, progress=True, **kwargs)`. Returns the model's kwargs; raises for
 * anything that would download weights.
 */
function legacyInterface(name: string, enumName: string, defaultWeights: Weights, args: unknown[]): Record<string, unknown> {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const kwargs: Record<string, unknown> = n > 0 && isKwargs(args[n - 1]) ? { ...(args[--n] as Record<string, unknown>) } : {};
  const kwOnly = ["weights", "progress", "kwargs"];
  if (n > 0) {
    if (n > 2) throw new PyTypeError(`${name}() takes 0 positional arguments but ${n} were given`);
    const given = kwOnly.slice(0, n);
    warnings.warn(
      `Using ${sequenceToStr(given)} as positional parameter(s) is deprecated since 0.13 and may be removed in the future. Please use keyword parameter(s) instead.`,
    );
    given.forEach((k, i) => {
      if (k in kwargs) throw new PyTypeError(`${name}() got multiple values for argument '${k}'`);
      kwargs[k] = args[i];
    });
  }
  const hasWeights = "weights" in kwargs;
  const w = kwargs.weights;
  if ((hasWeights || "pretrained" in kwargs) && !(w instanceof Weights) && !(typeof w === "string" && w !== "legacy") && !(hasWeights && (w === null || w === undefined))) {
    const positional = hasWeights;
    const pretrained = positional ? w : kwargs.pretrained;
    delete kwargs.weights;
    const dflt = pretrained ? defaultWeights : null;
    if (!positional)
      warnings.warn("The parameter 'pretrained' is deprecated since 0.13 and may be removed in the future, please use 'weights' instead.");
    let msg =
      "Arguments other than a weight enum or `None` for 'weights' are deprecated since 0.13 and may be removed in the future. " +
      `The current behavior is equivalent to passing \`weights=${dflt === null ? "None" : dflt}\`.`;
    if (pretrained) msg += ` You can also use \`weights=${enumName}.DEFAULT\` to get the most up-to-date weights.`;
    warnings.warn(msg);
    delete kwargs.pretrained;
    kwargs.weights = dflt;
  }
  const weights = kwargs.weights ?? null;
  delete kwargs.weights;
  delete kwargs.progress;
  if (weights !== null) noPretrained(name, "torch", `weights=${typeof weights === "string" ? `'${weights}'` : String(weights)}`);
  return kwargs;
}

// ---- factories --------------------------------------------------------------------------------

const vggFiles: Record<string, string> = {
  vgg11: "vgg11-8a719046.pth", vgg11_bn: "vgg11_bn-6002323d.pth", vgg13: "vgg13-19584684.pth", vgg13_bn: "vgg13_bn-abd245e5.pth",
  vgg16: "vgg16-397923af.pth", vgg16_bn: "vgg16_bn-6c64b313.pth", vgg19: "vgg19-dcbb9e9d.pth", vgg19_bn: "vgg19_bn-c79401a0.pth",
};
const resnetFiles: Record<string, string> = { resnet18: "resnet18-f37072fd.pth", resnet34: "resnet34-b627a593.pth", resnet50: "resnet50-0676ba61.pth" };

const enumNameOf = (name: string) => `${name.toUpperCase()}_Weights`;

export const VGG11_Weights = weightsEnum("VGG11_Weights", vggFiles.vgg11);
export const VGG11_BN_Weights = weightsEnum("VGG11_BN_Weights", vggFiles.vgg11_bn);
export const VGG13_Weights = weightsEnum("VGG13_Weights", vggFiles.vgg13);
export const VGG13_BN_Weights = weightsEnum("VGG13_BN_Weights", vggFiles.vgg13_bn);
export const VGG16_Weights = weightsEnum("VGG16_Weights", vggFiles.vgg16);
export const VGG16_BN_Weights = weightsEnum("VGG16_BN_Weights", vggFiles.vgg16_bn);
export const VGG19_Weights = weightsEnum("VGG19_Weights", vggFiles.vgg19);
export const VGG19_BN_Weights = weightsEnum("VGG19_BN_Weights", vggFiles.vgg19_bn);
export const ResNet18_Weights = weightsEnum("ResNet18_Weights", resnetFiles.resnet18);
export const ResNet34_Weights = weightsEnum("ResNet34_Weights", resnetFiles.resnet34);
export const ResNet50_Weights = weightsEnum("ResNet50_Weights", resnetFiles.resnet50);
const enums = {
  VGG11_Weights, VGG11_BN_Weights, VGG13_Weights, VGG13_BN_Weights, VGG16_Weights, VGG16_BN_Weights, VGG19_Weights, VGG19_BN_Weights,
  ResNet18_Weights, ResNet34_Weights, ResNet50_Weights,
};
const defaultOf = (enumName: string) => (enums as Record<string, { DEFAULT: Weights }>)[enumName].DEFAULT;

function vggFactory(depth: 11 | 13 | 16 | 19, bn: boolean) {
  const name = `vgg${depth}${bn ? "_bn" : ""}`;
  const enumName = enumNameOf(name);
  const f = (...args: unknown[]) => {
    const kwargs = legacyInterface(name, enumName, defaultOf(enumName), args);
    return new VGG(vggFeatures(torchKit, vggCfgs[depth], bn), kwargs);
  };
  Object.defineProperty(f, "name", { value: name });
  return f;
}
function resnetFactory(depth: 18 | 34 | 50) {
  const name = `resnet${depth}`;
  const enumName = `ResNet${depth}_Weights`;
  const [block, layers] = depth === 50 ? [Bottleneck, [3, 4, 6, 3]] : depth === 34 ? [BasicBlock, [3, 4, 6, 3]] : [BasicBlock, [2, 2, 2, 2]];
  const f = (...args: unknown[]) => {
    const kwargs = legacyInterface(name, enumName, defaultOf(enumName), args);
    return new ResNet(block, layers, kwargs);
  };
  Object.defineProperty(f, "name", { value: name });
  return f;
}

export const vgg11 = vggFactory(11, false);
export const vgg11_bn = vggFactory(11, true);
export const vgg13 = vggFactory(13, false);
export const vgg13_bn = vggFactory(13, true);
export const vgg16 = vggFactory(16, false);
export const vgg16_bn = vggFactory(16, true);
export const vgg19 = vggFactory(19, false);
export const vgg19_bn = vggFactory(19, true);
export const resnet18 = resnetFactory(18);
export const resnet34 = resnetFactory(34);
export const resnet50 = resnetFactory(50);

const models = {
  vgg11, vgg11_bn, vgg13, vgg13_bn, vgg16, vgg16_bn, vgg19, vgg19_bn, resnet18, resnet34, resnet50,
  VGG, ResNet, BasicBlock, Bottleneck, ...enums,
};
export type Models = typeof models;
export default models;
