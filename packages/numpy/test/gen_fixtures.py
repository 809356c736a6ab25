"""Golden fixtures for @tsgrad/numpy from real numpy: python3 gen_fixtures.py

Writes fixtures/cases.json: named input arrays, then cases (an op applied to inputs or Python
scalars) with numpy's result: dtype, shape, exact values, str and repr, or the error raised.
The vitest replay (ops.test.ts) applies the same op through @tsgrad/numpy. Python scalars in a
case are tagged by kind ({"float": 0.5}, {"int": 3}, {"bool": true}) because the port passes a
Python float as a JS number and a Python int as a bigint. Cases whose answer differs between
numpy 1.24 (the reference) and numpy 2 (what may be installed) are left out: Python ints that
overflow an integer array's dtype, 0-d arrays in promotion, numpy scalars' repr.
"""
import json, math, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
np.seterr(all="ignore")
rs = np.random.RandomState(1234)

def arr(data, dtype):
    return np.array(data, dtype=dtype)

inputs = {
    "A": arr([[0.5, -1.25, 3.0], [2.0, 0.1, -0.3]], np.float64),
    "B": arr([[1.5, 2.25, -0.7], [0.3, 4.0, 1.1]], np.float32),
    "I": arr([[1, 2, 3], [4, 5, -6]], np.int64),
    "J": arr([[7, 0, 2], [1, 3, 9]], np.int32),
    "Z": arr([[True, False, True], [False, False, True]], np.bool_),
    "U": arr([[1, 200, 3], [4, 5, 255]], np.uint8),
    "S": arr([[-1, 2, -128], [4, 127, 6]], np.int8),
    "H": arr([[300, -2, 7], [1, 0, 9]], np.int16),
    "C": arr([[1.0, 2.0], [0.5, -1.0], [3.0, 0.25]], np.float64),
    "Cf": arr([[1.0, 2.0], [0.5, -1.0], [3.0, 0.25]], np.float32),
    "v": arr([1.0, 2.0, 3.0], np.float64),
    "w3": arr([0.1, 0.2, 0.3], np.float64),
    "P": arr([[0.5, 1.0, 2.0], [10.0, 1e-3, 123.456]], np.float64),
    "Pf": arr([[0.5, 1.0, 2.0], [10.0, 1e-3, 123.456]], np.float32),
    "X": arr([[1, 2], [2, 3], [4, 6], [3, 1]], np.float32),
    "Y": arr([[8], [13], [26], [9]], np.float32),
    "W": arr([[0.5488135], [0.71518937]], np.float64),
    "R200": rs.randn(200),
    "R1000f": rs.randn(1000).astype(np.float32),
    "R37x41": rs.randn(37, 41),
    "R9": rs.randn(9) * 1e8,
    "N": arr([[1.0, float("nan")], [-float("inf"), 2.0]], np.float64),
    "Big": arr([1e-5, 1.0, 1e10], np.float64),
}

def enc_value(x):
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    x = float(x)
    if math.isnan(x): return "nan"
    if math.isinf(x): return "inf" if x > 0 else "-inf"
    return x

def enc_array(a):
    return {"data": [enc_value(v) for v in a.ravel().tolist()], "shape": list(a.shape), "dtype": a.dtype.name}

def scalar_arg(s):
    if "float" in s: return float(s["float"])
    if "int" in s: return int(s["int"])
    return bool(s["bool"])

def resolve(a):
    if isinstance(a, str): return inputs[a].copy() if a in inputs else a
    if isinstance(a, dict) and "list" in a: return a["list"]
    if isinstance(a, dict) and "intlist" in a: return a["intlist"]
    if isinstance(a, dict): return scalar_arg(a)
    return a

def record(r):
    if isinstance(r, np.ndarray):
        out = enc_array(r)
        # numpy >= 2.2 appends ", shape=(...)" to the repr of a summarised array; 1.24 does not
        rp = re.sub(r", shape=\([0-9, ]*\)\)$", ")", repr(r)) if r.size > 1000 else repr(r)
        out.update(kind="array", str=str(r), repr=rp, fmt=f"{r}")
        return out
    if isinstance(r, (np.generic, float, int, bool)):
        return {"kind": "scalar", "type": type(r).__name__, "value": enc_value(r), "str": str(r), "fmt": f"{r}"}
    if isinstance(r, tuple):
        return {"kind": "tuple", "value": list(r), "str": str(r)}
    if isinstance(r, list):
        return {"kind": "list", "str": str(r)}
    raise TypeError(type(r))

