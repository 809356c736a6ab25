// paddle.vision.models (from "@tsgrad/paddle/vision/models"): Paddle 2.0's factories
// vgg11/13/16/19(pretrained=False, batch_norm=False, **kwargs), resnet18/34/50(pretrained=False,
// **kwargs), built by @tsgrad/vision with paddle.nn layers (Paddle's default initialisers).

import "../fast.ts";
import { vgg, resnet, vggClass, resnetClasses, type LayerKit } from "@tsgrad/vision";
import { Layer, Conv2D, BatchNorm2D, ReLU, MaxPool2D, AdaptiveAvgPool2D, Dropout, Linear, Sequential } from "../nn/layers.ts";
import { bind } from "../args.ts";
import { inPaddle } from "../creation.ts";

export const paddleKit: LayerKit = {
  layout: "paddle",
  Module: Layer,
  conv: (i, o, k, s, p, bias) => new Conv2D(i, o, k, { stride: s, padding: p, ...(bias ? {} : { bias_attr: false }) }),
  batchNorm: (c) => new BatchNorm2D(c),
  relu: () => new ReLU(),
  maxPool: (k, s, p = 0) => new MaxPool2D(k, s, p),
  adaptiveAvgPool: (size) => new AdaptiveAvgPool2D(size),
  dropout: () => new Dropout(),
  linear: (i, o) => new Linear(i, o),
  sequential: (...l) => new Sequential(...l),
  flatten: (x) => x.flatten(1),
};

function vggFactory(depth: 11 | 13 | 16 | 19) {
  const f = (...args: unknown[]) => {
    const [pretrained, batchNorm, numClasses] = bind(`vgg${depth}`, [["pretrained", false], ["batch_norm", false], ["num_classes", 1000]], args);
    return inPaddle(() => vgg(paddleKit, depth, Boolean(batchNorm), Boolean(pretrained), Number(numClasses)));
  };
  Object.defineProperty(f, "name", { value: `vgg${depth}` });
  return f;
}
function resnetFactory(depth: 18 | 34 | 50) {
  const f = (...args: unknown[]) => {
    const [pretrained, numClasses] = bind(`resnet${depth}`, [["pretrained", false], ["num_classes", 1000], ["with_pool", true]], args);
    return inPaddle(() => resnet(paddleKit, depth, Boolean(pretrained), Number(numClasses)));
  };
  Object.defineProperty(f, "name", { value: `resnet${depth}` });
  return f;
}

export const vgg11 = vggFactory(11);
export const vgg13 = vggFactory(13);
export const vgg16 = vggFactory(16);
export const vgg19 = vggFactory(19);
export const resnet18 = resnetFactory(18);
export const resnet34 = resnetFactory(34);
export const resnet50 = resnetFactory(50);
export const VGG = vggClass(paddleKit);
export const ResNet = resnetClasses(paddleKit).ResNet;

const models = { vgg11, vgg13, vgg16, vgg19, resnet18, resnet34, resnet50, VGG, ResNet };
export default models;
