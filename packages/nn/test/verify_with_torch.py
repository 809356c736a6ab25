# Does real PyTorch 1.13 read what tsgrad's torch.save writes?
#   /usr/bin/python3 packages/nn/test/verify_with_torch.py [dir]
# dir defaults to fixtures/checkpoints/from_tsgrad (committed; regenerate with
# `npx tsx packages/nn/test/checkpoints_tsgrad.ts`); serialization.test.ts writes a fresh set to
# a temp dir and prints the command to check it. For each <name>.pt:
#   1. torch.load gives exactly what <name>.json (tsgrad's encoding) says: values, dtypes,
#      shapes, strides, offsets, storage sharing, Parameter-ness, Python value types;
#   2. torch.save of what was loaded, under the same file name, gives the same bytes;
#   3. state_dicts also load with weights_only=True and into a real module (load_state_dict,
#      strict), the Sequential's output matches tsgrad's, and the SGD state_dict loads into a
#      real torch.optim.SGD.
import io
import json
import os
import sys
import tempfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_checkpoints import encode  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "fixtures", "checkpoints", "from_tsgrad")
failures = []


def check(name, cond, what):
    print(f"  {'ok  ' if cond else 'FAIL'} {what}")
    if not cond:
        failures.append(f"{name}: {what}")


def diff(a, b, path="$"):
    if type(a) != type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return f"{path}: keys {sorted(a)} != {sorted(b)}"
        for k in a:
            d = diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def model():
    return torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))


def main():
    print("torch", torch.__version__, "reading", DIR)
    checks = json.load(open(os.path.join(DIR, "checks.json")))
    names = sorted(f[:-3] for f in os.listdir(DIR) if f.endswith(".pt"))
    for name in names:
        print(name)
        path = os.path.join(DIR, name + ".pt")
        raw = open(path, "rb").read()
        try:
            obj = torch.load(path)
        except Exception as e:  # noqa: BLE001
            check(name, False, f"torch.load raised {type(e).__name__}: {e}")
            continue
        expected = json.load(open(os.path.join(DIR, name + ".json")))
        got = json.loads(json.dumps(encode(obj, {})))
        d = diff(got, expected)
        check(name, d is None, "contents match tsgrad's" + ("" if d is None else f" ({d})"))
        with tempfile.TemporaryDirectory() as tmp:
            again = os.path.join(tmp, name + ".pt")
            torch.save(obj, again)
            check(name, open(again, "rb").read() == raw, "torch.save of the loaded object writes identical bytes")
        if isinstance(obj, dict) and all(isinstance(v, torch.Tensor) for v in obj.values()):
            try:
                torch.load(io.BytesIO(raw), weights_only=True)
                check(name, True, "loads with weights_only=True")
            except Exception as e:  # noqa: BLE001
                check(name, False, f"weights_only=True raised {e}")
        if name == "ts_sequential":
            m = model()
            r = m.load_state_dict(obj)
            check(name, not r.missing_keys and not r.unexpected_keys, "load_state_dict into Sequential(Linear(3, 4), ReLU(), Linear(4, 2)) (strict)")
            c = checks[name]
            with torch.no_grad():
                y = m(torch.tensor(c["input"], dtype=torch.float32))
            err = (y - torch.tensor(c["output"])).abs().max().item()
            check(name, err == 0.0, f"output equals tsgrad's (max abs diff {err})")
        if name == "ts_batchnorm":
            bn = torch.nn.BatchNorm1d(3)
            bn.load_state_dict(obj)
            check(name, bn.num_batches_tracked.dtype == torch.int64 and bn.num_batches_tracked.item() == 1, "load_state_dict into BatchNorm1d(3), num_batches_tracked int64 == 1")
        if name == "ts_sgd_momentum":
            m = model()
            opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
            opt.load_state_dict(obj)
            bufs = [opt.state[p]["momentum_buffer"].shape == p.shape for p in m.parameters()]
            check(name, all(bufs) and len(bufs) == 4, "optimizer.load_state_dict into SGD(lr=0.1, momentum=0.9), momentum buffers shaped as the parameters")
            m(torch.ones(1, 3)).sum().backward()
            opt.step()
            check(name, True, "a further optimizer step runs")
    print(f"{len(names)} files, {len(failures)} failures")
    for f in failures:
        print("  " + f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
