// The comparison and deviation logic of the conformance runner, on synthetic outputs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  compareOutput,
  judge,
  lastLine,
  unneededDeviations,
  type Deviation,
} from "../compare.ts";
import { deviations } from "../deviations.ts";

const sub = (from: string, to: string): Deviation => ({ example: "t/x", kind: "substitute", from, to, reason: "test" });
const addr: Deviation = { example: "t/x", kind: "wildcard", pattern: "0x[0-9a-f]+", reason: "test" };
const tol = (line: number, atol: number): Deviation => ({ example: "t/x", kind: "tolerance", line, atol, reason: "test" });

describe("compareOutput without deviations", () => {
  it("passes identical text and reports no mismatch", () => {
    expect(compareOutput("a\nb\n", "a\nb\n", [])).toEqual({ ok: true, mismatch: null, unused: [] });
  });

  it("reports the first differing line with both texts", () => {
    const c = compareOutput("tensor([1.])\nFalse\nTrue\n", "tensor([1.])\nTrue\nFalse\n", []);
    expect(c.ok).toBe(false);
    expect(c.mismatch).toEqual({ line: 2, expected: "False", actual: "True" });
  });

  it("is byte for byte: whitespace inside a line matters", () => {
    const c = compareOutput("tensor([ 0.,  4.])\n", "tensor([0., 4.])\n", []);
    expect(c.mismatch).toEqual({ line: 1, expected: "tensor([ 0.,  4.])", actual: "tensor([0., 4.])" });
  });

  it("reports output that ends early or runs long", () => {
    expect(compareOutput("a\nb\n", "a\n", []).mismatch).toEqual({ line: 2, expected: "b", actual: null });
    expect(compareOutput("a\n", "a\nextra\n", []).mismatch).toEqual({ line: 2, expected: null, actual: "extra" });
    expect(compareOutput("", "None\n", []).mismatch).toEqual({ line: 1, expected: null, actual: "None" });
  });

  it("accepts empty output for an empty expectation", () => {
    expect(compareOutput("", "", []).ok).toBe(true);
  });

  it("treats a missing final newline as a difference", () => {
    const c = compareOutput("True False\n", "True False", []);
    expect(c.ok).toBe(false);
    expect(c.mismatch).toEqual({ line: 1, expected: "True False", actual: "True False<no newline at end>" });
  });
});

describe("substitute deviations", () => {
  it("rewrite the document's text before comparing", () => {
    const doc = "tensor([[3., 3.]], grad_fn=<AddBackward>)\n";
    expect(compareOutput(doc, "tensor([[3., 3.]], grad_fn=<AddBackward0>)\n", [sub("AddBackward", "AddBackward0")]).ok).toBe(true);
    expect(compareOutput(doc, "tensor([[3., 3.]], grad_fn=<AddBackward0>)\n", []).ok).toBe(false);
  });

  it("replace whole identifiers only", () => {
    // ThAddBackward must not become ThAddBackward0, nor AddBackward0 become AddBackward00.
    const c = compareOutput("<ThAddBackward> <AddBackward0>\n", "<ThAddBackward> <AddBackward0>\n", [sub("AddBackward", "AddBackward0")]);
    expect(c.ok).toBe(true);
    expect(c.unused).toHaveLength(1);
  });

  it("show the substituted expected line in a mismatch", () => {
    const c = compareOutput("x <MulBackward>\n", "x <MulBackward1>\n", [sub("MulBackward", "MulBackward0")]);
    expect(c.mismatch).toEqual({ line: 1, expected: "x <MulBackward0>", actual: "x <MulBackward1>" });
  });

  it("are reported unused when the text does not contain them", () => {
    const d = sub("MeanBackward1", "MeanBackward0");
    expect(compareOutput("tensor(27.)\n", "tensor(27.)\n", [d]).unused).toEqual([d]);
  });
});

describe("wildcard deviations", () => {
  it("let an object address vary, and nothing else", () => {
    const doc = "<AddBackward0 object at 0x1100477b8>\n";
    expect(compareOutput(doc, "<AddBackward0 object at 0x7f3a2c1b9e40>\n", [addr]).ok).toBe(true);
    expect(compareOutput(doc, "<AddBackward0 object at 0x7f3a2c1b9e40>\n", []).ok).toBe(false);
    expect(compareOutput(doc, "<MulBackward0 object at 0x7f3a2c1b9e40>\n", [addr]).mismatch).toEqual({
      line: 1,
      expected: "<AddBackward0 object at 0x1100477b8>",
      actual: "<MulBackward0 object at 0x7f3a2c1b9e40>",
    });
  });

  it("still require the varying part to match the pattern", () => {
    expect(compareOutput("<F object at 0x1100477b8>\n", "<F object at 12345>\n", [addr]).ok).toBe(false);
  });

  it("escape the literal rest of the line", () => {
    // "(" and "." in the document are literal characters, not regex syntax.
    expect(compareOutput("f(0x1a).\n", "f(0x2b).\n", [addr]).ok).toBe(true);
    expect(compareOutput("f(0x1a).\n", "f 0x2b!\n", [addr]).ok).toBe(false);
  });

  it("compose with a substitution on the same line", () => {
    const c = compareOutput("<AddBackward object at 0x1100477b8>\n", "<AddBackward0 object at 0x55d0c0>\n", [sub("AddBackward", "AddBackward0"), addr]);
    expect(c).toEqual({ ok: true, mismatch: null, unused: [] });
  });
});

