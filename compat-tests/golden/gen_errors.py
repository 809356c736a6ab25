"""Golden error fixtures: writes errors.json with the exact exception type and message
PyTorch 1.13 raises for bad inputs, plus the state of every tensor after the failure (values,
grad), which proves the failing call changed nothing.

Run: /usr/bin/python3 compat-tests/golden/gen_errors.py

Each case is a small program of steps, replayed by the same interpreter here and in the
TypeScript harness (packages/torch/test/golden_errors.test.ts):

  {"let": "a", "call": "torch.tensor" | "method.mul" | "attr.T" | "at" | "setitem" | "setattr",
   "args": [...], "kwargs": {...}, "index": [...], "ints": "number" | "bigint"}

Arguments use gen_ops.py's encoding, plus {"var": "a"} for a value bound by an earlier step.
"setattr" is `args[0][args[1]] = args[2]` (e.g. `b.requires_grad = False`). Only the last step
raises; the generator checks that.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_ops import (dec, dec_index_item, enc, enc_index_item, enc_out, execute,  # noqa: E402
                     write_cases)

f32, f64, i64 = torch.float32, torch.float64, torch.int64
CASES = []
DROPPED = []


class Var:
    """A reference to an earlier step's result."""

    def __init__(self, name):
        self.name = name


def enc_arg(v):
    if isinstance(v, Var):
        return {"var": v.name}
    if isinstance(v, (list, tuple)) and any(isinstance(x, Var) for x in v):
        return {"list": [enc_arg(x) for x in v]}
    return enc(v)


def dec_arg(e, env):
    if isinstance(e, dict) and "var" in e:
        return env[e["var"]]
    if isinstance(e, dict) and "list" in e:
        return [dec_arg(x, env) for x in e["list"]]
    return dec(e)


def step(call, *args, let=None, kw=None, index=None, ints="number"):
    s = {"call": call, "args": [enc_arg(a) for a in args],
         "kwargs": {k: enc_arg(v) for k, v in (kw or {}).items()}, "ints": ints}
    if let:
        s["let"] = let
    if index is not None:
        s["index"] = [{"var": i.name} if isinstance(i, Var) else enc_index_item(i) for i in index]
    return s


def tensor(name, data, dtype=f32, rg=False):
    """A step binding `name` to torch.tensor(data, dtype=..., requires_grad=...)."""
    return step("torch.tensor", data, let=name, kw={"dtype": dtype, "requires_grad": rg},
                ints="bigint")


def run_step(s, env):
    if s["call"] == "setattr":
        obj, name, value = [dec_arg(a, env) for a in s["args"]]
        setattr(obj, name, value)
        return None
    args = [dec_arg(a, env) for a in s["args"]]
    kwargs = {k: dec_arg(v, env) for k, v in s["kwargs"].items()}
    if "index" in s:
        key = tuple(dec_arg(e, env) if isinstance(e, dict) and "var" in e else dec_index_item(e)
                    for e in s["index"])
        if s["call"] == "at":
            return args[0][key]
        args[0][key] = args[1]
        return None
    return execute(s, args, kwargs)


def state(t):
    d = enc_out(t)
    d["requires_grad"] = t.requires_grad
    d["is_leaf"] = t.is_leaf
    # Only a leaf's .grad is meaningful (a non-leaf's read warns and gives None).
    d["grad"] = None if not t.is_leaf or t.grad is None else enc_out(t.grad)
    return d


def case(name, *steps):
    env = {}
    steps = list(steps)
    try:
        for s in steps[:-1]:
            v = run_step(s, env)
            if "let" in s:
                env[s["let"]] = v
    except Exception as e:
        DROPPED.append(f"{name}: setup step raised {type(e).__name__}: {e}")
        return
    try:
        run_step(steps[-1], env)
    except Exception as e:
        after = {k: state(v) for k, v in env.items() if isinstance(v, torch.Tensor)}
        CASES.append({"id": f"{len(CASES)} {name}", "steps": steps,
                      "error": {"type": type(e).__name__, "message": str(e)}, "after": after})
        return
    DROPPED.append(f"{name}: last step did not raise")


a, b, c, s, x, y, m, i = (Var(n) for n in "a b c s x y m i".split())
x3 = [1.0, 2.0, 3.0]
M23 = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]


