"""Golden op fixtures for the tsgrad torch dialect: writes ops.json from real PyTorch 1.13.

Run: /usr/bin/python3 compat-tests/golden/gen_ops.py   (gen_errors.py reuses this codec)

The encoding mirrors what a line-by-line TypeScript port would write (see
/work/shared/porting.md), so the harness can rebuild every argument unambiguously:

  tensor        {"t": [flat values] | null, "shape": [...], "dtype": "float32",
                 "requires_grad": bool}          (t is null when values are undefined: empty())
  Python float  {"float": 2.0}                   -> JS number
  Python int    {"int": 2}                       -> JS bigint (or number for size-only cases)
  bool          true / false
  None          null
  list / tuple  {"list": [...]}                  -> JS array
  torch dtype   {"dtype": "int64"}               -> torch.int64
  str           plain JSON string
  non-finite floats are the strings "nan", "inf", "-inf" (JSON has no literal for them).

Every case is executed from its *decoded* encoding, so what PyTorch ran is exactly what the
TypeScript side will rebuild.
"""
import math

import torch

DTYPES = {
    "float32": torch.float32, "float64": torch.float64, "float16": torch.float16,
    "int64": torch.int64, "int32": torch.int32, "int16": torch.int16, "int8": torch.int8,
    "uint8": torch.uint8, "bool": torch.bool,
}
DTYPE_NAME = {v: k for k, v in DTYPES.items()}