describe("tolerance deviations", () => {
  it("allow numbers on their line to differ by atol", () => {
    const d = tol(2, 1e-4);
    expect(compareOutput("a\ntensor([2.0000, 0.2000])\n", "a\ntensor([2.0001, 0.2000])\n", [d]).ok).toBe(true);
    expect(compareOutput("a\ntensor([2.0000, 0.2000])\n", "a\ntensor([2.0010, 0.2000])\n", [d]).ok).toBe(false);
  });

  it("apply to their line only", () => {
    expect(compareOutput("1.0000\n2.0000\n", "1.0001\n2.0000\n", [tol(2, 1e-3)]).mismatch).toEqual({
      line: 1,
      expected: "1.0000",
      actual: "1.0001",
    });
  });

  it("keep the text between numbers exact", () => {
    expect(compareOutput("tensor([2.0000])\n", "array([2.0000])\n", [tol(1, 1)]).ok).toBe(false);
  });

  it("are unused when their line does not exist", () => {
    const d = tol(5, 1e-3);
    expect(compareOutput("a\n", "a\n", [d]).unused).toEqual([d]);
  });
});

describe("unseeded deviations", () => {
  const FLOAT = "(?<=loss:)(?:\\d+\\.\\d+(?:e[-+]\\d{2,})?|\\d+e[-+]\\d{2,})";
  const fmtDev: Deviation = { example: "t/x", kind: "unseeded", line: 1, to: 2, pattern: FLOAT, reason: "test" };
  const nearDev: Deviation = { example: "t/x", kind: "unseeded", line: 3, to: 4, atol: 1e-6, reason: "test" };
  const doc = "50/500 loss:0.0012162785263114685\n100/500 loss:3.11160142374838e-05\nw:[[2.00000001]\n [2.99999999]]\n";

  it("accepts another draw's values in the document's format", () => {
    const run = "50/500 loss:0.010904616964297887\n100/500 loss:1e-05\nw:[[2.]\n [3.]]\n";
    expect(compareOutput(doc, run, [fmtDev, nearDev])).toEqual({ ok: true, mismatch: null, unused: [] });
  });

  it("still checks the format: the literal text and a Python float, not an int or a tensor", () => {
    expect(compareOutput(doc, "50/500 loss:0.01\n100/500 loss:3\nw:[[2.]\n [3.]]\n", [fmtDev, nearDev]).mismatch?.line).toBe(2);
    expect(compareOutput(doc, "50/500 loss:tensor(0.0012)\n", [fmtDev, nearDev]).mismatch?.line).toBe(1);
    expect(compareOutput(doc, "40/500 loss:0.01\n", [fmtDev, nearDev]).mismatch?.line).toBe(1);
  });

  it("checks convergence within atol, ignoring numpy's padding", () => {
    const ok = "50/500 loss:0.1\n100/500 loss:0.2\nw:[[2.        ]\n [3.00000001]]\n";
    expect(compareOutput(doc, ok, [fmtDev, nearDev]).ok).toBe(true);
    const far = "50/500 loss:0.1\n100/500 loss:0.2\nw:[[2.001]\n [3.]]\n";
    expect(compareOutput(doc, far, [fmtDev, nearDev]).mismatch?.line).toBe(3);
    const text = "50/500 loss:0.1\n100/500 loss:0.2\nw=[[2.]\n [3.]]\n";
    expect(compareOutput(doc, text, [fmtDev, nearDev]).mismatch?.line).toBe(3);
  });

  it("is never unneeded (a lucky draw may print the document's text) but is unused past the end", () => {
    expect(unneededDeviations(doc, doc, [fmtDev, nearDev])).toEqual([]);
    const late: Deviation = { example: "t/x", kind: "unseeded", line: 9, atol: 1, reason: "test" };
    expect(compareOutput(doc, doc, [late]).unused).toEqual([late]);
  });

  it("covers both numpy manual-backprop programs in deviations.ts", () => {
    for (const id of ["000/05_numpy_manual_backprop", "003/01_numpy_manual_backprop"]) {
      const mine = deviations.filter((d) => d.example === id);
      expect(mine.map((d) => d.kind)).toEqual(["unseeded", "unseeded"]);
    }
  });

  it("checks seed 003's randn training loop on its loss format, w byte for byte", () => {
    const mine = deviations.filter((d) => d.example === "003/07_training_loop");
    const doc = readFileSync(new URL("../examples/003/07_training_loop.expected.txt", import.meta.url), "utf8");
    const losses = (v: string) => [50, 100, 150, 200, 250, 300, 350, 400, 450, 500].map((s) => `${s}/500 loss:${v}\n`).join("");
    const w = (a: string) => `\nw: tensor([[${a}],\n        [3.0000]], dtype=oneflow.float32, grad_fn=<accumulate_grad>)\n`;
    expect(compareOutput(doc, losses("3.865352482534945e-12") + w("2.0000"), mine).ok).toBe(true);
    expect(compareOutput(doc, losses("tensor(3.8654e-12)") + w("2.0000"), mine).mismatch?.line).toBe(1);
    expect(compareOutput(doc, losses("1e-05") + w("1.9999"), mine).mismatch?.line).toBe(12);
  });
});

