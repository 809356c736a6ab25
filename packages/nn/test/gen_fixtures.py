#!/usr/bin/python3
"""Golden fixtures for @tsgrad/nn from real PyTorch 1.13 (run: /usr/bin/python3 gen_fixtures.py).

Writes fixtures/*.json. Each layer/loss case names a class or function and its arguments in a
form both sides can rebuild (class name, positional args, keyword dict), the inputs, the
parameter values torch initialised (copied in, so the tests never depend on RNG bit-exactness),
the forward output, the gradients of sum(out * g) for fixed random g, and the module repr.
"""
import json, os, torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")
os.makedirs(OUT, exist_ok=True)
torch.manual_seed(0)


def enc(t):
    if t is None:
        return None
    if isinstance(t, (tuple, list)):
        return {"tuple": [enc(x) for x in t]}
    t = t.detach()
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "data": t.reshape(-1).tolist()}


def make_input(spec):
    kind, shape = spec[0], spec[1]
    if kind == "f":
        return torch.randn(*shape)
    if kind == "d":
        return torch.randn(*shape, dtype=torch.float64)
    if kind == "p":  # probabilities in (0, 1)
        return torch.rand(*shape) * 0.9 + 0.05
    if kind == "long":  # class indices below spec[2]
        return torch.randint(0, spec[2], shape)
    if kind == "softmax":  # rows of probabilities
        return torch.randn(*shape).softmax(spec[2])
    if kind == "bin":
        return torch.randint(0, 2, shape).float()
    if kind == "logp":
        return torch.randn(*shape).log_softmax(-1)
    raise ValueError(kind)


def flat_outputs(out):
    if isinstance(out, (tuple, list)):
        r = []
        for o in out:
            r += flat_outputs(o)
        return r
    return [out]


def as_py(v):
    # JSON keeps lists; the Python calls get tuples, as tutorials write sizes (TS ports pass arrays)
    return tuple(v) if isinstance(v, list) else v


def run_case(name, ctor, args, kwargs, inputs, train=True, dtype=None, functional=False, fkwargs=None, grad_inputs=None):
    pargs = [as_py(a) for a in args]
    pkwargs = {k: as_py(v) for k, v in kwargs.items()}
    ins = [make_input(s) for s in inputs]
    if dtype == "float64":
        ins = [x.double() if x.is_floating_point() else x for x in ins]
    if grad_inputs is None:
        grad_inputs = [i for i, x in enumerate(ins) if x.is_floating_point()]
    for i in grad_inputs:
        ins[i].requires_grad_(True)
    case = {"name": name, "ctor": ctor, "args": args, "kwargs": kwargs, "inputs": [enc(x) for x in ins], "grad_inputs": grad_inputs}
    if functional:
        fn = getattr(F, ctor)
        out = fn(ins[0], *pargs, *ins[1:], **pkwargs)
        mod = None
    else:
        mod = getattr(nn, ctor)(*pargs, **pkwargs)
        if dtype == "float64":
            mod = mod.double()
        mod.train(train)
        case["train"] = train
        case["params"] = {k: enc(v) for k, v in mod.named_parameters()}
        case["buffers_before"] = {k: enc(v) for k, v in mod.named_buffers()}
        case["repr"] = repr(mod)
        case["state_dict_keys"] = list(mod.state_dict().keys())
        out = mod(*ins)
    outs = flat_outputs(out)
    case["output"] = enc(out)
    case["grad_fn"] = [o.grad_fn.name() if o.grad_fn is not None else None for o in outs]
    gouts = [torch.randn_like(o) for o in outs if o.is_floating_point()]
    case["gouts"] = [enc(g) for g in gouts]
    total = sum((o * g).sum() for o, g in zip([o for o in outs if o.is_floating_point()], gouts))
    total.backward()
    case["grads"] = {str(i): enc(ins[i].grad) for i in grad_inputs}
    if mod is not None:
        case["param_grads"] = {k: enc(v.grad) for k, v in mod.named_parameters()}
        case["buffers_after"] = {k: enc(v) for k, v in mod.named_buffers()}
    return case


layers = []
def L(*a, **k):
    layers.append(run_case(*a, **k))