def broadcasting():
    case("add: broadcast mismatch dim 0", tensor("a", x3), tensor("b", [1.0] * 4),
         step("method.add", a, b))
    case("mul: broadcast mismatch dim 1", tensor("a", M23), tensor("b", [[1.0] * 4] * 2),
         step("torch.mul", a, b))
    case("add_: in-place result cannot grow", tensor("a", x3), tensor("b", M23),
         step("method.add_", a, b))
    case("copy_: source does not broadcast", tensor("a", x3), tensor("b", [1.0] * 4),
         step("method.copy_", a, b))
    case("where: broadcast mismatch", tensor("m", [True, False], dtype=torch.bool), tensor("a", x3),
         step("torch.where", m, a, a))


def linalg():
    A43 = [[1.0, 2.0, 3.0]] * 4
    case("mm: shapes cannot be multiplied", tensor("a", A43), tensor("b", [[1.0], [2.0]]),
         step("torch.mm", a, b))
    case("matmul 2-D: shapes cannot be multiplied", tensor("a", A43), tensor("b", [[1.0], [2.0]]),
         step("torch.matmul", a, b))
    case("matmul 1-D . 1-D mismatch", tensor("a", x3), tensor("b", [1.0] * 4),
         step("method.matmul", a, b))
    case("matmul 2-D . 1-D mismatch", tensor("a", M23), tensor("b", [1.0, 2.0]),
         step("method.matmul", a, b))
    case("matmul 1-D . 2-D mismatch", tensor("a", x3), tensor("b", M23),
         step("method.matmul", a, b))
    case("matmul batched mismatch", tensor("a", [M23] * 2), tensor("b", [M23] * 2),
         step("method.matmul", a, b))
    case("matmul batch dims do not broadcast", tensor("a", [M23] * 2),
         tensor("b", [[[1.0]] * 3] * 3), step("method.matmul", a, b))
    case("bmm: batch sizes differ", tensor("a", [M23] * 2), tensor("b", [[[1.0]] * 3] * 3),
         step("torch.bmm", a, b))
    case("bmm: 2-D operand", tensor("a", M23), tensor("b", M23), step("torch.bmm", a, b))
    case("dot: sizes differ", tensor("a", x3), tensor("b", [1.0] * 4), step("torch.dot", a, b))
    case("dot: 2-D operands", tensor("a", M23), tensor("b", M23), step("torch.dot", a, b))
    case("mv: sizes differ", tensor("a", M23), tensor("b", [1.0, 2.0]), step("torch.mv", a, b))
    case("mm: dtypes differ", tensor("a", M23), tensor("b", [[1], [2], [3]], dtype=i64),
         step("torch.mm", a, b))


def autograd():
    grads = [tensor("a", x3, rg=True), tensor("b", [4.0, 5.0, 6.0], rg=True),
             step("method.mul", a, b, let="c"), step("method.sum", c, let="s")]
    case("backward twice through mul without retain_graph", *grads,
         step("method.backward", s), step("method.backward", s))
    case("backward: retain_graph once, then twice more", *grads,
         step("method.backward", s, kw={"retain_graph": True}), step("method.backward", s),
         step("method.backward", s))
    case("backward twice through exp (saved result)", tensor("a", x3, rg=True),
         step("method.exp", a, let="c"), step("method.sum", c, let="s"),
         step("method.backward", s), step("method.backward", s))
    case("backward of non-scalar without gradient", tensor("a", x3, rg=True),
         step("method.mul", a, 2.0, let="c"), step("method.backward", c))
    case("backward of tensor that does not require grad", tensor("a", x3),
         step("method.sum", a, let="s"), step("method.backward", s))
    case("backward with gradient of the wrong shape", tensor("a", x3, rg=True),
         step("method.mul", a, 2.0, let="c"), tensor("b", [1.0, 1.0]),
         step("method.backward", c, b))
    case("in-place add_ on leaf requiring grad", tensor("a", x3, rg=True),
         step("method.add_", a, 1.0))
    case("in-place mul_ on leaf requiring grad", tensor("a", x3, rg=True),
         step("method.mul_", a, 2.0))
    case("zero_ on leaf requiring grad", tensor("a", x3, rg=True), step("method.zero_", a))
    case("setitem on leaf requiring grad", tensor("a", x3, rg=True),
         step("setitem", a, 0.0, index=[0]))
    case("in-place on a view of a leaf requiring grad", tensor("a", M23, rg=True),
         step("at", a, let="b", index=[0]), step("method.mul_", b, 2.0))
    case("saved exp result modified in place", tensor("a", x3, rg=True),
         step("method.exp", a, let="b"), step("method.add_", b, 1.0),
         step("method.sum", b, let="s"), step("method.backward", s))
    case("saved input of mul modified in place", tensor("a", x3, rg=True),
         step("method.clone", a, let="b"), step("method.mul", b, b, let="c"),
         step("method.mul_", b, 2.0), step("method.sum", c, let="s"), step("method.backward", s))
    case("saved sigmoid output modified twice", tensor("a", M23, rg=True),
         step("method.sigmoid", a, let="b"), step("method.mul_", b, 2.0),
         step("method.zero_", b), step("method.sum", b, let="s"), step("method.backward", s))
    case("requires_grad on int tensor", step("torch.tensor", [1, 2], kw={"requires_grad": True},
                                             ints="bigint"))
    case("requires_grad_ on int tensor", tensor("a", [1, 2], dtype=i64),
         step("method.requires_grad_", a))
    case("set requires_grad on non-leaf", tensor("a", x3, rg=True),
         step("method.mul", a, 2.0, let="b"), step("setattr", b, "requires_grad", False))


