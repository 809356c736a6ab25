// Autograd graph nodes (PyTorch's `Node`, shown to Python as grad_fn objects).

import { RuntimeError } from "@tsgrad/py";
import type { Tensor } from "../tensor.ts";
import { objectAddress } from "../address.ts";

export type Edge = [Node | null, number];

const nodeClasses = new Map<string, Function>();
function nodeClass(name: string): Function {
  let cls = nodeClasses.get(name);
  if (cls === undefined) {
    cls = function () {};
    Object.defineProperty(cls, "name", { value: name });
    Object.defineProperty(cls, "__name__", { value: name, writable: true, configurable: true });
    Object.defineProperty(cls, Symbol.for("tsgrad.pyClass"), { value: true });
    nodeClasses.set(name, cls);
  }
  return cls;
}

let nextSequenceNr = 0;

/** A saved tensor remembers the version it had, so backward can refuse a modified one. */
export class SavedVariable {
  readonly version: number;
  constructor(
    readonly tensor: Tensor,
    /** True when the tensor is the node's own output (PyTorch names it in the error). */
    readonly isOutput: boolean,
  ) {
    this.version = tensor._vc.v;
  }
}

export abstract class Node {
  /** Backward runs newest-first: the engine orders ready nodes by this number. */
  readonly sequence_nr: number;
  next_edges: Edge[] = [];
  /** Per-output hooks from Tensor.register_hook on a non-leaf (run before this node). */
  _preHooks: Map<number, Array<(g: Tensor) => Tensor | undefined | void>> | null = null;
  _postHooks: Array<(gradInputs: (Tensor | null)[], gradOutputs: (Tensor | null)[]) => unknown> | null = null;
  /** Shapes/dtypes of outputs, to materialise zeros for outputs that got no gradient. */
  _outputMeta: Array<{ shape: number[]; dtype: import("../dtype.ts").DType; device?: import("../tensor.ts").Device }> = [];
  /** Tensors whose `.grad` should be filled when this node's output gets a gradient. */
  _retainGrad: Map<number, Tensor> | null = null;
  _metadata: Record<string, unknown> | null = null;
  // Per-backward scratch, owned by the engine (cheaper than Maps on the tutorial hot path).
  _runId = 0;
  _deps = 0;
  _buf: Array<Tensor | undefined> | null = null;

  get metadata(): Record<string, unknown> {
    return (this._metadata ??= {});
  }

  constructor() {
    this.sequence_nr = nextSequenceNr++;
  }

  abstract name(): string;

  /** Gradients of the inputs (one per next edge) from the gradients of the outputs. */
  abstract apply(grads: Tensor[]): (Tensor | null)[];

  /** Drop saved state after a backward without retain_graph. */
  release(): void {}

  get next_functions(): Array<[Node | null, number]> {
    return tupleOfEdges(this.next_edges);
  }

  register_hook(fn: (gradInputs: (Tensor | null)[], gradOutputs: (Tensor | null)[]) => unknown) {
    (this._postHooks ??= []).push(fn);
    const list = this._postHooks;
    return { remove: () => void list.splice(list.indexOf(fn), 1) };
  }

  register_prehook(fn: (gradOutputs: Tensor[]) => unknown) {
    // PyTorch 1.13 has no Node.register_prehook in Python; kept for completeness.
    return this.register_hook((_i, _o) => fn(_o as Tensor[]));
  }

  /**
   * Python's `type(grad_fn)`: PyTorch makes one class per backward function, named as the node
   * (`<class 'MulBackward0'>`, no module). One pseudo-class per name, so `type(a) === type(b)`
   * holds for two nodes of one kind.
   */
  get __class__(): Function {
    return nodeClass(this.name());
  }
  __repr__(): string {
    return `<${this.name()} object at ${objectAddress(this)}>`;
  }
  toString(): string {
    return this.__repr__();
  }
}

/** next_functions prints as a tuple of (node, index) tuples. */
function tupleOfEdges(edges: Edge[]): Array<[Node | null, number]> {
  const out = edges.map((e) => {
    const pair = [e[0], e[1]] as [Node | null, number];
    (pair as any).__repr__ = () => `(${e[0] === null ? "None" : e[0].__repr__()}, ${e[1]})`;
    return pair;
  });
  (out as any).__repr__ = () =>
    out.length === 1 ? `(${(out[0] as any).__repr__()},)` : `(${out.map((p) => (p as any).__repr__()).join(", ")})`;
  return out;
}

/** The sink for a leaf's gradient. PyTorch makes one per leaf and reuses it while alive. */
export class AccumulateGrad extends Node {
  constructor(readonly variable: Tensor) {
    super();
    // Leaves accumulate before anything else that is ready, as PyTorch's UINT64_MAX priority.
    (this as any).sequence_nr = Number.MAX_SAFE_INTEGER;
  }
  name(): string {
    return this.variable._dialect.gradNames === "oneflow" ? "accumulate_grad" : "AccumulateGrad";
  }
  apply(): (Tensor | null)[] {
    // The engine accumulates into .grad itself (it needs create_graph and hooks).
    return [];
  }
}

/** Raised when a node's saved tensors were freed by an earlier backward. */
export function backwardTwiceError(): RuntimeError {
  return new RuntimeError(
    "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.",
  );
}
