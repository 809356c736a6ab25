"""Golden RNG streams from real PyTorch 1.13 and numpy's legacy RandomState.

Run with /usr/bin/python3 (Debian's torch 1.13 + numpy). Writes random.json next to this file.
Each case is a seed plus a list of steps; every step's result is stored bit for bit:
float32 values as uint32 bit patterns, float64 as 16-hex-digit bit patterns, integers as
decimal strings (int64 may exceed 2^53). packages/core/test/random.test.ts replays the same
steps in tsgrad and compares.
"""
import json, os, struct
import numpy as np
import torch
import torch.nn.functional as F

DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32,
      "int16": torch.int16, "uint8": torch.uint8, "bool": torch.bool, "int8": torch.int8}


def enc(t):
    if isinstance(t, np.ndarray) or isinstance(t, (np.floating, np.integer, float, int)):
        a = np.asarray(t)
        if a.dtype == np.float64:
            return {"dtype": "float64", "shape": list(a.shape), "bits": [struct.pack(">d", v).hex() for v in a.ravel().tolist()]}
        return {"dtype": "int64", "shape": list(a.shape), "ints": [str(int(v)) for v in a.ravel().tolist()]}
    t = t.detach().contiguous()
    d = str(t.dtype).replace("torch.", "")
    shape = list(t.shape)
    if t.dtype == torch.float32:
        return {"dtype": d, "shape": shape, "bits": t.view(torch.int32).flatten().tolist() and [v & 0xffffffff for v in t.view(torch.int32).flatten().tolist()]}
    if t.dtype == torch.float64:
        return {"dtype": d, "shape": shape, "bits": [format(v & 0xffffffffffffffff, "016x") for v in t.view(torch.int64).flatten().tolist()]}
    return {"dtype": d, "shape": shape, "ints": [str(int(v)) for v in t.flatten().tolist()]}


saved = {}


def run_step(s, gen):
    op = s[0]
    kw = {"generator": gen} if gen is not None else {}
    if op == "rand":
        return torch.rand(*s[1], dtype=DT[s[2]], **kw)
    if op == "randn":
        return torch.randn(*s[1], dtype=DT[s[2]], **kw)
    if op == "rand_like":
        return torch.rand_like(torch.zeros(s[1], dtype=DT[s[2]]))
    if op == "randn_like":
        return torch.randn_like(torch.zeros(s[1], dtype=DT[s[2]]))
    if op == "randint":
        _, low, high, size, d = s
        return torch.randint(low, high, tuple(size), dtype=DT[d], **kw)
    if op == "randint1":  # randint(high, size)
        return torch.randint(s[1], tuple(s[2]), **kw)
    if op == "randint_like":
        return torch.randint_like(torch.zeros(s[1], dtype=DT[s[4]]), s[2], s[3])
    if op == "randperm":
        return torch.randperm(s[1], dtype=DT[s[2]], **kw)
    if op == "normal_ff":
        return torch.normal(s[1], s[2], tuple(s[3]), dtype=DT[s[4]], **kw)
    if op == "normal_tf":
        return torch.normal(torch.tensor(s[1], dtype=DT[s[3]]), s[2], **kw)
    if op == "normal_ft":
        return torch.normal(s[1], torch.tensor(s[2], dtype=DT[s[3]]), **kw)
    if op == "normal_tt":
        return torch.normal(torch.tensor(s[1], dtype=DT[s[3]]), torch.tensor(s[2], dtype=DT[s[3]]), **kw)
    if op == "uniform_":
        return torch.empty(s[1], dtype=DT[s[2]]).uniform_(s[3], s[4], **kw)
    if op == "normal_":
        return torch.empty(s[1], dtype=DT[s[2]]).normal_(s[3], s[4], **kw)
    if op == "normal_T":  # a transposed (non-contiguous) view filled in place
        t = torch.zeros(s[1], dtype=DT[s[2]])
        t.t().normal_(**kw)
        return t
    if op == "uniform_T":
        t = torch.zeros(s[1], dtype=DT[s[2]])
        t.t().uniform_(**kw)
        return t
    if op == "bernoulli_p":
        return torch.empty(s[1], dtype=DT[s[2]]).bernoulli_(s[3], **kw)
    if op == "bernoulli_t":
        return torch.bernoulli(torch.tensor(s[1], dtype=DT[s[2]]), **kw)
    if op == "bernoulli_fp":
        return torch.bernoulli(torch.zeros(s[1], dtype=DT[s[2]]), s[3], **kw)
    if op == "bernoulli_tt":  # self.bernoulli_(p tensor), p broadcast
        return torch.empty(s[1], dtype=DT[s[2]]).bernoulli_(torch.tensor(s[3], dtype=DT[s[4]]), **kw)
    if op == "multinomial":
        return torch.multinomial(torch.tensor(s[1], dtype=DT[s[4]]), s[2], s[3], **kw)
    if op == "exponential_":
        return torch.empty(s[1], dtype=DT[s[2]]).exponential_(s[3], **kw)
    if op == "random_":
        t = torch.empty(s[1], dtype=DT[s[2]])
        args = s[3]
        return t.random_(*args, **kw)
    if op == "dropout":
        return F.dropout(torch.ones(s[1], dtype=DT[s[3]]), s[2])
    if op == "dropout_x":  # dropout of an arange input, training flag given
        return F.dropout(torch.arange(1, 1 + int(np.prod(s[1])), dtype=DT[s[3]]).reshape(s[1]), s[2], s[4])
    if op == "save_state":
        saved[s[1]] = torch.get_rng_state()
        return None
    if op == "load_state":
        torch.set_rng_state(saved[s[1]])
        return None
    if op == "get_state":
        st = torch.get_rng_state()
        return {"dtype": "uint8", "shape": [st.numel()], "hex": bytes(st.numpy()).hex()}
    if op == "initial_seed":
        return {"dtype": "int64", "shape": [], "ints": [str(torch.initial_seed())]}
    raise ValueError(op)


