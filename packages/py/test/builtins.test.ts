// Builtins whose Python answers are short enough to state inline.

import { describe, expect, it } from "vitest";
import {
  abs, all, any, bool, captureOutput, enumerate, f, FLOAT_LIST, float, fmt, format, int, isinstance, len, list,
  max, min, NoneType, print, PyFloat, PyTuple, range, Range, repr, reversed, round, slice, Slice, sorted, str, sum,
  stdout, sys, tuple, type, TypeError, ValueError, zip, KeyError, IndexError, RuntimeError, UserWarning,
} from "../src/index.ts";

describe("float marking", () => {
  it("float() marks a value that acts as its number", () => {
    const x = float(2);
    expect(x).toBeInstanceOf(PyFloat);
    expect(str(x)).toBe("2.0");
    expect(x + 1).toBe(3);
    expect(x * 2).toBe(4);
    expect(x < 3).toBe(true);
    expect(Math.sqrt(float(16))).toBe(4);
    expect(`${float(3)}`).toBe("3.0");
  });
  it("integer-valued numbers print as ints, others as floats", () => {
    expect(str(3)).toBe("3");
    expect(str(1e21)).toBe("1000000000000000000000");
    expect(str(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(str(-0)).toBe("-0.0");
    expect(str(NaN)).toBe("nan");
    expect(str(-Infinity)).toBe("-inf");
    expect(str(12n ** 30n)).toBe("237376313799769806328950291431424");
  });
  it("tolist() arrays marked with FLOAT_LIST print their numbers as floats", () => {
    const a: any = [[10, 4], [1.5, 2]];
    for (const row of [a, ...a]) Object.defineProperty(row, FLOAT_LIST, { value: true });
    expect(str(a)).toBe("[[10.0, 4.0], [1.5, 2.0]]");
    expect(str([10, 4])).toBe("[10, 4]");
  });
});

describe("str/repr of containers and objects", () => {
  it("lists, tuples, dicts, sets", () => {
    expect(str([1, 2.5, "a", null, true])).toBe("[1, 2.5, 'a', None, True]");
    expect(str(tuple([1]))).toBe("(1,)");
    expect(str(tuple([]))).toBe("()");
    expect(str(tuple([float(1), "x"]))).toBe("(1.0, 'x')");
    expect(str(new Map<unknown, unknown>([["a", 1], [2, [3]]]))).toBe("{'a': 1, 2: [3]}");
    expect(str({ a: 1, b: "c" })).toBe("{'a': 1, 'b': 'c'}");
    expect(str(new Set([1, 2]))).toBe("{1, 2}");
    expect(str(new Set())).toBe("set()");
    const self: unknown[] = [1];
    self.push(self);
    expect(str(self)).toBe("[1, [...]]");
  });
  it("uses __repr__ / __str__, str falling back to __repr__", () => {
    const a = { __repr__: () => "R" };
    const b = { __repr__: () => "R", __str__: () => "S" };
    expect(str(a)).toBe("R");
    expect(str(b)).toBe("S");
    expect(repr(b)).toBe("R");
    expect(str([b])).toBe("[R]");
  });
  it("exceptions print as Python's", () => {
    expect(str(new RuntimeError("boom"))).toBe("boom");
    expect(repr(new ValueError("it's"))).toBe(`ValueError("it's")`);
    expect(str(new KeyError("k"))).toBe("'k'");
    expect(new TypeError("x").name).toBe("TypeError");
  });
  it("classes and functions", () => {
    expect(repr(int)).toBe("<class 'int'>");
    expect(repr(class Foo {})).toBe("<class 'Foo'>");
    expect(repr(function bar() {})).toBe("<function bar>");
  });
});

describe("print", () => {
  it("joins str() of its arguments; sep/end/file keywords", () => {
    expect(captureOutput(() => print(1, float(2), "a", [1, "a"]))).toBe("1 2.0 a [1, 'a']\n");
    expect(captureOutput(() => print("a", "b", { sep: ", ", end: "" }))).toBe("a, b");
    expect(captureOutput(() => print())).toBe("\n");
    // A plain object with other keys is a value (a dict), not options.
    expect(captureOutput(() => print({ a: 1 }))).toBe("{'a': 1}\n");
    expect(captureOutput(() => print({}))).toBe("{}\n");
    let got = "";
    print("x", { file: { write: (s: string) => (got += s) } });
    expect(got).toBe("x\n");
  });
  it("writes through the replaceable stdout sink", () => {
    const saved = stdout.write;
    let got = "";
    stdout.write = (s: string) => (got += s);
    try {
      print("hi");
    } finally {
      stdout.write = saved;
    }
    expect(got).toBe("hi\n");
    expect(sys.stdout).toBe(stdout);
  });
});

describe("f and format", () => {
  it("f formats each value with format(value, '')", () => {
    const n = 10;
    const l = 0.5;
    expect(f`${3}/${n} loss:${l} ${float(1)} ${null} ${true} ${[1, "a"]}`).toBe("3/10 loss:0.5 1.0 None True [1, 'a']");
    expect(f`${fmt(0.123456, ".4f")}`).toBe("0.1235");
    const t = { __format__: (spec: string) => `T(${spec})` };
    expect(f`${t}`).toBe("T()");
    expect(fmt(t, ">5")).toBe("T(>5)");
    expect(f`tab\there`).toBe("tab\there");
  });
  it("format is str.format; a trailing plain object is kwargs only when the template names fields", () => {
    expect(format("{} {x}", 1, { x: 2 })).toBe("1 2");
    expect(format("{}", { x: 2 })).toBe("{'x': 2}");
    expect(format("{0.start}", range(3, 5))).toBe("3");
  });
});

describe("int / float / bool / abs", () => {
  it("int truncates and converts", () => {
    expect(int(3.9)).toBe(3);
    expect(int(-3.9)).toBe(-3);
    expect(Object.is(int(-0.5), 0)).toBe(true);
    expect(int(float(7))).toBe(7);
    expect(int(true)).toBe(1);
    expect(int(5n)).toBe(5n);
    expect(int({ __int__: () => 4 })).toBe(4);
    expect(() => int([1] as unknown)).toThrow(TypeError);
  });
  it("float converts via __float__; the object raises its own errors", () => {
    expect(str(float({ __float__: () => 1.5 }))).toBe("1.5");
    const many = {
      __float__: () => {
        throw new ValueError("only one element tensors can be converted to Python scalars");
      },
    };
    expect(() => float(many)).toThrow("only one element tensors");
    expect(() => float(null)).toThrow("float() argument must be a string or a real number, not 'NoneType'");
  });
  it("bool is Python's truth value", () => {
    expect(bool(NaN)).toBe(true);
    expect(bool([])).toBe(false);
    expect(bool([0])).toBe(true);
    expect(bool("")).toBe(false);
    expect(bool(float(0))).toBe(false);
    expect(bool(new Map())).toBe(false);
    expect(bool({ __bool__: () => false })).toBe(false);
    expect(bool({ __len__: () => 0 })).toBe(false);
    expect(bool(null)).toBe(false);
  });
  it("abs keeps floats floats", () => {
    expect(str(abs(float(-2)))).toBe("2.0");
    expect(abs(-3)).toBe(3);
    expect(abs(-3n)).toBe(3n);
    expect(abs({ __abs__: () => "A" })).toBe("A");
  });
  it("round returns ints without ndigits and floats with", () => {
    expect(str(round(2.5))).toBe("2");
    expect(str(round(float(3), 1))).toBe("3.0");
    expect(str(round(7, 1))).toBe("7");
    expect(round({ __round__: (n?: number) => `r${n}` }, 2)).toBe("r2");
  });
});

describe("len, range, slice", () => {
  it("len", () => {
    expect(len([1, 2])).toBe(2);
    expect(len("h\u00e9\u{1F600}")).toBe(3);
    expect(len(new Map([["a", 1]]))).toBe(1);
    expect(len(new Set([1, 2, 3]))).toBe(3);
    expect(len({ a: 1, b: 2 })).toBe(2);
    expect(len({ __len__: () => 7 })).toBe(7);
    expect(len(range(0, 10, 3))).toBe(4);
    expect(() => len(5)).toThrow("object of type 'int' has no len()");
  });
  it("range", () => {
    expect([...range(3)]).toEqual([0, 1, 2]);
    expect([...range(5, 0, -2)]).toEqual([5, 3, 1]);
    expect([...range(2n, 4n)]).toEqual([2, 3]);
    expect(repr(range(10, 0, -1))).toBe("range(10, 0, -1)");
    expect(range(10).at(-1)).toBe(9);
    expect(range(0, 10, 2).__contains__(4)).toBe(true);
    expect(range(0, 10, 2).__contains__(5)).toBe(false);
    expect(() => range(0, 5, 0)).toThrow("range() arg 3 must not be zero");
    expect(() => range(1.5)).toThrow("'float' object cannot be interpreted as an integer");
    expect(() => range(3).at(3)).toThrow(IndexError);
    expect(range(3)).toBeInstanceOf(Range);
  });
  it("slice", () => {
    const s = slice(5);
    expect([s.start, s.stop, s.step]).toEqual([null, 5, null]);
    expect(s).toBeInstanceOf(Slice);
    expect(repr(slice(1, null, 2))).toBe("slice(1, None, 2)");
    expect(() => slice(0, 1, 0).indices(3)).toThrow("slice step cannot be zero");
  });
});

describe("type and isinstance", () => {
  it("type of JS values names Python's builtins", () => {
    expect(type(3)).toBe(int);
    expect(type(3.5)).toBe(float);
    expect(type(float(3))).toBe(float);
    expect(type("a")).toBe(str);
    expect(type(true)).toBe(bool);
    expect(type(null)).toBe(NoneType);
    expect(type([])).toBe(list);
    expect(type(tuple([1]))).toBe(tuple);
    expect(type(range(2))).toBe(range);
    expect([3, 3.5, "a", true, null, undefined, [], tuple([]), 4n, new Map(), {}].map((x) => type(x).__name__)).toEqual([
      "int", "float", "str", "bool", "NoneType", "NoneType", "list", "tuple", "int", "dict", "dict",
    ]);
  });
  it("type of objects is their class, and classes carry __name__", () => {
    class Linear {}
    class Sub extends Linear {
      static override __name__ = "Renamed";
    }
    expect(type(new Linear())).toBe(Linear);
    expect(type(new Linear()).__name__).toBe("Linear");
    expect(Linear.__name__).toBe("Linear");
    expect(type(new Sub()).__name__).toBe("Renamed");
    expect(type(new UserWarning("x")).__name__).toBe("UserWarning");
    expect(type(new TypeError("x")).__name__).toBe("TypeError");
    const fn = function g() {};
    fn.__name__ = "h";
    expect(fn.__name__).toBe("h");
    expect(type(fn).__name__).toBe("function");
  });
  it("isinstance", () => {
    expect(isinstance(3, int)).toBe(true);
    expect(isinstance(true, int)).toBe(true);
    expect(isinstance(3.5, int)).toBe(false);
    expect(isinstance(float(3), float)).toBe(true);
    expect(isinstance("a", [int, str])).toBe(true);
    expect(isinstance(tuple([]), list)).toBe(false);
    expect(isinstance(new ValueError(""), RuntimeError)).toBe(false);
    class A {}
    expect(isinstance(new A(), A)).toBe(true);
  });
});

describe("iteration builtins", () => {
  it("sum", () => {
    expect(sum([1, 2, 3])).toBe(6);
    expect(str(sum([0.5, 1.5]))).toBe("2.0");
    expect(str(sum([0.1, 0.2, 0.3]))).toBe("0.6000000000000001");
    expect(sum([1n, 2n])).toBe(3n);
    expect(sum(range(5), 10)).toBe(20);
    expect(sum([[1], [2]], [])).toEqual([1, 2]);
    expect(() => sum(["a"], "")).toThrow("sum() can't sum strings");
    // Objects add through __radd__ then __add__: 0 + t0 + t1.
    const T = (v: number): any => ({ v, __add__: (o: any) => T(v + o.v), __radd__: (o: number) => T(o + v) });
    expect(sum([T(1), T(2), T(3)]).v).toBe(6);
  });
  it("min / max", () => {
    expect(min([3, 1, 2])).toBe(1);
    expect(max(3, 7, 2)).toBe(7);
    expect(max(["b", "a"], { key: (s: string) => s === "a" })).toBe("a");
    expect(min([], { default: null })).toBe(null);
    expect(() => max([])).toThrow("max() arg is an empty sequence");
    expect(max([1, 1.0, 1])).toBe(1);
    expect(() => min([1, "a"])).toThrow("'<' not supported between instances of 'str' and 'int'");
    expect(max([[1, 2], [1, 3], [0, 9]])).toEqual([1, 3]);
  });
  it("sorted is stable, keyed, reversible", () => {
    expect(sorted([3, 1, 2])).toEqual([1, 2, 3]);
    expect(sorted(["b", "A", "a"])).toEqual(["A", "a", "b"]);
    const pairs = [[1, "a"], [0, "b"], [1, "c"], [0, "d"]] as [number, string][];
    expect(sorted(pairs, { key: (p) => p[0] }).map((p) => p[1])).toEqual(["b", "d", "a", "c"]);
    expect(sorted(pairs, { key: (p) => p[0], reverse: true }).map((p) => p[1])).toEqual(["a", "c", "b", "d"]);
    expect(sorted("cab")).toEqual(["a", "b", "c"]);
    expect(sorted(new Map([["z", 1], ["y", 2]]))).toEqual(["y", "z"]);
  });
  it("zip / enumerate yield tuples", () => {
    const z = [...zip([1, 2, 3], "ab")];
    expect(str(z)).toBe("[(1, 'a'), (2, 'b')]");
    expect(z[0]).toBeInstanceOf(PyTuple);
    expect(() => [...zip([1, 2], [1], { strict: true })]).toThrow("zip() argument 2 is shorter than argument 1");
    expect(str(list(enumerate(["x", "y"], 1)))).toBe("[(1, 'x'), (2, 'y')]");
    const seen: string[] = [];
    for (const [i, [a, b]] of enumerate(zip([1, 2], [3, 4]))) seen.push(`${i}:${a}+${b}`);
    expect(seen).toEqual(["0:1+3", "1:2+4"]);
  });
  it("any / all / reversed / list / tuple over iterables and __iter__", () => {
    expect(any([0, "", null])).toBe(false);
    expect(all([1, "a", [0]])).toBe(true);
    expect(reversed(range(3))).toEqual([2, 1, 0]);
    const it = { __iter__: () => [7, 8][Symbol.iterator]() };
    expect(list(it)).toEqual([7, 8]);
    expect(str(tuple(it))).toBe("(7, 8)");
    expect(() => list(5)).toThrow("'int' object is not iterable");
  });
});

describe("the porting contract's import line", () => {
  it("exports every name it lists", async () => {
    const py: Record<string, unknown> = await import("../src/index.ts");
    for (const name of "print f fmt format range len float int str repr tuple type slice round sum sorted zip warnings".split(" ")) {
      expect(py[name], name).toBeDefined();
    }
    expect(py.str_format).toBe(py.format);
  });
});

import { iter, next, StopIteration } from "../src/index.ts";

describe("iter / next", () => {
  it("next(iter(x)) walks any iterable; an exhausted iterator raises StopIteration or gives the default", () => {
    const it = iter([1, 2]);
    expect(next(it)).toBe(1);
    expect(iter(it)).toBe(it);
    expect(next(it)).toBe(2);
    expect(() => next(it)).toThrow(StopIteration);
    expect(next(it, "done")).toBe("done");
    expect(next(iter(range(5, 9)))).toBe(5);
    const gen = (function* () { yield "a"; yield "b"; })();
    expect(next(gen)).toBe("a");
    expect(list(gen)).toEqual(["b"]);
  });
  it("next() of a non-iterator is Python's TypeError", () => {
    expect(() => next([1, 2])).toThrow("'list' object is not an iterator");
    expect(() => iter(3)).toThrow("'int' object is not iterable");
  });
});