L("linear", "Linear", [3, 2], {}, [("f", [4, 3])])
L("linear_nobias", "Linear", [3, 2], {"bias": False}, [("f", [2, 5, 3])])
L("linear_f64", "Linear", [3, 2], {}, [("f", [4, 3])], dtype="float64")
L("bilinear", "Bilinear", [3, 4, 2], {}, [("f", [5, 3]), ("f", [5, 4])])
L("conv1d", "Conv1d", [2, 3, 3], {"stride": 2, "padding": 1}, [("f", [2, 2, 7])])
L("conv2d", "Conv2d", [2, 3, 3], {}, [("f", [2, 2, 5, 5])])
L("conv2d_f64", "Conv2d", [2, 3, 3], {"padding": 1}, [("f", [1, 2, 4, 4])], dtype="float64")
L("conv2d_groups", "Conv2d", [2, 4, [3, 2]], {"stride": [2, 1], "padding": 1, "groups": 2, "bias": False}, [("f", [2, 2, 6, 5])])
L("conv2d_dilation", "Conv2d", [3, 2, 3], {"dilation": 2, "padding": 2, "stride": 1}, [("f", [1, 3, 7, 6])])
L("conv2d_same", "Conv2d", [1, 2, 3], {"padding": "same"}, [("f", [1, 1, 5, 5])])
L("conv2d_unbatched", "Conv2d", [2, 2, 2], {}, [("f", [2, 4, 4])])
L("conv_transpose2d", "ConvTranspose2d", [2, 3, 3], {"stride": 2, "padding": 1, "output_padding": 1}, [("f", [1, 2, 4, 4])])
L("conv_transpose2d_plain", "ConvTranspose2d", [3, 2, 2], {}, [("f", [2, 3, 3, 3])])
L("maxpool1d", "MaxPool1d", [2], {}, [("f", [2, 3, 8])])
L("maxpool2d", "MaxPool2d", [2], {}, [("f", [2, 3, 6, 6])])
L("maxpool2d_pad", "MaxPool2d", [3], {"stride": 2, "padding": 1}, [("f", [1, 2, 7, 7])])
L("avgpool2d", "AvgPool2d", [2], {}, [("f", [2, 3, 6, 6])])
L("avgpool2d_pad", "AvgPool2d", [3], {"stride": 2, "padding": 1}, [("f", [1, 2, 7, 7])])
L("adaptive_avgpool2d", "AdaptiveAvgPool2d", [[2, 3]], {}, [("f", [2, 3, 5, 7])])
L("adaptive_avgpool2d_1", "AdaptiveAvgPool2d", [1], {}, [("f", [2, 3, 4, 4])])
L("batchnorm1d", "BatchNorm1d", [3], {}, [("f", [4, 3])])
L("batchnorm1d_3d", "BatchNorm1d", [3], {"momentum": 0.2}, [("f", [4, 3, 5])])
L("batchnorm2d", "BatchNorm2d", [3], {}, [("f", [2, 3, 4, 4])])
L("batchnorm2d_eval", "BatchNorm2d", [3], {}, [("f", [2, 3, 4, 4])], train=False)
L("batchnorm2d_noaffine", "BatchNorm2d", [2], {"affine": False}, [("f", [3, 2, 2, 2])])
L("layernorm", "LayerNorm", [4], {}, [("f", [2, 3, 4])])
L("layernorm_2d", "LayerNorm", [[3, 4]], {"eps": 1e-3}, [("f", [2, 3, 4])])
L("groupnorm", "GroupNorm", [2, 4], {}, [("f", [2, 4, 3, 3])])
L("dropout_eval", "Dropout", [0.5], {}, [("f", [3, 4])], train=False)
L("embedding", "Embedding", [10, 3], {}, [("long", [2, 4], 10)])
L("embedding_pad", "Embedding", [6, 2], {"padding_idx": 0}, [("long", [7], 3)])
L("rnn", "RNN", [3, 4], {}, [("f", [5, 2, 3])])
L("rnn_2layer_bf", "RNN", [3, 4], {"num_layers": 2, "batch_first": True, "nonlinearity": "relu"}, [("f", [2, 5, 3])])
L("lstm", "LSTM", [3, 4], {}, [("f", [5, 2, 3])])
L("lstm_2layer_bf", "LSTM", [3, 4], {"num_layers": 2, "batch_first": True}, [("f", [2, 5, 3])])
L("gru", "GRU", [3, 4], {}, [("f", [5, 2, 3])])
L("gru_2layer", "GRU", [3, 4], {"num_layers": 2}, [("f", [4, 3, 3])])
L("relu", "ReLU", [], {}, [("f", [3, 4])])
L("leaky_relu", "LeakyReLU", [0.1], {}, [("f", [3, 4])])
L("elu", "ELU", [], {}, [("f", [3, 4])])
L("gelu", "GELU", [], {}, [("f", [3, 4])])
L("gelu_tanh", "GELU", [], {"approximate": "tanh"}, [("f", [3, 4])])
L("silu", "SiLU", [], {}, [("f", [3, 4])])
L("sigmoid", "Sigmoid", [], {}, [("f", [3, 4])])
L("tanh", "Tanh", [], {}, [("f", [3, 4])])
L("softmax", "Softmax", [], {"dim": 1}, [("f", [3, 4])])
L("log_softmax", "LogSoftmax", [], {"dim": 1}, [("f", [3, 4])])
L("flatten", "Flatten", [], {}, [("f", [2, 3, 2, 2])])
L("unflatten", "Unflatten", [1, [2, 3]], {}, [("f", [4, 6])])
L("identity", "Identity", [], {}, [("f", [3, 4])])
L("relu_f64", "ReLU", [], {}, [("f", [3, 4])], dtype="float64")