def torch_case(name, seed, steps, use_gen=False):
    gen = None
    if use_gen:
        gen = torch.Generator()
        if seed is not None:
            gen.manual_seed(seed)
        torch.manual_seed(12345)  # the default generator must not be the one drawn from
    elif seed is not None:
        torch.manual_seed(seed)
    outs = []
    for s in steps:
        try:
            r = run_step(s, gen)
        except Exception as e:  # errors are part of the contract: type and message
            outs.append({"error": type(e).__name__, "message": str(e).split("\n")[0]})
            continue
        outs.append(None if r is None else (r if isinstance(r, dict) else enc(r)))
    return {"name": name, "kind": "torch", "seed": None if seed is None else str(seed), "generator": use_gen, "steps": steps, "outputs": outs}


def np_case(name, seed, steps):
    rs = np.random.RandomState(seed)
    outs = []
    for s in steps:
        op = s[0]
        if op == "rand":
            r = rs.rand(*s[1])
        elif op == "random_sample":
            r = rs.random_sample(None if s[1] is None else tuple(s[1]))
        elif op == "randn":
            r = rs.randn(*s[1])
        elif op == "standard_normal":
            r = rs.standard_normal(None if s[1] is None else tuple(s[1]))
        elif op == "randint":
            r = rs.randint(s[1], s[2], None if s[3] is None else tuple(s[3]))
        elif op == "uniform":
            r = rs.uniform(s[1], s[2], None if s[3] is None else tuple(s[3]))
        elif op == "normal":
            r = rs.normal(s[1], s[2], None if s[3] is None else tuple(s[3]))
        elif op == "permutation":
            r = rs.permutation(s[1] if isinstance(s[1], int) else np.array(s[1]))
        elif op == "shuffle":
            a = np.array(s[1])
            rs.shuffle(a)
            r = a
        elif op == "choice":
            _, a, size, replace, p = s
            r = rs.choice(a if isinstance(a, int) else np.array(a), None if size is None else tuple(size), replace, p)
        elif op == "seed":
            rs.seed(s[1])
            r = None
        else:
            raise ValueError(op)
        outs.append(None if r is None else enc(r))
    return {"name": name, "kind": "numpy", "seed": str(seed), "steps": steps, "outputs": outs}


