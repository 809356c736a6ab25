// @tsgrad/vision: the model zoo shared by the dialects (VGG 11/13/16/19 with and without batch
// norm, ResNet 18/34/50). Each dialect passes its LayerKit: @tsgrad/torch/vision gives
// torchvision's layout, @tsgrad/paddle/vision/models paddle.vision's.

export { type LayerKit, noPretrained } from "./kit.ts";
export { vgg, vggClass, vggCfgs, vggFeatures } from "./vgg.ts";
export { resnet, resnetClasses } from "./resnet.ts";
