// What OneFlow v0.8 prints for dtypes, sizes, devices and integer/bool tensors.
import flow from "@tsgrad/oneflow";
import { print, repr, f } from "@tsgrad/py";

const x = flow.ones(2, 3);
print(x.dtype);
print(x.shape);
print(x.device);
print(repr(x.device));
print(x.dtype === flow.float32);
const i = flow.arange(4n);
print(i, i.dtype);
print(i.gt(1n));
print(flow.tensor([true, false]));
print(flow.zeros(0, 2));
print(x.sum(), f`${x.sum()}`);