cases = []
F32, F64 = "float32", "float64"
seeds = [0, 1, 42, 1234, 2**32 + 7, 67280421310721]

# rand / randn: every size path, both dtypes
for seed in seeds[:4]:
    for d in (F32, F64):
        cases.append(torch_case(f"rand {d} seed {seed}", seed, [["rand", [5], d], ["rand", [3, 7], d], ["rand", [1000], d]]))
for seed in seeds:
    for d in (F32, F64):
        for n in (1, 2, 5, 15, 16, 17, 31, 32, 33, 100, 1000):
            cases.append(torch_case(f"randn {d} n={n} seed {seed}", seed, [["randn", [n], d], ["randn", [n], d]]))
for d in (F32, F64):
    cases.append(torch_case(f"randn {d} 2-D shapes", 3, [["randn", [4, 4], d], ["randn", [3, 5], d], ["randn", [2, 3, 4], d], ["randn", [10, 100], d]]))
    cases.append(torch_case(f"randn {d} odd-even caching", 9, [["randn", [3], d], ["randn", [1], d], ["randn", [20], d], ["randn", [1], d], ["randn", [2], d]]))
    cases.append(torch_case(f"rand_like/randn_like {d}", 11, [["rand_like", [4, 3], d], ["randn_like", [4, 3], d], ["randn_like", [2, 9], d], ["randn_like", [3], d]]))
    cases.append(torch_case(f"uniform_ {d}", 21, [["uniform_", [10], d, -0.3, 0.7], ["uniform_", [20], d, 2.0, 5.5], ["uniform_", [7], d, -1e3, 1e3], ["uniform_T", [3, 5], d]]))
    cases.append(torch_case(f"normal_ {d}", 22, [["normal_", [10], d, 1.5, 0.3], ["normal_", [40], d, -2.0, 3.0], ["normal_", [17], d, 0.1, 2.5], ["normal_T", [4, 5], d]]))
    cases.append(torch_case(f"normal overloads {d}", 23, [
        ["normal_ff", 2.0, 0.5, [5], d], ["normal_ff", -1.0, 3.0, [20], d],
        ["normal_tf", [0.0, 1.0, 2.0, 3.0], 0.5, d], ["normal_tf", list(map(float, range(20))), 2.0, d],
        ["normal_ft", 1.0, [0.1, 0.2, 0.3], d], ["normal_ft", -3.0, [float(i) / 7 for i in range(18)], d],
        ["normal_tt", [1.0, 2.0, 3.0], [0.5, 0.25, 2.0], d], ["normal_tt", [float(i) for i in range(16)], [0.5] * 16, d]]))
    cases.append(torch_case(f"exponential_ {d}", 24, [["exponential_", [10], d, 1.0], ["exponential_", [30], d, 2.5], ["exponential_", [5], d, 0.1]]))
    cases.append(torch_case(f"bernoulli {d}", 25, [
        ["bernoulli_p", [20], d, 0.3], ["bernoulli_p", [3, 4], d, 0.9],
        ["bernoulli_t", [0.1, 0.5, 0.9, 0.0, 1.0, 0.33, 0.66], d], ["bernoulli_fp", [10], d, 0.5],
        ["bernoulli_tt", [3, 4], d, [0.2, 0.4, 0.6, 0.8], F32], ["bernoulli_tt", [5], d, [0.25, 0.5, 0.75, 0.1, 0.9], F64]]))
    cases.append(torch_case(f"multinomial {d}", 26, [
        ["multinomial", [0.1, 0.2, 0.3, 0.4], 1, False, d], ["multinomial", [0.1, 0.2, 0.3, 0.4], 3, False, d],
        ["multinomial", [1.0, 2.0, 3.0, 4.0, 5.0], 10, True, d], ["multinomial", [[0.2, 0.8], [0.7, 0.3]], 6, True, d],
        ["multinomial", [[1.0, 1.0, 1.0, 5.0], [3.0, 0.5, 0.5, 1.0]], 2, False, d], ["multinomial", [0.5, 0.5], 1, True, d]]))
    cases.append(torch_case(f"dropout {d}", 27, [["dropout", [20], 0.5, d], ["dropout", [4, 8], 0.2, d], ["dropout", [7], 0.9, d],
                                                 ["dropout_x", [3, 5], 0.3, d, True], ["dropout_x", [6], 0.5, d, False], ["dropout", [5], 1.0, d], ["dropout", [5], 0.0, d]]))
    cases.append(torch_case(f"random_ float {d}", 28, [["random_", [6], d, []], ["random_", [6], d, [10]], ["random_", [6], d, [-5, 5]]]))
