// Replays compat-tests/golden/errors.json: each case is a short program whose last step must
// throw PyTorch 1.13's exception (same `name`, same message) and leave every tensor as PyTorch
// left it. Regenerate with /usr/bin/python3 compat-tests/golden/gen_errors.py.
import { describe, expect, it } from "vitest";
import {
  type Any,
  type DecodeCtx,
  type ErrorCase,
  type Step,
  GRAD_TOL,
  VALUE_TOL,
  compareTensor,
  decodeArgs,
  invoke,
  loadGolden,
} from "./golden_helpers.ts";

const cases = loadGolden<ErrorCase>("errors");

function runStep(s: Step, env: Record<string, Any>): Any {
  const ctx: DecodeCtx = { ints: s.ints, leaves: new Map(), env };
  const { args, kwargs, index } = decodeArgs(s, ctx);
  return invoke(s.call, args, kwargs, index);
}

describe("golden errors (PyTorch 1.13)", () => {
  for (const c of cases) {
    it(c.id, () => {
      const env: Record<string, Any> = {};
      const setup = c.steps.slice(0, -1);
      for (const s of setup) {
        const v = runStep(s, env);
        if (s.let) env[s.let] = v;
      }
      let thrown: unknown = undefined;
      try {
        runStep(c.steps[c.steps.length - 1]!, env);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, "the last step must throw").toBeInstanceOf(Error);
      const err = thrown as Error;
      expect({ name: err.name, message: err.message }).toEqual({
        name: c.error.type,
        message: c.error.message,
      });

      // The failed call changed nothing: values, requires_grad and leaf grads as PyTorch has them.
      const problems: string[] = [];
      for (const [name, st] of Object.entries(c.after)) {
        const t = env[name];
        problems.push(...compareTensor(t, st, name, VALUE_TOL));
        if (Boolean(t?.requires_grad) !== st.requires_grad)
          problems.push(`${name}.requires_grad: expected ${st.requires_grad}`);
        if (!st.is_leaf) continue;
        if (st.grad === null) {
          if (t?.grad != null) problems.push(`${name}.grad: expected None`);
        } else problems.push(...compareTensor(t?.grad, st.grad, `${name}.grad`, GRAD_TOL));
      }
      expect(problems).toEqual([]);
    });
  }
});
