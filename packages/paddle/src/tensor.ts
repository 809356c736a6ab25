// Paddle's Tensor semantics on core tensors of the paddle dialect. Each accessor or method
// installed here checks the tensor's dialect and defers to the core behaviour for torch and
// oneflow tensors, so one program can mix dialects.
//
// What differs from torch (Paddle 2.0's python/paddle/fluid/dygraph/varbase_patch_methods.py
// and paddle/fluid/imperative/basic_engine.cc):
// - `stop_gradient` is the inverse of requires_grad; True for tensors a user makes.
// - `backward()` on a tensor of any shape seeds a gradient of ones (BasicEngine::Init).
// - Paddle 2.0 writes the gradient of every tensor on the path into that tensor's own grad
//   variable, intermediates included; the root's grad is the ones it was seeded with.
// - `.grad` and `gradient()` are numpy arrays in 2.0; `.grad` is a Tensor in later releases.
// - `clear_grad()` fills the gradient with zeros (it stays allocated).

import { Tensor, defineMethod, runBackward, AccumulateGrad, paddleDialect, isKwargs, type Node } from "@tsgrad/core";
import { RuntimeError, TypeError as PyTypeError } from "@tsgrad/py";
import { paddleTensorRepr } from "./repr.ts";
import { toNumpy } from "./ndarray.ts";
import { profile } from "./version.ts";
import { asCore } from "./mode.ts";
import { installPaddleMethods } from "./methods.ts";

type T = Tensor;
const isPaddle = (t: T): boolean => t._dialect === paddleDialect;

/** Gradients of intermediates seen by the last backward through their node: node -> per output. */
const intermediateGrads = new WeakMap<Node, Array<T | undefined>>();

/** The gradient tensor Paddle keeps for `t`, or null. */
export function paddleGradOf(t: T): T | null {
  if (t._grad !== null) return t._grad;
  if (t._grad_fn === null) return null;
  return intermediateGrads.get(t._grad_fn)?.[t._output_nr] ?? null;
}

// ---- stop_gradient --------------------------------------------------------------------------

Object.defineProperty(Tensor.prototype, "stop_gradient", {
  get(this: T): boolean {
    if (this._pdStopGradient !== undefined) return this._pdStopGradient;
    return !this.requires_grad;
  },
  set(this: T, v: boolean) {
    this._pdStopGradient = undefined;
    if (v) {
      // Paddle lets an intermediate stop the gradient: it becomes a leaf that needs none.
      this._grad_fn = null;
      this._requires_grad = false;
    } else if (this.dtype.kind === "float") {
      if (this._grad_fn === null) this._requires_grad = true;
    } else {
      // Paddle accepts the flag on integer tensors; no gradient ever reaches them.
      this._pdStopGradient = false;
    }
  },
  configurable: true,
});

// ---- printing, shape, place ------------------------------------------------------------------

export function paddleRepr(t: T, prefix = "Tensor"): string {
  return paddleTensorRepr({
    values: t._contiguousValues(),
    shape: t._shape,
    kind: t.dtype.kind,
    dtypeName: t.dtype.name,
    place: profile().place,
    stopGradient: t.stop_gradient,
    prefix,
  });
}

const coreRepr = Tensor.prototype.__repr__;
defineMethod("__repr__", function (this: T) {
  if (!isPaddle(this)) return coreRepr.call(this);
  if (this._isParameter) return "Parameter containing:\n" + paddleRepr(this);
  return paddleRepr(this);
});

const shapeDesc = Object.getOwnPropertyDescriptor(Tensor.prototype, "shape")!;
Object.defineProperty(Tensor.prototype, "shape", {
  // Paddle's shape is a Python list: prints `[2, 3]`.
  get(this: T) {
    return isPaddle(this) ? this._shape.slice() : shapeDesc.get!.call(this);
  },
  configurable: true,
});

Object.defineProperty(Tensor.prototype, "place", {
  get(this: T) {
    const p = profile().place;
    return { __repr__: () => p, __str__: () => p, toString: () => p };
  },
  configurable: true,
});

defineMethod("numpy", function (this: T) {
  return toNumpy(this);
});

// ---- grad -----------------------------------------------------------------------------------

const gradDesc = Object.getOwnPropertyDescriptor(Tensor.prototype, "grad")!;
Object.defineProperty(Tensor.prototype, "grad", {
  get(this: T) {
    if (!isPaddle(this)) return gradDesc.get!.call(this);
    const g = paddleGradOf(this);
    if (g === null) return null;
    if (profile().gradAsNumpy) return toNumpy(g);
    g._dialect = paddleDialect;
    // later releases print a gradient as a tensor with stop_gradient=False
    g._pdStopGradient = false;
    return g;
  },
  set(this: T, g: T | null) {
    gradDesc.set!.call(this, g);
  },
  configurable: true,
});

