// The op table. Every op is declared once with defineOp(): its Python signature, its forward
// kernel, its derivative written in ops, and its grad_fn name per dialect. From that entry the
// torch-style function (`ops.mul`) and the tensor method (`t.mul`) are made; autograd
// bookkeeping, argument parsing and the broadcast reduction of gradients live here, not in ops.

import { RuntimeError } from "@tsgrad/py";
import { Tensor } from "./tensor.ts";
import { gradState } from "./autograd/grad_mode.ts";
import { Node, SavedVariable, backwardTwiceError, type Edge } from "./autograd/node.ts";
import { bindArgs, isKwargs, parseSignature, parseOverload, type Overload, type Signature } from "./signature.ts";
import { writeOut, outAutogradError } from "./out_arg.ts";
import type { DType } from "./dtype.ts";
import { deviceState, deviceOfArgs, deviceForward, deviceOf } from "./kernels/backends.ts";

type NameSpec = string | ((args: unknown[]) => string);

export interface OpDef {
  /** Python signature, e.g. "mul(Tensor input, Tensor other)". */
  sig: string;
  /**
   * PyTorch 1.13's own binding signatures, verbatim from libtorch_python ("sum(Tensor input, *,
   * ScalarType? dtype=None)", "...|deprecated"): `fn` for `torch.<name>`, `method` for
   * `Tensor.<name>` (without self). Only used to word the TypeError of a call that does not bind.
   */
  overloads?: { fn?: string[]; method?: string[] };
  /** Install as a tensor method (default true) and/or a module function (default true). */
  method?: boolean;
  fn?: boolean;
  /** Forward: computes outputs from bound args without recording anything. */
  forward: (ctx: Ctx, ...args: any[]) => any;
  /** Derivative in ops: gradients for each Tensor param in order (null = none). */
  backward?: (ctx: Ctx, ...grads: Tensor[]) => Array<Tensor | null | undefined>;
  /** grad_fn names; torch's defaults to `<Name>Backward0` from the op name. */
  names?: { torch?: NameSpec; oneflow?: NameSpec; paddle?: NameSpec };
  /**
   * grad_fn names of the ATen Scalar overload (`div.Scalar` is DivBackward1), for calls made
   * through `callScalar` with a number operand. Python wraps a number given to add/sub/mul/div
   * into a tensor (`x.div(2)` is DivBackward0), but library code written in C++ passes a
   * `c10::Scalar` (`x / n` in ATen's cross_entropy is DivBackward1); ports of such library code
   * call `ops.div.callScalar(x, n)`. A dialect missing here uses its `names`.
   */
  scalarNames?: { torch?: NameSpec; oneflow?: NameSpec; paddle?: NameSpec };
  /**
   * Whether `torch.<name>` takes `out=` (default: when an `overloads.fn` signature lists it). The
   * op itself never sees it: the result is written into the given tensor (out_arg.ts).
   */
  outArg?: boolean;
  /** Which outputs carry gradient (default: all floating outputs). */
  differentiableOutputs?: number[];
  /** Ops whose result never requires grad (comparisons, argmax, detach). */
  nondifferentiable?: boolean;
}

export interface Op extends OpDef {
  name: string;
  signature: Signature;
  /** Indices of params whose values are node inputs (Tensor, Tensor?, Tensor[] types). */
  tensorParams: number[];
  call: (...args: any[]) => any;
  callBound: (bound: unknown[]) => any;
  /** `call` as ATen's C++ code makes it: a number operand is a Scalar, named by `scalarNames`. */
  callScalar: (...args: any[]) => any;
  fnOverloads: Overload[] | null;
  methodOverloads: Overload[] | null;
  /** Index of a `device` keyword (factories), or -1. */
  deviceParam: number;
}

export const ops: Record<string, Op> = {};