def indexing():
    case("index out of range", tensor("a", x3), step("at", a, index=[5]))
    case("negative index out of range", tensor("a", x3), step("at", a, index=[-4]))
    case("index out of range in dim 1", tensor("a", M23), step("at", a, index=[0, 3]))
    case("too many indices", tensor("a", M23), step("at", a, index=[0, 0, 0]))
    case("advanced index out of range", tensor("a", x3), step("at", a, index=[[0, 5]]))
    case("float index tensor", tensor("a", x3), tensor("i", [0.0, 1.0]),
         step("at", a, index=[i]))
    case("bool mask of the wrong shape", tensor("a", x3), tensor("m", [True, False], dtype=torch.bool),
         step("at", a, index=[m]))
    case("setitem index out of range", tensor("a", x3), step("setitem", a, 1.0, index=[3]))
    case("setitem value shape mismatch", tensor("a", M23), tensor("b", [1.0] * 4),
         step("setitem", a, b, index=[0]))
    case("gather index out of range", tensor("a", M23), tensor("i", [[0, 5]], dtype=i64),
         step("torch.gather", a, 1, i))
    case("gather index with different ndim", tensor("a", M23), tensor("i", [0, 1], dtype=i64),
         step("torch.gather", a, 1, i))
    case("index_select with float index", tensor("a", M23), tensor("i", [0.0]),
         step("torch.index_select", a, 0, i))
    case("index_select index out of range", tensor("a", M23), tensor("i", [2], dtype=i64),
         step("torch.index_select", a, 0, i))
    case("masked_fill with a mask that does not broadcast", tensor("a", x3),
         tensor("m", [True, False], dtype=torch.bool), step("method.masked_fill", a, m, 0.0))
    case("where with float condition", tensor("m", [1.0, 0.0, 1.0]), tensor("a", x3),
         step("torch.where", m, a, a))


def arg_parsing():
    case("unknown keyword: torch.ones", step("torch.ones", 2, kw={"foo": 1}))
    case("unknown keyword: Tensor.sum", tensor("a", x3), step("method.sum", a, kw={"foo": 1}))
    case("unknown keyword: Tensor.add", tensor("a", x3), step("method.add", a, a, kw={"foo": 2}))
    case("unknown keyword: torch.tensor", step("torch.tensor", x3, kw={"foo": 1}))
    case("unknown keyword: torch.zeros_like", tensor("a", x3),
         step("torch.zeros_like", a, kw={"foo": 1}))
    case("missing argument: Tensor.view", tensor("a", x3), step("method.view", a))
    case("clamp without bounds", tensor("a", x3), step("torch.clamp", a))
    case("ragged nested list", step("torch.tensor", [[1.0, 2.0], [3.0]], ints="bigint"))