losses = []
def LS(*a, **k):
    losses.append(run_case(*a, **k))

LS("mse", "MSELoss", [], {}, [("f", [3, 4]), ("f", [3, 4])])
LS("mse_sum", "MSELoss", [], {"reduction": "sum"}, [("f", [3, 4]), ("f", [3, 4])])
LS("mse_none", "MSELoss", [], {"reduction": "none"}, [("f", [3, 4]), ("f", [3, 4])])
LS("mse_f64", "MSELoss", [], {}, [("f", [3, 4]), ("f", [3, 4])], dtype="float64")
LS("l1", "L1Loss", [], {}, [("f", [3, 4]), ("f", [3, 4])])
LS("smooth_l1", "SmoothL1Loss", [], {"beta": 0.5}, [("f", [3, 4]), ("f", [3, 4])])
LS("huber", "HuberLoss", [], {"delta": 0.7}, [("f", [3, 4]), ("f", [3, 4])])
LS("ce", "CrossEntropyLoss", [], {}, [("f", [4, 5]), ("long", [4], 5)])
LS("ce_f64", "CrossEntropyLoss", [], {}, [("f", [4, 5]), ("long", [4], 5)], dtype="float64")
LS("ce_sum", "CrossEntropyLoss", [], {"reduction": "sum"}, [("f", [4, 5]), ("long", [4], 5)])
LS("ce_none", "CrossEntropyLoss", [], {"reduction": "none"}, [("f", [4, 5]), ("long", [4], 5)])
LS("ce_ignore", "CrossEntropyLoss", [], {"ignore_index": 1}, [("f", [6, 3]), ("long", [6], 3)])
LS("ce_smooth", "CrossEntropyLoss", [], {"label_smoothing": 0.1}, [("f", [4, 5]), ("long", [4], 5)])
LS("ce_probs", "CrossEntropyLoss", [], {}, [("f", [4, 5]), ("softmax", [4, 5], 1)], grad_inputs=[0])
LS("ce_3d", "CrossEntropyLoss", [], {}, [("f", [2, 3, 4]), ("long", [2, 4], 3)])
LS("nll", "NLLLoss", [], {}, [("logp", [4, 5]), ("long", [4], 5)])
LS("nll_sum", "NLLLoss", [], {"reduction": "sum"}, [("logp", [4, 5]), ("long", [4], 5)])
LS("bce", "BCELoss", [], {}, [("p", [3, 4]), ("bin", [3, 4])], grad_inputs=[0])
LS("bce_sum", "BCELoss", [], {"reduction": "sum"}, [("p", [3, 4]), ("p", [3, 4])], grad_inputs=[0])
LS("bce_logits", "BCEWithLogitsLoss", [], {}, [("f", [3, 4]), ("bin", [3, 4])], grad_inputs=[0])
LS("kl_div", "KLDivLoss", [], {"reduction": "batchmean"}, [("logp", [3, 4]), ("softmax", [3, 4], 1)], grad_inputs=[0])
LS("kl_div_log", "KLDivLoss", [], {"reduction": "sum", "log_target": True}, [("logp", [3, 4]), ("logp", [3, 4])], grad_inputs=[0])