/** The forward/backward context: saved tensors and whatever the op stores on it. */
export class Ctx extends Node {
  op: Op | null = null;
  args: unknown[] = [];
  _saved: SavedVariable[] | null = null;
  _released = false;
  _name = "";
  needs_input_grad: boolean[] = [];
  /** Recorded through `callScalar` with a number operand: named by the op's `scalarNames`. */
  _scalarOverload = false;
  /** Shapes/dtypes of the inputs, for reducing broadcast gradients and casting them back. */
  _inputMeta: Array<{ shape: number[]; dtype: DType } | null> = [];
  /** Saved tensors that are this node's own outputs, with their output number. */
  _savedOutputNr: Map<SavedVariable, number> | null = null;
  [key: string]: any;

  /** Which dialect's names to use; the name itself is computed on first use (it is rarely read). */
  _dialectName = "torch";
  name(): string {
    if (this._name === "" && this.op !== null) this._name = gradName(this.op, this._dialectName, this.args, this._scalarOverload);
    return this._name;
  }
  save_for_backward(...tensors: Array<Tensor | null | undefined>): void {
    this._saved = tensors.map((t) => (t == null ? (null as any) : new SavedVariable(t, false)));
  }
  get saved_tensors(): Tensor[] {
    if (this._released) throw backwardTwiceError();
    const saved = this._saved ?? [];
    return saved.map((s) => {
      if (s === null) return null as any;
      if (s.tensor._vc.v !== s.version) throw modifiedError(s, this);
      return s.tensor;
    });
  }
  override release(): void {
    if (this._saved !== null && this._saved.length > 0) this._released = true;
    this._saved = null;
  }
  apply(grads: Tensor[]): (Tensor | null)[] {
    if (this._released) throw backwardTwiceError();
    const op = this.op!;
    const raw = op.backward!(this, ...grads);
    const out = new Array<Tensor | null>(this.next_edges.length);
    for (let i = 0; i < out.length; i++) {
      let g = (raw[i] ?? null) as Tensor | null;
      const meta = this._inputMeta[i];
      if (g !== null && meta) g = fitGradient(g, meta.shape, meta.dtype);
      out[i] = g;
    }
    return out;
  }
}

/** Reduce a broadcast gradient to the input's shape and give it the input's dtype. */
export function fitGradient(g: Tensor, shape: number[], dtype: DType): Tensor {
  const gs = g._shape;
  let same = gs.length === shape.length;
  if (same) for (let i = 0; i < gs.length; i++) if (gs[i] !== shape[i]) same = false;
  if (!same) g = g.sum_to_size(shape);
  if (g.dtype !== dtype) g = g.to(dtype);
  return g;
}

function modifiedError(s: SavedVariable, node: Ctx): RuntimeError {
  const t = s.tensor;
  const dims = t._shape.join(", ");
  // A saved output names the node that saved it (PyTorch keeps no reference to the output's
  // later grad_fn); a saved input names its grad_fn as it is now.
  const outNr = node._savedOutputNr?.get(s);
  const which =
    outNr !== undefined
      ? `, which is output ${outNr} of ${node.name()},`
      : t._grad_fn
        ? `, which is output ${t._output_nr} of ${t._grad_fn.name()},`
        : "";
  return new RuntimeError(
    `one of the variables needed for gradient computation has been modified by an inplace operation: [torch.${t.dtype.legacyName} [${dims}]]${which} is at version ${t._vc.v}; expected version ${s.version} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`,
  );
}

/** Forward calls that record nothing share one throwaway context. */
const sinkCtx = new Ctx();
sinkCtx.save_for_backward = () => {};

function torchGradName(opName: string): string {
  const camel = opName
    .replace(/_$/, "")
    .split("_")
    .map((p) => (p ? p[0].toUpperCase() + p.slice(1) : ""))
    .join("");
  return `${camel}Backward0`;
}

export function gradName(op: Op, dialect: string, args: unknown[], scalarOverload = false): string {
  const scalarSpec = scalarOverload ? (op.scalarNames as any)?.[dialect] : undefined;
  const spec = scalarSpec ?? (op.names as any)?.[dialect] ?? op.names?.torch;
  if (spec === undefined) return torchGradName(op.name);
  return typeof spec === "function" ? spec(args) : spec;
}

function edgeOf(t: unknown): Edge {
  if (!(t instanceof Tensor) || !t.requires_grad) return [null, 0];
  if (t._grad_fn !== null) return [t._grad_fn, t._output_nr];
  return [t._gradAccumulator(), 0];
}

