#!/usr/bin/python3
"""Autograd graphs of composite losses and RNNs from real PyTorch 1.13
(run: /usr/bin/python3 gen_gradchain_fixtures.py; writes fixtures/gradchain.json).

Each case calls a torch.nn.functional function or a module on inputs (those marked `g` require
grad) and records the graph under every floating output: the grad_fn's name and, recursively,
its next_functions (AccumulateGrad for a leaf, null for an input that needs no gradient), so a
port that builds the same nodes in the same order, with the same overload names
(DivBackward1 for a C++ Scalar, TransposeBackward1 for transpose_), gives the same tree.
"""
import json, os, torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")
torch.manual_seed(0)
MAX_DEPTH = 12


def tree(fn, depth=0):
    if fn is None:
        return None
    name = fn.name()
    if depth >= MAX_DEPTH or name == "torch::autograd::AccumulateGrad":
        return "AccumulateGrad" if name == "torch::autograd::AccumulateGrad" else name
    return [name, [tree(f, depth + 1) for f, _ in fn.next_functions]]


def make(spec):
    kind, shape = spec[0], spec[1]
    if kind == "f":
        return torch.randn(*shape)
    if kind == "p":
        return torch.rand(*shape) * 0.9 + 0.05
    if kind == "long":
        return torch.randint(0, spec[2], shape)
    if kind == "softmax":
        return torch.randn(*shape).softmax(spec[2])
    if kind == "logp":
        return torch.randn(*shape).log_softmax(-1)
    if kind == "bin":
        return torch.randint(0, 2, shape).float()
    raise ValueError(kind)


def enc(t):
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "data": t.reshape(-1).tolist()}


def flat(out):
    if isinstance(out, (tuple, list)):
        return [y for o in out for y in flat(o)]
    return [out]


cases = []


def C(name, fn, inputs, grad=(0,), kwargs=None, module=None, margs=(), mkwargs=None):
    ins = [make(s) for s in inputs]
    for i in grad:
        ins[i].requires_grad_(True)
    if module:
        m = getattr(nn, module)(*margs, **(mkwargs or {}))
        out = m(*ins)
    else:
        out = getattr(F, fn)(*ins, **(kwargs or {}))
    trees = [tree(o.grad_fn) for o in flat(out) if o.is_floating_point()]
    c = {"name": name, "inputs": [enc(t) for t in ins], "grad": list(grad), "trees": trees}
    if module:
        c.update({"module": module, "margs": list(margs), "mkwargs": mkwargs or {}})
    else:
        c.update({"fn": fn, "kwargs": kwargs or {}})
    cases.append(c)


C("mse_mean", "mse_loss", [("f", [3, 4]), ("f", [3, 4])])
C("mse_sum_both", "mse_loss", [("f", [3, 4]), ("f", [3, 4])], grad=(0, 1), kwargs={"reduction": "sum"})
C("l1_mean", "l1_loss", [("f", [3, 4]), ("f", [3, 4])])
C("l1_none", "l1_loss", [("f", [3, 4]), ("f", [3, 4])], kwargs={"reduction": "none"})
C("smooth_l1", "smooth_l1_loss", [("f", [3, 4]), ("f", [3, 4])])
C("smooth_l1_beta", "smooth_l1_loss", [("f", [3, 4]), ("f", [3, 4])], kwargs={"beta": 0.5})
C("huber", "huber_loss", [("f", [3, 4]), ("f", [3, 4])], kwargs={"delta": 0.7})
C("bce", "binary_cross_entropy", [("p", [3, 4]), ("bin", [3, 4])])
C("bce_weight", "binary_cross_entropy", [("p", [3, 4]), ("bin", [3, 4]), ("p", [3, 4])])
C("bce_logits", "binary_cross_entropy_with_logits", [("f", [3, 4]), ("bin", [3, 4])])
C("nll_weighted", "nll_loss", [("logp", [4, 5]), ("long", [4], 5), ("p", [5])])
C("ce", "cross_entropy", [("f", [4, 5]), ("long", [4], 5)])
C("ce_smooth", "cross_entropy", [("f", [4, 5]), ("long", [4], 5)], kwargs={"label_smoothing": 0.1})
C("ce_smooth_weight", "cross_entropy", [("f", [4, 5]), ("long", [4], 5), ("p", [5])], kwargs={"label_smoothing": 0.2})
C("ce_smooth_sum", "cross_entropy", [("f", [4, 5]), ("long", [4], 5)], kwargs={"label_smoothing": 0.1, "reduction": "sum"})
C("ce_probs", "cross_entropy", [("f", [4, 5]), ("softmax", [4, 5], 1)])
C("ce_probs_sum", "cross_entropy", [("f", [4, 5]), ("softmax", [4, 5], 1)], kwargs={"reduction": "sum"})
C("ce_probs_smooth", "cross_entropy", [("f", [4, 5]), ("softmax", [4, 5], 1)], kwargs={"label_smoothing": 0.1})
C("ce_probs_weight", "cross_entropy", [("f", [4, 5]), ("softmax", [4, 5], 1), ("p", [5])])
C("ce_probs_none", "cross_entropy", [("f", [4, 5]), ("softmax", [4, 5], 1)], kwargs={"reduction": "none"})
C("kl_div_mean", "kl_div", [("logp", [3, 4]), ("softmax", [3, 4], 1)])
C("kl_div_batchmean", "kl_div", [("logp", [3, 4]), ("softmax", [3, 4], 1)], kwargs={"reduction": "batchmean"})
C("kl_div_sum_log", "kl_div", [("logp", [3, 4]), ("logp", [3, 4])], kwargs={"reduction": "sum", "log_target": True})
C("dropout_train", "dropout", [("f", [3, 4])], kwargs={"p": 0.5, "training": True})
C("dropout_eval", "dropout", [("f", [3, 4])], kwargs={"p": 0.5, "training": False})
C("linear_3d", "linear", [("f", [2, 3, 4]), ("f", [5, 4]), ("f", [5])], grad=(0, 1, 2))

for mod, extra in [("RNN", {}), ("GRU", {}), ("LSTM", {})]:
    C(f"{mod.lower()}_bf", None, [("f", [2, 3, 3])], module=mod, margs=[3, 4], mkwargs={"batch_first": True, **extra})
    C(f"{mod.lower()}_bidir", None, [("f", [3, 2, 3])], module=mod, margs=[3, 4], mkwargs={"bidirectional": True, **extra})
    C(f"{mod.lower()}_bidir_bf_2l", None, [("f", [2, 2, 3])], module=mod, margs=[3, 2, 2], mkwargs={"bidirectional": True, "batch_first": True, **extra})

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "gradchain.json"), "w") as f:
    json.dump({"cases": cases}, f, indent=None)
print(len(cases), "cases")