defineMethod("gradient", function (this: T) {
  const g = paddleGradOf(this);
  return g === null ? null : toNumpy(g);
});

function clearGrad(this: T) {
  if (this._grad !== null) {
    this._grad._storage.fill(0);
    this._grad._vc.v++;
    return;
  }
  const node = this._grad_fn;
  const list = node === null ? undefined : intermediateGrads.get(node);
  const g = list?.[this._output_nr];
  // an intermediate's gradient may be shared with another's: replace it, not fill it
  if (list && g) list[this._output_nr] = Tensor.empty(g._shape.slice(), g.dtype, paddleDialect);
}
defineMethod("clear_grad", clearGrad);
defineMethod("clear_gradient", clearGrad);

// ---- backward -------------------------------------------------------------------------------

/** Record the gradient arriving at each output of every node reachable from `root`. */
function captureIntermediates(root: Node): () => void {
  const undo: Array<() => void> = [];
  const seen = new Set<Node>();
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n) || n instanceof AccumulateGrad) continue;
    seen.add(n);
    const hadMap = n._preHooks !== null;
    const hooks = (n._preHooks ??= new Map());
    const slots = Math.max(1, n._outputMeta.length);
    for (let s = 0; s < slots; s++) {
      const list = hooks.get(s) ?? [];
      hooks.set(s, list);
      const hook = (g: T) => {
        const store = intermediateGrads.get(n) ?? [];
        intermediateGrads.set(n, store);
        store[s] = g;
      };
      list.push(hook);
      undo.push(() => list.splice(list.indexOf(hook), 1));
    }
    if (!hadMap) undo.push(() => void (n._preHooks = null));
    for (const [next] of n.next_edges) if (next !== null) stack.push(next);
  }
  return () => undo.forEach((f) => f());
}

const coreBackward = Tensor.prototype.backward;
defineMethod("backward", function (this: T, ...args: any[]) {
  if (!isPaddle(this)) return coreBackward.apply(this, args);
  let kw: Record<string, any> = {};
  if (args.length > 0 && isKwargs(args[args.length - 1])) kw = args.pop();
  for (const k of Object.keys(kw))
    if (k !== "grad_tensor" && k !== "retain_graph") throw new PyTypeError(`backward() got an unexpected keyword argument '${k}'`);
  // Paddle 2.0's signature was backward(retain_graph=False); 2.1 put grad_tensor first.
  let gradTensor: T | null = null;
  let retain = false;
  if (typeof args[0] === "boolean") retain = args[0];
  else {
    gradTensor = args[0] ?? null;
    retain = Boolean(args[1] ?? false);
  }
  gradTensor = kw.grad_tensor ?? gradTensor;
  retain = Boolean(kw.retain_graph ?? retain);

  if (this.stop_gradient) return; // BasicEngine::Init skips a loss with stop_gradient=True
  if (this._pdGraphFreed)
    throw new RuntimeError(
      `${this.name} trying to backward through the same graph a second time, but this graph have already been freed. Please specify Tensor.backward(retain_graph=True) when calling backward at the first time.`,
    );
  let seed: T;
  if (gradTensor !== null) {
    if (!(gradTensor instanceof Tensor)) throw new RuntimeError("The type of grad_tensor must be paddle.Tensor");
    if (gradTensor._shape.join() !== this._shape.join())
      throw new RuntimeError(`Tensor shape not match, Tensor of grad_tensor [ ${gradTensor.name} ] with shape [${gradTensor._shape.join(", ")}] mismatch Tensor [ ${this.name} ] with shape [${this._shape.join(", ")}]`);
    seed = gradTensor.detach();
  } else {
    seed = Tensor.empty(this._shape.slice(), this.dtype, paddleDialect);
    seed._storage.fill(1);
  }
  const root = this._grad_fn;
  const release = root !== null && profile().retainAllGrads ? captureIntermediates(root) : null;
  try {
    // derivatives call tensor methods with the core's meaning
    asCore(() => runBackward([this], [seed], { retain_graph: retain, create_graph: false }));
  } finally {
    release?.();
  }
  if (!retain && root !== null) this._pdGraphFreed = true;
});

// Paddle tensors have names; dygraph temporaries are `generated_tensor_<n>`.
let tensorNames = 0;
Object.defineProperty(Tensor.prototype, "name", {
  get(this: T): string {
    return (this._pdName ??= `generated_tensor_${tensorNames++}`);
  },
  set(this: T, v: string) {
    this._pdName = v;
  },
  configurable: true,
});

installPaddleMethods();
