// The backward pass: walk the graph from the roots, newest node first (PyTorch's order on one
// thread), sum the gradients arriving at each node, and either accumulate into leaves' .grad
// (backward) or capture the gradients of chosen inputs (autograd.grad).

import { simdBinary, simdState } from "../kernels/wasm/simd.ts";
import { RuntimeError } from "@tsgrad/py";
import { Tensor, cpuDevice } from "../tensor.ts";
import { denseCopy, filledOn, isHost, deviceOf } from "../kernels/backends.ts";
import { AccumulateGrad, Node } from "./node.ts";
import type { TypedArray } from "../dtype.ts";
import { gradState } from "./grad_mode.ts";

export interface RunOptions {
  retain_graph: boolean;
  create_graph: boolean;
  /** autograd.grad: capture gradients for these tensors instead of accumulating. */
  captureInputs?: Tensor[] | null;
  /** backward(inputs=...): accumulate only into these. */
  accumulateOnly?: Tensor[] | null;
}

/** Max-heap of nodes by sequence number. */
class ReadyQueue {
  private h: Node[] = [];
  push(n: Node): void {
    const h = this.h;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].sequence_nr >= h[i].sequence_nr) break;
      const t = h[p];
      h[p] = h[i];
      h[i] = t;
      i = p;
    }
  }
  pop(): Node | undefined {
    const h = this.h;
    if (h.length <= 1) return h.pop();
    const top = h[0];
    h[0] = h.pop()!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l].sequence_nr > h[m].sequence_nr) m = l;
      if (r < h.length && h[r].sequence_nr > h[m].sequence_nr) m = r;
      if (m === i) break;
      const t = h[m];
      h[m] = h[i];
      h[i] = t;
      i = m;
    }
    return top;
  }
  get size(): number {
    return this.h.length;
  }
}

let runCounter = 0;

function rootNode(t: Tensor): Node | null {
  return t._grad_fn ?? (t.requires_grad ? t._gradAccumulator() : null);
}

function addTo(n: Node, slot: number, g: Tensor): void {
  const buf = n._buf;
  if (buf === null) {
    // sized to the slot (an empty array grown by one store reserves room for 17)
    if (slot === 0) n._buf = [g];
    else (n._buf = new Array(slot + 1))[slot] = g;
    return;
  }
  const prev = buf[slot];
  buf[slot] = prev === undefined ? g : sumGrads(prev, g);
}

/**
 * Two gradients arriving at one slot (`x * x` sends two to x). Outside create_graph, dense
 * host tensors of one shape and dtype are summed by a plain loop: the same values add's kernel
 * stores, without an op dispatch.
 */
function sumGrads(a: Tensor, b: Tensor): Tensor {
  if (gradState.enabled || a.dtype.kind !== "float" || !isDenseSame(a, b)) return a.add(b);
  const sa = a._storage, sb = b._storage;
  const n = sa.length;
  const out = new a.dtype.ctor(n);
  for (let i = 0; i < n; i++) out[i] = sa[i] + sb[i];
  return Tensor.fromData(out, a._shape.slice(), a.dtype, a._dialect);
}