def enc_num(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def dec_num(v):
    return float(v) if isinstance(v, str) else v


def enc_tensor(t, values=True):
    rg = t.requires_grad
    t = t.detach()
    flat = t.flatten().tolist() if values else None
    if flat is not None and t.is_floating_point():
        flat = [enc_num(float(x)) for x in flat]
    return {"t": flat, "shape": list(t.shape), "dtype": DTYPE_NAME[t.dtype],
            "requires_grad": bool(rg)}


def dec_tensor(e):
    dt = DTYPES[e["dtype"]]
    if e["t"] is None:
        return torch.empty(e["shape"], dtype=dt)
    vals = [dec_num(v) for v in e["t"]]
    t = torch.tensor(vals, dtype=dt).reshape(e["shape"])
    return t.requires_grad_(bool(e.get("requires_grad", False)))


def enc(v):
    if isinstance(v, torch.Tensor):
        return enc_tensor(v)
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return {"int": v}
    if isinstance(v, float):
        return {"float": enc_num(v)}
    if isinstance(v, (list, tuple, torch.Size)):
        return {"list": [enc(x) for x in v]}
    if isinstance(v, torch.dtype):
        return {"dtype": DTYPE_NAME[v]}
    raise TypeError(f"cannot encode {type(v)}")


def dec(e):
    if e is None or isinstance(e, (bool, str)):
        return e
    if "t" in e:
        return dec_tensor(e)
    if "int" in e:
        return e["int"]
    if "float" in e:
        return float(dec_num(e["float"]))
    if "list" in e:
        return [dec(x) for x in e["list"]]
    if "dtype" in e:
        return DTYPES[e["dtype"]]
    raise TypeError(f"cannot decode {e}")


def enc_out(v):
    """Outputs: tensors without requires_grad noise; tuples (named or not) as lists."""
    if isinstance(v, torch.Tensor):
        d = enc_tensor(v)
        del d["requires_grad"]
        return d
    if isinstance(v, (list, tuple)) and not isinstance(v, torch.Size):
        return {"list": [enc_out(x) for x in v]}
    return enc(v)


# ---- index tuples (x[...]): one item per element of Python's index tuple -------------------

def enc_index_item(it):
    if it is Ellipsis:
        return "..."
    if isinstance(it, slice):
        parts = ["" if p is None else str(p) for p in (it.start, it.stop, it.step)]
        return ":".join(parts if it.step is not None else parts[:2])
    return enc(it)


def dec_index_item(e):
    if e == "...":
        return Ellipsis
    if isinstance(e, str):
        parts = [int(p) if p else None for p in e.split(":")]
        return slice(*parts)
    return dec(e)


def index_expr(items, name="x"):
    def one(it, e):
        if isinstance(it, torch.Tensor):
            return "idx"
        if it is None:
            return "None"
        if isinstance(e, str):
            return e
        return repr(it)
    return f"{name}[{', '.join(one(i, enc_index_item(i)) for i in items)}]"


def write_cases(path, cases):
    """One case per line: small diffs when a case changes, still plain JSON."""
    import json
    lines = ",\n".join(json.dumps(c, separators=(",", ":")) for c in cases)
    with open(path, "w") as fh:
        fh.write(f'{{"torch_version":{json.dumps(torch.__version__)},"cases":[\n{lines}\n]}}\n')


# ---- case runner --------------------------------------------------------------------------

def walk_leaves(args, kwargs):
    """Requires-grad tensors with their path ("args.0", "args.1.2", "kwargs.min").
    The harness walks its decoded arguments the same way to pair gradients with inputs."""
    found = []

    def rec(v, path):
        if isinstance(v, torch.Tensor):
            if v.requires_grad:
                found.append((path, v))
        elif isinstance(v, (list, tuple)):
            for i, x in enumerate(v):
                rec(x, f"{path}.{i}")
    for i, a in enumerate(args):
        rec(a, f"args.{i}")
    for k, a in kwargs.items():
        rec(a, f"kwargs.{k}")
    return found


def strip_grad(e):
    """Encoded arguments with every requires_grad flag cleared (for ops PyTorch cannot differentiate)."""
    if isinstance(e, dict):
        return {k: (False if k == "requires_grad" else strip_grad(v)) for k, v in e.items()}
    if isinstance(e, list):
        return [strip_grad(x) for x in e]
    return e


def upstream(shape, dtype):
    """A fixed, non-constant upstream gradient: a constant g would hide transposed or
    mis-broadcast gradients."""
    n = math.prod(shape)
    vals = [round(((i * 7) % 11 - 5) / 4 + 0.125, 3) for i in range(n)]
    return torch.tensor(vals, dtype=dtype).reshape(shape)


def execute(case, args, kwargs):
    """Run one case in PyTorch on its decoded arguments."""
    call = case["call"]
    if call.startswith("torch."):
        out = getattr(torch, call[6:])(*args, **kwargs)
    elif call.startswith("method."):
        out = getattr(args[0], call[7:])(*args[1:], **kwargs)
    elif call.startswith("attr."):
        out = getattr(args[0], call[5:])
    elif call == "at":
        out = args[0][tuple(dec_index_item(i) for i in case["index"])]
    elif call == "setitem":
        # Assigning into a leaf that requires grad is an error, so (as tutorials do) the
        # harness clones it first; the clone carries the gradient back to the leaf.
        x = args[0].clone() if case.get("clone_self") else args[0]
        x[tuple(dec_index_item(i) for i in case["index"])] = args[1]
        out = x
    else:
        raise ValueError(call)
    return out


def first_float(out):
    if isinstance(out, torch.Tensor):
        return out if out.is_floating_point() else None
    if isinstance(out, (list, tuple)):
        for o in out:
            if isinstance(o, torch.Tensor) and o.is_floating_point():
                return o
    return None


def describe(v):
    if isinstance(v, torch.Tensor):
        short = DTYPE_NAME[v.dtype].replace("float", "f").replace("int", "i")
        return f"{short}{list(v.shape)}{'*' if v.requires_grad else ''}".replace(" ", "")
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(describe(x) for x in v) + "]"
    if isinstance(v, torch.dtype):
        return str(v)
    return repr(v)


class Cases:
    def __init__(self):
        self.cases = []
        self.counts = {}
        self.dropped = []

    def add(self, op, call, *args, kw=None, index=None, expr=None, ints="bigint",
            values=True, gradcheck=True):
        """ints="number": every int argument is a size/dim/index/count, so the harness passes
        plain JS numbers as a ported tutorial would; otherwise ints become bigint (Python int)."""
        kw = kw or {}
        case = {"op": op, "call": call, "args": [enc(a) for a in args],
                "kwargs": {k: enc(v) for k, v in kw.items()}}
        if index is not None:
            case["index"] = [enc_index_item(i) for i in index]
            case["expr"] = expr or index_expr(index)
        if call == "setitem" and args[0].requires_grad:
            case["clone_self"] = True
        case["ints"] = ints
        n = self.counts.get(op, 0)
        self.counts[op] = n + 1
        inner = case.get("expr") or ", ".join(
            [describe(a) for a in args] + [f"{k}={describe(v)}" for k, v in kw.items()])
        case["id"] = f"{op}#{n} {call}({inner})"
        try:
            self._record(case, values, gradcheck)
        except Exception as e:  # keep the generator honest: report, never guess
            self.dropped.append(f"{case['id']}: {type(e).__name__}: {e}")
            return
        self.cases.append(case)

    def _record(self, case, values, gradcheck):
        args = [dec(a) for a in case["args"]]
        kwargs = {k: dec(v) for k, v in case["kwargs"].items()}
        # Leaves are taken before the call: an in-place op may turn an input into a non-leaf.
        leaves = walk_leaves(args, kwargs)
        out = execute(case, args, kwargs)
        if case["call"].endswith("_") and isinstance(out, torch.Tensor):
            case["returns_self"] = out is args[0]
        case["out"] = enc_out(out)
        if not values:  # empty(): only shape and dtype are defined
            case["out"]["t"] = None
        root = first_float(out)
        if not leaves or root is None or not root.requires_grad:
            return
        g = upstream(list(root.shape), root.dtype)
        try:
            root.backward(g)
        except RuntimeError as e:
            # Not differentiable in PyTorch (e.g. floor_divide): keep the forward golden only.
            print(f"note: {case['id']}: backward raised ({e}); recording without grad")
            case["args"] = strip_grad(case["args"])
            case["kwargs"] = strip_grad(case["kwargs"])
            case.pop("clone_self", None)
            return self._record(case, values, gradcheck)
        case["grad"] = {"g": enc_out(g), "inputs": [
            {"path": p, "grad": None if t.grad is None else enc_out(t.grad)} for p, t in leaves]}
        # Numerical check of tsgrad's own forward against its analytic backward: only in
        # float64, where central differences are accurate enough.
        case["gradcheck"] = gradcheck and all(t.dtype == torch.float64 for _, t in leaves)
        if case["gradcheck"] and not self._numeric_ok(case, leaves, g):
            print(f"note: {case['id']}: PyTorch itself fails the numerical check; not flagged")
            case["gradcheck"] = False

    def _numeric_ok(self, case, leaves, g, eps=1e-6, tol=1e-5):
        """The harness's central-difference check, run on PyTorch first: a case whose inputs sit
        on a kink would fail for any correct implementation, so it must not be flagged."""
        for path, leaf in leaves:
            for i in range(leaf.numel()):
                sides = []
                for sign in (1, -1):
                    args = [dec(a) for a in case["args"]]
                    kwargs = {k: dec(v) for k, v in case["kwargs"].items()}
                    t = dict(walk_leaves(args, kwargs))[path]
                    with torch.no_grad():
                        t.view(-1)[i] += sign * eps
                        sides.append(float((first_float(execute(case, args, kwargs)) * g).sum()))
                num = (sides[0] - sides[1]) / (2 * eps)
                ana = float(leaf.grad.reshape(-1)[i]) if leaf.grad is not None else 0.0
                if abs(num - ana) > tol * (1 + abs(ana)):
                    return False
        return True


# ---- input makers -------------------------------------------------------------------------
# Float data are odd multiples of 1/32: exactly representable in float32, so sums and products
# are exact in any summation order, and never 0, an integer or a half, so abs/relu/sign/floor/
# round have no kink within the harness's finite-difference step.

f32, f64, i64, i32 = torch.float32, torch.float64, torch.int64, torch.int32
_rng = __import__("random").Random(20240613)


def _shape(shape):
    """F(()) is a 0-dim tensor; F(2, 3) a 2x3 one."""
    return tuple(shape[0]) if len(shape) == 1 and isinstance(shape[0], tuple) else shape


def F(*shape, dtype=f32, rg=True, lo=-2.0, hi=2.0):
    shape = _shape(shape)
    k_lo, k_hi = math.ceil((lo * 32 - 1) / 2), math.floor((hi * 32 - 1) / 2)
    vals = [(2 * _rng.randint(k_lo, k_hi) + 1) / 32 for _ in range(math.prod(shape))]
    return torch.tensor(vals, dtype=dtype).reshape(shape).requires_grad_(rg)


def P(*shape, dtype=f32, rg=True):
    """Strictly positive: log, sqrt, pow bases, reciprocal, divisors."""
    return F(*shape, dtype=dtype, rg=rg, lo=0.25, hi=2.0)


def D(*shape, dtype=f32, rg=True):
    """Pairwise distinct values: max/min/argmax/maximum never see ties."""
    shape = _shape(shape)
    n = math.prod(shape)
    ks = _rng.sample(range(-3 * n - 3, 3 * n + 3), n)
    vals = [(2 * k + 1) / 32 for k in ks]
    return torch.tensor(vals, dtype=dtype).reshape(shape).requires_grad_(rg)


def I(*shape, dtype=i64, lo=-5, hi=5):
    shape = _shape(shape)
    return torch.tensor([_rng.randint(lo, hi) for _ in range(math.prod(shape))],
                        dtype=dtype).reshape(shape)


def NZ(*shape, dtype=i64):
    """Nonzero ints: divisors."""
    shape = _shape(shape)
    return torch.tensor([_rng.choice([-4, -3, -2, -1, 1, 2, 3, 4]) for _ in range(math.prod(shape))],
                        dtype=dtype).reshape(shape)


def B(*shape):
    shape = _shape(shape)
    return torch.tensor([_rng.random() < 0.5 for _ in range(math.prod(shape))]).reshape(shape)


def T(data, dtype=f32, rg=False):
    return torch.tensor(data, dtype=dtype, requires_grad=rg)


C = Cases()


def both(op, *args, kw=None, **opts):
    """Function form and method form of the same op."""
    C.add(op, f"torch.{op}", *args, kw=kw, **opts)
    C.add(op, f"method.{op}", *args, kw=kw, **opts)


# ---- elementwise binary arithmetic --------------------------------------------------------

def binary_arith():
    for op in ["add", "sub", "mul", "div"]:
        both(op, F(2, 3), F(2, 3))
        C.add(op, f"method.{op}", F(2, 3), F(3))                  # trailing broadcast
        C.add(op, f"torch.{op}", F(2, 1, 3), F(4, 1))             # both sides broadcast
        C.add(op, f"method.{op}", F(3), 2.5)                       # float scalar
        C.add(op, f"method.{op}", F(3), 2)                         # int scalar keeps float32
        C.add(op, f"method.{op}", I(4), 3)                         # int64 stays int (div: float)
        C.add(op, f"method.{op}", I(4), 2.5)                       # int64 * float -> float32
        C.add(op, f"method.{op}", I(4, dtype=i32), NZ(4))          # int32 op int64 -> int64
        C.add(op, f"method.{op}", I(4), F(4))                      # int64 op float32 -> float32
        C.add(op, f"method.{op}", F(3), F(3, dtype=f64))           # float32 op float64 -> float64
        C.add(op, f"method.{op}", F(3), P((), dtype=f64))          # 0-dim float64 does not promote
        C.add(op, f"method.{op}", I(3), P((), dtype=f64, rg=False))  # ...but does lift int to float32
        C.add(op, f"method.{op}", F(2, 3, dtype=f64), F(3, dtype=f64))   # gradcheck
        C.add(op, f"method.{op}", F(2, 1, dtype=f64), P(1, 4, dtype=f64))
        if op != "sub":                                            # bool - x: errors.json
            C.add(op, f"method.{op}", B(4), 2)                     # bool op int -> int64
    for op in ["add", "mul"]:
        C.add(op, f"method.{op}", B(4), B(4))                      # bool op bool stays bool
    C.add("add", "torch.add", F(2, 3), F(3), kw={"alpha": 2})
    C.add("add", "method.add", I(3), I(3), kw={"alpha": 3})
    C.add("sub", "method.sub", F(3), F(3), kw={"alpha": 0.5})
    C.add("div", "method.div", F(4), 0.0)                          # inf, -inf
    C.add("div", "method.div", T([0.0, 1.0, -1.0]), T([0.0, 0.0, 0.0]))  # nan, inf, -inf
    for mode in ["trunc", "floor", None]:
        C.add("div", "torch.div", F(2, 3), P(3), kw={"rounding_mode": mode})
        C.add("div", "method.div", I(6), NZ(6), kw={"rounding_mode": mode})
        C.add("div", "method.div", I(6), 2, kw={"rounding_mode": mode})
    C.add("div", "method.div", F(4, dtype=f64), P(4, dtype=f64), kw={"rounding_mode": "floor"})
    for op, s in [("__radd__", 2.5), ("__rsub__", 1), ("__rmul__", 3), ("__rtruediv__", 2.0)]:
        C.add(op, f"method.{op}", F(2, 2), s)
        C.add(op, f"method.{op}", I(3), s if op != "__rtruediv__" else 6)
    C.add("neg", "torch.neg", F(2, 3))
    C.add("neg", "method.neg", F(3, dtype=f64))
    C.add("neg", "method.neg", I(4))
    C.add("neg", "method.neg", P((), rg=True))


def pow_cases():
    both("pow", P(2, 3), F(2, 3))                                  # tensor ** tensor
    C.add("pow", "method.pow", P(2, 3), F(3))
    C.add("pow", "method.pow", F(3), 2)                            # tensor ** int
    C.add("pow", "method.pow", F(3), 3)                            # negative bases, odd power
    C.add("pow", "method.pow", P(3), 0.5)
    C.add("pow", "method.pow", P(3), -1.5)
    C.add("pow", "method.pow", F(3), 0)
    C.add("pow", "method.pow", I(4, lo=-3, hi=3), 2)                 # int64 ** int stays int
    C.add("pow", "method.pow", I(4, lo=0, hi=4), 0.5)                # int64 ** float -> float32
    C.add("pow", "method.pow", I(4, lo=0, hi=4), T([1, 2, 0, 3], dtype=i64))
    C.add("pow", "method.pow", T([-8.0, 4.0]), 0.5)                # nan for negative base
    C.add("pow", "method.__rpow__", F(3), 2.0)                     # 2.0 ** x
    C.add("pow", "method.__rpow__", F(3), 2)                       # 2 ** x
    C.add("pow", "method.__rpow__", I(3, lo=0, hi=4), 2)           # 2 ** int tensor stays int
    C.add("pow", "torch.pow", 2.5, F(2, 2))                        # scalar first, function form
    C.add("pow", "method.pow", P(2, 3, dtype=f64), F(3, dtype=f64))
    C.add("pow", "method.pow", F(4, dtype=f64), 3)
    C.add("pow", "method.__rpow__", F(4, dtype=f64), 1.5)
    C.add("pow", "method.pow", P(3), F(3, dtype=f64))


# ---- unary math ---------------------------------------------------------------------------

def unary_cases():
    positive = {"log", "sqrt", "reciprocal"}
    for op in ["exp", "log", "sqrt", "abs", "sin", "cos", "tan", "tanh", "sigmoid", "relu",
               "floor", "ceil", "round", "sign", "reciprocal"]:
        mk = P if op in positive else F
        lim = {"lo": -1.2, "hi": 1.2} if op == "tan" else {}       # stay clear of tan's poles
        both(op, (mk(2, 3) if op in positive else F(2, 3, **lim)))
        C.add(op, f"method.{op}", mk(4, dtype=f64) if op in positive else F(4, dtype=f64, **lim))
        C.add(op, f"method.{op}", (P if op in positive else F)((), rg=True))
        C.add(op, f"method.{op}", I(4, lo=1, hi=5) if op in positive else I(4, lo=-1, hi=1))
    C.add("round", "method.round", T([0.5, 1.5, 2.5, -0.5, -1.5, 0.49999997]))  # half to even
    C.add("round", "torch.round", T([1.2345, -2.6789, 0.05]), kw={"decimals": 2})
    C.add("log", "method.log", T([0.0, -1.0, float("inf")]))
    C.add("sqrt", "method.sqrt", T([-1.0, 0.0, float("inf")]))
    C.add("exp", "method.exp", T([float("-inf"), 100.0, float("nan")]))
    C.add("sigmoid", "method.sigmoid", T([-100.0, 100.0, 0.0]))
    C.add("tanh", "method.tanh", T([-30.0, 30.0]))
    C.add("abs", "method.abs", T([-0.0, float("-inf")]))
    C.add("sign", "method.sign", T([0.0, -0.0, float("nan")]))
    C.add("reciprocal", "method.reciprocal", T([0.0, -0.0]))
    C.add("sign", "method.sign", B(4))
    C.add("abs", "method.abs", I(4, dtype=i32))


def clamp_cases():
    both("clamp", F(2, 3), -0.3, 0.7)
    C.add("clamp", "method.clamp", F(2, 3), kw={"min": -0.3})
    C.add("clamp", "method.clamp", F(2, 3), kw={"max": 0.7})
    C.add("clamp", "torch.clamp", F(2, 3), kw={"min": -0.3, "max": 0.7})
    C.add("clamp", "method.clamp", F(2, 3), None, 0.7)
    C.add("clamp", "method.clamp", F(2, 3), -1, 1)                 # int bounds on float
    C.add("clamp", "method.clamp", F(2, 3), F(3, rg=True), P(2, 1) + 2)  # tensor bounds broadcast
    C.add("clamp", "method.clamp", F(2, 3), kw={"min": F(3)})
    C.add("clamp", "method.clamp", I(6), -2, 2)                    # int stays int
    C.add("clamp", "method.clamp", I(6), -2.5, 2.5)                # int with float bounds
    C.add("clamp", "method.clamp", F(6, dtype=f64), -0.3, 0.7)
    C.add("clamp", "method.clamp", F(6, dtype=f64), kw={"min": F(6, dtype=f64) + 0.01})
    C.add("clamp", "method.clamp", F(3), 0.7, -0.3)                # min > max: everything max
    C.add("clamp", "method.clamp", T([float("nan"), 5.0, -5.0]), -1.0, 1.0)


def binary_misc():
    for op in ["maximum", "minimum"]:
        both(op, D(2, 3), D(2, 3))
        C.add(op, f"method.{op}", D(2, 3), D(3))
        C.add(op, f"method.{op}", I(5), I(5))
        C.add(op, f"method.{op}", I(3), D(3))                      # int64 with float32 -> float32
        C.add(op, f"method.{op}", D(4, dtype=f64), D(4, dtype=f64) + 1 / 64)
        C.add(op, f"method.{op}", T([float("nan"), 1.0]), T([0.0, float("nan")]))
    for op in ["floor_divide", "remainder"]:
        both(op, F(2, 3), P(3))
        C.add(op, f"method.{op}", I(6), NZ(6))                     # negative operands
        C.add(op, f"method.{op}", I(6), 3)
        C.add(op, f"method.{op}", F(4), 0.75)
        C.add(op, f"method.{op}", I(4), 1.5)                       # int with float scalar
        C.add(op, f"method.{op}", F(4, dtype=f64), T([0.7, -0.7, 1.3, -1.1], dtype=f64, rg=True))
    C.add("remainder", "method.remainder", T([-3.0, 3.0, -3.0, 3.0]), T([2.0, -2.0, -2.0, 2.0]))


def compare_cases():
    for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
        a = F(2, 3, rg=False)
        both(op, a, torch.where(B(2, 3), a, F(2, 3, rg=False)))    # some equal, some not
        C.add(op, f"method.{op}", F(2, 3, rg=False), F(3, rg=False))
        C.add(op, f"method.{op}", T([0.5, 1.0, 1.5]), 1.0)
        C.add(op, f"method.{op}", I(5), 1)
        C.add(op, f"method.{op}", I(5), T([0.5, 1.0, -1.0, 2.0, -0.5]))
        C.add(op, f"method.{op}", T([float("nan"), 1.0]), T([float("nan"), 1.0]))
    C.add("eq", "method.eq", B(4), B(4))
    for op in ["logical_and", "logical_or", "logical_xor"]:
        both(op, B(2, 3), B(2, 3))
        C.add(op, f"method.{op}", B(2, 3), B(3))
        C.add(op, f"method.{op}", T([0.0, 1.5, -2.0, 0.0]), I(4, lo=0, hi=1))
    both("logical_not", B(2, 3))
    C.add("logical_not", "method.logical_not", T([0.0, 1.5, -0.0, float("nan")]))
    C.add("logical_not", "method.logical_not", I(4, lo=-1, hi=1))


# ---- reductions ---------------------------------------------------------------------------

def reduction_cases():
    for op in ["sum", "mean", "prod"]:
        mk = P if op == "prod" else F
        both(op, mk(2, 3))
        C.add(op, f"method.{op}", mk(2, 3), 0, ints="number")
        C.add(op, f"method.{op}", mk(2, 3, 4), -1, kw={"keepdim": True}, ints="number")
        C.add(op, f"torch.{op}", mk(2, 3), kw={"dim": 1}, ints="number")
        C.add(op, f"method.{op}", mk(2, 3, dtype=f64), 1, ints="number")
        C.add(op, f"method.{op}", mk((), rg=True))
        if op != "prod":
            C.add(op, f"method.{op}", F(2, 3, 4), (0, 2), ints="number")
            C.add(op, f"method.{op}", F(2, 3, 4, dtype=f64), [-1, 0], True, ints="number")
    C.add("sum", "method.sum", I(2, 3))                            # int64 -> int64
    C.add("sum", "method.sum", I(2, 3, dtype=i32), 1)              # int32 -> int64
    C.add("sum", "method.sum", B(2, 3))                            # bool -> int64
    C.add("sum", "method.sum", F(2, 3), kw={"dtype": f64})
    C.add("sum", "method.sum", F(0, 3))                            # empty -> 0
    C.add("mean", "method.mean", I(2, 3), kw={"dtype": f32})
    C.add("prod", "method.prod", I(2, 3, lo=1, hi=3))
    C.add("prod", "method.prod", I(2, 3, lo=1, hi=3), 1, ints="number")

    for op in ["max", "min"]:
        both(op, D(2, 3))                                          # full -> 0-dim
        C.add(op, f"method.{op}", D(2, 3), 1, ints="number")       # (values, indices)
        C.add(op, f"torch.{op}", D(2, 3), 0, True, ints="number")
        C.add(op, f"method.{op}", D(2, 3, 4), kw={"dim": -2, "keepdim": True}, ints="number")
        C.add(op, f"method.{op}", D(3, 4, dtype=f64), -1, ints="number")
        C.add(op, f"method.{op}", I(2, 3), 1, ints="number")
        C.add(op, f"method.{op}", I(2, 3))
        C.add(op, f"torch.{op}", D(2, 3), D(3))                    # binary form = maximum
        C.add(op, f"method.{op}", D(5, dtype=f64))
    for op in ["argmax", "argmin"]:
        both(op, D(2, 3, rg=False))
        C.add(op, f"method.{op}", D(2, 3, rg=False), 1, ints="number")
        C.add(op, f"method.{op}", D(2, 3, 4, rg=False), -1, True, ints="number")
        C.add(op, f"torch.{op}", I(3, 4), kw={"dim": 0}, ints="number")
        C.add(op, f"method.{op}", T([1.0, 3.0, 3.0, 0.0]))         # ties: first occurrence

    both("norm", F(2, 3))
    C.add("norm", "method.norm", F(2, 3), 1)
    C.add("norm", "method.norm", D(2, 3), float("inf"))
    C.add("norm", "method.norm", D(2, 3), float("-inf"))
    C.add("norm", "method.norm", F(2, 3), "fro")
    C.add("norm", "method.norm", F(2, 3), 3)
    C.add("norm", "method.norm", F(2, 3), 2, 1)
    C.add("norm", "torch.norm", F(2, 3), kw={"dim": 0, "keepdim": True})
    C.add("norm", "method.norm", F(2, 3), kw={"p": 1, "dim": -1})
    C.add("norm", "method.norm", F(2, 3, dtype=f64))
    C.add("norm", "method.norm", F(2, 3, dtype=f64), 1, 0)
    C.add("norm", "method.norm", D(2, 3, dtype=f64), float("inf"), 1)
    C.add("norm", "method.norm", F(2, 3, dtype=f64), 3)

    for op in ["std", "var"]:
        both(op, F(2, 4))
        C.add(op, f"method.{op}", F(2, 4), kw={"unbiased": False})
        C.add(op, f"method.{op}", F(2, 4), False)
        C.add(op, f"method.{op}", F(2, 4), 1, ints="number")
        C.add(op, f"method.{op}", F(2, 4), 0, False, True, ints="number")
        C.add(op, f"torch.{op}", F(2, 3, 4), kw={"dim": (0, 2), "keepdim": True}, ints="number")
        C.add(op, f"method.{op}", F(3, 4, dtype=f64), -1, ints="number")
        C.add(op, f"method.{op}", F(5, dtype=f64), kw={"unbiased": False})
        C.add(op, f"method.{op}", F(1))                            # n-1 = 0 -> nan

    both("logsumexp", F(2, 3), 1, ints="number")
    C.add("logsumexp", "method.logsumexp", F(2, 3), 0, True, ints="number")
    C.add("logsumexp", "method.logsumexp", F(2, 3, 4), -1, ints="number")
    C.add("logsumexp", "torch.logsumexp", F(2, 3), kw={"dim": (0, 1)}, ints="number")
    C.add("logsumexp", "method.logsumexp", F(3, 4, dtype=f64), 1, ints="number")
    C.add("logsumexp", "method.logsumexp", T([1000.0, 1000.0]), 0, ints="number")  # stable
    for op in ["softmax", "log_softmax"]:
        both(op, F(2, 3), -1, ints="number")
        C.add(op, f"method.{op}", F(2, 3), 0, ints="number")
        C.add(op, f"torch.{op}", F(2, 3, 4), kw={"dim": 1}, ints="number")
        C.add(op, f"method.{op}", F(3, 4, dtype=f64), 1, ints="number")
        C.add(op, f"method.{op}", T([1000.0, 0.0, -1000.0]), 0, ints="number")
        C.add(op, f"method.{op}", F(2, 3), 1, kw={"dtype": f64}, ints="number")


# ---- linear algebra -----------------------------------------------------------------------

def matmul_cases():
    shapes = [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)),
              ((5, 2, 3), (5, 3, 4)), ((5, 2, 3), (3, 4)), ((2, 3), (5, 3, 4)),
              ((3,), (5, 3, 4)), ((5, 2, 3), (3,)), ((2, 1, 2, 3), (5, 3, 4)),
              ((1, 2, 3), (4, 1, 3, 2))]
    for sa, sb in shapes:
        C.add("matmul", "torch.matmul", F(*sa), F(*sb))
    for sa, sb in shapes[:2] + shapes[4:6] + shapes[9:10]:
        C.add("matmul", "method.matmul", F(*sa, dtype=f64), F(*sb, dtype=f64))
    C.add("matmul", "method.matmul", I(2, 3), I(3, 2))
    C.add("matmul", "method.__rmatmul__", F(3, 2), F(4, 3))
    C.add("mm", "torch.mm", F(2, 3), F(3, 4))
    C.add("mm", "method.mm", F(4, 3, dtype=f64), F(3, 2, dtype=f64))
    C.add("mm", "method.mm", I(2, 2), I(2, 3))
    C.add("mm", "method.mm", F(2, 3), F(4, 3).t())                 # non-contiguous operand
    C.add("bmm", "torch.bmm", F(3, 2, 4), F(3, 4, 2))
    C.add("bmm", "method.bmm", F(2, 2, 3, dtype=f64), F(2, 3, 1, dtype=f64))
    C.add("dot", "torch.dot", F(4), F(4))
    C.add("dot", "method.dot", F(3, dtype=f64), F(3, dtype=f64))
    C.add("dot", "method.dot", I(3), I(3))
    C.add("mv", "torch.mv", F(2, 3), F(3))
    C.add("mv", "method.mv", F(3, 2, dtype=f64), F(2, dtype=f64))
    C.add("outer", "torch.outer", F(3), F(2))
    C.add("outer", "method.outer", F(2, dtype=f64), F(4, dtype=f64))
    C.add("outer", "method.outer", I(2), I(3))


