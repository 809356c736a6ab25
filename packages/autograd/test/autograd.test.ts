// Autograd behaviour checked against values printed by real PyTorch 1.13 (see comments).
import { describe, expect, it } from "vitest";
import torch from "@tsgrad/torch";
import { grad, Function } from "@tsgrad/autograd";

const vals = (t: any) => Array.from(t._contiguousValues() as ArrayLike<number>);

describe("higher-order gradients", () => {
  it("grad with create_graph gives a differentiable gradient", () => {
    const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    const z = x.mul(x).sum();
    const [g] = grad(z, x, { create_graph: true });
    expect(vals(g)).toEqual([2, 4, 6]);
    expect(g!.grad_fn!.name()).toBe("AddBackward0"); // torch: grad_fn=<AddBackward0>
    const [g2] = grad(g!.sum(), x);
    expect(vals(g2)).toEqual([2, 2, 2]);
  });
  it("third derivative of x**3 at 2 is 6", () => {
    const x = torch.tensor(2.0, { requires_grad: true });
    const y = x.pow(3);
    const [d1] = grad(y, x, { create_graph: true });
    const [d2] = grad(d1, x, { create_graph: true });
    const [d3] = grad(d2, x);
    expect([d1!.item(), d2!.item(), d3!.item()]).toEqual([12, 12, 6]);
    expect(d1!.grad_fn!.name()).toBe("MulBackward0");
  });
});

describe("hooks and retain_grad", () => {
  it("a non-leaf hook rewrites the gradient before it flows on; leaf hooks see it", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const y = x.mul(2);
    y.register_hook((g: any) => g.mul(10));
    const seen: number[][] = [];
    x.register_hook((g: any) => void seen.push(vals(g)));
    y.sum().backward();
    expect(seen).toEqual([[20, 20]]);
    expect(vals(x.grad)).toEqual([20, 20]);
  });
  it("retain_grad keeps a non-leaf's gradient", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const y = x.mul(3);
    y.retain_grad();
    y.mul(y).sum().backward();
    expect(vals(y.grad)).toEqual([6, 12]);
    expect(vals(x.grad)).toEqual([18, 36]);
  });
  it("gradients accumulate across backward calls", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    x.mul(x).sum().backward();
    x.mul(x).sum().backward();
    expect(vals(x.grad)).toEqual([4, 8]);
  });
});

describe("errors", () => {
  it("a saved tensor modified in place makes backward fail with PyTorch's message", () => {
    const a = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    const b = a.mul(1);
    const c = b.mul(b);
    b.add_(1);
    expect(() => c.sum().backward()).toThrowError(
      "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).",
    );
    expect(a.grad).toBe(null);
  });
  it("backward twice through saved tensors fails; retain_graph allows it", () => {
    const a = torch.tensor([1.0, 2.0], { requires_grad: true });
    const c = a.mul(a).sum();
    c.backward({ retain_graph: true });
    c.backward();
    expect(vals(a.grad)).toEqual([4, 8]);
    expect(() => c.backward()).toThrowError(/^Trying to backward through the graph a second time/);
  });
  it("in-place on a leaf that requires grad is refused and changes nothing", () => {
    const a = torch.tensor([1.0, 2.0], { requires_grad: true });
    expect(() => a.add_(1)).toThrowError("a leaf Variable that requires grad is being used in an in-place operation.");
    expect(vals(a)).toEqual([1, 2]);
    expect(a._version).toBe(0);
    torch.no_grad(() => a.add_(1));
    expect(vals(a)).toEqual([2, 3]);
  });
});

describe("in-place on a non-leaf", () => {
  it("rebases the history onto the in-place op", () => {
    const a = torch.tensor([1.0, 2.0], { requires_grad: true });
    const b = a.mul(2);
    b.mul_(3);
    expect(b.grad_fn.name()).toBe("MulBackward0");
    b.sum().backward();
    expect(vals(a.grad)).toEqual([6, 6]);
  });
});

describe("autograd.Function", () => {
  class Sq extends Function {
    static override forward(ctx: any, x: any) {
      ctx.save_for_backward(x);
      return x.mul(x);
    }
    static override backward(ctx: any, g: any) {
      const [x] = ctx.saved_tensors;
      return x.mul(2).mul(g);
    }
  }
  it("records a <Name>Backward node and runs the user's backward", () => {
    const x = torch.tensor([3.0], { requires_grad: true });
    const apply = Sq.apply; // read off the class, as `P3 = Legendre.apply`
    const y = apply(x);
    expect(y.grad_fn.name()).toBe("SqBackward");
    expect(String(y)).toBe("tensor([9.], grad_fn=<SqBackward>)");
    y.backward();
    expect(vals(x.grad)).toEqual([6]);
  });
});

describe("autograd.grad and backward(inputs)", () => {
  it("allow_unused returns None for an unused input", () => {
    const x = torch.tensor(1.0, { requires_grad: true });
    const w = torch.tensor(2.0, { requires_grad: true });
    const r = grad(x.mul(3), [x, w], { allow_unused: true });
    expect(r[0]!.item()).toBe(3);
    expect(r[1]).toBe(null);
    expect(() => grad(x.mul(3), [x, w])).toThrowError(/appears to not have been used in the graph/);
  });
  it("backward(inputs=[x]) accumulates only into x", () => {
    const x = torch.tensor(1.0, { requires_grad: true });
    const w = torch.tensor(2.0, { requires_grad: true });
    x.mul(w).backward({ inputs: [x] });
    expect(x.grad.item()).toBe(2);
    expect(w.grad).toBe(null);
  });
  it("autograd.grad does not touch .grad of leaves", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    grad(x.mul(x).sum(), x);
    expect(x.grad).toBe(null);
  });
});