/** The forward, on the CPU or (when a tensor argument or `device=` says so) on a device's backend. */
function forward(op: Op, ctx: Ctx, bound: unknown[]): any {
  if (deviceState.active) {
    const dev = deviceOfArgs(op, bound);
    if (dev !== null) return deviceForward(op, ctx, bound, dev);
  }
  return op.forward(ctx, ...bound);
}

/** Run an op on already-bound args: forward, then (if anything requires grad) the graph node. */
function run(op: Op, bound: unknown[], scalarCall = false): any {
  let record = false;
  if (gradState.enabled && op.backward && !op.nondifferentiable) {
    for (const i of op.tensorParams) {
      const v = bound[i];
      if (v instanceof Tensor) {
        if (v._requires_grad || v._grad_fn !== null) {
          record = true;
          break;
        }
      } else if (Array.isArray(v)) {
        for (const t of v) if (t instanceof Tensor && t.requires_grad) record = true;
      }
    }
  }
  if (!record) return forward(op, sinkCtx, bound);

  const ctx = new Ctx();
  ctx.op = op;
  ctx.args = bound;
  if (scalarCall && op.scalarNames !== undefined)
    ctx._scalarOverload = op.tensorParams.some((i) => bound[i] != null && !(bound[i] instanceof Tensor) && !Array.isArray(bound[i]));
  gradState.enabled = false;
  let out: any;
  try {
    out = forward(op, ctx, bound);
  } finally {
    gradState.enabled = true;
  }
  const edges: Edge[] = [];
  const meta: Ctx["_inputMeta"] = [];
  const needs: boolean[] = [];
  for (const i of op.tensorParams) {
    const v = bound[i];
    const list = Array.isArray(v) ? v : [v];
    for (const t of list) {
      // a Scalar overload's node has no edge for its Scalar (a wrapped number's has a null one)
      if (ctx._scalarOverload && t != null && !(t instanceof Tensor)) continue;
      const e = edgeOf(t);
      edges.push(e);
      needs.push(e[0] !== null);
      meta.push(t instanceof Tensor ? { shape: t._shape, dtype: t.dtype } : null);
    }
  }
  ctx.next_edges = edges;
  ctx._inputMeta = meta;
  ctx.needs_input_grad = needs;
  // grad_fn names follow the dialect of the first tensor operand (a list's first element for
  // cat/stack, the exponent of number ** tensor)
  const first = firstTensor(bound, op.tensorParams);
  if (first !== null) ctx._dialectName = first._dialect.gradNames;
  attachOutputs(ctx, out, op.differentiableOutputs);
  if (ctx._saved !== null) {
    const outs: unknown[] = out instanceof Tensor ? [out] : out;
    for (const sv of ctx._saved) {
      const k = sv === null ? -1 : outs.indexOf(sv.tensor);
      if (k >= 0) (ctx._savedOutputNr ??= new Map()).set(sv, k);
    }
  }
  return out;
}

function firstTensor(bound: unknown[], params: number[]): Tensor | null {
  for (const i of params) {
    const v = bound[i];
    if (v instanceof Tensor) return v;
    if (Array.isArray(v)) for (const t of v) if (t instanceof Tensor) return t;
  }
  return null;
}

/** A module-function call that may carry `out=` in its keywords. */
function callWithOut(op: Op, args: unknown[]): any {
  const n = args.length;
  const kw = n > 0 ? args[n - 1] : undefined;
  if (!isKwargs(kw) || !("out" in kw)) return run(op, bindArgs(op.signature, args, op.fnOverloads));
  const { out, ...rest } = kw as Record<string, unknown>;
  const callArgs = Object.keys(rest).length > 0 ? [...args.slice(0, n - 1), rest] : args.slice(0, n - 1);
  const bound = bindArgs(op.signature, callArgs, op.fnOverloads);
  if (out == null) return run(op, bound);
  const outs = Array.isArray(out) ? (out as Tensor[]) : [out as Tensor];
  if (gradState.enabled && !op.nondifferentiable) {
    const anyGrad = outs.some((t) => t instanceof Tensor && t.requires_grad) ||
      op.tensorParams.some((i) => {
        const v = bound[i];
        return v instanceof Tensor ? v.requires_grad : Array.isArray(v) && v.some((t) => t instanceof Tensor && t.requires_grad);
      });
    if (anyGrad) throw outAutogradError(op.name);
  }
  const result = run(op, bound);
  if (!Array.isArray(out)) return writeOut(out as Tensor, result);
  const results = result as Tensor[];
  outs.forEach((t, i) => writeOut(t, results[i]));
  return out;
}