# ---- views and shape ops ------------------------------------------------------------------

def view_cases():
    n = "number"
    C.add("view", "method.view", F(2, 3), 3, 2, ints=n)
    C.add("view", "method.view", F(2, 3), -1, ints=n)
    C.add("view", "method.view", F(2, 3), [3, -1], ints=n)
    C.add("view", "method.view", F(2, 3), 6, 1)                    # ints as bigint also accepted
    C.add("view", "method.view", F(2, 3, dtype=f64), 1, 6, ints=n)
    C.add("reshape", "method.reshape", F(2, 3), 3, 2, ints=n)
    C.add("reshape", "torch.reshape", F(2, 3), (-1,), ints=n)
    C.add("reshape", "method.reshape", F(2, 3, 4).transpose(0, 2), [4, 6], ints=n)  # copies
    C.add("reshape", "method.reshape", F(4, dtype=f64), 2, 1, 2, ints=n)
    C.add("reshape", "method.reshape", F(()), 1, ints=n)
    C.add("flatten", "torch.flatten", F(2, 3, 4), ints=n)
    C.add("flatten", "method.flatten", F(2, 3, 4), 1, ints=n)
    C.add("flatten", "method.flatten", F(2, 3, 4, 5), kw={"start_dim": 1, "end_dim": -2}, ints=n)
    C.add("flatten", "method.flatten", F(()), ints=n)
    C.add("squeeze", "torch.squeeze", F(1, 3, 1), ints=n)
    C.add("squeeze", "method.squeeze", F(1, 3, 1), 0, ints=n)
    C.add("squeeze", "method.squeeze", F(1, 3, 1), -1, ints=n)
    C.add("squeeze", "method.squeeze", F(2, 3), 0, ints=n)        # size != 1: no-op
    C.add("squeeze", "method.squeeze", F(1, 1, dtype=f64), ints=n)
    C.add("unsqueeze", "torch.unsqueeze", F(2, 3), 0, ints=n)
    C.add("unsqueeze", "method.unsqueeze", F(2, 3), -1, ints=n)
    C.add("unsqueeze", "method.unsqueeze", F(2, 3), 1, ints=n)
    C.add("unsqueeze", "method.unsqueeze", F((), dtype=f64), 0, ints=n)
    C.add("transpose", "torch.transpose", F(2, 3), 0, 1, ints=n)
    C.add("transpose", "method.transpose", F(2, 3, 4), -1, -3, ints=n)
    C.add("transpose", "method.transpose", F(2, 3, 4, dtype=f64), 1, 2, ints=n)
    C.add("transpose", "method.transpose", F(2, 3), 1, 1)
    C.add("permute", "torch.permute", F(2, 3, 4), (2, 0, 1), ints=n)
    C.add("permute", "method.permute", F(2, 3, 4), 1, 2, 0, ints=n)
    C.add("permute", "method.permute", F(2, 3, 4), [-1, 0, 1], ints=n)
    C.add("permute", "method.permute", F(2, 3, dtype=f64), 1, 0, ints=n)
    C.add("t", "torch.t", F(2, 3))
    C.add("t", "method.t", F(3))
    C.add("t", "method.t", I(2, 3))
    C.add("T", "attr.T", F(2, 3))
    C.add("T", "attr.T", F(2, 3, 4))                               # reverses all dims
    C.add("expand", "method.expand", F(3), 2, 3, ints=n)
    C.add("expand", "method.expand", F(2, 1), -1, 4, ints=n)
    C.add("expand", "method.expand", F(2, 1), [3, 2, 2], ints=n)  # new leading dims
    C.add("expand", "method.expand", F(1, 3, dtype=f64), 2, 3, ints=n)
    C.add("expand_as", "method.expand_as", F(3, 1), F(2, 3, 4, rg=False))
    C.add("expand_as", "method.expand_as", F(1, dtype=f64), F(2, 2, rg=False))
    C.add("contiguous", "method.contiguous", F(2, 3).t())
    C.add("contiguous", "method.contiguous", F(2, 3))
    C.add("clone", "torch.clone", F(2, 3))
    C.add("clone", "method.clone", I(3))
    C.add("detach", "method.detach", F(2, 3))
    C.add("detach", "torch.detach", F(3))
    C.add("repeat", "method.repeat", F(2, 3), 2, 1, ints=n)
    C.add("repeat", "method.repeat", F(3), 2, 2, ints=n)           # more repeats than dims
    C.add("repeat", "method.repeat", F(2, 1), [1, 3], ints=n)
    C.add("repeat", "method.repeat", F(2, 2, dtype=f64), 2, 3, ints=n)
    C.add("cat", "torch.cat", [F(2, 3), F(1, 3)], ints=n)
    C.add("cat", "torch.cat", [F(2, 3), F(2, 1), F(2, 2)], 1, ints=n)
    C.add("cat", "torch.cat", (F(2, 3), F(2, 3)), kw={"dim": -1}, ints=n)
    C.add("cat", "torch.cat", [F(2, dtype=f64), F(3, dtype=f64)], ints=n)
    C.add("cat", "torch.cat", [I(2), F(2)], ints=n)                # dtype promotion
    C.add("cat", "torch.cat", [F(2, 3), F(0)], ints=n)             # legacy empty 1-D skipped
    C.add("stack", "torch.stack", [F(2, 3), F(2, 3)], ints=n)
    C.add("stack", "torch.stack", [F(3), F(3), F(3)], 1, ints=n)
    C.add("stack", "torch.stack", (F(2, 2), F(2, 2)), kw={"dim": -1}, ints=n)
    C.add("stack", "torch.stack", [F(2, dtype=f64), F(2, dtype=f64)], ints=n)
    C.add("split", "torch.split", F(5, 2), 2, ints=n)              # uneven last chunk
    C.add("split", "method.split", F(5, 2), [1, 4], ints=n)
    C.add("split", "method.split", F(2, 6), 3, 1, ints=n)
    C.add("split", "method.split", F(2, 6), [2, 1, 3], kw={"dim": -1}, ints=n)
    C.add("split", "method.split", F(4, dtype=f64), 3, ints=n)
    C.add("chunk", "torch.chunk", F(6, 2), 3, ints=n)
    C.add("chunk", "method.chunk", F(5, 2), 3, ints=n)             # 2,2,1
    C.add("chunk", "method.chunk", F(2, 5), 2, 1, ints=n)
    C.add("chunk", "method.chunk", F(3, dtype=f64), 2, kw={"dim": 0}, ints=n)
    C.add("chunk", "method.chunk", F(6), 4, ints=n)                # 4 requested, 3 returned
    C.add("gather", "torch.gather", F(3, 4), 1, T([[0, 3], [1, 1], [2, 0]], dtype=i64), ints=n)
    C.add("gather", "method.gather", F(3, 4), 0, T([[2, 0, 1, 0]], dtype=i64), ints=n)
    C.add("gather", "method.gather", F(3, 4, dtype=f64), -1, T([[0, 0], [3, 2], [1, 1]], dtype=i64), ints=n)
    C.add("index_select", "torch.index_select", F(3, 4), 0, T([2, 0, 2], dtype=i64), ints=n)
    C.add("index_select", "method.index_select", F(3, 4), 1, T([3, 1], dtype=i64), ints=n)
    C.add("index_select", "method.index_select", F(3, 4, dtype=f64), -1, T([0, 0, 1], dtype=i64), ints=n)
    C.add("index_select", "method.index_select", I(5), 0, T([4, 1], dtype=i32), ints=n)
    C.add("masked_fill", "method.masked_fill", F(2, 3), B(2, 3), 0.5)
    C.add("masked_fill", "torch.masked_fill", F(2, 3), B(3), -1.0)  # broadcast mask
    C.add("masked_fill", "method.masked_fill", F(2, 3), B(2, 1), 2)  # int value into float
    C.add("masked_fill", "method.masked_fill", I(2, 3), B(2, 3), 7)
    C.add("masked_fill", "method.masked_fill", F(2, 3), B(2, 3), T(3.0))  # 0-dim tensor value
    C.add("masked_fill", "method.masked_fill", F(2, 3, dtype=f64), B(2, 3), float("-inf"))
    C.add("where", "torch.where", B(2, 3), F(2, 3), F(2, 3))
    C.add("where", "torch.where", B(2, 1), F(3), F(2, 3))
    C.add("where", "torch.where", B(2, 3), F(2, 3), 0.0)
    C.add("where", "torch.where", B(3), I(3), F(3))                # promotion
    C.add("where", "torch.where", B(2, 3), F(2, 3, dtype=f64), F(3, dtype=f64))
    C.add("where", "method.where", F(2, 3), B(2, 3), F(2, 3))     # x.where(cond, y)
    C.add("where", "torch.where", T([[0.0, 1.0], [2.0, 0.0]]))     # single arg: nonzero tuple


