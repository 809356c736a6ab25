// Module printing, state_dict text, load_state_dict results and error messages against
// PyTorch 1.13 (fixtures/printing.json).
import { describe, it, expect } from "vitest";
import { no_grad } from "@tsgrad/core";
import { pyStr, pyRepr, type, tuple, f, fmt } from "@tsgrad/py";
import nn from "../src/index.ts";
import F from "../src/functional/index.ts";
import { fixture, torch } from "./helpers.ts";

const fx = fixture("printing.json");
const P = fx.printing;

class MyLrModule extends nn.Module {
  constructor() {
    super();
    this.w = new nn.Parameter(torch.tensor([[1.0], [1.0]]));
    this.lr = 0.01;
  }
  override forward(x: any) {
    return x.matmul(this.w);
  }
}

function net() {
  return nn.Sequential(
    nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Flatten(), nn.Linear(16, 10, { bias: false }),
    nn.BatchNorm1d(10), nn.Dropout(0.25), nn.Sequential(nn.Tanh(), nn.LogSoftmax({ dim: 1 })),
  );
}
function lin() {
  const l = nn.Linear(2, 1);
  no_grad(() => {
    l.weight.copy_(torch.tensor([[0.5, -0.25]]));
    l.bias.fill_(0.125);
  });
  return l;
}

describe("module printing", () => {
  it("Sequential of Linear", () => expect(pyRepr(nn.Sequential(nn.Linear(2, 1)))).toBe(P.seq_linear));
  it("nested Sequential", () => expect(pyRepr(net())).toBe(P.seq_nested));
  it("ModuleDict", () => expect(pyRepr(nn.ModuleDict({ cls: nn.Linear(4, 2), act: nn.GELU({ approximate: "tanh" }) }))).toBe(P.module_dict));
  it("ModuleList", () => expect(pyRepr(nn.ModuleList([nn.Linear(2, 2), nn.ELU({ alpha: 0.5 }), nn.LeakyReLU()]))).toBe(P.module_list));
  it("user module", () => expect(pyRepr(new MyLrModule())).toBe(P.my_module.replace("MyLrModule", "MyLrModule")));
  it("every layer's repr", () => {
    const t = (...a: number[]) => tuple(a);
    const mods = [
      nn.Conv1d(2, 3, 3, { stride: 2, padding: 1 }), nn.Conv2d(2, 4, t(3, 2), { stride: t(2, 1), padding: 1, groups: 2, bias: false }),
      nn.Conv2d(1, 2, 3, { padding: "same", dilation: 2, padding_mode: "zeros" }), nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1, output_padding: 1 }),
      nn.MaxPool1d(2), nn.MaxPool2d(3, { stride: 2, padding: 1 }), nn.AvgPool2d(2), nn.AdaptiveAvgPool2d(t(2, 3)), nn.AdaptiveAvgPool2d(1),
      nn.BatchNorm1d(3), nn.BatchNorm2d(3, { momentum: null }), nn.BatchNorm2d(2, { affine: false, track_running_stats: false }), nn.LayerNorm(4), nn.LayerNorm([3, 4], { eps: 1e-3 }),
      nn.GroupNorm(2, 4), nn.Dropout(), nn.Dropout(0.1, { inplace: true }), nn.Embedding(10, 3), nn.Embedding(6, 2, { padding_idx: 0 }),
      nn.RNN(3, 4), nn.RNN(3, 4, { num_layers: 2, batch_first: true, nonlinearity: "relu" }), nn.LSTM(3, 4), nn.LSTM(3, 4, 2, { batch_first: true, bias: false }),
      nn.GRU(3, 4, { dropout: 0.1, num_layers: 2 }), nn.ReLU(), nn.ReLU({ inplace: true }), nn.LeakyReLU(0.1), nn.ELU(), nn.GELU(), nn.SiLU(), nn.Sigmoid(), nn.Tanh(),
      nn.Softmax({ dim: 1 }), nn.Softmax(), nn.LogSoftmax({ dim: 1 }), nn.Flatten(), nn.Flatten(0, 2), nn.Unflatten(1, t(2, 3)), nn.Identity(), nn.Bilinear(3, 4, 2),
      nn.Linear(3, 2), nn.MSELoss(), nn.MSELoss({ reduction: "sum" }), nn.L1Loss(), nn.SmoothL1Loss(), nn.HuberLoss(), nn.CrossEntropyLoss(),
      nn.CrossEntropyLoss({ label_smoothing: 0.1 }), nn.NLLLoss(), nn.BCELoss(), nn.BCEWithLogitsLoss(), nn.KLDivLoss(),
    ];
    expect(mods.map((m) => pyRepr(m))).toEqual(P.layers);
  });
  it("state_dict, parameters and load results print as Python's", () => {
    const l = lin();
    expect(pyStr(l.state_dict())).toBe(P.linear_state_dict);
    expect(pyStr([...l.parameters()])).toBe(P.linear_params_list);
    expect(pyStr([...l.named_parameters()])).toBe(P.linear_named_params);
    expect(pyStr(l.state_dict().keys())).toBe(P.state_dict_keys);
    expect(pyStr(l.load_state_dict(l.state_dict()))).toBe(P.load_ok);
    expect(pyStr(l.load_state_dict({ weight: torch.zeros(1, 2), extra: torch.ones(1) }, { strict: false }))).toBe(P.load_nonstrict);
    expect(l.weight.tolist()).toEqual([[0, 0]]);
  });
  it("state_dict keys and named_modules of a nested model", () => {
    const m = net();
    expect([...m.state_dict().keys()]).toEqual(P.net_state_dict_keys);
    expect([...m.named_modules()].map(([n]: any) => n)).toEqual(P.net_named_modules);
  });
  it("Parameter repr", () => {
    expect(pyRepr(new nn.Parameter(torch.tensor([1.0, 2.0])))).toBe(P.param_repr);
    expect(pyRepr(nn.Parameter(torch.tensor([1.0, 2.0]), { requires_grad: false }))).toBe(P.param_nograd_repr);
  });
  it("Sequential slicing and negative index", () => {
    const m = net();
    expect(pyRepr(m.__getitem__("1:3"))).toBe(P.seq_slice);
    expect(pyRepr(m[-1])).toBe(P.seq_neg);
    expect(m[0]).toBe(m.__getitem__(0));
    expect(type(m[0])).toBe(nn.Conv2d);
    expect(type(m[0]).__name__).toBe("Conv2d");
    expect(m[0] instanceof nn.Conv2d).toBe(true);
    expect([...m].length).toBe(8);
  });
});

