# Checkpoint fixtures written by real PyTorch 1.13, for serialization.test.ts.
#   /usr/bin/python3 packages/nn/test/gen_checkpoints.py
# Writes fixtures/checkpoints/<name>.pt (torch.save) and <name>.json (what the file holds,
# encoded as below), plus tensors.safetensors from a small writer that follows the published
# safetensors format (the `safetensors` package is not installable here; see README.md).
#
# JSON encoding of a value (shared with verify_with_torch.py and serialization.test.ts):
#   tensor       {"tensor": {"dtype", "shape", "stride", "offset", "storage", "storage_numel",
#                            "requires_grad", "parameter", "values"}}   values: row-major list
#                "storage" numbers storages by first appearance (equal numbers share memory)
#   dict         {"dict": [[key, value], ...], "ordered": bool, "metadata": <_metadata> | null}
#   list         {"list": [...]};  tuple {"tuple": [...]}
#   float        {"float": x}  (so 1.0 stays distinct from 1);  int: a JSON number, or
#                {"int": "<digits>"} beyond 2^53;  str, bool, None: themselves
#   torch.Size   {"size": [...]};  torch.dtype {"dtype": "float32"}
import json
import os
import struct
from collections import OrderedDict

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "checkpoints")


def encode(v, storages):
    if isinstance(v, torch.Tensor):
        st = v.storage()
        key = (st.data_ptr(), st.size())
        if key not in storages:
            storages[key] = len(storages)
        return {"tensor": {
            "dtype": str(v.dtype).replace("torch.", ""),
            "shape": list(v.shape),
            "stride": list(v.stride()),
            "offset": v.storage_offset(),
            "storage": storages[key],
            "storage_numel": st.size(),
            "requires_grad": v.requires_grad,
            "parameter": isinstance(v, torch.nn.Parameter),
            "values": v.detach().reshape(-1).tolist(),
        }}
    if isinstance(v, torch.Size):
        return {"size": list(v)}
    if isinstance(v, torch.dtype):
        return {"dtype": str(v).replace("torch.", "")}
    if isinstance(v, dict):
        md = getattr(v, "_metadata", None)
        return {"dict": [[encode(k, storages), encode(x, storages)] for k, x in v.items()],
                "ordered": isinstance(v, OrderedDict),
                "metadata": encode(md, storages) if md is not None else None}
    if isinstance(v, list):
        return {"list": [encode(x, storages) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [encode(x, storages) for x in v]}
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return v if abs(v) <= 2 ** 53 else {"int": str(v)}
    if isinstance(v, float):
        return {"float": v}
    raise TypeError(type(v))


def write(name, obj):
    torch.save(obj, os.path.join(OUT, name + ".pt"))
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(encode(obj, {}), f, indent=1)
        f.write("\n")


def fixtures():
    torch.manual_seed(0)
    out = {}
    out["dtypes"] = OrderedDict([
        ("float32", torch.tensor([1.5, -2.25, 3.1415927, 1e-8], dtype=torch.float32)),
        ("float64", torch.tensor([[0.1, -1e300], [2.5, 7.0]], dtype=torch.float64)),
        ("int64", torch.tensor([0, -1, 2 ** 40, -(2 ** 53)], dtype=torch.int64)),
        ("int32", torch.tensor([2 ** 31 - 1, -(2 ** 31), 5], dtype=torch.int32)),
        ("int16", torch.tensor([-32768, 32767, 1], dtype=torch.int16)),
        ("int8", torch.tensor([-128, 127, 0], dtype=torch.int8)),
        ("uint8", torch.tensor([0, 255, 17], dtype=torch.uint8)),
        ("bool", torch.tensor([True, False, True])),
        ("scalar", torch.tensor(2.5)),
        ("empty", torch.zeros(0, 3)),
    ])
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    out["views"] = {
        "base": base,
        "transposed": base.t(),             # non-contiguous, same storage
        "row": base[1],                      # offset 4
        "strided": base[:, 1::2],            # offset 1, stride (4, 2)
        "other": torch.ones(2),
        "param": torch.nn.Parameter(torch.tensor([1.0, 2.0])),
        "frozen": torch.nn.Parameter(torch.tensor([3.0]), requires_grad=False),
        "leaf_rg": torch.tensor([4.0, 5.0], requires_grad=True),
    }
    torch.manual_seed(1)
    seq = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
    out["sequential"] = seq.state_dict()
    bn = torch.nn.BatchNorm1d(3)
    bn(torch.randn(5, 3))
    out["batchnorm"] = bn.state_dict()
    opt = torch.optim.SGD(seq.parameters(), lr=0.1, momentum=0.9)
    seq(torch.randn(4, 3)).pow(2).sum().backward()
    opt.step()
    out["sgd_momentum"] = opt.state_dict()
    adam = torch.optim.Adam(bn.parameters(), lr=0.01)
    bn(torch.randn(5, 3)).sum().backward()
    adam.step()
    out["adam"] = adam.state_dict()
    out["nested"] = {
        "epoch": 3, "loss": 0.25, "lr": 1.0, "name": "run-\u00e9\u6f22", "flags": [True, False, None],
        "pair": (2, 3), "quad": (1, 2, 3, 4), "empty": (), "big": 2 ** 40, "huge": 2 ** 70, "neg": -7, "i16": 300, "i32": 70000,
        "nested": {"a": [1, 2.5, {"b": torch.tensor([1.0, 2.0])}], 1: "int key"},
        "size": torch.Size([2, 3]), "dtype": torch.float64, "od": OrderedDict([("z", 1), ("a", 2)]),
    }
    out["tensor"] = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    return out


# safetensors: reference layout (u64 header length, compact JSON padded with spaces to 8 bytes,
# tensors sorted by dtype in the reference enum order, descending, then by name).
ST_CODES = {torch.bool: "BOOL", torch.uint8: "U8", torch.int8: "I8", torch.int16: "I16", torch.int32: "I32",
            torch.float32: "F32", torch.float64: "F64", torch.int64: "I64"}
ST_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"]


def safetensors_bytes(tensors, metadata=None):
    items = sorted(tensors.items(), key=lambda kv: (-ST_ORDER.index(ST_CODES[kv[1].dtype]), kv[0]))
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, t in items:
        b = t.contiguous().numpy().tobytes()
        header[name] = {"dtype": ST_CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    h = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(blobs)


def main():
    os.makedirs(OUT, exist_ok=True)
    print("torch", torch.__version__)
    for name, obj in fixtures().items():
        write(name, obj)
    st = OrderedDict([(k, v) for k, v in fixtures()["dtypes"].items() if k not in ("empty",)])
    st["weight"] = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    with open(os.path.join(OUT, "tensors.safetensors"), "wb") as f:
        f.write(safetensors_bytes(st, {"format": "pt", "note": "written by gen_checkpoints.py"}))
    with open(os.path.join(OUT, "tensors.safetensors.json"), "w") as f:
        json.dump(encode(st, {}), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