for seed in (0, 5, 77):
    cases.append(torch_case(f"randint small ranges seed {seed}", seed, [
        ["randint", 0, 10, [20], "int64"], ["randint", -3, 3, [4, 5], "int64"], ["randint1", 2, [16]], ["randint", 5, 6, [3], "int64"],
        ["randint", 0, 2**31, [5], "int64"], ["randint", 0, 2**32, [5], "int64"], ["randint", -2**31, 2**31, [5], "int64"]]))
    cases.append(torch_case(f"randint large ranges seed {seed}", seed, [
        ["randint", 0, 2**32 + 1, [6], "int64"], ["randint", 0, 2**40, [6], "int64"], ["randint", -2**45, 2**45, [6], "int64"],
        ["randint", 0, 2**50, [4], "int64"], ["randint", 0, 100, [3], "int64"]]))
    cases.append(torch_case(f"randint dtypes seed {seed}", seed, [
        ["randint", 0, 100, [8], "int32"], ["randint", 0, 256, [8], "uint8"], ["randint", 0, 10, [8], "float32"],
        ["randint", 0, 10, [8], "float64"], ["randint", 0, 2**33, [4], "float64"], ["randint", 0, 2**33, [4], "int32"],
        ["randint", 0, 2, [8], "bool"], ["randint_like", [6], 0, 7, "int64"], ["randint_like", [6], -4, 4, "float32"]]))
    cases.append(torch_case(f"randperm seed {seed}", seed, [["randperm", 1, "int64"], ["randperm", 2, "int64"], ["randperm", 10, "int64"],
                                                            ["randperm", 50, "int64"], ["randperm", 1000, "int64"], ["randperm", 20, "float32"], ["randperm", 12, "int32"]]))
    cases.append(torch_case(f"random_ ints seed {seed}", seed, [
        ["random_", [6], "int64", []], ["random_", [6], "int32", []], ["random_", [6], "uint8", []], ["random_", [6], "bool", []],
        ["random_", [6], "int16", []], ["random_", [6], "int64", [100]], ["random_", [6], "int64", [-50, 50]], ["random_", [4], "int64", [0, 2**40]]]))
# large randperm (the n >= 2^... path does not exist on 1.13's CPU: same Fisher-Yates)
cases.append(torch_case("randperm large n", 8, [["randperm", 5000, "int64"], ["randperm", 20000, "int64"]]))
# interleavings after one seed
inter = [
    ["rand", [3], F32], ["randn", [5], F32], ["randint", 0, 10, [4], "int64"], ["randn", [17], F32], ["randperm", 6, "int64"],
    ["randn", [1], F64], ["bernoulli_p", [5], F32, 0.5], ["randn", [3], F64], ["uniform_", [4], F32, -1.0, 1.0],
    ["multinomial", [0.3, 0.7], 4, True, F32], ["exponential_", [3], F32, 1.0], ["randn", [20], F64], ["rand", [2], F64],
    ["normal_", [3], F32, 0.0, 1.0], ["dropout", [6], 0.5, F32], ["randn", [1], F32], ["random_", [3], "int64", []],
]
for seed in (0, 1, 2, 3, 10, 100, 2024, 999999):
    cases.append(torch_case(f"interleaved seed {seed}", seed, inter[seed % 5:] + inter[:seed % 5]))