# weighted cross-entropy needs a tensor argument: built here, passed as a fixture tensor
w = torch.rand(5) + 0.5
c = run_case("ce_weight", "CrossEntropyLoss", [], {}, [("f", [4, 5]), ("long", [4], 5)])
ce = nn.CrossEntropyLoss(weight=w)
torch.manual_seed(1)
x = torch.randn(4, 5, requires_grad=True); t = torch.randint(0, 5, (4,))
out = ce(x, t); out.backward()
losses.append({"name": "ce_weight", "ctor": "CrossEntropyLoss", "args": [], "kwargs": {}, "tensor_kwargs": {"weight": enc(w)},
               "inputs": [enc(x), enc(t)], "grad_inputs": [0], "output": enc(out), "grad_fn": [out.grad_fn.name()],
               "gouts": [enc(torch.ones(()))], "grads": {"0": enc(x.grad)}, "repr": repr(ce), "state_dict_keys": list(ce.state_dict().keys())})
pw = torch.rand(4) + 0.5
bl = nn.BCEWithLogitsLoss(pos_weight=pw)
x = torch.randn(3, 4, requires_grad=True); t = torch.randint(0, 2, (3, 4)).float()
out = bl(x, t); out.backward()
losses.append({"name": "bce_logits_pos_weight", "ctor": "BCEWithLogitsLoss", "args": [], "kwargs": {}, "tensor_kwargs": {"pos_weight": enc(pw)},
               "inputs": [enc(x), enc(t)], "grad_inputs": [0], "output": enc(out), "grad_fn": [out.grad_fn.name()],
               "gouts": [enc(torch.ones(()))], "grads": {"0": enc(x.grad)}, "repr": repr(bl), "state_dict_keys": list(bl.state_dict().keys())})

functional = []
def FN(*a, **k):
    functional.append(run_case(*a, functional=True, **k))

FN("F.relu", "relu", [], {}, [("f", [3, 4])])
FN("F.leaky_relu", "leaky_relu", [0.2], {}, [("f", [3, 4])])
FN("F.gelu", "gelu", [], {}, [("f", [3, 4])])
FN("F.silu", "silu", [], {}, [("f", [3, 4])])
FN("F.softmax", "softmax", [], {"dim": 0}, [("f", [3, 4])])
FN("F.log_softmax", "log_softmax", [], {"dim": -1}, [("f", [3, 4])])
FN("F.linear", "linear", [], {}, [("f", [4, 3]), ("f", [2, 3]), ("f", [2])])
FN("F.bilinear", "bilinear", [], {}, [("f", [4, 3]), ("f", [4, 2]), ("f", [5, 3, 2]), ("f", [5])])
FN("F.conv2d", "conv2d", [], {"stride": 2, "padding": 1}, [("f", [1, 2, 5, 5]), ("f", [3, 2, 3, 3]), ("f", [3])])
FN("F.conv1d", "conv1d", [], {}, [("f", [2, 2, 6]), ("f", [3, 2, 2])])
FN("F.max_pool2d", "max_pool2d", [2], {}, [("f", [1, 2, 4, 4])])
FN("F.avg_pool2d", "avg_pool2d", [2], {}, [("f", [1, 2, 4, 4])])
FN("F.adaptive_avg_pool2d", "adaptive_avg_pool2d", [[3, 2]], {}, [("f", [1, 2, 7, 5])])
FN("F.pad", "pad", [[1, 2]], {}, [("f", [2, 3])])
FN("F.pad_2d", "pad", [[1, 0, 2, 1]], {"value": 0.5}, [("f", [1, 2, 3])])
FN("F.embedding", "embedding", [], {}, [("long", [2, 3], 5), ("f", [5, 4])], grad_inputs=[1])
FN("F.layer_norm", "layer_norm", [[4]], {}, [("f", [3, 4]), ("f", [4]), ("f", [4])])
FN("F.batch_norm", "batch_norm", [], {"training": True}, [("f", [4, 3]), ("f", [3]), ("p", [3]), ("f", [3]), ("f", [3])], grad_inputs=[0, 3, 4])
FN("F.cross_entropy", "cross_entropy", [], {}, [("f", [3, 4]), ("long", [3], 4)])
FN("F.nll_loss", "nll_loss", [], {}, [("logp", [3, 4]), ("long", [3], 4)])
FN("F.mse_loss", "mse_loss", [], {}, [("f", [3, 4]), ("f", [3, 4])])
FN("F.l1_loss", "l1_loss", [], {}, [("f", [3, 4]), ("f", [3, 4])])
FN("F.binary_cross_entropy", "binary_cross_entropy", [], {}, [("p", [4]), ("bin", [4])], grad_inputs=[0])
FN("F.binary_cross_entropy_with_logits", "binary_cross_entropy_with_logits", [], {}, [("f", [4]), ("bin", [4])], grad_inputs=[0])
FN("F.kl_div", "kl_div", [], {"reduction": "batchmean"}, [("logp", [3, 4]), ("softmax", [3, 4], 1)], grad_inputs=[0])
FN("F.sigmoid", "sigmoid", [], {}, [("f", [3])])
FN("F.tanh", "tanh", [], {}, [("f", [3])])