# ---- indexing: x.at(...) and x.__setitem__(key, v) ----------------------------------------

def index_cases():
    s = slice
    x3 = lambda **k: F(3, 4, 5, **k)
    getters = [
        (F(4, 3), [1]), (F(4, 3), [-1]), (F(4, 3), [s(1, None)]), (F(4, 3), [s(None), 1]),
        (F(5, 3), [s(None, None, 2)]), (x3(), [s(1, None), s(None, None, 2), None, Ellipsis]),
        (x3(), [Ellipsis, 0]), (F(4, 3), [None]), (F(4, 3), [[0, 2]]),
        (F(4, 3), [[0, 2], [1, 0]]), (F(4, 3), [T([3, 0, 0], dtype=i64)]),
        (F(4, 3), [T([1, 2], dtype=i64), s(1, None)]), (F(4, 3), [s(None), [0, 2]]),
        (F(4, 3), [0, 0]), (F(4, 3), [s(-2, None)]), (F(4, 3), [s(1, 3), None]),
        (x3(), [s(None), s(None), -1]), (x3(), [1, s(None), [0, 3]]),
        (x3(), [[0, 2], s(None), [1, 4]]),                          # split advanced: dims first
        (x3(), [s(None), T([[0, 1], [2, 2]], dtype=i64)]),
        (F(4, 3), [s(1, -1), s(None, None, -1)]) if False else (F(4, 3), [s(1, -1)]),
        (F(4, 3), [s(10, 20)]),                                     # out-of-range slice: empty
        (x3(dtype=f64), [1, s(None, None, 2), [0, 4]]),
        (F(4, 3, dtype=f64), [T([2, 2, 0], dtype=i64)]),
        (I(4, 3), [s(None), 1]),
    ]
    for x, items in getters:
        C.add("at", "at", x, index=items)
    x = F(2, 3)
    C.add("at", "at", x, index=[x.detach() > 0], expr="x[x>0]")
    C.add("at", "at", F(3, 2), index=[T([True, False, True], dtype=torch.bool)], expr="x[mask]")
    x = F(2, 3, dtype=f64)
    C.add("at", "at", x, index=[x.detach() < 0], expr="x[x<0]")
    C.add("at", "at", F(3, 4), index=[T([True, False, True], dtype=torch.bool), s(1, 3)],
          expr="x[mask, 1:3]")

    setters = [
        (F(3, 4, rg=False), [0], 1.0), (F(3, 4, rg=False), [0], F(4, rg=False)),
        (F(3, 4, rg=False), [s(None), 1], F(3, rg=False)),
        (F(3, 4, rg=False), [s(None), 1], F(1, rg=False)),
        (F(3, 4, rg=False), [[0, 2]], -1.0), (F(3, 4, rg=False), [Ellipsis, 0], 5),
        (I(3, 4), [1], 7), (I(3, 4), [s(None), 0], 2.9),           # float into int: truncates
        (F(3, 4, rg=False), [s(1, None), s(None, None, 2)], F(2, 2, rg=False)),
        (F(3, 4, rg=False), [1, 2], T(9.5)), (F(3, 4, rg=False), [T([2, 0], dtype=i64)], F(4, rg=False)),
        (F(3, 4), [1], F(4)), (F(3, 4), [s(None), [0, 3]], F(3, 2)),
        (F(3, 4, dtype=f64), [s(None, 2), 1], F(2, dtype=f64)),
        (F(3, 4, dtype=f64), [T([0, 2], dtype=i64)], 0.0),
    ]
    for x, items, v in setters:
        C.add("setitem", "setitem", x, v, index=items, expr=index_expr(items) + " = v")
    x = F(2, 3, rg=False)
    C.add("setitem", "setitem", x, 0.0, index=[x > 0], expr="x[x>0] = 0.0")
    x = F(2, 3)
    C.add("setitem", "setitem", x, F(1), index=[x.detach() < 0], expr="x[x<0] = v")