def shapes():
    case("view to a size with a different numel", tensor("a", M23), step("method.view", a, 4))
    case("view with two inferred dims", tensor("a", M23), step("method.view", a, -1, -1))
    case("view of a non-contiguous tensor", tensor("a", M23), step("method.t", a, let="b"),
         step("method.view", b, 6))
    case("reshape to a size with a different numel", tensor("a", M23),
         step("method.reshape", a, 5))
    case("squeeze dim out of range", tensor("a", M23), step("method.squeeze", a, 2))
    case("transpose dim out of range", tensor("a", M23), step("method.transpose", a, 0, 2))
    case("transpose negative dim out of range", tensor("a", M23),
         step("method.transpose", a, -3, 0))
    case("unsqueeze dim out of range", tensor("a", M23), step("method.unsqueeze", a, 3))
    case("sum dim out of range", tensor("a", M23), step("method.sum", a, 2))
    case("softmax dim out of range", tensor("a", x3), step("method.softmax", a, 1))
    case("dim on a 0-dim tensor", tensor("a", 1.0), step("method.sum", a, 1))
    case("permute with the wrong number of dims", tensor("a", M23),
         step("method.permute", a, 1, 0, 2))
    case("permute with a repeated dim", tensor("a", M23), step("method.permute", a, 0, 0))
    case("t() of a 3-D tensor", tensor("a", [M23]), step("method.t", a))
    case("flatten start_dim after end_dim", tensor("a", [M23]), step("method.flatten", a, 2, 1))
    case("expand to an incompatible size", tensor("a", x3), step("method.expand", a, 2, 4))
    case("expand to fewer dims", tensor("a", M23), step("method.expand", a, 3))
    case("repeat with fewer dims than the tensor", tensor("a", M23), step("method.repeat", a, 2))
    case("cat of mismatched shapes", tensor("a", M23), tensor("b", [[1.0] * 4]),
         step("torch.cat", [a, b]))
    case("cat of different ranks", tensor("a", M23), tensor("b", x3), step("torch.cat", [a, b]))
    case("cat of an empty list", step("torch.cat", []))
    case("stack of mismatched shapes", tensor("a", x3), tensor("b", [1.0] * 4),
         step("torch.stack", [a, b]))
    case("split into sections that do not add up", tensor("a", x3),
         step("method.split", a, [1, 1]))
    case("chunk into 0 chunks", tensor("a", x3), step("method.chunk", a, 0))
    case("max over an empty dim", step("torch.zeros", 0, 3, let="a"), step("method.max", a, 0))
    case("negative dimension in zeros", step("torch.zeros", -1, 2))


def values_and_dtypes():
    case("item() of a multi-element tensor", tensor("a", x3), step("method.item", a))
    case("__bool__ of a multi-element tensor", tensor("a", x3), step("method.__bool__", a))
    case("mean of an int tensor", tensor("a", [1, 2], dtype=i64), step("method.mean", a))
    case("sub with a bool tensor", tensor("a", [True, False], dtype=torch.bool),
         step("method.sub", a, 1, ints="bigint"))
    case("neg of a bool tensor", tensor("a", [True, False], dtype=torch.bool), step("method.neg", a))
    case("in-place float result into int tensor", tensor("a", [1, 2], dtype=i64),
         step("method.add_", a, 1.5))
    case("in-place true division of an int tensor", tensor("a", [1, 2], dtype=i64),
         step("method.div_", a, 2, ints="bigint"))
    case("integer division by zero", tensor("a", [1, 2], dtype=i64),
         step("method.div", a, 0, kw={"rounding_mode": "floor"}, ints="bigint"))
    case("int tensor to a negative int power", tensor("a", [1, 2], dtype=i64),
         step("method.pow", a, -1, ints="bigint"))
    case("arange with zero step", step("torch.arange", 0, 5, 0, ints="bigint"))
    case("arange with a step of the wrong sign", step("torch.arange", 0, 5, -1, ints="bigint"))
    case("linspace with negative steps", step("torch.linspace", 0, 1, -1))
    case("eye with a negative size", step("torch.eye", -1))
    case("logical ops on bad dtype: bitwise_and of floats", tensor("a", x3),
         step("method.bitwise_and", a, a))


def main():
    for section in [broadcasting, linalg, autograd, indexing, arg_parsing, shapes,
                    values_and_dtypes]:
        section()
    for d in DROPPED:
        print("DROPPED", d)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "errors.json")
    write_cases(out, CASES)
    print(len(CASES), "error cases")


if __name__ == "__main__":
    main()
