#!/usr/bin/python3
"""Golden fixtures for default initialisation and nn.init from real PyTorch 1.13
(run: /usr/bin/python3 gen_init_fixtures.py; writes fixtures/init.json).

Each case seeds torch.manual_seed(seed), then runs steps in order: building a module (every
parameter and buffer recorded), an nn.init function on a fresh tensor, or a torch.rand / randn
draw between them. Values are recorded as bit patterns (float32 as uint32, float64 as 16 hex
digits); a tensor of more than 4096 elements is recorded as the SHA-256 of its little-endian
bytes plus its first and last 64 values' bits. The test replays the steps and compares bits.
"""
import hashlib, json, math, os, struct
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")
FULL = 4096
EDGE = 64


def bits(t):
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.float32:
        return [int(x) for x in t.view(torch.int32).tolist()], lambda v: v & 0xFFFFFFFF
    if t.dtype == torch.float64:
        return [int(x) for x in t.view(torch.int64).tolist()], lambda v: "%016x" % (v & 0xFFFFFFFFFFFFFFFF)
    raise ValueError(t.dtype)


def enc(t):
    if t is None:
        return None
    t = t.detach()
    if t.dtype == torch.int64:
        return {"dtype": "int64", "shape": list(t.shape), "ints": [str(int(v)) for v in t.reshape(-1).tolist()]}
    raw, fmt = bits(t)
    out = {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape)}
    vals = [fmt(v) for v in raw]
    if len(vals) <= FULL:
        out["bits"] = vals
    else:
        out["sha256"] = hashlib.sha256(t.contiguous().numpy().tobytes()).hexdigest()
        out["head"] = vals[:EDGE]
        out["tail"] = vals[-EDGE:]
    return out


DT = {"float32": torch.float32, "float64": torch.float64}


def run_step(step):
    kind = step["kind"]
    if kind == "module":
        kw = dict(step.get("kwargs", {}))
        if "dtype" in kw:
            kw["dtype"] = DT[kw["dtype"]]
        m = getattr(nn, step["ctor"])(*step["args"], **kw)
        rec = {name: enc(p) for name, p in m.named_parameters()}
        rec.update({name: enc(b) for name, b in m.named_buffers()})
        return {"params": rec, "order": [n for n, _ in m.named_parameters()]}
    if kind == "rand":
        kw = {"dtype": DT[step["dtype"]]} if "dtype" in step else {}
        return {"out": enc(getattr(torch, step["fn"])(*step["shape"], **kw))}
    if kind == "init":
        t = torch.empty(*step["shape"], dtype=DT[step.get("dtype", "float32")])
        if step.get("transpose"):
            t = t.t()
        fn = getattr(nn.init, step["fn"])
        r = fn(t, *step.get("args", []), **step.get("kwargs", {}))
        assert r is t
        return {"out": enc(t)}
    raise ValueError(kind)


def M(ctor, *args, **kwargs):
    return {"kind": "module", "ctor": ctor, "args": list(args), "kwargs": kwargs}


def R(fn, *shape, dtype=None):
    s = {"kind": "rand", "fn": fn, "shape": list(shape)}
    if dtype:
        s["dtype"] = dtype
    return s


def I(fn, shape, *args, dtype=None, transpose=False, **kwargs):
    s = {"kind": "init", "fn": fn, "shape": list(shape), "args": list(args), "kwargs": kwargs}
    if dtype:
        s["dtype"] = dtype
    if transpose:
        s["transpose"] = True
    return s


cases = []


def case(name, seed, steps):
    torch.manual_seed(seed)
    for s in steps:
        s.update(run_step(s))
    cases.append({"name": name, "seed": seed, "steps": steps})


# the tutorial sequence: a regression model, then an MNIST MLP and a conv layer
for seed in [0, 1, 42, 1234, 2023]:
    case(f"tutorial_seed{seed}", seed, [
        M("Linear", 2, 1), M("Linear", 784, 256), M("Linear", 256, 10), M("Conv2d", 3, 64, 3), R("rand", 2, 3),
    ])