one_hot = {"input": [0, 2, 1, 3], "out": F.one_hot(torch.tensor([0, 2, 1, 3])).tolist(), "out5": F.one_hot(torch.tensor([0, 2]), 5).tolist()}


# ---- printing --------------------------------------------------------------------------------

class MyLrModule(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.tensor([[1.0], [1.0]]))
        self.lr = 0.01

    def forward(self, x):
        return x @ self.w


printing = {}
seq = nn.Sequential(nn.Linear(2, 1))
printing["seq_linear"] = repr(seq)
net = nn.Sequential(
    nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Flatten(), nn.Linear(16, 10, bias=False),
    nn.BatchNorm1d(10), nn.Dropout(0.25), nn.Sequential(nn.Tanh(), nn.LogSoftmax(dim=1)),
)
printing["seq_nested"] = repr(net)
printing["module_dict"] = repr(nn.ModuleDict({"cls": nn.Linear(4, 2), "act": nn.GELU(approximate="tanh")}))
printing["module_list"] = repr(nn.ModuleList([nn.Linear(2, 2), nn.ELU(alpha=0.5), nn.LeakyReLU()]))
printing["my_module"] = repr(MyLrModule())
printing["layers"] = [repr(m) for m in [
    nn.Conv1d(2, 3, 3, stride=2, padding=1), nn.Conv2d(2, 4, (3, 2), stride=(2, 1), padding=1, groups=2, bias=False),
    nn.Conv2d(1, 2, 3, padding="same", dilation=2, padding_mode="zeros"), nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1),
    nn.MaxPool1d(2), nn.MaxPool2d(3, stride=2, padding=1), nn.AvgPool2d(2), nn.AdaptiveAvgPool2d((2, 3)), nn.AdaptiveAvgPool2d(1),
    nn.BatchNorm1d(3), nn.BatchNorm2d(3, momentum=None), nn.BatchNorm2d(2, affine=False, track_running_stats=False), nn.LayerNorm(4), nn.LayerNorm([3, 4], eps=1e-3),
    nn.GroupNorm(2, 4), nn.Dropout(), nn.Dropout(0.1, inplace=True), nn.Embedding(10, 3), nn.Embedding(6, 2, padding_idx=0),
    nn.RNN(3, 4), nn.RNN(3, 4, num_layers=2, batch_first=True, nonlinearity="relu"), nn.LSTM(3, 4), nn.LSTM(3, 4, 2, batch_first=True, bias=False),
    nn.GRU(3, 4, dropout=0.1, num_layers=2), nn.ReLU(), nn.ReLU(inplace=True), nn.LeakyReLU(0.1), nn.ELU(), nn.GELU(), nn.SiLU(), nn.Sigmoid(), nn.Tanh(),
    nn.Softmax(dim=1), nn.Softmax(), nn.LogSoftmax(dim=1), nn.Flatten(), nn.Flatten(0, 2), nn.Unflatten(1, (2, 3)), nn.Identity(), nn.Bilinear(3, 4, 2),
    nn.Linear(3, 2), nn.MSELoss(), nn.MSELoss(reduction="sum"), nn.L1Loss(), nn.SmoothL1Loss(), nn.HuberLoss(), nn.CrossEntropyLoss(),
    nn.CrossEntropyLoss(label_smoothing=0.1), nn.NLLLoss(), nn.BCELoss(), nn.BCEWithLogitsLoss(), nn.KLDivLoss(),
]]
torch.manual_seed(0)
lin = nn.Linear(2, 1)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.5, -0.25]]))
    lin.bias.fill_(0.125)