function errOf(fn: () => unknown): { type: string; message: string } | null {
  try {
    fn();
  } catch (e: any) {
    return { type: e.name, message: e.message };
  }
  return null;
}

describe("errors as PyTorch words them", () => {
  const E = fx.errors;
  const cases: Record<string, () => unknown> = {
    assign_tensor_to_param: () => {
      const m: any = new MyLrModule();
      m.w = torch.tensor([1.0]);
    },
    missing_attr: () => (nn.Linear(2, 1) as any).foo,
    linear_shape: () => nn.Linear(2, 1)(torch.ones(4, 3)),
    ce_float_target: () => F.cross_entropy(torch.ones(3, 5), torch.tensor([1.0, 2.0, 3.0])),
    ce_batch_mismatch: () => F.cross_entropy(torch.ones(3, 5), torch.tensor([1n, 2n])),
    nll_out_of_bounds: () => F.nll_loss(torch.ones(2, 3), torch.tensor([0n, 3n])),
    bce_range: () => F.binary_cross_entropy(torch.tensor([1.5, 0.5]), torch.tensor([1.0, 0.0])),
    bce_size: () => F.binary_cross_entropy(torch.tensor([0.5, 0.5]), torch.tensor([[1.0, 0.0]])),
    conv2d_dims: () => nn.Conv2d(3, 2, 3)(torch.ones(2, 3)),
    conv2d_channels: () => nn.Conv2d(3, 2, 3)(torch.ones(1, 2, 5, 5)),
    conv2d_small: () => nn.Conv2d(1, 1, 3)(torch.ones(1, 1, 2, 2)),
    load_missing_unexpected: () => nn.Linear(2, 1).load_state_dict({ weight: torch.zeros(1, 2), foo: torch.zeros(1) }),
    load_size_mismatch: () => nn.Linear(2, 1).load_state_dict({ weight: torch.zeros(1, 3), bias: torch.zeros(1) }),
    load_nested: () => nn.Sequential(nn.Linear(2, 1)).load_state_dict({ "0.weight": torch.zeros(1, 2) }),
    linear_missing_arg: () => (nn.Linear as any)(2),
    linear_bad_kw: () => nn.Linear(2, 1, { foo: 3 } as any),
    seq_index: () => nn.Sequential(nn.ReLU())[3],
    embedding_index: () => nn.Embedding(3, 2)(torch.tensor([5n])),
    maxpool_pad: () => nn.MaxPool2d(2, { padding: 2 })(torch.ones(1, 1, 4, 4)),
    layer_norm_shape: () => nn.LayerNorm(4)(torch.ones(2, 3)),
    batchnorm_one: () => nn.BatchNorm1d(3)(torch.ones(1, 3)),
    rnn_input_dim: () => nn.RNN(3, 4)(torch.ones(2, 5, 2)),
    register_param_bad: () => nn.Linear(2, 1).register_parameter("w", torch.ones(1)),
    register_buffer_dot: () => nn.Linear(2, 1).register_buffer("a.b", torch.ones(1)),
    forward_missing: () => nn.Module()(torch.ones(1)),
  };
  for (const [name, want] of Object.entries(E)) {
    it(name, () => {
      expect(cases[name], `no TS case for ${name}`).toBeDefined();
      expect(errOf(cases[name])).toEqual(want);
    });
  }
  it("a failed load_state_dict changes nothing", () => {
    const l = lin();
    expect(() => l.load_state_dict({ weight: torch.zeros(1, 2), foo: torch.zeros(1) })).toThrow();
    expect(l.weight.tolist()).toEqual([[0.5, -0.25]]);
  });
});

