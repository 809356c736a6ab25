#!/usr/bin/python3
"""Golden fixtures for torchvision-layout vgg11 and resnet18 from real PyTorch 1.13
(run: /usr/bin/python3 gen_fixtures.py; writes fixtures/golden.json).

torchvision is not installed here, so the two models are written out below exactly as
torchvision 0.14's vgg.py and resnet.py build them (same classes, module names, layer order and
initialisation), which makes their state_dict keys and their seeded initialisation torchvision's.

Nothing large is committed: every weight and input is set from a formula both sides compute
the same way in float32 (see `formula`: a 32-bit hash of the element's index), and the fixture keeps only the state_dict keys, the
forward output, the loss and a few parameter gradients (whole when small, else a fixed sample
of positions plus sums). Per model:
  vgg11:    eval mode (dropout off), input 1x3x32x32 (AdaptiveAvgPool2d((7, 7)) makes any size
            work), label 7
  resnet18: train mode (batch norm on batch statistics), input 2x3x64x64, labels [3, 5]
The loss is F.cross_entropy. A third case records torchvision's seeded initialisation of
resnet18 (torch.manual_seed(0); resnet18()) as the SHA-256 of every parameter's float32 bytes.
"""
import hashlib, json, math, os
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")


# ---- torchvision 0.14, models/vgg.py ------------------------------------------------------------

class VGG(nn.Module):
    def __init__(self, features, num_classes=1000, init_weights=True, dropout=0.5):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, num_classes),
        )
        if init_weights:
            for m in self.modules():
                if isinstance(m, nn.Conv2d):
                    nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                    if m.bias is not None:
                        nn.init.constant_(m.bias, 0)
                elif isinstance(m, nn.BatchNorm2d):
                    nn.init.constant_(m.weight, 1)
                    nn.init.constant_(m.bias, 0)
                elif isinstance(m, nn.Linear):
                    nn.init.normal_(m.weight, 0, 0.01)
                    nn.init.constant_(m.bias, 0)

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        x = self.classifier(x)
        return x


def make_layers(cfg, batch_norm=False):
    layers = []
    in_channels = 3
    for v in cfg:
        if v == "M":
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        else:
            conv2d = nn.Conv2d(in_channels, v, kernel_size=3, padding=1)
            if batch_norm:
                layers += [conv2d, nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
            else:
                layers += [conv2d, nn.ReLU(inplace=True)]
            in_channels = v
    return nn.Sequential(*layers)


def vgg11(**kwargs):
    return VGG(make_layers([64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]), **kwargs)


# ---- torchvision 0.14, models/resnet.py (BasicBlock, ResNet) --------------------------------------

def conv3x3(in_planes, out_planes, stride=1, groups=1, dilation=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=dilation, groups=groups, bias=False, dilation=dilation)


def conv1x1(in_planes, out_planes, stride=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride, bias=False)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        identity = x
        out = self.conv1(x)
        out = self.bn1(out)
        out = self.relu(out)
        out = self.conv2(out)
        out = self.bn2(out)
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        out = self.relu(out)
        return out


class ResNet(nn.Module):
    def __init__(self, block, layers, num_classes=1000, zero_init_residual=False):
        super().__init__()
        self.inplanes = 64
        self.dilation = 1
        self.groups = 1
        self.base_width = 64
        self.conv1 = nn.Conv2d(3, self.inplanes, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64, layers[0])
        self.layer2 = self._make_layer(block, 128, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 256, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 512, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * block.expansion, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)
        if zero_init_residual:
            for m in self.modules():
                if isinstance(m, BasicBlock) and m.bn2.weight is not None:
                    nn.init.constant_(m.bn2.weight, 0)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(conv1x1(self.inplanes, planes * block.expansion, stride), nn.BatchNorm2d(planes * block.expansion))
        layers = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.conv1(x)
        x = self.bn1(x)
        x = self.relu(x)
        x = self.maxpool(x)
        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        x = self.layer4(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        x = self.fc(x)
        return x


def resnet18(**kwargs):
    return ResNet(BasicBlock, [2, 2, 2, 2], **kwargs)


# ---- the weights formula (golden.test.ts computes the same) -----------------------------------

def formula(shape, k, bound, center=0.0):
    """float32(center + (2 h / 2^32 - 1) * bound) for the i-th element in row-major order, h the
    32-bit hash of i and k below. Every double step is exact but the last product and sum,
    which IEEE rounds the same on both sides, and the float32 cast rounds to nearest even.
    The hash is murmur3's finaliser over i * 2654435761 + k * 40503: the plain multiplicative
    sequence alone is a Weyl sequence, whose convolutions repeat along the image, so max pools
    meet near-ties that float rounding breaks differently in each framework."""
    n = int(np.prod(shape)) if len(shape) else 1
    M = np.uint64(2 ** 32)
    h = (np.arange(n, dtype=np.uint64) * np.uint64(2654435761) + np.uint64(k * 40503)) % M
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x85EBCA6B)) % M
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0xC2B2AE35)) % M
    h ^= h >> np.uint64(16)
    v = center + ((h.astype(np.float64) / 2.0 ** 32) * 2.0 - 1.0) * bound
    return torch.from_numpy(v.astype(np.float32).reshape(shape))


