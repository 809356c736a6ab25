// Optimizer trajectories against PyTorch 1.13 (fixtures/optim.json from gen_fixtures.py): five
// steps of each optimizer and option set on fixed float32 parameters and stored grads.
import { describe, expect, it } from "vitest";
import { pyRepr, PyTuple } from "@tsgrad/py";
import optim from "../src/index.ts";
import { fixtures, param, grad, flat, maxRel, torch } from "./helpers.ts";
import type { Tensor } from "@tsgrad/core";

const { init, grads, shapes } = fixtures as { init: number[][]; grads: number[][][]; shapes: number[][] };

function build(c: any): { ps: Tensor[]; opt: any } {
  const ps = init.map((v, i) => param(v, shapes[i]));
  const extra = torch.zeros(2, { requires_grad: true });
  const kwargs = { ...c.kwargs };
  const Cls = (optim as any)[c.cls];
  let opt;
  if (c.groups === null) opt = Cls([...ps, extra], kwargs);
  else {
    const gs = c.groups.map((g: any) => ({ ...g, params: g.params.map((i: number) => ps[i]) }));
    gs[gs.length - 1].params.push(extra);
    opt = Cls(gs, kwargs);
  }
  return { ps, opt };
}

describe("optimizer trajectories (PyTorch 1.13)", () => {
  for (const c of fixtures.optim) {
    const name = `${c.cls} ${JSON.stringify(c.kwargs)}${c.groups ? " groups" : ""}`;
    it(name, () => {
      // betas come as JSON lists; Python passed tuples, which print as (a, b)
      if (c.kwargs.betas) c.kwargs.betas = Object.assign(new PyTuple(), c.kwargs.betas);
      for (const g of c.groups ?? []) if (g.betas) g.betas = Object.assign(new PyTuple(), g.betas);
      const { ps, opt } = build(c);
      for (let s = 0; s < grads.length; s++) {
        opt.zero_grad();
        ps.forEach((p, i) => (p.grad = grad(grads[s][i], shapes[i])));
        opt.step();
        ps.forEach((p, i) => {
          const want = c.traj[s][i];
          const got = flat(p);
          expect(maxRel(got, want), `step ${s} param ${i}`).toBeLessThanOrEqual(1e-6);
        });
      }
      // bit-exact where PyTorch's kernels were reproduced
      ps.forEach((p, i) => expect(flat(p)).toEqual(c.traj[grads.length - 1][i]));
      expect(opt.__repr__()).toBe(c.repr);
      const sd = opt.state_dict();
      expect(pyRepr(sd.param_groups)).toBe(c.param_groups_repr);
      expect(pyRepr(sd)).toBe(c.state_dict_repr);
      for (const [k, keys] of Object.entries(c.state_keys)) expect([...sd.state.__getitem__(Number(k)).keys()]).toEqual(keys);
    });
  }
});

describe("integration with autograd", () => {
  for (const q of fixtures.quadratic) {
    it(`${q.cls} ${JSON.stringify(q.kwargs)} on seed 003's model`, () => {
      const x = torch.tensor([[1.0, 2.0], [2.0, 3.0], [4.0, 6.0], [3.0, 1.0]]);
      const y = torch.tensor([[8.0], [13.0], [26.0], [9.0]]);
      const w = torch.tensor([[1.0], [1.0]], { requires_grad: true });
      const opt = (optim as any)[q.cls]([w], q.kwargs);
      q.losses.forEach((want: number, s: number) => {
        const l = x.matmul(w).sub(y).pow(2).sum();
        opt.zero_grad();
        l.backward();
        opt.step();
        // the loss itself is the core's forward (y_pred - y cancels as it shrinks): compare it on
        // the scale of the first loss; the weights, which the optimizer makes, to 1e-6 relative
        expect(Math.abs((l.item() as number) - want), `loss ${s}`).toBeLessThanOrEqual(1e-6 * q.losses[0]);
        expect(maxRel(flat(w), q.w[s]), `w ${s}`).toBeLessThanOrEqual(1e-6);
      });
    });
  }
  it("step(closure) returns the closure's loss", () => {
    const w = torch.tensor([1.0, -2.0], { requires_grad: true });
    const opt = optim.SGD([w], { lr: 0.1 });
    const losses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const closure = () => {
        opt.zero_grad();
        const l = w.mul(w).sum();
        l.backward();
        return l;
      };
      losses.push((opt.step(closure) as Tensor).item() as number);
    }
    expect(losses).toEqual(fixtures.closure.losses);
    expect(flat(w)).toEqual(fixtures.closure.w);
  });
});

describe("load_state_dict", () => {
  it("Adam state carried to a fresh optimizer continues the trajectory", () => {
    const ps = init.map((v, i) => param(v, shapes[i]));
    const opt = optim.Adam(ps, { lr: 0.01, amsgrad: true });
    for (let s = 0; s < 3; s++) {
      ps.forEach((p, i) => (p.grad = grad(grads[s][i], shapes[i])));
      opt.step();
    }
    const sd = opt.state_dict();
    const qs = ps.map((p) => p.detach().clone().requires_grad_());
    const opt2 = optim.Adam(qs, { lr: 0.5 });
    opt2.load_state_dict(sd);
    for (let s = 3; s < 5; s++) {
      qs.forEach((p, i) => (p.grad = grad(grads[s][i], shapes[i])));
      opt2.step();
    }
    qs.forEach((q, i) => expect(flat(q)).toEqual(fixtures.roundtrip.final[i]));
    expect(opt2.__repr__()).toBe(fixtures.roundtrip.repr);
    // the loaded state is a copy: stepping opt2 left opt's tensors alone
    expect(opt.state.__getitem__(ps[0]).__getitem__("step").item()).toBe(3);
  });
});