/** Make `node` the grad_fn of each floating output. */
export function attachOutputs(node: Node, out: any, differentiable?: number[]): void {
  const outs: Tensor[] = out instanceof Tensor ? [out] : (out as Tensor[]);
  for (let i = 0; i < outs.length; i++) {
    const t = outs[i];
    node._outputMeta.push({ shape: t._shape, dtype: t.dtype, device: deviceOf(t) });
    if (differentiable && !differentiable.includes(i)) continue;
    if (t.dtype.kind !== "float") continue;
    t._grad_fn = node;
    t._output_nr = i;
  }
}

/**
 * Functions whose PyTorch 1.13 binding takes `out=` besides those whose `overloads.fn` say so
 * (checked by calling each `torch.<name>(..., out=t)` in PyTorch 1.13).
 */
const OUT_OPS = new Set([
  "floor_divide", "remainder", "fmod", "neg", "exp", "log", "log2", "log10", "log1p", "expm1", "sqrt", "rsqrt", "abs",
  "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "sigmoid", "floor", "ceil", "trunc", "frac", "sign",
  "reciprocal", "square", "round", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or",
  "logical_xor", "logical_not", "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not", "max", "min", "amax", "amin",
  "cumsum", "cumprod", "sort", "topk", "kthvalue", "all", "any", "mm", "bmm", "mv", "dot", "vdot", "matmul", "outer", "ger",
  "addmm", "addmv", "baddbmm", "norm", "std", "var", "logsumexp", "gather", "index_select", "index_add", "masked_select",
  "nonzero", "rand", "randn", "randint", "randperm", "normal", "bernoulli", "multinomial", "softmax", "log_softmax",
  "where", "sum", "prod", "mean", "clamp", "cat",
]);

export function defineOp(name: string, def: OpDef): Op {
  const signature = parseSignature(def.sig);
  const tensorParams: number[] = [];
  signature.params.forEach((p, i) => {
    if (p.type.startsWith("Tensor")) tensorParams.push(i);
  });
  const fnOverloads = def.overloads?.fn?.map(parseOverload) ?? null;
  // `torch.<name>(..., out=t)`: wherever PyTorch's binding takes it (never on methods)
  const acceptsOut = def.outArg ?? (OUT_OPS.has(name) || (fnOverloads?.some((o) => o.params.some((p) => p.name === "out")) ?? false));
  const methodOverloads = def.overloads?.method?.map(parseOverload) ?? null;
  const op: Op = {
    ...def,
    name,
    signature,
    tensorParams,
    fnOverloads,
    methodOverloads,
    deviceParam: signature.params.findIndex((p) => p.name === "device"),
    call: acceptsOut ? (...args: any[]) => callWithOut(op, args) : (...args: any[]) => run(op, bindArgs(signature, args, fnOverloads)),
    callBound: (bound: unknown[]) => run(op, bound),
    callScalar: (...args: any[]) => run(op, bindArgs(signature, args, fnOverloads), true),
  };
  ops[name] = op;
  if (def.method !== false) {
    Object.defineProperty(Tensor.prototype, name, {
      value: function (this: Tensor, ...args: any[]) {
        return run(op, bindArgs(signature, [this, ...args], methodOverloads, 1));
      },
      writable: true,
      configurable: true,
    });
  }
  return op;
}

/** Attach a plain method (not an op: no grad_fn of its own) to Tensor. */
export function defineMethod(name: string, fn: (this: Tensor, ...args: any[]) => any): void {
  Object.defineProperty(Tensor.prototype, name, { value: fn, writable: true, configurable: true });
}