def bound_of(name, shape):
    """Kaiming-uniform-sized bounds for weights, 0.1 for biases, BN weight 1 +- 0.1."""
    if len(shape) >= 2:
        fan_in = shape[1] * int(np.prod(shape[2:])) if len(shape) > 2 else shape[1]
        return math.sqrt(6.0 / fan_in), 0.0
    if name.endswith("weight"):  # batch norm
        return 0.1, 1.0
    return 0.1, 0.0


def set_formula_weights(model):
    with torch.no_grad():
        for k, (name, p) in enumerate(model.named_parameters()):
            bound, center = bound_of(name, list(p.shape))
            p.copy_(formula(list(p.shape), k + 1, bound, center))


# ---- recording -----------------------------------------------------------------------------------

SAMPLE = 256


def f32(x):
    return float(np.float32(x))


def grad_record(g):
    g = g.detach().reshape(-1).double()
    n = g.numel()
    rec = {"shape": None, "sum": float(g.sum()), "abs_sum": float(g.abs().sum()), "max_abs": float(g.abs().max())}
    if n <= 4096:
        rec["values"] = [f32(v) for v in g.tolist()]
    else:
        idx = [(j * 7919 + 13) % n for j in range(SAMPLE)]
        rec["index"] = idx
        rec["values"] = [f32(g[i].item()) for i in idx]
    return rec


def run_case(model, input_shape, labels, grads, train):
    set_formula_weights(model)
    model.train(train)
    x = formula(input_shape, 0, 1.0)
    y = model(x)
    loss = F.cross_entropy(y, torch.tensor(labels))
    loss.backward()
    params = dict(model.named_parameters())
    out = {
        "state_dict_keys": list(model.state_dict().keys()),
        "input_shape": input_shape,
        "labels": labels,
        "train": train,
        "output": [f32(v) for v in y.detach().reshape(-1).tolist()],
        "output_shape": list(y.shape),
        "loss": f32(loss.item()),
        "grads": {},
    }
    for name in grads:
        rec = grad_record(params[name].grad)
        rec["shape"] = list(params[name].shape)
        out["grads"][name] = rec
    return out


def main():
    torch.set_num_threads(2)
    fixtures = {"torch": torch.__version__}
    torch.manual_seed(0)
    fixtures["vgg11"] = run_case(
        vgg11(), [1, 3, 32, 32], [7], ["features.0.weight", "features.0.bias", "features.18.weight", "classifier.0.weight", "classifier.6.weight", "classifier.6.bias"], False
    )
    torch.manual_seed(0)
    fixtures["resnet18"] = run_case(
        resnet18(), [2, 3, 64, 64], [3, 5],
        ["conv1.weight", "bn1.weight", "layer1.0.conv1.weight", "layer2.0.downsample.0.weight", "layer4.1.bn2.bias", "fc.weight", "fc.bias"], True
    )
    # torchvision's seeded initialisation, bit for bit
    torch.manual_seed(0)
    m = resnet18()
    fixtures["resnet18_seed0"] = {
        name: {"shape": list(t.shape), "sha256": hashlib.sha256(t.detach().contiguous().numpy().astype("<f4").tobytes()).hexdigest()}
        for name, t in m.state_dict().items() if t.dtype == torch.float32
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "golden.json"), "w") as fh:
        json.dump(fixtures, fh, separators=(",", ":"))
    print("wrote", os.path.join(OUT, "golden.json"))


if __name__ == "__main__":
    main()