def index_item(i):
    if i == "None": return None
    if i == "...": return Ellipsis
    if isinstance(i, str): return slice(*[None if p == "" else int(p) for p in i.split(":")])
    return i

BIN = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b, "floor_divide": lambda a, b: a // b, "remainder": lambda a, b: a % b,
    "pow": lambda a, b: a ** b, "matmul": lambda a, b: a @ b,
    "eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b, "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b,
    "__radd__": lambda a, b: b + a, "__rsub__": lambda a, b: b - a, "__rmul__": lambda a, b: b * a,
    "__rtruediv__": lambda a, b: b / a, "__rpow__": lambda a, b: b ** a,
}
def inplace(op):
    def f(a, b):
        if op == "add": a += b
        elif op == "sub": a -= b
        elif op == "mul": a *= b
        else: a /= b
        return a
    return f
for op in ["add", "sub", "mul", "truediv"]:
    BIN[f"__i{op}__"] = inplace(op)

FN = {
    "neg": lambda a: -a, "abs": np.abs, "exp": np.exp, "log": np.log, "sqrt": np.sqrt, "square": np.square,
    "tanh": np.tanh,
    "T": lambda a: a.T, "flatten": lambda a: a.flatten(), "ravel": lambda a: a.ravel(),
    "sum": lambda a, axis=None, keepdims=False: a.sum(axis=axis, keepdims=keepdims),
    "mean": lambda a, axis=None: a.mean(axis=axis), "max": lambda a, axis=None: a.max(axis=axis),
    "min": lambda a, axis=None: a.min(axis=axis), "argmax": lambda a, axis=None: a.argmax(axis=axis),
    "argmin": lambda a, axis=None: a.argmin(axis=axis),
    "np.sum": lambda a, axis=None: np.sum(a, axis=axis),
    "reshape": lambda a, *s: a.reshape(*s), "transpose": lambda a, *ax: a.transpose(*ax),
    "squeeze": lambda a, axis=None: a.squeeze(axis), "expand_dims": lambda a, axis: np.expand_dims(a, axis),
    "astype": lambda a, d: a.astype(d), "copy": lambda a: a.copy(),
    "maximum": np.maximum, "minimum": np.minimum, "where": np.where, "clip": np.clip,
    "dot": np.dot, "outer": np.outer, "np.matmul": np.matmul,
    "concatenate": lambda *xs, axis=0: np.concatenate(xs, axis=axis),
    "stack": lambda *xs, axis=0: np.stack(xs, axis=axis),
    "at": lambda a, *idx: a[tuple(index_item(i) for i in idx)],
    "shape": lambda a: a.shape, "ndim": lambda a: a.ndim, "size": lambda a: a.size,
    "item": lambda a: a.item(), "tolist": lambda a: a.tolist(),
}
CREATE = {
    "array": lambda data, dtype=None: np.array(data, dtype=dtype),
    "zeros": lambda s, dtype=None: np.zeros(s, dtype=dtype if dtype else float),
    "ones": lambda s, dtype=None: np.ones(s, dtype=dtype if dtype else float),
    "full": lambda s, v, dtype=None: np.full(s, v, dtype=dtype),
    "arange": lambda *a, dtype=None: np.arange(*a, dtype=dtype),
    "linspace": lambda a, b, num=50, endpoint=True: np.linspace(a, b, num, endpoint=endpoint),
    "eye": lambda n, m=None, k=0: np.eye(n, m, k),
}

cases = []
def case(op, *args, **kw):
    cases.append({"op": op, "args": list(args), "kw": kw})

F, Ii, Bo = (lambda v: {"float": v}), (lambda v: {"int": v}), (lambda v: {"bool": v})

# promotion: every pair of input dtypes, and arrays with Python scalars
names = ["A", "B", "I", "J", "Z", "U", "S", "H"]
for a in names:
    for b in names:
        case("add", a, b)
    for s in [F(0.5), F(2.0), Ii(3), Bo(True)]:
        case("mul", a, s)
        case("__rsub__", a, s)
    case("div", a, "I")