# every layer with default init, per seed
LAYERS = [
    M("Linear", 1, 1), M("Linear", 3, 5), M("Linear", 10, 4, bias=False), M("Linear", 20, 30),
    M("Linear", 3, 2, dtype="float64"), M("Linear", 17, 33, dtype="float64"),
    M("Bilinear", 3, 4, 5), M("Bilinear", 2, 2, 1, bias=False),
    M("Conv1d", 4, 8, 3), M("Conv1d", 2, 4, 5, groups=2, bias=False), M("Conv2d", 1, 6, 5), M("Conv2d", 6, 16, 5),
    M("Conv2d", 4, 8, (3, 1), groups=4), M("Conv2d", 3, 8, 3, dtype="float64"),
    M("ConvTranspose2d", 4, 2, 3), M("ConvTranspose2d", 4, 6, 2, groups=2), M("ConvTranspose2d", 8, 3, (2, 3), bias=False),
    M("Embedding", 10, 3), M("Embedding", 10, 3, padding_idx=1), M("Embedding", 100, 16), M("Embedding", 7, 2, padding_idx=-1),
    M("Embedding", 40, 5, dtype="float64"),
    M("RNN", 4, 8), M("RNN", 3, 5, 2, nonlinearity="relu", bias=False), M("LSTM", 3, 5), M("LSTM", 4, 6, num_layers=2),
    M("GRU", 3, 5), M("GRU", 3, 4, num_layers=2, bidirectional=True), M("LSTM", 2, 3, bidirectional=True),
    M("RNN", 3, 4, 1, batch_first=True, bidirectional=True), M("LSTM", 3, 4, dtype="float64"),
    M("BatchNorm1d", 5), M("BatchNorm2d", 3, affine=False), M("LayerNorm", [2, 3]), M("LayerNorm", 4, elementwise_affine=False),
    M("GroupNorm", 2, 4),
]
for seed in [0, 7, 42]:
    case(f"layers_seed{seed}", seed, [dict(s) for s in LAYERS])

# the same layers with draws interleaved between them
inter = []
for i, s in enumerate(LAYERS[:24]):
    inter.append(dict(s))
    inter.append([R("rand", 3), R("randn", 5), R("randn", 17), R("rand", 2, 2, dtype="float64"), R("randn", 3, dtype="float64")][i % 5])
case("interleaved_seed3", 3, inter)

# nn.init functions
INITS = [
    I("uniform_", [5]), I("uniform_", [4, 6], -2.0, 3.0), I("uniform_", [3, 3], a=-0.1, b=0.1), I("uniform_", [7], -1.5, 0.5, dtype="float64"),
    I("normal_", [5]), I("normal_", [40], 1.0, 0.5), I("normal_", [4, 4], std=0.02), I("normal_", [30], -3.0, 2.0, dtype="float64"),
    I("normal_", [8, 5], 0.0, 0.1, transpose=True), I("normal_", [6], 2.0, 0.25, dtype="float64"),
    I("xavier_uniform_", [4, 6]), I("xavier_uniform_", [8, 3, 3, 3], gain=nn.init.calculate_gain("relu")),
    I("xavier_uniform_", [5, 7], 0.5, dtype="float64"),
    I("xavier_normal_", [4, 6]), I("xavier_normal_", [20, 10]), I("xavier_normal_", [2, 3], gain=2.0), I("xavier_normal_", [9, 9], dtype="float64"),
    I("kaiming_uniform_", [4, 6]), I("kaiming_uniform_", [6, 4], a=math.sqrt(5)), I("kaiming_uniform_", [16, 3, 3, 3], mode="fan_out", nonlinearity="relu"),
    I("kaiming_uniform_", [5, 5], nonlinearity="tanh"), I("kaiming_uniform_", [3, 8], a=0.2, nonlinearity="leaky_relu"),
    I("kaiming_uniform_", [5, 3], dtype="float64"),
    I("kaiming_normal_", [4, 6]), I("kaiming_normal_", [32, 16], mode="fan_out", nonlinearity="relu"), I("kaiming_normal_", [3, 2]),
    I("kaiming_normal_", [6, 2, 3], a=1.0, dtype="float64"), I("kaiming_normal_", [10, 4], nonlinearity="selu"),
    I("constant_", [2, 3], 0.3), I("ones_", [4]), I("zeros_", [2, 2]), I("eye_", [3, 5]), I("eye_", [4, 2], dtype="float64"),
    I("dirac_", [4, 2, 3, 3]), I("dirac_", [6, 3, 3], 2),
    I("trunc_normal_", [50]), I("trunc_normal_", [8, 8], 0.0, 0.02), I("trunc_normal_", [300], 0.5, 1.0, -1.0, 1.5),
    I("trunc_normal_", [40], 0.0, 1.0, -2.0, 2.0, dtype="float64"),
]
for seed in [0, 5, 99]:
    case(f"init_seed{seed}", seed, [dict(s) for s in INITS])

inter = []
for i, s in enumerate(INITS):
    inter.append(dict(s))
    if i % 3 == 0:
        inter.append(R("randn", 1 + i))
    if i % 4 == 1:
        inter.append(M("Linear", 3, 2))
case("init_interleaved_seed11", 11, inter)

# a large trunc_normal_ draw (every float32 path of erfinv)
case("trunc_normal_large", 8, [I("trunc_normal_", [20000], 0.0, 1.0, -3.0, 3.0), I("trunc_normal_", [20000], 0.0, 0.3, -0.9, 0.9)])

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "init.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
print(len(cases), "cases,", sum(len(c["steps"]) for c in cases), "steps")
