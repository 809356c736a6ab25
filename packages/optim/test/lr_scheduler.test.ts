// lr scheduler trajectories and state_dicts against PyTorch 1.13 (fixtures/optim.json).
import { describe, expect, it } from "vitest";
import { pyRepr, warnings } from "@tsgrad/py";
import optim from "../src/index.ts";
import lr_scheduler from "../src/lr_scheduler.ts";
import { fixtures, torch } from "./helpers.ts";
// Python's 0.95 ** e is glibc's correctly rounded pow; JS's `**` can be an ulp off (0.95 ** 9),
// which is user code's business, not the scheduler's: the lambda uses CPython's rounding
import { pyPow } from "../src/pymath.ts";

function setup() {
  const w1 = torch.zeros(1, { requires_grad: true }), w2 = torch.zeros(1, { requires_grad: true });
  return optim.SGD([{ params: [w1] }, { params: [w2], lr: 0.5 }], { lr: 0.1, momentum: 0.9 });
}

describe("lr_scheduler (PyTorch 1.13)", () => {
  for (const c of fixtures.schedulers) {
    it(`${c.name} ${JSON.stringify(c.kwargs)}`, () => {
      const opt = setup();
      const s: any =
        c.name === "LambdaLR" ? lr_scheduler.LambdaLR(opt, (e: number) => pyPow(0.95, e)) : (lr_scheduler as any)[c.name](opt, { ...c.kwargs });
      for (let e = 0; e < c.lrs.length; e++) {
        opt.step();
        if (c.metrics) s.step(c.metrics[e]);
        else s.step();
        const got = c.metrics ? s._last_lr : s.get_last_lr();
        expect(got.map(Number), `epoch ${e}`).toEqual(c.lrs[e]);
        expect(opt.param_groups.map((g: any) => Number(g.lr))).toEqual(c.group_lrs[e]);
      }
      expect(pyRepr(s.state_dict())).toBe(c.state_dict_repr);
      expect([...s.state_dict().keys()]).toEqual(c.state_keys);
      expect(opt.__repr__()).toBe(c.opt_repr);
    });
  }

  it("ReduceLROnPlateau has no get_last_lr in 1.13", () => {
    const s: any = lr_scheduler.ReduceLROnPlateau(setup());
    expect(s.get_last_lr).toBeUndefined();
  });

  it("warns when lr_scheduler.step() comes before optimizer.step()", () => {
    const opt = setup();
    const s = lr_scheduler.StepLR(opt, 2);
    const caught = warnings.catch_warnings({ record: true }, (w: any[]) => {
      warnings.simplefilter("always");
      s.step();
      return w;
    });
    expect(caught.length).toBe(1);
    expect(String(caught[0].message)).toContain("Detected call of `lr_scheduler.step()` before `optimizer.step()`.");
  });

  it("step(epoch) uses the closed form", () => {
    const opt = setup();
    const s = lr_scheduler.StepLR(opt, 3, { gamma: 0.5 });
    warnings.catch_warnings({ record: true }, () => s.step(7));
    expect(s.get_last_lr()).toEqual([0.1 * 0.5 ** 2, 0.5 * 0.5 ** 2]);
  });

  it("load_state_dict restores the schedule", () => {
    const opt = setup();
    const s = lr_scheduler.MultiStepLR(opt, [2, 4]);
    for (let i = 0; i < 3; i++) {
      opt.step();
      s.step();
    }
    const s2 = lr_scheduler.MultiStepLR(setup(), [9]);
    s2.load_state_dict(s.state_dict());
    expect(pyRepr(s2.state_dict())).toBe(pyRepr(s.state_dict()));
  });
});
