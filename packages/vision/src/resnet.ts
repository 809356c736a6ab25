// ResNet (He et al.) 18, 34 (BasicBlock) and 50 (Bottleneck, stride on the 3x3 conv as in
// torchvision and paddle.vision), with the module names both layouts share: conv1, bn1, relu,
// maxpool, layer1..layer4 (blocks with conv1/bn1/conv2/bn2[/conv3/bn3], downsample), avgpool,
// fc.

import { type LayerKit, noPretrained } from "./kit.ts";

interface Classes {
  BasicBlock: new (inC: number, planes: number, stride: number, down: any) => any;
  Bottleneck: new (inC: number, planes: number, stride: number, down: any) => any;
  ResNet: new (block: any, layers: number[], numClasses: number) => any;
}
const cache = new WeakMap<LayerKit, Classes>();

/** `out += identity`, as both frameworks write it: in place for torch (AddBackward0 on the
 *  batch norm's output), a new tensor for Paddle 2.0 (its Tensor has no __iadd__). */
function addResidual(kit: LayerKit, out: any, identity: any): any {
  return kit.layout === "torch" ? out.__iadd__(identity) : out.add(identity);
}

export function resnetClasses(kit: LayerKit): Classes {
  const hit = cache.get(kit);
  if (hit) return hit;
  class BasicBlock extends kit.Module {
    static expansion = 1;
    constructor(inC: number, planes: number, stride: number, down: any) {
      super();
      this.conv1 = kit.conv(inC, planes, 3, stride, 1, false);
      this.bn1 = kit.batchNorm(planes);
      this.relu = kit.relu();
      this.conv2 = kit.conv(planes, planes, 3, 1, 1, false);
      this.bn2 = kit.batchNorm(planes);
      this.downsample = down;
      this.stride = stride;
    }
    forward(x: any): any {
      let out = this.relu(this.bn1(this.conv1(x)));
      out = this.bn2(this.conv2(out));
      const identity = this.downsample === null ? x : this.downsample(x);
      return this.relu(addResidual(kit, out, identity));
    }
  }
  class Bottleneck extends kit.Module {
    static expansion = 4;
    constructor(inC: number, planes: number, stride: number, down: any) {
      super();
      this.conv1 = kit.conv(inC, planes, 1, 1, 0, false);
      this.bn1 = kit.batchNorm(planes);
      this.conv2 = kit.conv(planes, planes, 3, stride, 1, false);
      this.bn2 = kit.batchNorm(planes);
      this.conv3 = kit.conv(planes, planes * 4, 1, 1, 0, false);
      this.bn3 = kit.batchNorm(planes * 4);
      this.relu = kit.relu();
      this.downsample = down;
      this.stride = stride;
    }
    forward(x: any): any {
      let out = this.relu(this.bn1(this.conv1(x)));
      out = this.relu(this.bn2(this.conv2(out)));
      out = this.bn3(this.conv3(out));
      const identity = this.downsample === null ? x : this.downsample(x);
      return this.relu(addResidual(kit, out, identity));
    }
  }
  class ResNet extends kit.Module {
    constructor(block: any, layers: number[], numClasses: number) {
      super();
      let inC = 64;
      this.conv1 = kit.conv(3, 64, 7, 2, 3, false);
      this.bn1 = kit.batchNorm(64);
      this.relu = kit.relu();
      this.maxpool = kit.maxPool(3, 2, 1);
      const makeLayer = (planes: number, blocks: number, stride: number) => {
        const exp = block.expansion;
        const down = stride !== 1 || inC !== planes * exp ? kit.sequential(kit.conv(inC, planes * exp, 1, stride, 0, false), kit.batchNorm(planes * exp)) : null;
        const list = [new block(inC, planes, stride, down)];
        inC = planes * exp;
        for (let i = 1; i < blocks; i++) list.push(new block(inC, planes, 1, null));
        return kit.sequential(...list);
      };
      this.layer1 = makeLayer(64, layers[0], 1);
      this.layer2 = makeLayer(128, layers[1], 2);
      this.layer3 = makeLayer(256, layers[2], 2);
      this.layer4 = makeLayer(512, layers[3], 2);
      this.avgpool = kit.adaptiveAvgPool([1, 1]);
      this.fc = kit.linear(512 * block.expansion, numClasses);
    }
    forward(x: any): any {
      x = this.maxpool(this.relu(this.bn1(this.conv1(x))));
      x = this.layer4(this.layer3(this.layer2(this.layer1(x))));
      return this.fc(kit.flatten(this.avgpool(x)));
    }
  }
  const classes = { BasicBlock, Bottleneck, ResNet } as unknown as Classes;
  cache.set(kit, classes);
  return classes;
}

const depths: Record<number, ["BasicBlock" | "Bottleneck", number[]]> = {
  18: ["BasicBlock", [2, 2, 2, 2]],
  34: ["BasicBlock", [3, 4, 6, 3]],
  50: ["Bottleneck", [3, 4, 6, 3]],
};

export function resnet(kit: LayerKit, depth: 18 | 34 | 50, pretrained: boolean, numClasses = 1000): any {
  if (pretrained) noPretrained(`resnet${depth}`, kit.layout);
  const c = resnetClasses(kit);
  const [block, layers] = depths[depth];
  const model = new c.ResNet(c[block], layers, numClasses);
  kit.initModel?.(model, "resnet");
  return model;
}