export function runBackward(roots: Tensor[], rootGrads: Tensor[], opts: RunOptions): Array<Tensor | null> {
  const runId = ++runCounter;
  const captures = opts.captureInputs ?? null;
  // Where each captured input's gradient arrives: its AccumulateGrad (leaf) or its grad_fn slot.
  let captureAt: Map<Node, Array<[number, number]>> | null = null;
  if (captures) {
    captureAt = new Map();
    captures.forEach((t, k) => {
      const node = rootNode(t);
      if (node === null) return;
      const slot = t._grad_fn ? t._output_nr : 0;
      const list = captureAt!.get(node) ?? [];
      list.push([slot, k]);
      captureAt!.set(node, list);
    });
  }
  const accumulateOnly = opts.accumulateOnly ? new Set(opts.accumulateOnly) : null;

  // 1. Dependencies: how many edges point at each node reachable from the roots.
  const reached: Node[] = [];
  const stack: Node[] = [];
  for (const r of roots) {
    const n = rootNode(r);
    if (n) visit(n, runId, reached, stack);
  }
  while (stack.length) {
    const n = stack.pop()!;
    const edges = n.next_edges;
    for (let i = 0; i < edges.length; i++) {
      const next = edges[i][0];
      if (next === null) continue;
      visit(next, runId, reached, stack);
      next._deps++;
    }
  }

  // 2. With captures, run only nodes that lead to a captured input (PyTorch's exec_info).
  let needed: Set<Node> | null = null;
  if (captureAt) {
    needed = new Set();
    const memo = new Map<Node, boolean>();
    const leads = (n: Node): boolean => {
      const m = memo.get(n);
      if (m !== undefined) return m;
      memo.set(n, false);
      let r = captureAt!.has(n);
      for (const [next] of n.next_edges) if (next !== null && leads(next)) r = true;
      memo.set(n, r);
      if (r) needed!.add(n);
      return r;
    };
    for (const n of reached) leads(n);
  }

  const queue = new ReadyQueue();
  const captured: Array<Tensor | null> = captures ? captures.map(() => null) : [];
  const prevMode = gradState.enabled;
  gradState.enabled = opts.create_graph;
  try {
    // 3. Seed the roots' input buffers.
    for (let i = 0; i < roots.length; i++) {
      const r = roots[i];
      addTo(rootNode(r)!, r._grad_fn ? r._output_nr : 0, rootGrads[i]);
    }
    for (const n of reached) if (n._deps === 0 && n._buf !== null) queue.push(n);

    while (queue.size > 0) {
      const node = queue.pop()!;
      const buf = node._buf ?? [];
      node._buf = null;
      // A node that gets no gradient (or leads nowhere we capture) still counts as done for
      // its children, or they would wait for it forever.
      let any = false;
      for (let s = 0; s < buf.length; s++) if (buf[s] !== undefined) any = true;
      if (!any || (needed !== null && !needed.has(node))) {
        release(node, queue);
        continue;
      }

      // Gradients flowing into the node's outputs: tensor hooks, retain_grad, captures.
      if (node._preHooks !== null || node._retainGrad !== null || captureAt !== null) {
        for (let s = 0; s < buf.length; s++) {
          let g = buf[s];
          if (g === undefined) continue;
          const hooks = node._preHooks?.get(s);
          if (hooks) {
            for (const h of hooks) {
              const r = h(g);
              if (r instanceof Tensor) g = r;
            }
            buf[s] = g;
          }
          const keep = node._retainGrad?.get(s);
          if (keep) keep._grad = keep._grad === null ? g.detach().clone() : keep._grad.add(g.detach());
          const caps = captureAt?.get(node);
          if (caps) for (const [slot, k] of caps) if (slot === s) captured[k] = captured[k] === null ? g : captured[k]!.add(g);
        }
      }

      if (node instanceof AccumulateGrad) {
        if (captures === null && (accumulateOnly === null || accumulateOnly.has(node.variable)))
          accumulate(node.variable, buf[0], opts.create_graph);
        continue;
      }
      if (captureAt !== null && captureAt.has(node) && !hasNeededChild(node, needed!)) {
        release(node, queue);
        continue;
      }

      // Outputs that received no gradient get zeros, as PyTorch materialises them. The
      // buffer is the node's own (dropped above), so it becomes the gradient list in place.
      const nOut = Math.max(node._outputMeta.length, buf.length);
      const grads = buf as Tensor[];
      for (let s = 0; s < nOut; s++) {
        if (grads[s] !== undefined) continue;
        const m = node._outputMeta[s];
        grads[s] = m.device === undefined || m.device === cpuDevice ? Tensor.empty(m.shape.slice(), m.dtype) : filledOn(m.shape.slice(), m.dtype, 0, m.device);
      }
      const inputGrads = node.apply(grads);
      if (node._postHooks) for (const h of node._postHooks) h(inputGrads, grads);
      if (!opts.retain_graph) node.release();

      const edges = node.next_edges;
      for (let i = 0; i < edges.length; i++) {
        const next = edges[i][0];
        if (next === null) continue;
        const g = inputGrads[i];
        if (g !== null && g !== undefined) addTo(next, edges[i][1], g);
        if (--next._deps === 0) queue.push(next);
      }
    }
  } finally {
    gradState.enabled = prevMode;
    for (const n of reached) n._buf = null;
  }
  return captured;
}

function visit(n: Node, runId: number, reached: Node[], stack: Node[]): void {
  if (n._runId !== runId) {
    n._runId = runId;
    n._deps = 0;
    n._buf = null;
    reached.push(n);
    stack.push(n);
  }
}

/** A node that is skipped still counts as done for its children. */
function release(node: Node, queue: ReadyQueue): void {
  const edges = node.next_edges;
  for (let i = 0; i < edges.length; i++) {
    const next = edges[i][0];
    if (next !== null && --next._deps === 0) queue.push(next);
  }
}

function hasNeededChild(n: Node, needed: Set<Node>): boolean {
  for (const [next] of n.next_edges) if (next !== null && needed.has(next)) return true;
  return false;
}