# state round trips
cases.append(torch_case("state round trip", 31, [
    ["randn", [3], F64], ["get_state"], ["save_state", "a"], ["randn", [5], F32], ["rand", [4], F64], ["load_state", "a"],
    ["randn", [5], F32], ["rand", [4], F64], ["get_state"], ["initial_seed"]]))
cases.append(torch_case("state with cached normal", 32, [
    ["randn", [1], F64], ["save_state", "b"], ["get_state"], ["randn", [1], F64], ["randn", [2], F32], ["load_state", "b"], ["randn", [3], F64]]))
cases.append(torch_case("state mid-stream", 33, [["rand", [700], F32], ["get_state"], ["save_state", "c"], ["randperm", 30, "int64"], ["load_state", "c"], ["randperm", 30, "int64"]]))
cases.append(torch_case("big seed", 2**63 + 12345, [["initial_seed"], ["rand", [4], F32], ["get_state"]]))
cases.append(torch_case("negative seed", -7, [["initial_seed"], ["rand", [4], F32], ["randn", [20], F32]]))
# explicit generator= argument
for seed in (0, 3, 99):
    cases.append(torch_case(f"generator= seed {seed}", seed, [
        ["rand", [5], F32], ["randn", [3], F64], ["randn", [32], F32], ["randint", 0, 9, [6], "int64"], ["randperm", 8, "int64"],
        ["normal_ff", 0.0, 1.0, [4], F32], ["bernoulli_p", [6], F32, 0.4], ["multinomial", [0.2, 0.3, 0.5], 5, True, F32]], use_gen=True))
cases.append(torch_case("fresh Generator() default seed", None, [["rand", [6], F32], ["randn", [3], F64]], use_gen=True))

# numpy legacy RandomState
for seed in (0, 1, 42, 123456, 2**32 - 1):
    cases.append(np_case(f"np rand/randn seed {seed}", seed, [["rand", [5]], ["randn", [3]], ["randn", [1]], ["randn", [4, 2]], ["random_sample", None], ["standard_normal", None], ["random_sample", [3]]]))
    cases.append(np_case(f"np randint seed {seed}", seed, [["randint", 0, 10, [10]], ["randint", -5, 5, [6]], ["randint", 0, 2**33, [4]], ["randint", 3, 4, [3]], ["randint", 0, 2**32, [3]], ["randint", 7, None, [5]], ["randint", 0, 1000, None]]))
    cases.append(np_case(f"np uniform/normal seed {seed}", seed, [["uniform", -1.0, 2.0, [5]], ["uniform", 0.0, 1.0, None], ["normal", 3.0, 0.5, [5]], ["normal", 0.0, 1.0, None], ["normal", -1.0, 2.0, [2, 3]]]))
    cases.append(np_case(f"np permutation/shuffle seed {seed}", seed, [["permutation", 10], ["permutation", [5, 6, 7, 8]], ["shuffle", list(range(12))], ["permutation", 300]]))
    cases.append(np_case(f"np choice seed {seed}", seed, [
        ["choice", 10, [5], True, None], ["choice", 10, [5], False, None], ["choice", [10, 20, 30, 40], [6], True, [0.1, 0.2, 0.3, 0.4]],
        ["choice", 6, [3], False, [0.1, 0.1, 0.1, 0.2, 0.2, 0.3]], ["choice", 5, None, True, None], ["choice", 8, [2, 2], False, None]]))
cases.append(np_case("np reseed mid-stream", 5, [["randn", [1]], ["seed", 5], ["randn", [2]], ["seed", 7], ["rand", [2]]]))

out = {"torch_version": torch.__version__, "numpy_version": np.__version__, "cases": cases}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "random.json")
with open(path, "w") as fh:
    json.dump(out, fh, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {path}")
