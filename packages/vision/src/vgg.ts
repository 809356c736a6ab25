// VGG (Simonyan & Zisserman): configurations A, B, D, E as 11, 13, 16, 19 layers, with and
// without batch norm, in the module layout both torchvision and paddle.vision use:
// features (convs 3x3 pad 1, [bn], relu, max pools 2x2), avgpool (adaptive 7x7), classifier
// (linear 25088->4096, relu, dropout, 4096->4096, relu, dropout, 4096->num_classes).
// torchvision's classifier order is linear, relu, dropout; paddle's is the same.

import { type LayerKit, noPretrained } from "./kit.ts";

export const vggCfgs: Record<number, Array<number | "M">> = {
  11: [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
  13: [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
  16: [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
  19: [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"],
};

/** torchvision's make_layers(cfg, batch_norm): the `features` Sequential. */
export function vggFeatures(kit: LayerKit, cfg: Array<number | "M">, batchNorm: boolean): any {
  const layers: any[] = [];
  let inC = 3;
  for (const v of cfg) {
    if (v === "M") layers.push(kit.maxPool(2, 2));
    else {
      layers.push(kit.conv(inC, v, 3, 1, 1, true));
      if (batchNorm) layers.push(kit.batchNorm(v));
      layers.push(kit.relu());
      inC = v;
    }
  }
  return kit.sequential(...layers);
}

const vggClasses = new WeakMap<LayerKit, new (...a: any[]) => any>();

/** The VGG class of a kit (one class per dialect, so type(model).__name__ is "VGG"). */
export function vggClass(kit: LayerKit): new (features: any, numClasses?: number, opts?: { dropout?: number }) => any {
  let cls = vggClasses.get(kit);
  if (!cls) {
    cls = class VGG extends kit.Module {
      constructor(features: any, numClasses = 1000, opts: { dropout?: number } = {}) {
        super();
        const p = typeof opts === "object" && opts !== null ? opts.dropout : undefined;
        this.features = features;
        this.avgpool = kit.adaptiveAvgPool([7, 7]);
        this.classifier = kit.sequential(
          kit.linear(512 * 7 * 7, 4096), kit.relu(), kit.dropout(p),
          kit.linear(4096, 4096), kit.relu(), kit.dropout(p),
          kit.linear(4096, numClasses),
        );
      }
      forward(x: any): any {
        x = this.features(x);
        x = this.avgpool(x);
        x = kit.flatten(x);
        return this.classifier(x);
      }
    };
    vggClasses.set(kit, cls);
  }
  return cls;
}

export function vgg(kit: LayerKit, depth: 11 | 13 | 16 | 19, batchNorm: boolean, pretrained: boolean, numClasses = 1000): any {
  const name = `vgg${depth}${batchNorm && kit.layout === "torch" ? "_bn" : ""}`;
  if (pretrained) noPretrained(name, kit.layout);
  const model = new (vggClass(kit))(vggFeatures(kit, vggCfgs[depth], batchNorm), numClasses);
  kit.initModel?.(model, "vgg");
  return model;
}
