#!/usr/bin/python3
"""Golden fixtures for bidirectional RNN/LSTM/GRU from real PyTorch 1.13
(run: /usr/bin/python3 gen_rnn_fixtures.py; writes fixtures/rnn.json).

Same case format as gen_fixtures.py's layers (layers.test.ts runs both): the module's
arguments, torch's initial parameters (copied in by the test), inputs, outputs, grad_fn names,
repr, state_dict keys, and the gradients of sum(out * g) for inputs and parameters.
"""
import json, os, torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")
torch.manual_seed(13)


def enc(t):
    if isinstance(t, (tuple, list)):
        return {"tuple": [enc(x) for x in t]}
    t = t.detach()
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "data": t.reshape(-1).tolist()}


def flat(out):
    if isinstance(out, (tuple, list)):
        return [y for o in out for y in flat(o)]
    return [out]


def run_case(name, ctor, args, kwargs, shapes, dtype=torch.float32, train=True):
    ins = [torch.randn(*s, dtype=dtype) for s in shapes]
    for x in ins:
        x.requires_grad_(True)
    mod = getattr(nn, ctor)(*args, **kwargs)
    if dtype == torch.float64:
        mod = mod.double()
    mod.train(train)
    case = {"name": name, "ctor": ctor, "args": args, "kwargs": kwargs, "inputs": [enc(x) for x in ins], "grad_inputs": list(range(len(ins))),
            "train": train, "params": {k: enc(v) for k, v in mod.named_parameters()}, "buffers_before": {},
            "repr": repr(mod), "state_dict_keys": list(mod.state_dict().keys())}
    out = mod(*ins)
    outs = flat(out)
    case["output"] = enc(out)
    case["grad_fn"] = [o.grad_fn.name() if o.grad_fn is not None else None for o in outs]
    gouts = [torch.randn_like(o) for o in outs]
    case["gouts"] = [enc(g) for g in gouts]
    sum((o * g).sum() for o, g in zip(outs, gouts)).backward()
    case["grads"] = {str(i): enc(x.grad) for i, x in enumerate(ins)}
    case["param_grads"] = {k: enc(v.grad) for k, v in mod.named_parameters()}
    case["buffers_after"] = {}
    return case


B = {"bidirectional": True}
cases = [
    run_case("rnn_bidir", "RNN", [3, 4], B, [[5, 2, 3]]),
    run_case("rnn_bidir_relu_2layer", "RNN", [3, 4, 2], {**B, "nonlinearity": "relu"}, [[4, 2, 3]]),
    run_case("rnn_bidir_bf_h0", "RNN", [3, 4], {**B, "batch_first": True}, [[2, 5, 3], [2, 2, 4]]),
    run_case("rnn_bidir_nobias_unbatched", "RNN", [3, 4], {**B, "bias": False}, [[6, 3]]),
    run_case("lstm_bidir", "LSTM", [3, 4], B, [[5, 2, 3]]),
    run_case("lstm_bidir_2layer_bf", "LSTM", [3, 4, 2], {**B, "batch_first": True}, [[2, 4, 3]]),
    run_case("lstm_bidir_unbatched", "LSTM", [2, 3], B, [[4, 2]]),
    run_case("lstm_bidir_f64", "LSTM", [3, 4], B, [[5, 2, 3]], dtype=torch.float64),
    run_case("gru_bidir", "GRU", [3, 4], B, [[5, 2, 3]]),
    run_case("gru_bidir_3layer", "GRU", [3, 2, 3], B, [[3, 2, 3]]),
    run_case("gru_bidir_bf_h0", "GRU", [3, 4, 2], {**B, "batch_first": True}, [[2, 5, 3], [4, 2, 4]]),
    run_case("gru_bidir_f64", "GRU", [2, 3], {**B, "batch_first": True}, [[3, 4, 2]], dtype=torch.float64),
    run_case("gru_bidir_dropout_eval", "GRU", [3, 4, 2], {**B, "dropout": 0.5}, [[4, 2, 3]], train=False),
    run_case("rnn_bf_1dir", "RNN", [3, 4], {"batch_first": True}, [[2, 5, 3]]),
    run_case("gru_bf_1dir", "GRU", [3, 4, 2], {"batch_first": True}, [[2, 5, 3]]),
]
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "rnn.json"), "w") as f:
    json.dump({"layers": cases}, f)
print(len(cases), "cases")
