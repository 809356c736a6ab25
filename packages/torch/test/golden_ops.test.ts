// Replays compat-tests/golden/ops.json (PyTorch 1.13 outputs and gradients) against tsgrad's
// torch dialect: one test per case. Regenerate with /usr/bin/python3 compat-tests/golden/gen_ops.py.
import { describe, expect, it } from "vitest";
import {
  type Any,
  type DecodeCtx,
  type Enc,
  type EncTensor,
  type OpCase,
  GRAD_TOL,
  T,
  compareOut,
  compareTensor,
  decodeArgs,
  firstFloat,
  invoke,
  loadGolden,
  makeTensor,
  weightedSum,
} from "./golden_helpers.ts";

const cases = loadGolden<OpCase>("ops");

function run(c: OpCase, ctx: DecodeCtx): { out: Any; args: Any[] } {
  const { args, kwargs, index } = decodeArgs(c, ctx);
  return { out: invoke(c.call, args, kwargs, index, c.clone_self), args };
}

/** The encoded input tensor at a leaf path such as "args.1.0" or "kwargs.min". */
function encodedAt(c: OpCase, path: string): EncTensor {
  const [root, key, ...rest] = path.split(".");
  let e: Enc = root === "args" ? c.args[Number(key)]! : c.kwargs[key!]!;
  for (const i of rest) e = (e as { list: Enc[] }).list[Number(i)]!;
  return e as EncTensor;
}

// Central differences of sum(out * g) on tsgrad's own forward (float64 inputs only), against
// tsgrad's analytic gradient: catches a backward formula that disagrees with its forward even
// where the golden values happen to agree.
const EPS = 1e-6;
const GC_TOL = 1e-5;
function gradcheck(c: OpCase, analytic: Map<string, number[] | null>): string[] {
  const problems: string[] = [];
  for (const [path, ana] of analytic) {
    const n = encodedAt(c, path).t!.length;
    for (let i = 0; i < n; i++) {
      const side = (delta: number): number =>
        T.no_grad(() => {
          const { out } = run(c, { ints: c.ints, leaves: new Map(), perturb: { path, index: i, delta } });
          return weightedSum(firstFloat(out), c.grad!.g);
        });
      const numeric = (side(EPS) - side(-EPS)) / (2 * EPS);
      const a = ana ? ana[i]! : 0;
      if (!(Math.abs(numeric - a) <= GC_TOL * (1 + Math.abs(a))))
        problems.push(`gradcheck ${path}[${i}]: numeric ${numeric} vs analytic ${a}`);
    }
  }
  return problems;
}

describe("golden ops (PyTorch 1.13)", () => {
  for (const c of cases) {
    it(c.id, () => {
      const ctx: DecodeCtx = { ints: c.ints, leaves: new Map() };
      const { out, args } = run(c, ctx);
      const problems = compareOut(out, c.out);
      // In-place ops return their own tensor, the same object (Python's `is` is ===).
      if (c.returns_self !== undefined && (out === args[0]) !== c.returns_self)
        problems.push(`returns_self: expected ${c.returns_self}`);
      expect(problems).toEqual([]);
      if (!c.grad) return;

      const root = firstFloat(out);
      root.backward(makeTensor(c.grad.g));
      const analytic = new Map<string, number[] | null>();
      for (const { path, grad } of c.grad.inputs) {
        const leaf = ctx.leaves.get(path);
        expect(leaf, `leaf ${path}`).toBeDefined();
        const actual = leaf.grad;
        if (grad === null) problems.push(...(actual == null ? [] : [`grad ${path}: expected None`]));
        else problems.push(...compareTensor(actual, grad, `grad ${path}`, GRAD_TOL));
        analytic.set(path, actual == null ? null : (actual.flatten().tolist() as number[]));
      }
      expect(problems).toEqual([]);
      if (c.gradcheck) expect(gradcheck(c, analytic)).toEqual([]);
    });
  }
});
