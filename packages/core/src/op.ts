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

/** The shared empty list of a fresh node's per-input fields (never written: run() replaces them). */
const NO_ITEMS: any[] = Object.freeze([]) as unknown as any[];

/** The forward/backward context: saved tensors and whatever the op stores on it. */
export class Ctx extends Node {
  op: Op | null;
  args: unknown[];
  _saved: SavedVariable[] | null = null;
  _released = false;
  _name = "";
  // run() replaces these three; until then they share one empty array (a node is made per
  // recorded op, so per-instance empty arrays are pure allocation churn on the tutorial path)
  needs_input_grad: boolean[] = NO_ITEMS;
  /** Recorded through `callScalar` with a number operand: named by the op's `scalarNames`. */
  _scalarOverload = false;
  /** Shapes/dtypes of the inputs, for reducing broadcast gradients and casting them back. */
  _inputMeta: Array<{ shape: number[]; dtype: DType } | null> = NO_ITEMS;
  /** Saved tensors that are this node's own outputs, with their output number. */
  _savedOutputNr: Map<SavedVariable, number> | null = null;
  [key: string]: any;

  /** Which dialect's names to use; the name itself is computed on first use (it is rarely read). */
  _dialectName = "torch";
  constructor(op: Op | null = null, args: unknown[] = NO_ITEMS) {
    super();
    this.op = op;
    this.args = args;
  }
  name(): string {
    if (this._name === "" && this.op !== null) this._name = gradName(this.op, this._dialectName, this.args, this._scalarOverload);
    return this._name;
  }
  save_for_backward(...tensors: Array<Tensor | null | undefined>): void {
    const saved = new Array<SavedVariable>(tensors.length);
    for (let i = 0; i < tensors.length; i++) {
      const t = tensors[i];
      saved[i] = t == null ? (null as any) : new SavedVariable(t, false);
    }
    this._saved = saved;
  }
  get saved_tensors(): Tensor[] {
    if (this._released) throw backwardTwiceError();
    const saved = this._saved;
    if (saved === null) return [];
    const out = new Array<Tensor>(saved.length);
    for (let i = 0; i < saved.length; i++) {
      const s = saved[i];
      if (s === null) {
        out[i] = null as any;
        continue;
      }
      if (s.tensor._vc.v !== s.version) throw modifiedError(s, this);
      out[i] = s.tensor;
    }
    return out;
  }
  override release(): void {
    if (this._saved !== null && this._saved.length > 0) this._released = true;
    this._saved = null;
  }
  apply(grads: Tensor[]): (Tensor | null)[] {
    if (this._released) throw backwardTwiceError();
    const op = this.op!;
    // one output (nearly every op) calls without spreading the list
    const raw = grads.length === 1 ? op.backward!(this, grads[0]) : op.backward!(this, ...grads);
    const n = this.next_edges.length;
    // the op's own list is reused as the result when it has the right length
    const out: Array<Tensor | null> = raw.length === n ? (raw as Array<Tensor | null>) : new Array<Tensor | null>(n);
    for (let i = 0; i < n; i++) {
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
  if (!(t instanceof Tensor)) return [null, 0];
  if (t._grad_fn !== null) return [t._grad_fn, t._output_nr];
  if (!t._requires_grad) return [null, 0];
  return [t._gradAccumulator(), 0];
}

/** The forward, on the CPU or (when a tensor argument or `device=` says so) on a device's backend. */
function forward(op: Op, ctx: Ctx, bound: unknown[]): any {
  if (deviceState.active) {
    const dev = deviceOfArgs(op, bound);
    if (dev !== null) return deviceForward(op, ctx, bound, dev);
  }
  // spelled out for the usual arities: a spread call costs more than the tutorial ops' kernels
  switch (bound.length) {
    case 1:
      return op.forward(ctx, bound[0]);
    case 2:
      return op.forward(ctx, bound[0], bound[1]);
    case 3:
      return op.forward(ctx, bound[0], bound[1], bound[2]);
    case 4:
      return op.forward(ctx, bound[0], bound[1], bound[2], bound[3]);
    default:
      return op.forward(ctx, ...bound);
  }
}

/** Run an op on already-bound args: forward, then (if anything requires grad) the graph node. */
function run(op: Op, bound: unknown[], scalarCall = false): any {
  let record = false;
  const tp = op.tensorParams;
  if (gradState.enabled && op.backward !== undefined && !op.nondifferentiable) {
    for (let k = 0; k < tp.length; k++) {
      const v = bound[tp[k]];
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

  const ctx = new Ctx(op, bound);
  if (scalarCall && op.scalarNames !== undefined)
    ctx._scalarOverload = tp.some((i) => bound[i] != null && !(bound[i] instanceof Tensor) && !Array.isArray(bound[i]));
  gradState.enabled = false;
  let out: any;
  try {
    out = forward(op, ctx, bound);
  } finally {
    gradState.enabled = true;
  }
  // one edge per tensor argument (lists give one each); the lists are made at their final
  // length, as growing an empty array by push reserves room for 17
  let nIn = 0;
  for (let k = 0; k < tp.length; k++) {
    const v = bound[tp[k]];
    nIn += Array.isArray(v) ? v.length : 1;
  }
  const edges: Edge[] = new Array(nIn);
  const meta: Ctx["_inputMeta"] = new Array(nIn);
  const needs: boolean[] = new Array(nIn);
  let j = 0;
  for (let k = 0; k < tp.length; k++) {
    const v = bound[tp[k]];
    if (Array.isArray(v)) {
      for (const t of v) j = addInput(ctx, t, edges, meta, needs, j);
    } else j = addInput(ctx, v, edges, meta, needs, j);
  }
  // a Scalar overload's skipped Scalar leaves the lists short
  if (j !== nIn) edges.length = meta.length = needs.length = j;
  ctx.next_edges = edges;
  ctx._inputMeta = meta;
  ctx.needs_input_grad = needs;
  // grad_fn names follow the dialect of the first tensor operand (a list's first element for
  // cat/stack, the exponent of number ** tensor)
  const first = firstTensor(bound, tp);
  if (first !== null) ctx._dialectName = first._dialect.gradNames;
  attachOutputs(ctx, out, op.differentiableOutputs);
  const saved = ctx._saved;
  if (saved !== null) {
    for (let j = 0; j < saved.length; j++) {
      const sv = saved[j];
      if (sv === null) continue;
      const k = out instanceof Tensor ? (sv.tensor === out ? 0 : -1) : (out as unknown[]).indexOf(sv.tensor);
      if (k >= 0) (ctx._savedOutputNr ??= new Map()).set(sv, k);
    }
  }
  return out;
}

/** One graph input of a recorded op: its edge, whether it needs a gradient, its shape/dtype. */
function addInput(ctx: Ctx, t: unknown, edges: Edge[], meta: Ctx["_inputMeta"], needs: boolean[], j: number): number {
  // a Scalar overload's node has no edge for its Scalar (a wrapped number's has a null one)
  if (ctx._scalarOverload && t != null && !(t instanceof Tensor)) return j;
  const e = edgeOf(t);
  edges[j] = e;
  needs[j] = e[0] !== null;
  meta[j] = t instanceof Tensor ? { shape: t._shape, dtype: t.dtype } : null;
  return j + 1;
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
  if (out instanceof Tensor) {
    // one output, the common case: no wrapping list
    node._outputMeta = [{ shape: out._shape, dtype: out.dtype, device: deviceOf(out) }];
    if ((differentiable === undefined || differentiable.includes(0)) && out.dtype.kind === "float") {
      out._grad_fn = node;
      out._output_nr = 0;
    }
    return;
  }
  const outs = out as Tensor[];
  const metas: Node["_outputMeta"] = node._outputMeta.length === 0 ? [] : node._outputMeta;
  for (let i = 0; i < outs.length; i++) {
    const t = outs[i];
    metas.push({ shape: t._shape, dtype: t.dtype, device: deviceOf(t) });
    if (differentiable && !differentiable.includes(i)) continue;
    if (t.dtype.kind !== "float") continue;
    t._grad_fn = node;
    t._output_nr = i;
  }
  node._outputMeta = metas;
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
    const quick = signature.quickDefaults;
    const nQuick = signature.varargsIndex < 0 ? signature.nPositional - 1 : -1;
    Object.defineProperty(Tensor.prototype, name, {
      value: function (this: Tensor, ...args: any[]) {
        // positionals only (`x.mul(y)`, `y.sum()`): bind straight into a copy of the defaults,
        // as bindArgs's own fast path does, without first building [this, ...args]
        const n = args.length;
        if (quick !== null && n <= nQuick && n + 1 >= signature.nRequired && !(n > 0 && isKwargs(args[n - 1]))) {
          const bound = quick.slice();
          bound[0] = this;
          for (let i = 0; i < n; i++) bound[i + 1] = args[i];
          return run(op, bound);
        }
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