/** AccumulateGrad: leaf hooks, then `.grad = g` or `.grad += g` (out of place under create_graph). */
function accumulate(v: Tensor, g: Tensor | undefined, createGraph: boolean): void {
  if (g === undefined) return;
  if (v._leafHooks)
    for (const h of v._leafHooks) {
      const r = h(g);
      if (r instanceof Tensor) g = r;
    }
  const cur = v._grad;
  if (cur === null) {
    v._grad = createGraph ? g : denseCopy(g);
  } else if (createGraph) {
    v._grad = cur.add(g);
  } else if (isDenseSame(cur, g)) {
    // the common case, summed in place without the op machinery
    addInPlace(cur._storage, g._storage);
    cur._vc.v++;
  } else {
    cur.add_(g.detach());
  }
}


/**
 * a[i] += b[i] over equal-length arrays. Four independent sums per step: a parameter's
 * gradient (200k values in the MLP) accumulates ~25% faster than one element per iteration.
 */
function addInPlace(a: TypedArray, b: TypedArray): void {
  // one loop per element type, so each stays monomorphic (a shared one reads and writes through
  // the slow generic element access once it has seen two array kinds)
  const f32 = a instanceof Float32Array && b instanceof Float32Array;
  const f64 = !f32 && a instanceof Float64Array && b instanceof Float64Array;
  // large gradients (a weight's) add on the SIMD kernel, in place: the same sums
  if ((f32 || f64) && a.length >= simdState.minElements && a.length === b.length && simdBinary("add", a as Float32Array | Float64Array, b as Float32Array | Float64Array, a as Float32Array | Float64Array, a.length)) return;
  if (f32) return addInPlaceF32(a as Float32Array, b as Float32Array);
  if (f64) return addInPlaceF64(a as Float64Array, b as Float64Array);
  const n = a.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const x0 = a[i] + b[i], x1 = a[i + 1] + b[i + 1], x2 = a[i + 2] + b[i + 2], x3 = a[i + 3] + b[i + 3];
    a[i] = x0;
    a[i + 1] = x1;
    a[i + 2] = x2;
    a[i + 3] = x3;
  }
  for (; i < n; i++) a[i] += b[i];
}

function addInPlaceF32(a: Float32Array, b: Float32Array): void {
  const n = a.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const x0 = a[i] + b[i], x1 = a[i + 1] + b[i + 1], x2 = a[i + 2] + b[i + 2], x3 = a[i + 3] + b[i + 3];
    a[i] = x0;
    a[i + 1] = x1;
    a[i + 2] = x2;
    a[i + 3] = x3;
  }
  for (; i < n; i++) a[i] += b[i];
}
function addInPlaceF64(a: Float64Array, b: Float64Array): void {
  const n = a.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const x0 = a[i] + b[i], x1 = a[i + 1] + b[i + 1], x2 = a[i + 2] + b[i + 2], x3 = a[i + 3] + b[i + 3];
    a[i] = x0;
    a[i + 1] = x1;
    a[i + 2] = x2;
    a[i + 3] = x3;
  }
  for (; i < n; i++) a[i] += b[i];
}

function isDenseSame(a: Tensor, b: Tensor): boolean {
  if (!isHost(a) || !isHost(b)) return false;
  if (a.dtype !== b.dtype || a._offset !== 0 || b._offset !== 0) return false;
  const n = a._storage.length;
  if (b._storage.length !== n || a.numel() !== n || b.numel() !== n) return false;
  return a.is_contiguous() && b.is_contiguous() && a._shape.length === b._shape.length && a._shape.every((s, i) => s === b._shape[i]);
}

/** Tensor.backward / autograd.backward checks, with PyTorch's messages. */
export function makeRootGrads(tensors: Tensor[], grads: Array<Tensor | null | undefined>, createGraph: boolean): Tensor[] {
  return tensors.map((t, i) => {
    if (!t.requires_grad) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    const g = grads[i];
    if (g == null) {
      if (t.numel() !== 1) throw new RuntimeError("grad can be implicitly created only for scalar outputs");
      if (!isHost(t)) return filledOn(t._shape.slice(), t.dtype, 1, deviceOf(t), t._dialect);
      const one = Tensor.empty(t._shape.slice(), t.dtype, t._dialect);
      one._storage[0] = 1;
      return one;
    }
    if (!(g instanceof Tensor)) throw new RuntimeError("grad must be a Tensor");
    if (g._shape.length !== t._shape.length || g._shape.some((s, k) => s !== t._shape[k]))
      throw new RuntimeError(
        `Mismatch in shape: grad_output[${i}] has a shape of torch.Size([${g._shape.join(", ")}]) and output[${i}] has a shape of torch.Size([${t._shape.join(", ")}]).`,
      );
    return createGraph ? g : g.detach();
  });
}
