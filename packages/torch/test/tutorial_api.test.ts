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

describe("numpy bridge (expected text from PyTorch 1.13 + numpy)", () => {
  it("x.numpy() shares memory with the tensor, both ways", async () => {
    const np = (await import("@tsgrad/numpy")).default;
    const t = torch.ones(5);
    const n = t.numpy();
    t.add_(1);
    expect(show(t, n)).toBe("tensor([2., 2., 2., 2., 2.]) [2. 2. 2. 2. 2.]");
    n.__iadd__(1);
    expect(show(t)).toBe("tensor([3., 3., 3., 3., 3.])");
    expect(show(torch.arange(4n).numpy(), torch.arange(4n).numpy().dtype, torch.tensor([true, false]).numpy())).toBe("[0 1 2 3] int64 [ True False]");
    // a view's numpy() sees the view's elements
    expect(show(torch.arange(6.0).reshape(2, 3).T.numpy())).toBe("[[0. 3.]\n [1. 4.]\n [2. 5.]]");
    expect(np).toBeDefined();
  });
  it("numpy() of a tensor that requires grad raises PyTorch's error; detach() works", () => {
    const w = torch.ones(2, { requires_grad: true });
    expect(() => w.numpy()).toThrow(torch.RuntimeError);
    expect(() => w.numpy()).toThrow("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    expect(show(w.detach().numpy())).toBe("[1. 1.]");
  });
  it("from_numpy shares memory and keeps the dtype; tensor() copies; as_tensor shares", async () => {
    const np = (await import("@tsgrad/numpy")).default;
    const n = np.ones(5);
    const t = torch.from_numpy(n);
    np.add(n, 1, { out: n });
    expect(show(t)).toBe("tensor([2., 2., 2., 2., 2.], dtype=torch.float64)");
    const a = np.arange(6, { dtype: np.float32 }).reshape(2, 3);
    const b = torch.from_numpy(a);
    b.__setitem__([0, 0], 100);
    expect(show(a)).toBe("[[100.   1.   2.]\n [  3.   4.   5.]]");
    const c = torch.tensor(a);
    c.__setitem__([0, 1], -1);
    expect(show(a.tolist(), c.dtype)).toBe("[[100.0, 1.0, 2.0], [3.0, 4.0, 5.0]] torch.float32");
    const d = torch.as_tensor(a);
    d.__setitem__([1, 2], 7);
    expect(show(a.tolist(), torch.as_tensor(a, { dtype: torch.float64 }).dtype)).toBe("[[100.0, 1.0, 2.0], [3.0, 4.0, 7.0]] torch.float64");
    expect(show(torch.from_numpy(np.array([[1n, 2n], [3n, 4n]])))).toBe("tensor([[1, 2],\n        [3, 4]])");
    expect(() => torch.from_numpy([1, 2])).toThrow("expected np.ndarray (got list)");
  });
});

describe("torch.cuda / torch.backends on a CPU-only machine", () => {
  it("report no devices, as PyTorch without CUDA does", () => {
    expect(show(torch.cuda.is_available(), torch.cuda.device_count(), torch.backends.mps.is_available())).toBe("False 0 False");
  });
});

describe("alias names", () => {
  it("torch.clip / multiply / greater ... and their methods are the ops they alias", () => {
    const x = torch.tensor([-2.0, 0.5, 3.0], { requires_grad: true });
    expect(show(torch.clip(x, -1, 1), x.clip({ min: 0 }), torch.multiply(x, 2), x.subtract(1))).toBe(
      "tensor([-1.0000,  0.5000,  1.0000], grad_fn=<ClampBackward1>) tensor([0.0000, 0.5000, 3.0000], grad_fn=<ClampBackward1>) tensor([-4.,  1.,  6.], grad_fn=<MulBackward0>) tensor([-3.0000, -0.5000,  2.0000], grad_fn=<SubBackward0>)",
    );
    expect(show(torch.greater(x, 0), x.swapaxes(0, 0), torch.absolute(x))).toBe(
      "tensor([False,  True,  True]) tensor([-2.0000,  0.5000,  3.0000], grad_fn=<TransposeBackward0>) tensor([2.0000, 0.5000, 3.0000], grad_fn=<AbsBackward0>)",
    );
  });
});

describe("torch.einsum (PyTorch 1.13's values and grad_fn names)", () => {
  it("contractions, permutations, sums, outer products, diagonals", () => {
    torch.manual_seed(0);
    const a = torch.randn(2, 3, { requires_grad: true }), b = torch.randn(3, 4, { requires_grad: true }), v = torch.randn(3, { requires_grad: true });
    const r = torch.einsum("ij,jk->ik", a, b);
    expect(show(r)).toBe("tensor([[ 3.1305,  0.9706,  0.3769, -1.7574],\n        [ 2.3745,  0.1073,  1.3123, -1.9447]], grad_fn=<ViewBackward0>)");
    expect(show(torch.einsum("ij->ji", a).grad_fn!.name(), torch.einsum("ij->j", a), torch.einsum("i,i->", v, v))).toBe(
      "PermuteBackward0 tensor([ 2.1094, -1.3780, -3.5774], grad_fn=<SumBackward1>) tensor(3.2103, grad_fn=<ViewBackward0>)",
    );
    expect(show(torch.einsum("i,j->ij", v, v).grad_fn!.name(), torch.einsum("ij,j->i", a, v), torch.einsum("ij,kj->ik", a, a).shape)).toBe(
      "MulBackward0 tensor([-1.7388,  0.6116], grad_fn=<ViewBackward0>) torch.Size([2, 2])",
    );
    r.sum().backward();
    expect(show(a.grad)).toBe("tensor([[ 0.1188, -0.1707, -1.1417],\n        [ 0.1188, -0.1707, -1.1417]])");
    const m = torch.tensor([[1.0, 2.0], [3.0, 4.0]]);
    expect(show(torch.einsum("ii->i", m), torch.einsum("ii", m), torch.einsum("ij", m).shape)).toBe("tensor([1., 4.]) tensor(5.) torch.Size([2, 2])");
  });
});