describe("Module behaviour", () => {
  it("registers fields in order, hooks, zero_grad, train/eval, apply, to(dtype)", () => {
    const m: any = new MyLrModule();
    m.lin = nn.Linear(2, 1);
    expect([...m.named_parameters()].map(([n]: any) => n)).toEqual(["w", "lin.weight", "lin.bias"]);
    const seen: string[] = [];
    const h = m.register_forward_pre_hook((_mod: any, inp: any) => void seen.push(`pre ${inp.length}`));
    const h2 = m.register_forward_hook((_mod: any, _inp: any, out: any) => out.mul(2));
    const y = m(torch.tensor([[1.0, 2.0]]));
    expect(y.tolist()).toEqual([[6]]);
    expect(seen).toEqual(["pre 1"]);
    h.remove();
    h2.remove();
    expect(m(torch.tensor([[1.0, 2.0]])).tolist()).toEqual([[3]]);
    m(torch.tensor([[1.0, 2.0]])).sum().backward();
    m.zero_grad();
    expect(m.w.grad.tolist()).toEqual([[0], [0]]);
    m.zero_grad({ set_to_none: true });
    expect(m.w.grad).toBeNull();
    m.eval();
    expect(m.lin.training).toBe(false);
    m.train();
    expect(m.lin.training).toBe(true);
    const names: string[] = [];
    expect(m.apply((x: any) => names.push(type(x).__name__))).toBe(m);
    expect(names).toEqual(["Linear", "MyLrModule"]);
    m.double();
    expect(m.w.dtype.name).toBe("float64");
    expect(m.w instanceof nn.Parameter).toBe(true);
  });
});

describe("modules in f-strings and __class__", () => {
  it("f`${model}` is str(model); m.__class__.__name__ is the class name", () => {
    const seq = nn.Sequential(nn.Linear(2, 1), nn.ReLU());
    expect(f`Model structure: ${seq}`).toBe("Model structure: Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=True)\n  (1): ReLU()\n)");
    expect(() => fmt(seq, ">10")).toThrow("unsupported format string passed to Sequential.__format__");
    expect((seq as any).__class__.__name__).toBe("Sequential");
    expect(() => (seq as any).no_such_attr).toThrow("'Sequential' object has no attribute 'no_such_attr'");
  });
});

describe("F.normalize (PyTorch 1.13)", () => {
  it("divides by the p-norm over dim, clamped at eps", () => {
    const x = torch.tensor([[3.0, 4.0], [0.0, 0.0], [1e-13, 0]], { requires_grad: true });
    const y = F.normalize(x);
    expect(pyStr(y)).toBe("tensor([[0.6000, 0.8000],\n        [0.0000, 0.0000],\n        [0.1000, 0.0000]], grad_fn=<DivBackward0>)");
    y.sum().backward();
    expect(pyStr(x.grad)).toBe("tensor([[ 3.2000e-02, -2.4000e-02],\n        [ 1.0000e+12,  1.0000e+12],\n        [ 1.0000e+12,  1.0000e+12]])");
    expect(pyStr(F.normalize(torch.tensor([[1.0, -2.0, 2.0]]), { p: 1, dim: 1 })) + " " + pyStr(F.normalize(torch.tensor([1.0, 2.0, 2.0]), { dim: 0 }))).toBe(
      "tensor([[ 0.2000, -0.4000,  0.4000]]) tensor([0.3333, 0.6667, 0.6667])",
    );
  });
});
