// torch.autograd.Function: user-defined ops with a static forward and backward.

import { Tensor, Ctx, attachOutputs, gradState, withGradMode, type Node } from "@tsgrad/core";
import { RuntimeError } from "@tsgrad/py";

/** The `ctx` a custom Function's forward and backward receive (PyTorch's FunctionCtx). */
export class FunctionCtx extends Ctx {
  _cls: typeof Function | null = null;
  _nonDifferentiable = new Set<Tensor>();
  _materializeGrads = true;
  _tensorArgIndex: number[] = [];

  mark_non_differentiable(...tensors: Tensor[]): void {
    for (const t of tensors) this._nonDifferentiable.add(t);
  }
  mark_dirty(..._tensors: Tensor[]): void {}
  set_materialize_grads(v: boolean): void {
    this._materializeGrads = v;
  }
  override apply(grads: Tensor[]): (Tensor | null)[] {
    if (this._released) throw new RuntimeError("Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.");
    const raw = (this._cls as any).backward(this, ...grads);
    const list: unknown[] = Array.isArray(raw) ? raw : [raw];
    const nArgs = this.args.length;
    if (list.length !== nArgs)
      throw new RuntimeError(`function ${this.name()} returned an incorrect number of gradients (expected ${nArgs}, got ${list.length})`);
    // keep only the gradients of tensor arguments, in edge order
    return this._tensorArgIndex.map((i) => (list[i] instanceof Tensor ? (list[i] as Tensor) : null));
  }
}

function edgeOf(t: Tensor): [Node | null, number] {
  if (!t.requires_grad) return [null, 0];
  if (t._grad_fn !== null) return [t._grad_fn, t._output_nr];
  return [t._gradAccumulator(), 0];
}

export function applyFunction(cls: typeof Function, args: unknown[]): any {
  const ctx = new FunctionCtx();
  ctx._cls = cls;
  ctx.args = args;
  ctx._name = `${cls.name}Backward`;
  const tensorIdx: number[] = [];
  args.forEach((a, i) => a instanceof Tensor && tensorIdx.push(i));
  ctx._tensorArgIndex = tensorIdx;
  ctx.needs_input_grad = args.map((a) => a instanceof Tensor && a.requires_grad);
  const record = gradState.enabled && tensorIdx.some((i) => (args[i] as Tensor).requires_grad);
  const out = withGradMode(false, () => (cls as any).forward(ctx, ...args));
  if (!record) return out;
  ctx.next_edges = tensorIdx.map((i) => edgeOf(args[i] as Tensor));
  ctx._inputMeta = tensorIdx.map((i) => ({ shape: (args[i] as Tensor)._shape, dtype: (args[i] as Tensor).dtype }));
  const outs: Tensor[] = out instanceof Tensor ? [out] : (out as Tensor[]);
  // an output that is an input, returned as is, must become a new tensor sharing its data
  const fixed = outs.map((t) => (args.includes(t) ? t.detach() : t));
  const diff = fixed.map((t, i) => (ctx._nonDifferentiable.has(outs[i]) ? -1 : i)).filter((i) => i >= 0);
  attachOutputs(ctx, fixed, diff);
  return out instanceof Tensor ? fixed[0] : fixed;
}

export class Function {
  static forward(_ctx: FunctionCtx, ..._args: any[]): any {
    throw new RuntimeError("You must implement the forward function for custom autograd.Function.");
  }
  static backward(_ctx: FunctionCtx, ..._grads: any[]): any {
    throw new RuntimeError("You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.");
  }
  /** `Cls.apply(...)`, also when read off the class (`const f = Cls.apply`). */
  static get apply(): (...args: any[]) => any {
    const cls = this;
    return (...args: any[]) => applyFunction(cls, args);
  }
}
