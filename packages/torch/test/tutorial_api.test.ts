// torch namespace pieces tutorials use, found by the differential suite (compat-tests/examples/
// torch). Expected text printed by PyTorch 1.13 (/usr/bin/python3).
import { describe, expect, it } from "vitest";
import torch, { nn } from "../src/index.ts";
import { TensorDataset, DataLoader, random_split } from "../src/utils_data.ts";
import { captureOutput, print, type, len } from "@tsgrad/py";

const show = (...xs: unknown[]) => captureOutput(() => print(...xs)).trimEnd();

describe("classes print with Python's module path", () => {
  it("library classes, grad_fn classes and a program's own Module subclass", () => {
    const x = torch.ones(1, { requires_grad: true });
    class Net extends nn.Module {}
    expect(show(type(x), type(x.shape), type(torch.Generator()), type(nn.Parameter(x)), type(x.mul(2).grad_fn))).toBe(
      "<class 'torch.Tensor'> <class 'torch.Size'> <class 'torch._C.Generator'> <class 'torch.nn.parameter.Parameter'> <class 'MulBackward0'>",
    );
    expect(show(type(nn.Linear(1, 1)), type(nn.Sequential()), type(nn.MSELoss()), type(torch.optim.SGD([x], { lr: 1 })), type(torch.float32))).toBe(
      "<class 'torch.nn.modules.linear.Linear'> <class 'torch.nn.modules.container.Sequential'> <class 'torch.nn.modules.loss.MSELoss'> <class 'torch.optim.sgd.SGD'> <class 'torch.dtype'>",
    );
    expect(show(type(nn.ReLU()), type(nn.Conv2d(1, 1, 1)), type(nn.Flatten()), type(nn.Dropout()), type(torch.optim.Adam([x])))).toBe(
      "<class 'torch.nn.modules.activation.ReLU'> <class 'torch.nn.modules.conv.Conv2d'> <class 'torch.nn.modules.flatten.Flatten'> <class 'torch.nn.modules.dropout.Dropout'> <class 'torch.optim.adam.Adam'>",
    );
    expect(show(type(new Net()), Net, nn.Linear, torch.Tensor)).toBe(
      "<class '__main__.Net'> <class '__main__.Net'> <class 'torch.nn.modules.linear.Linear'> <class 'torch.Tensor'>",
    );
    expect(type(x.mul(2).grad_fn)).toBe(type(x.mul(3).grad_fn));
    expect(type(x.mul(2).grad_fn).__name__).toBe("MulBackward0");
  });
});

describe("callable classes", () => {
  it("torch.Size and torch.Generator work without new", () => {
    expect(show(torch.Size([2, 3]), torch.ones(3, 4).shape.__eq__(torch.Size([3, 4])))).toBe("torch.Size([2, 3]) True");
    expect(type(torch.ones(1).shape)).toBe(torch.Size);
    expect(show(torch.rand(2, { generator: torch.Generator().manual_seed(7) }))).toBe("tensor([0.5349, 0.1988])");
  });
});

describe("finfo / iinfo", () => {
  it("values and reprs", () => {
    expect(show(torch.finfo(torch.float32))).toBe(
      "finfo(resolution=1e-06, min=-3.40282e+38, max=3.40282e+38, eps=1.19209e-07, smallest_normal=1.17549e-38, tiny=1.17549e-38, dtype=float32)",
    );
    expect(show(torch.finfo().eps, torch.finfo(torch.float64).eps, torch.finfo(torch.float32).max)).toBe(
      "1.1920928955078125e-07 2.220446049250313e-16 3.4028234663852886e+38",
    );
    expect(show(torch.iinfo(torch.int32), torch.iinfo(torch.int32).max, torch.iinfo(torch.int64).min)).toBe(
      "iinfo(min=-2.14748e+09, max=2.14748e+09, dtype=int32) 2147483647 -9223372036854775808",
    );
    expect(() => torch.iinfo(torch.float32)).toThrow("torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'");
  });
});

describe("torch.utils.data", () => {
  it("shuffles as PyTorch's DataLoader does under a seed", () => {
    torch.manual_seed(0);
    const ds = TensorDataset(torch.arange(10n));
    const loader = DataLoader(ds, { batch_size: 4, shuffle: true });
    expect(len(loader)).toBe(3);
    expect(show(...loader)).toBe("[tensor([6, 7, 1, 4])] [tensor([2, 0, 9, 8])] [tensor([3, 5])]");
    // two int64 draws consumed from the global generator (the loader's base seed, the sampler's)
    expect(show(torch.rand(1))).toBe("tensor([0.3074])");
  });

  it("collates (x, y) pairs and indexes like Python", () => {
    const ds = TensorDataset(torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), torch.tensor([0n, 1n, 0n]));
    expect(show(len(ds), ds[0])).toBe("3 (tensor([1., 2.]), tensor(0))");
    const [first] = [...DataLoader(ds, { batch_size: 2 })];
    expect(show(first)).toBe("[tensor([[1., 2.],\n        [3., 4.]]), tensor([0, 1])]");
    torch.manual_seed(0);
    const [a, b] = random_split(ds, [2, 1]) as any[];
    expect(show(len(a), len(b), a[0])).toBe("2 1 (tensor([5., 6.]), tensor(0))");
  });
});