describe("unneededDeviations", () => {
  it("finds entries the output matches without", () => {
    const s = sub("AddBackward", "AddBackward0");
    // The output still shows the old name: the substitution is wrong for it, the wildcard needed.
    expect(unneededDeviations("<AddBackward object at 0x1>\n", "<AddBackward0 object at 0x2>\n", [s, addr])).toEqual([]);
    // Same address as the document: the wildcard did nothing.
    expect(unneededDeviations("<AddBackward object at 0x1>\n", "<AddBackward0 object at 0x1>\n", [s, addr])).toEqual([addr]);
  });
});

describe("lastLine", () => {
  it("returns the last non-empty line, as Python's traceback ends", () => {
    const tb = 'Traceback (most recent call last):\n  File "x.py", line 1\nRuntimeError: boom\n\n';
    expect(lastLine(tb)).toBe("RuntimeError: boom");
    expect(lastLine("")).toBe("");
    expect(lastLine("a\r\nb\r\n")).toBe("b");
  });
});

describe("judge", () => {
  const ok = { stdout: "True False\n", error: null };

  it("passes matching output with exit 0", () => {
    expect(judge(ok, { stdout: "True False\n", stderr: "", code: 0 }, [])).toEqual({ status: "pass", detail: "" });
  });

  it("fails wrong output with the first difference", () => {
    expect(judge(ok, { stdout: "True True\n", stderr: "", code: 0 }, [])).toEqual({
      status: "FAIL",
      detail: 'line 1: expected "True False", got "True True"',
    });
  });

  it("reports an unexpected throw as ERROR with the error line", () => {
    const run = { stdout: "", stderr: "    at foo (x.ts:1:1)\nTypeError: x.grad.eq is not a function\n", code: 1 };
    expect(judge(ok, run, [])).toEqual({ status: "ERROR", detail: "exit 1: TypeError: x.grad.eq is not a function" });
  });

  it("reports a timeout as ERROR", () => {
    expect(judge(ok, { stdout: "", stderr: "", code: null, timedOut: true }, [])).toEqual({ status: "ERROR", detail: "timed out" });
  });

  it("checks the error an example is documented to raise", () => {
    const exp = { stdout: "", error: "RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn" };
    const raised = { stdout: "", stderr: "stack...\nRuntimeError: element 0 of tensors does not require grad and does not have a grad_fn\n", code: 1 };
    expect(judge(exp, raised, []).status).toBe("pass");
    expect(judge(exp, { stdout: "", stderr: "", code: 0 }, [])).toEqual({
      status: "FAIL",
      detail: 'expected error "RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn", exited 0',
    });
    expect(judge(exp, { stdout: "", stderr: "ValueError: nope\n", code: 1 }, []).detail).toBe(
      'error: expected "RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn", got "ValueError: nope"',
    );
  });

  it("fails an example whose deviation matches nothing", () => {
    expect(judge(ok, { stdout: "True False\n", stderr: "", code: 0 }, [sub("AddBackward", "AddBackward0")])).toEqual({
      status: "FAIL",
      detail: 'deviation matches nothing in the expected text: substitute "AddBackward" -> "AddBackward0"',
    });
  });

  it("fails an example that passes without one of its deviations", () => {
    const exp = { stdout: "<F object at 0x1>\n", error: null };
    expect(judge(exp, { stdout: "<F object at 0x1>\n", stderr: "", code: 0 }, [addr])).toEqual({
      status: "FAIL",
      detail: "output matches without deviation wildcard /0x[0-9a-f]+/: remove it",
    });
  });
});

describe("deviations.ts", () => {
  it("gives every entry a reason and a seed/example id", () => {
    for (const d of deviations) {
      expect(d.reason.length).toBeGreaterThan(20);
      expect(d.example).toMatch(/^(\d{3}|torch)\/\d{2}_[a-z0-9_]+$/);
    }
  });

  it("turns seed 002's old grad_fn names into PyTorch 1.13's", () => {
    const mine = deviations.filter((d) => d.example === "002/04_mul_mean");
    const doc = "tensor([[27., 27.],\n        [27., 27.]], grad_fn=<MulBackward>) tensor(27., grad_fn=<MeanBackward1>)\n";
    const torch113 = "tensor([[27., 27.],\n        [27., 27.]], grad_fn=<MulBackward0>) tensor(27., grad_fn=<MeanBackward0>)\n";
    expect(compareOutput(doc, torch113, mine)).toEqual({ ok: true, mismatch: null, unused: [] });
  });
});