# ---- creation -----------------------------------------------------------------------------

def creation_cases():
    for data in [[1.0, 2.0, 3.0], [1, 2, 3], [True, False], [[1, 2], [3.5, 4]], [True, 2],
                 [[[1, 2]], [[3, 4]]], 3, 2.5, True, [], [[1.5, -2.0], [0.0, 1e-3]],
                 [float("nan"), float("inf")], [2 ** 40, -3]]:
        C.add("tensor", "torch.tensor", data)
    C.add("tensor", "torch.tensor", [1, 2], kw={"dtype": f64})
    C.add("tensor", "torch.tensor", [1.7, -1.7], kw={"dtype": i32})  # truncation toward zero
    C.add("tensor", "torch.tensor", [[1.0, 2.0]], kw={"requires_grad": True})
    C.add("tensor", "torch.tensor", [0, 1, 2], kw={"dtype": torch.bool})
    n = "number"
    for op in ["zeros", "ones"]:
        C.add(op, f"torch.{op}", 2, 3, ints=n)
        C.add(op, f"torch.{op}", (2, 3), ints=n)
        C.add(op, f"torch.{op}", [4], kw={"dtype": i64}, ints=n)
        C.add(op, f"torch.{op}", 2, kw={"dtype": torch.bool}, ints=n)
        C.add(op, f"torch.{op}", [], ints=n)                       # 0-dim
        C.add(op, f"torch.{op}", 2, 0, ints=n)
        C.add(op, f"torch.{op}", 3)                                 # bigint size
        C.add(op, f"torch.{op}", 2, kw={"requires_grad": True}, ints=n)
    C.add("full", "torch.full", (2, 2), 7)                          # int fill -> int64
    C.add("full", "torch.full", (2, 3), 1.5)
    C.add("full", "torch.full", [3], True)
    C.add("full", "torch.full", (2,), 7, kw={"dtype": f32})
    C.add("full", "torch.full", [], -2.0)
    C.add("full", "torch.full", (2,), float("inf"))
    C.add("empty", "torch.empty", 2, 3, ints=n, values=False)
    C.add("empty", "torch.empty", (4,), kw={"dtype": i64}, ints=n, values=False)
    C.add("empty", "torch.empty", 0, ints=n, values=False)
    for args, kw in [((5,), {}), ((1, 7, 2), {}), ((0.0, 1.0, 0.25), {}), ((5.0,), {}),
                     ((0, 1, 0.1), {}), ((5,), {"dtype": f64}), ((-3, 3), {}),
                     ((10, 0, -3), {}), ((1, 2.5), {}), ((0, 5), {"step": 2}),
                     ((0.5, 3), {"dtype": i64})]:
        C.add("arange", "torch.arange", *args, kw=kw)
    C.add("linspace", "torch.linspace", 0, 1, 5)
    C.add("linspace", "torch.linspace", -1.0, 1.0, kw={"steps": 4})
    C.add("linspace", "torch.linspace", 0, 10, 1)
    C.add("linspace", "torch.linspace", 0.0, 1.0, 7, kw={"dtype": f64})
    C.add("linspace", "torch.linspace", 3, -3, 7)
    C.add("linspace", "torch.linspace", 0, 10, 5, ints=n)
    C.add("eye", "torch.eye", 3, ints=n)
    C.add("eye", "torch.eye", 2, 3, ints=n)
    C.add("eye", "torch.eye", 3, kw={"dtype": i64}, ints=n)
    C.add("eye", "torch.eye", 3, 1, ints=n)
    for op, extra in [("zeros_like", ()), ("ones_like", ()), ("full_like", (7,))]:
        C.add(op, f"torch.{op}", F(2, 3), *extra)
        C.add(op, f"torch.{op}", I(4), *extra)
        C.add(op, f"torch.{op}", B(2), *extra)
        C.add(op, f"torch.{op}", I(2, 2), *extra, kw={"dtype": f64})
    C.add("full_like", "torch.full_like", I(3), 2.5)               # int64 keeps dtype: 2
    C.add("full_like", "torch.full_like", F(3), float("-inf"))


