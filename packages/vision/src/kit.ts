// The layers a model zoo needs, as each dialect names and builds them. The architectures in
// vgg.ts and resnet.ts are written once against this interface; torchvision's layout comes
// from @tsgrad/torch/vision (nn.Conv2d, ...), paddle.vision's from @tsgrad/paddle (nn.Conv2D).

import { RuntimeError } from "@tsgrad/py";

export interface LayerKit {
  /** "torch" or "paddle": decides the few spots where the layouts differ. */
  layout: "torch" | "paddle";
  /** The base class models extend (nn.Module / paddle.nn.Layer). */
  Module: new (...a: any[]) => any;
  conv(inC: number, outC: number, k: number, stride: number, padding: number, bias: boolean): any;
  batchNorm(c: number): any;
  relu(): any;
  maxPool(k: number, stride: number, padding?: number): any;
  adaptiveAvgPool(size: [number, number]): any;
  dropout(p?: number): any;
  linear(inF: number, outF: number): any;
  sequential(...layers: any[]): any;
  flatten(x: any): any;
  /** Re-initialise after `vgg()` / `resnet()` build a model (paddle keeps its layers' defaults;
   *  @tsgrad/torch/vision's VGG and ResNet classes do torchvision's init in their constructors). */
  initModel?(model: any, kind: "vgg" | "resnet"): void;
}

/** What `pretrained=true` (torchvision: any `weights=` but None) raises: nothing can be downloaded here. */
export function noPretrained(name: string, layout: "torch" | "paddle", asked = "pretrained=True"): never {
  const load = layout === "torch" ? "model.load_state_dict(state_dict)" : "model.set_state_dict(state_dict)";
  const plain = layout === "torch" ? "weights=None" : "pretrained=False";
  throw new RuntimeError(
    `${name}(${asked}): tsgrad cannot download pretrained weights. Build the model with ${plain} and load weights you have: ${load} (a state_dict read from a file you converted yourself).`,
  );
}