printing["linear_state_dict"] = str(lin.state_dict())
printing["linear_params_list"] = str(list(lin.parameters()))
printing["linear_named_params"] = str(list(lin.named_parameters()))
printing["state_dict_keys"] = str(lin.state_dict().keys())
printing["load_ok"] = str(lin.load_state_dict(lin.state_dict()))
printing["load_nonstrict"] = str(lin.load_state_dict({"weight": torch.zeros(1, 2), "extra": torch.ones(1)}, strict=False))
printing["net_state_dict_keys"] = list(net.state_dict().keys())
printing["net_named_modules"] = [n for n, _ in net.named_modules()]
printing["param_repr"] = repr(nn.Parameter(torch.tensor([1.0, 2.0])))
printing["param_nograd_repr"] = repr(nn.Parameter(torch.tensor([1.0, 2.0]), requires_grad=False))
printing["seq_slice"] = repr(net[1:3])
printing["seq_neg"] = repr(net[-1])

# ---- errors ------------------------------------------------------------------------------------

def err(fn):
    try:
        fn()
    except Exception as e:
        return {"type": type(e).__name__, "message": str(e) if not isinstance(e, KeyError) else e.args[0]}
    return None

errors = {}
def setw():
    m = MyLrModule(); m.w = torch.tensor([1.0])
errors["assign_tensor_to_param"] = err(setw)
errors["missing_attr"] = err(lambda: nn.Linear(2, 1).foo)
errors["linear_shape"] = err(lambda: nn.Linear(2, 1)(torch.ones(4, 3)))
errors["ce_float_target"] = err(lambda: F.cross_entropy(torch.ones(3, 5), torch.tensor([1.0, 2.0, 3.0])))
errors["ce_batch_mismatch"] = err(lambda: F.cross_entropy(torch.ones(3, 5), torch.tensor([1, 2])))
errors["nll_out_of_bounds"] = err(lambda: F.nll_loss(torch.ones(2, 3), torch.tensor([0, 3])))
errors["bce_range"] = err(lambda: F.binary_cross_entropy(torch.tensor([1.5, 0.5]), torch.tensor([1.0, 0.0])))
errors["bce_size"] = err(lambda: F.binary_cross_entropy(torch.tensor([0.5, 0.5]), torch.tensor([[1.0, 0.0]])))
errors["conv2d_dims"] = err(lambda: nn.Conv2d(3, 2, 3)(torch.ones(2, 3)))
errors["conv2d_channels"] = err(lambda: nn.Conv2d(3, 2, 3)(torch.ones(1, 2, 5, 5)))
errors["conv2d_small"] = err(lambda: nn.Conv2d(1, 1, 3)(torch.ones(1, 1, 2, 2)))
errors["load_missing_unexpected"] = err(lambda: nn.Linear(2, 1).load_state_dict({"weight": torch.zeros(1, 2), "foo": torch.zeros(1)}))
errors["load_size_mismatch"] = err(lambda: nn.Linear(2, 1).load_state_dict({"weight": torch.zeros(1, 3), "bias": torch.zeros(1)}))
errors["load_nested"] = err(lambda: nn.Sequential(nn.Linear(2, 1)).load_state_dict({"0.weight": torch.zeros(1, 2)}))
errors["linear_missing_arg"] = err(lambda: nn.Linear(2))
errors["linear_bad_kw"] = err(lambda: nn.Linear(2, 1, foo=3))
errors["seq_index"] = err(lambda: nn.Sequential(nn.ReLU())[3])
errors["embedding_index"] = err(lambda: nn.Embedding(3, 2)(torch.tensor([5])))
errors["maxpool_pad"] = err(lambda: nn.MaxPool2d(2, padding=2)(torch.ones(1, 1, 4, 4)))
errors["layer_norm_shape"] = err(lambda: nn.LayerNorm(4)(torch.ones(2, 3)))
errors["batchnorm_one"] = err(lambda: nn.BatchNorm1d(3)(torch.ones(1, 3)))
errors["rnn_input_dim"] = err(lambda: nn.RNN(3, 4)(torch.ones(2, 5, 2)))

errors["register_param_bad"] = err(lambda: nn.Linear(2, 1).register_parameter("w", torch.ones(1)))
errors["register_buffer_dot"] = err(lambda: nn.Linear(2, 1).register_buffer("a.b", torch.ones(1)))
errors["forward_missing"] = err(lambda: nn.Module()(torch.ones(1)))

json.dump({"layers": layers}, open(os.path.join(OUT, "layers.json"), "w"))
json.dump({"losses": losses, "functional": functional, "one_hot": one_hot}, open(os.path.join(OUT, "losses.json"), "w"))
json.dump({"printing": printing, "errors": errors}, open(os.path.join(OUT, "printing.json"), "w"), indent=1)
print("layers", len(layers), "losses", len(losses), "functional", len(functional), "errors", len(errors))