for a in ["A", "B", "I", "Z"]:
    for op in ["sub", "mul", "div", "pow", "eq", "lt", "ge", "__radd__", "__rmul__", "__rtruediv__"]:
        case(op, a, "A" if a != "A" else "B")
        case(op, a, F(1.5))
case("floor_divide", "A", F(0.7)); case("remainder", "A", F(0.7)); case("floor_divide", "I", Ii(4)); case("remainder", "I", Ii(-4))
case("pow", "A", F(2.0)); case("pow", "B", F(2.0)); case("pow", "P", F(0.5)); case("pow", "A", F(-1.0)); case("pow", "P", F(3.0))
case("pow", "I", Ii(2)); case("pow", "I", Ii(-1)); case("__rpow__", "A", F(2.0))
case("sub", "Z", "Z")
for op in ["__iadd__", "__isub__", "__imul__", "__itruediv__"]:
    case(op, "A", "B"); case(op, "B", "A"); case(op, "I", F(0.5)); case(op, "I", Ii(2)); case(op, "W", "W"); case(op, "B", F(0.01))
case("__iadd__", "A", "v")
case("__isub__", "W", {"list": [[0.5, 0.25]]})
# matmul and friends
case("matmul", "A", "C"); case("matmul", "B", "Cf"); case("matmul", "X", "W"); case("matmul", "A", "v"); case("matmul", "v", "v")
case("matmul", "I", "C"); case("np.matmul", "X", "W"); case("dot", "v", "w3"); case("dot", "A", "v"); case("dot", "A", F(2.0)); case("outer", "v", "w3")
case("matmul", "A", "A")
# unary
for a in ["A", "B", "I", "P", "Pf", "S", "Z", "N"]:
    case("neg", a) if a != "Z" else None
    case("abs", a); case("square", a)
for a in ["P", "Pf", "I", "H", "N", "A"]:
    case("exp", a); case("log", a); case("sqrt", a); case("tanh", a)
# reductions
# (no uint8 sums: numpy sums them in uint64, which tsgrad does not have)
for a in ["A", "B", "I", "Z", "R200", "R1000f", "R37x41", "R9", "N", "S"]:
    case("sum", a); case("mean", a); case("max", a); case("min", a); case("argmax", a); case("argmin", a)
for a in ["A", "B", "I", "R37x41"]:
    for ax in [0, 1, -1]:
        case("sum", a, ax); case("mean", a, ax); case("max", a, ax); case("argmax", a, ax)
    case("sum", a, None, True); case("sum", a, 0, True)
case("np.sum", "R200"); case("sum", "v"); case("sum", "W"); case("sum", "X")
# shapes
for a in ["A", "B", "I", "W"]:
    case("T", a); case("flatten", a); case("ravel", a); case("shape", a); case("ndim", a); case("size", a)
case("reshape", "A", 3, 2); case("reshape", "A", -1); case("reshape", "A", 1, -1); case("transpose", "A"); case("transpose", "A", 1, 0)
case("squeeze", "W"); case("squeeze", "W", 1); case("expand_dims", "v", 0); case("expand_dims", "v", 1); case("expand_dims", "A", -1)
case("astype", "A", "int64"); case("astype", "A", "float32"); case("astype", "I", "float32"); case("astype", "Z", "float64"); case("astype", "A", "bool")
case("copy", "A")
case("maximum", "A", "B"); case("minimum", "A", F(0.0)); case("maximum", "I", F(2.5)); case("maximum", "N", "A")
case("where", "Z", "A", "B"); case("where", "Z", "I", F(0.5)); case("clip", "A", F(-1.0), F(1.0)); case("clip", "I", Ii(0), Ii(3)); case("clip", "B", F(0.0), F(1.0))
case("concatenate", "A", "B"); case("concatenate", "A", "I", axis=1); case("stack", "A", "A"); case("stack", "v", "w3", axis=1); case("concatenate", "X", "X")
# indexing
case("at", "A", 0); case("at", "A", 1, 2); case("at", "A", -1); case("at", "A", ":", 1); case("at", "A", "::-1"); case("at", "A", "...", "None")
case("at", "A", "None"); case("at", "A", 0, "1:"); case("at", "v", 1); case("at", "B", 1, 0); case("at", "I", 1, -1); case("at", "A", "1:", "::2")
case("at", "A", ":", "::-2"); case("at", "v", "-2:")
case("item", "W") if False else None
case("tolist", "A"); case("tolist", "B"); case("tolist", "I"); case("tolist", "Z")
# creation
case("array", {"list": [[1.0, 2.0]]}); case("array", {"intlist": [[1, 2]]}); case("array", {"list": [True, False]})
case("array", {"list": [[1.0, 2.0], [2.0, 3.0]]}, dtype="float32"); case("array", {"list": [1.5, 2]}); case("array", {"list": [1.7, -2.7]}, dtype="int64")
case("array", {"list": 2.5})
case("zeros", [2, 3]); case("ones", [3]); case("zeros", [2, 2], dtype="int64"); case("full", [2, 2], F(7.0)); case("full", [2], Ii(7))
case("arange", Ii(5)); case("arange", F(5.0)); case("arange", F(0.0), F(1.0), F(0.1)); case("arange", Ii(2), Ii(10), Ii(3)); case("arange", Ii(5), dtype="float32")
case("linspace", F(0.0), F(1.0), 5); case("linspace", F(0.0), F(1.0), 7, endpoint=False); case("linspace", F(-3.0), F(2.5), 11)
case("eye", 3); case("eye", 2, 3); case("eye", 3, 3, 1)
# printing of typical results
case("mul", "R37x41", F(1.0)); case("mul", "Big", F(1.0)); case("div", "A", F(3.0)); case("mul", "B", F(1e-5))