# ---- in-place ops (result, and whether the same tensor object is returned) -----------------

def inplace_cases():
    ng = lambda *s, **k: F(*s, rg=False, **k)
    for op in ["add_", "sub_", "mul_", "div_"]:
        C.add(op, f"method.{op}", ng(2, 3), ng(2, 3))
        C.add(op, f"method.{op}", ng(2, 3), ng(3))
        C.add(op, f"method.{op}", ng(2, 3), 2)
        C.add(op, f"method.{op}", ng(2, 3), 0.5)
        C.add(op, f"method.{op}", ng(3), NZ(3))                     # int operand into float self
        if op != "div_":
            C.add(op, f"method.{op}", I(3), I(3))
            C.add(op, f"method.{op}", I(3), 2)
    C.add("add_", "method.add_", ng(3), ng(3), kw={"alpha": -2})
    C.add("add_", "method.add_", ng(3), F(3))                       # self now requires grad
    C.add("mul_", "method.mul_", ng(3, dtype=f64), F(3, dtype=f64))
    C.add("div_", "method.div_", ng(4), P(4, rg=False), kw={"rounding_mode": "floor"})
    C.add("div_", "method.div_", I(4), NZ(4), kw={"rounding_mode": "trunc"})
    C.add("__iadd__", "method.__iadd__", ng(2, 2), 1.5)
    C.add("__imul__", "method.__imul__", ng(2, 2), ng(2))
    C.add("zero_", "method.zero_", ng(2, 3))
    C.add("zero_", "method.zero_", I(3))
    C.add("zero_", "torch.zero_", ng(3))
    C.add("fill_", "method.fill_", ng(2, 3), 2.5)
    C.add("fill_", "method.fill_", I(3), 4)
    C.add("fill_", "method.fill_", I(3), 4.7)                      # truncates into int64
    C.add("fill_", "method.fill_", ng(3), T(1.25))
    C.add("fill_", "method.fill_", B(3), 1)
    C.add("copy_", "method.copy_", ng(2, 3), ng(2, 3))
    C.add("copy_", "method.copy_", ng(2, 3), ng(3))                # broadcast source
    C.add("copy_", "method.copy_", ng(3), I(3))                    # int -> float
    C.add("copy_", "method.copy_", I(3), T([1.9, -1.9, 0.5]))      # float -> int truncates
    C.add("copy_", "method.copy_", ng(3), F(3))                    # grad flows to src
    C.add("clamp_", "method.clamp_", ng(2, 3), -0.3, 0.7)
    C.add("clamp_", "method.clamp_", ng(2, 3), kw={"min": 0.0})
    C.add("clamp_", "method.clamp_", ng(2, 3), kw={"max": -0.1})
    C.add("clamp_", "method.clamp_", I(5), -1, 1)
    C.add("clamp_", "torch.clamp_", ng(4), -1, 1)


def main():
    import json
    import os
    for section in [binary_arith, pow_cases, unary_cases, clamp_cases, binary_misc,
                    compare_cases, reduction_cases, matmul_cases, view_cases, index_cases,
                    creation_cases, inplace_cases]:
        section()
    for d in C.dropped:
        print("DROPPED", d)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ops.json")
    write_cases(out, C.cases)
    fams = {}
    for c in C.cases:
        fams[c["op"]] = fams.get(c["op"], 0) + 1
    print(len(C.cases), "cases;", len(fams), "ops:", fams)


if __name__ == "__main__":
    main()
