#!/usr/bin/env python3
"""Ground truth for @tsgrad/py: writes JSON fixtures computed by CPython.

    python3 packages/py/test/gen_fixtures.py

Writes packages/py/test/fixtures/*.json (committed; the tests never run Python).

Values are encoded so JSON keeps them exact:
  {"float": "<float.hex()>"}   {"int": "<decimal digits>"}   {"str": ...}   {"bool": ...}
  {"none": null}   {"list": [...]}   {"tuple": [...]}   {"dict": [[k, v], ...]}
Expected results are Python's text, or "!ErrorName: message" when Python raises.
"""

import json
import math
import os
import random
import struct
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def enc(v):
    if v is None:
        return {"none": None}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        return {"float": v.hex()}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, list):
        return {"list": [enc(x) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [enc(x) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[enc(k), enc(x)] for k, x in v.items()]}
    raise TypeError(type(v))


def attempt(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the error is the expected result
        return "!%s: %s" % (type(e).__name__, e)


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def interesting_floats():
    vals = [
        0.0, -0.0, 1.0, -1.0, 0.5, 2.5, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, math.pi, math.e,
        1e16, 1e15, 9999999999999998.0, 1e17, 1e22, 1e23, 1e100, 1e300, 1e-4, 1e-5, 0.00012345,
        1.5e-5, 1e-7, 1e-300, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
        1.7976931348623157e308, 0.0015626397216692567, 123456789.0, 1234567890123456.7,
        0.30000000000000004, 100.0, 12345.678, 0.001, 3.14, 2.675, 9.995, 0.125, 0.375,
        float("inf"), float("-inf"), float("nan"), 1e-323, 4.35, 2.0 ** 53, 2.0 ** 60, 2.0 ** -20,
    ]
    for k in range(-25, 26):
        vals.append(10.0 ** k)
        vals.append(1.5 * 10.0 ** k)
    for k in range(1, 20):
        vals.append(k / 10)
        vals.append(f32(k / 10))
    rng = random.Random(20240601)
    for _ in range(120):
        bits = rng.getrandbits(64)
        v = struct.unpack("d", struct.pack("Q", bits))[0]
        if math.isfinite(v):
            vals.append(v)
    for _ in range(120):
        vals.append(f32(rng.gauss(0, 1)))
        vals.append(rng.uniform(-1000, 1000))
    for _ in range(40):
        vals.append(f32(rng.uniform(0, 1)) * 10.0 ** rng.randint(-8, 8))
    return vals


def float_repr_fixtures():
    return [{"value": enc(v), "repr": repr(v), "str": str(v)} for v in interesting_floats()]


FLOAT_VALUES = [
    0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 123.456, -123.456, 1e16, 1e-5,
    1234567.891, 0.1, 2 / 3, 1e100, 1e-100, 5e-324, 1.7976931348623157e308, float("inf"),
    float("-inf"), float("nan"), 9.995, 0.0015626397216692567, 1e22, 12345.6789, 999999.5,
    0.00001234, -0.0004, 100.0, 1e15, 0.05, 99.99, 1e-7,
]
FLOAT_SPECS = [
    "", "e", ".3e", "E", ".0e", "#.0e", "f", ".2f", ".0f", "#.0f", ".1f", "F", "g", ".3g", "#g",
    "G", ".10g", ".1g", ".0g", "%", ".1%", "n", ".3", ".1", ".0", ".12", "#.3", ",", ",.2f",
    "_.3f", "015,.2f", "010,", "+.3e", "z.1f", "z.0f", ".17g", ".20f", ".30e", "10", "<10",
    ">12.3f", "^12.3f", "*^13.2e", "0=12.4f", " 010.3f", "^+12.3e", "+", " ", "-", "010",
    "+010.2f", ".50f", "x^10", "=+9.1f", "08", "#", "#.0", "d", "x", ",g", ".2n", "_", "012_.2f",
]

INT_VALUES = [0, 1, -1, 7, 42, -42, 255, 1000, 1234567, -1234567, 10 ** 20, 2 ** 53 + 1, 65, -65536]
INT_SPECS = [
    "", "d", "5", "<5", ">8", "^9", "*^9", "=+10", "+", "-", " ", ",", "_", "010", "08,", "010,",
    "09,", "07_", "#x", "#X", "#o", "#b", "x", "X", "o", "b", "_x", "_b", "#_b", "#012x", "0=+10",
    "e", ".3e", "f", ".2f", "g", "%", ".1%", "n", ".3", "c", "+c", ",x", "z", "s", "0>6", "0<6",
    "+#x", " d", "x<+#10x", ",.2f", "012,", "010.2f", "=5",
]

STR_VALUES = ["", "a", "hello", "h\u00e9llo", "x\U0001F600y"]
STR_SPECS = [
    "", "5", "<5", ">5", "^7", "*^7", ".2", "10.3", "s", "05", "d", "+", "=5", ",", "#", ">", ".0",
    "^6", "x<8s", "020",
]

BOOL_SPECS = ["", "d", "5", ">5", "x", "<7", ".2f", "s", "^5"]


def format_spec_fixtures():
    cases = []
    for v in FLOAT_VALUES:
        for s in FLOAT_SPECS:
            cases.append({"value": enc(v), "spec": s, "out": attempt(lambda: format(v, s))})
    for v in INT_VALUES:
        for s in INT_SPECS:
            if s in ("c", "+c") and not (0 <= v < 0x110000):
                continue
            cases.append({"value": enc(v), "spec": s, "out": attempt(lambda: format(v, s))})
    for v in STR_VALUES:
        for s in STR_SPECS:
            cases.append({"value": enc(v), "spec": s, "out": attempt(lambda: format(v, s))})
    for v in (True, False):
        for s in BOOL_SPECS:
            cases.append({"value": enc(v), "spec": s, "out": attempt(lambda: format(v, s))})
    for v in (None, [1, 2]):
        for s in ("", ">5"):
            cases.append({"value": enc(v), "spec": s, "out": attempt(lambda: format(v, s))})
    return cases


STR_FORMAT_CASES = [
    ("{}", [1], {}),
    ("{} {}", [1, 2.5], {}),
    ("{0} {1} {0}", ["a", "b"], {}),
    ("{:>6.2f}|{:<5}|{:^7}", [3.14159, "ab", "mid"], {}),
    ("{name} is {age}", [], {"name": "Bob", "age": 42}),
    ("{0:.3e} {x:+.1%}", [12345.678], {"x": 0.256}),
    ("{{}} {{{0}}} }}{{", [7], {}),
    ("{!r} {!s} {!a}", ["it's", "s", "h\u00e9"], {}),
    ("{0!r:>10}", ["x"], {}),
    ("{:{}.{}f}", [3.14159, 10, 3], {}),
    ("{:{width}}|", [5], {"width": 6}),
    ("{0[1]} {0[0]}", [[10, 20]], {}),
    ("{d[k]}", [], {"d": {"k": "v"}}),
    ("{} {}", [1.0, -0.0], {}),
    ("{}", [None], {}),
    ("{}", [True], {}),
    ("{}", [[1, 2.5, "a", None, True]], {}),
    ("{}", [(1,)], {}),
    ("{}", [()], {}),
    ("{}", [(1, "two", 3.0)], {}),
    ("{:,}", [1234567.891], {}),
    ("{:_d}", [1234567], {}),
    ("{:#010b}", [5], {}),
    ("{:08.3f}", [-3.14159], {}),
    ("loss: {:.4f}, acc: {:.2%}", [0.123456, 0.9876], {}),
    ("{} {}", [1], {}),
    ("{0} {}", [1, 2], {}),
    ("{} {0}", [1, 2], {}),
    ("{", [], {}),
    ("}", [], {}),
    ("{x}", [], {}),
    ("{!x}", [1], {}),
    ("{:d}", [1.5], {}),
    ("{:s}", [3], {}),
    ("epoch {:3d}/{:d}", [7, 100], {}),
    ("{:e}", [0.0], {}),
    ("{:g}", [1e-5], {}),
    ("{:}", [2.0], {}),
    ("{:.0}", [2.5], {}),
    ("{0:{1}}", ["ab", "^6"], {}),
    ("{}", [{"a": 1, "b": [1, 2]}], {}),
    ("{}", [1e16], {}),
    ("{}", ["str"], {}),
]


def str_format_fixtures():
    out = []
    for tpl, args, kwargs in STR_FORMAT_CASES:
        out.append({
            "template": tpl,
            "args": [enc(a) for a in args],
            "kwargs": {k: enc(v) for k, v in kwargs.items()},
            "out": attempt(lambda: tpl.format(*args, **kwargs)),
        })
    return out


def round_fixtures():
    cases = []
    floats = [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.4999999999999999, 2.675, 2.665, 1.005, 0.125,
              0.375, 1234.5678, -1234.5678, 1e16, 1e-5, 123.456, 5e-324, 1.7976931348623157e308,
              0.1 + 0.2, 2 / 3, 0.0, -0.0, 7.5, 8.5, 1e300, 0.285, 1.0000000000000002, 99.95]
    rng = random.Random(7)
    floats += [rng.uniform(-100, 100) for _ in range(20)]
    floats += [f32(rng.gauss(0, 1)) for _ in range(10)]
    for v in floats:
        cases.append({"value": enc(v), "ndigits": None, "out": attempt(lambda: str(round(v)))})
        for n in (0, 1, 2, 3, 4, 10, -1, -2, 400, -400):
            cases.append({"value": enc(v), "ndigits": n, "out": attempt(lambda: str(round(v, n)))})
    for v in (float("inf"), float("nan")):
        cases.append({"value": enc(v), "ndigits": None, "out": attempt(lambda: str(round(v)))})
        cases.append({"value": enc(v), "ndigits": 2, "out": attempt(lambda: str(round(v, 2)))})
    cases.append({"value": enc(1.7976931348623157e308), "ndigits": -308,
                  "out": attempt(lambda: str(round(1.7976931348623157e308, -308)))})
    for v in (0, 7, 15, 25, 35, 1250, -1250, 1350, 123456, -5):
        for n in (None, 0, 2, -1, -2, -3):
            cases.append({"value": enc(v), "ndigits": n, "out": attempt(lambda: str(round(v, n)))})
    return cases


REPR_VALUES = [
    [], [1, 2.5, "a"], [[1, 2], [3.0, None]], (), (1,), (1, 2), ((1,), [2]), "it's", 'say "hi"',
    "both ' and \"", "tab\tnew\nline\\", "", {"a": 1, "b": [1.5]}, {}, [True, False, None],
    [0.1, 1e-05, 1e16, -0.0, float("inf"), float("nan")], ("x", 2.0), [1e22, 123456789012345678],
    {"k": (1,)}, [-1, -2.5], "nul\x00bell\x07del\x7f", "\x80\xa0\xad\xe9", "zw\u200bls\u2028",
    "\U0001F600 emoji", "\ue000 private", "caf\u00e9 \u4e2d\u6587", ["\x01", "'", '"'], "\r\n",
]


def repr_fixtures():
    return [{"value": enc(v), "repr": repr(v), "str": str(v)} for v in REPR_VALUES]


PARSE_INT = ["42", "  -17  ", "+5", "1_000", "0x1f", "0b101", "0o17", "3.5", "abc", "", "1__0",
             "_1", "007", "  12\n"]
PARSE_INT_BASE = [("ff", 16), ("0x1f", 16), ("0x1f", 0), ("007", 0), ("0", 0), ("z", 36),
                  ("101", 2), ("12", 2), ("1_0", 0)]
PARSE_FLOAT = ["1.5", " -2.25 ", "1e5", "1E-3", ".5", "5.", "nan", "-inf", "Infinity", "+NaN",
               "1_000.5", "abc", "", "1e", ".", "0x10", "1__0", "-0", "3", "1e400", "  7  "]


def parse_fixtures():
    out = []
    for s in PARSE_INT:
        out.append({"fn": "int", "text": s, "base": None, "out": attempt(lambda: repr(int(s)))})
    for s, b in PARSE_INT_BASE:
        out.append({"fn": "int", "text": s, "base": b, "out": attempt(lambda: repr(int(s, b)))})
    for s in PARSE_FLOAT:
        out.append({"fn": "float", "text": s, "base": None, "out": attempt(lambda: repr(float(s)))})
    for v in (3.7, -3.7, 0.5, -0.5, 1e20, float("nan"), float("inf"), True):
        out.append({"fn": "int", "value": enc(v), "base": None, "out": attempt(lambda: repr(int(v)))})
    for v in (2, -3, True, 10 ** 20):
        out.append({"fn": "float", "value": enc(v), "base": None, "out": attempt(lambda: repr(float(v)))})
    return out


def seq_fixtures():
    out = []
    bounds = [None, 0, 1, 3, -1, -3, 10, -10]
    for start in bounds:
        for stop in bounds:
            for step in (None, 1, 2, -1, -2):
                for n in (0, 5):
                    sl = slice(start, stop, step)
                    out.append({"kind": "slice", "args": [enc(start), enc(stop), enc(step)], "len": n,
                                "out": repr(sl.indices(n)), "repr": repr(sl)})
    for args in [(5,), (0, 5), (2, 10, 3), (10, 0, -2), (0,), (5, 0), (-3, 3), (0, 10, 4), (1, -10, -3)]:
        r = range(*args)
        out.append({"kind": "range", "args": [enc(a) for a in args], "repr": repr(r), "len": len(r),
                    "list": repr(list(r))})
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {
        "float_repr.json": float_repr_fixtures(),
        "format_spec.json": format_spec_fixtures(),
        "str_format.json": str_format_fixtures(),
        "round.json": round_fixtures(),
        "repr.json": repr_fixtures(),
        "parse.json": parse_fixtures(),
        "seq.json": seq_fixtures(),
    }
    meta = {"python": sys.version.split()[0]}
    for name, data in files.items():
        with open(os.path.join(OUT, name), "w") as fh:
            # One case per line: small diffs when a case changes.
            fh.write('{"meta": %s, "cases": [\n' % json.dumps(meta))
            fh.write(",\n".join(json.dumps(c, ensure_ascii=False) for c in data))
            fh.write("\n]}\n")
        print("%s: %d cases" % (name, len(data)))


if __name__ == "__main__":
    main()