def run(c):
    op, args, kw = c["op"], [resolve(a) for a in c["args"]], dict(c["kw"])
    try:
        if op in BIN: r = BIN[op](*args)
        elif op in FN: r = FN[op](*args, **kw)
        else: r = CREATE[op](*args, **kw)
        return record(r)
    except Exception as e:
        return {"error": type(e).__name__, "message": str(e)}

# random: legacy RandomState streams after np.random.seed
def rnd(seed, fn):
    np.random.seed(seed)
    return record(fn())
random_cases = {
    "rand(2,1) seed 0": rnd(0, lambda: np.random.rand(2, 1)),
    "rand(5) seed 42": rnd(42, lambda: np.random.rand(5)),
    "rand() seed 1": rnd(1, lambda: np.random.rand()),
    "randn(3,2) seed 0": rnd(0, lambda: np.random.randn(3, 2)),
    "randn(5) seed 7": rnd(7, lambda: np.random.randn(5)),
    "random(4) seed 3": rnd(3, lambda: np.random.random(4)),
    "randint(10,size=8) seed 0": rnd(0, lambda: np.random.randint(10, size=8)),
    "randint(-5,5,size=6) seed 2": rnd(2, lambda: np.random.randint(-5, 5, size=6)),
    "randint(1000) seed 5": rnd(5, lambda: np.random.randint(1000)),
    "uniform(-1,2,size=4) seed 0": rnd(0, lambda: np.random.uniform(-1, 2, size=4)),
    "normal(1,0.5,size=4) seed 0": rnd(0, lambda: np.random.normal(1, 0.5, size=4)),
    "permutation(10) seed 0": rnd(0, lambda: np.random.permutation(10)),
    "choice(5,size=6) seed 0": rnd(0, lambda: np.random.choice(5, size=6)),
    "choice(5,size=3,replace=False) seed 0": rnd(0, lambda: np.random.choice(5, size=3, replace=False)),
    "choice(4,size=5,p) seed 0": rnd(0, lambda: np.random.choice(4, size=5, p=[0.1, 0.2, 0.3, 0.4])),
}
def shuffled():
    np.random.seed(0); a = np.arange(8.0); np.random.shuffle(a); return record(a)
random_cases["shuffle(arange(8.0)) seed 0"] = shuffled()

out = {
    "numpy_version": np.__version__,
    "inputs": {k: enc_array(v) for k, v in inputs.items()},
    "cases": [dict(c, result=run(c)) for c in cases],
    "random": random_cases,
}
os.makedirs(os.path.join(HERE, "fixtures"), exist_ok=True)
with open(os.path.join(HERE, "fixtures", "cases.json"), "w") as f:
    json.dump(out, f, indent=0)
print(f"{len(cases)} cases, {len(random_cases)} random cases, numpy {np.__version__}")
