// Printed optimizers, defaults, param groups, state and state_dicts, and the error messages of
// bad arguments, against PyTorch 1.13 (fixtures/optim.json).
import { describe, expect, it } from "vitest";
import { pyRepr, pyStr, type, float } from "@tsgrad/py";
import { float64 } from "@tsgrad/core";
import optim from "../src/index.ts";
import lr_scheduler from "../src/lr_scheduler.ts";
import { fixtures, torch, flat } from "./helpers.ts";

const P = fixtures.prints;

describe("printing (PyTorch 1.13)", () => {
  for (const cls of ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"]) {
    it(cls, () => {
      const w = torch.tensor([1.0, 2.0], { requires_grad: true });
      const o = cls === "SGD" ? (optim as any)[cls]([w], { lr: 0.01 }) : (optim as any)[cls]([w]);
      expect(o.__repr__()).toBe(P[cls].repr);
      expect(pyStr(o)).toBe(P[cls].repr);
      expect(pyRepr(o.defaults)).toBe(P[cls].defaults);
      expect(pyRepr(o.param_groups[0])).toBe(P[cls].group0);
      expect(pyRepr(o.state)).toBe(P[cls].state);
      expect(pyRepr(o.state_dict())).toBe(P[cls].state_dict);
      expect(type(o).__name__).toBe(cls);
      expect(type(o)).toBe((optim as any)[cls]);
    });
  }
  it("state after a step, keyed by the parameter", () => {
    const w = torch.tensor([1.0, 2.0], { requires_grad: true });
    const o = new optim.SGD([w], { lr: 0.1, momentum: 0.9 });
    w.grad = torch.tensor([0.5, -0.25]);
    o.step();
    expect(pyRepr(o.state)).toBe(P.sgd_state_after);
    expect(pyRepr(o.state_dict())).toBe(P.sgd_state_dict_after);
    expect(o.state_dict()["state"][0]["momentum_buffer"]).toBe(o.state.__getitem__(w).__getitem__("momentum_buffer"));
    const o3 = optim.Adam([w], { lr: 0.1 });
    w.grad = torch.tensor([0.5, -0.25]);
    o3.step();
    expect(pyRepr(o3.state_dict())).toBe(P.adam_state_dict_after);
  });
  it("add_param_group", () => {
    const o = optim.SGD([torch.tensor([1.0], { requires_grad: true })], 0.1);
    o.add_param_group({ params: torch.tensor([3.0], { requires_grad: true }), lr: 0.5 });
    expect(o.__repr__()).toBe(P.add_param_group);
  });
  it("param_groups are dicts: read and write lr", () => {
    const w = torch.tensor([1.0], { requires_grad: true });
    const o = optim.SGD([w], 1);
    o.param_groups[0]["lr"] = 0.5;
    w.grad = torch.tensor([2.0]);
    o.step();
    expect(flat(w)).toEqual([0]);
  });
});

describe("zero_grad", () => {
  it("zeroes in place by default (1.13), set_to_none drops the grad", () => {
    const w = torch.tensor([1.0, 2.0], { requires_grad: true });
    const o = optim.SGD([w], 0.1);
    w.sum().mul(3).backward();
    const g = w.grad;
    o.zero_grad();
    expect(w.grad).toBe(g);
    expect(flat(w.grad)).toEqual([0, 0]);
    o.zero_grad(true);
    expect(w.grad).toBe(null);
    w.sum().backward();
    o.zero_grad({ set_to_none: true });
    expect(w.grad).toBe(null);
  });
  it("a parameter without grad is skipped by step", () => {
    const w = torch.tensor([1.0], { requires_grad: true });
    const o = optim.Adam([w]);
    o.step();
    expect(flat(w)).toEqual([1]);
    expect(pyRepr(o.state)).toBe("defaultdict(<class 'dict'>, {})");
  });
});

const BAD: Record<string, () => unknown> = {};
{
  const w = torch.tensor([1.0, 2.0], { requires_grad: true });
  const sgd = () => optim.SGD([w], { lr: 0.1 });
  Object.assign(BAD, {
    empty: () => optim.SGD([], { lr: 0.1 }),
    neg_lr: () => optim.SGD([w], { lr: -1 }),
    neg_lr_float: () => optim.Adam([w], { lr: -0.5 }),
    non_leaf: () => optim.SGD([w.mul(2)], { lr: 0.1 }),
    tensor_params: () => optim.SGD(w, { lr: 0.1 }),
    double_tensor_params: () => optim.SGD(torch.tensor([1.0], { dtype: float64 }), { lr: 0.1 }),
    sgd_no_lr: () => optim.SGD([w]),
    nesterov: () => optim.SGD([w], { lr: 0.1, nesterov: true }),
    momentum: () => optim.SGD([w], { lr: 0.1, momentum: -0.5 }),
    weight_decay: () => optim.SGD([w], { lr: 0.1, weight_decay: -1 }),
    beta0: () => optim.Adam([w], { betas: [float(1), 0.9] }),
    beta1: () => optim.Adam([w], { betas: [0.9, -0.1] }),
    eps: () => optim.Adam([w], { eps: -1e-8 }),
    alpha: () => optim.RMSprop([w], { alpha: -1 }),
    lr_decay: () => optim.Adagrad([w], { lr_decay: -1 }),
    init_acc: () => optim.Adagrad([w], { initial_accumulator_value: -1 }),
    not_tensor: () => optim.SGD([1.5], { lr: 0.1 }),
    unexpected_kw: () => optim.SGD([w], { lr: 0.1, foo: 1 }),
    dup_group: () => sgd().add_param_group({ params: [w] }),
    load_groups: () => sgd().load_state_dict({ state: {}, param_groups: [] }),
    load_size: () => sgd().load_state_dict({ state: {}, param_groups: [{ lr: 0.1, params: [0, 1] }] }),
    factor: () => lr_scheduler.ReduceLROnPlateau(sgd(), { factor: 1.0 }),
    mode: () => lr_scheduler.ReduceLROnPlateau(sgd(), { mode: "foo" }),
    not_optimizer: () => lr_scheduler.StepLR(5, 2),
    lambdas: () => lr_scheduler.LambdaLR(sgd(), [() => 1, () => 2]),
    resume: () => lr_scheduler.StepLR(sgd(), 2, { last_epoch: 3 }),
  });
}

describe("errors (PyTorch 1.13's type and message)", () => {
  for (const e of fixtures.errors) {
    it(e.name, () => {
      let err: any = null;
      try {
        BAD[e.name]();
      } catch (x) {
        err = x;
      }
      expect(err, "should throw").not.toBe(null);
      expect(err.name).toBe(e.type);
      // KeyError's str() is the repr of its key
      expect(e.type === "KeyError" ? pyStr(err) : err.message).toBe(e.msg);
    });
  }
  it("a failed constructor leaves the parameters as they were", () => {
    const w = torch.tensor([1.0, 2.0], { requires_grad: true });
    expect(() => optim.SGD([w], { lr: 0.1, nesterov: true })).toThrow();
    expect(flat(w)).toEqual([1, 2]);
    expect(w.grad).toBe(null);
  });
});
