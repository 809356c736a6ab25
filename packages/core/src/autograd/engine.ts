// The backward pass: walk the graph from the roots, newest node first (PyTorch's order on one
// thread), sum the gradients arriving at each node, and either accumulate into leaves' .grad
// (backward) or capture the gradients of chosen inputs (autograd.grad).

import { RuntimeError } from "@tsgrad/py";
import { Tensor } from "../tensor.ts";
import { AccumulateGrad, Node } from "./node.ts";
import { gradState } from "./grad_mode.ts";

export interface RunOptions {
  retain_graph: boolean;
  create_graph: boolean;
  /** autograd.grad: capture gradients for these tensors instead of accumulating. */
  captureInputs?: Tensor[] | null;
  /** backward(inputs=...): accumulate only into these. */
  accumulateOnly?: Tensor[] | null;
  allow_unused?: boolean;
}

/** Max-heap of nodes by sequence number. */
class ReadyQueue {
  private h: Node[] = [];
  push(n: Node) {
    const h = this.h;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].sequence_nr >= h[i].sequence_nr) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop(): Node | undefined {
    const h = this.h;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].sequence_nr > h[m].sequence_nr) m = l;
        if (r < h.length && h[r].sequence_nr > h[m].sequence_nr) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
  get size() {
    return this.h.length;
  }
}

function addGrad(a: Tensor | undefined, b: Tensor): Tensor {
  return a === undefined ? b : a.add(b);
}

export function runBackward(roots: Tensor[], rootGrads: Tensor[], opts: RunOptions): Array<Tensor | null> {
  const captures = opts.captureInputs ?? null;
  // Where each captured input's gradient arrives: its AccumulateGrad (leaf) or its grad_fn slot.
  const captureKey = new Map<Node, Map<number, number[]>>();
  if (captures) {
    captures.forEach((t, k) => {
      const node = t._grad_fn ?? (t.requires_grad ? t._gradAccumulator() : null);
      if (node === null) return;
      const slot = t._grad_fn ? t._output_nr : 0;
      let m = captureKey.get(node);
      if (!m) captureKey.set(node, (m = new Map()));
      m.set(slot, [...(m.get(slot) ?? []), k]);
    });
  }
  const accumulateOnly = opts.accumulateOnly ? new Set(opts.accumulateOnly) : null;

  // 1. Dependencies: how many edges point at each node reachable from the roots.
  const deps = new Map<Node, number>();
  const seen = new Set<Node>();
  const stack: Node[] = [];
  for (const r of roots) {
    const n = r._grad_fn ?? (r.requires_grad ? r._gradAccumulator() : null);
    if (n && !seen.has(n)) {
      seen.add(n);
      stack.push(n);
    }
  }
  while (stack.length) {
    const n = stack.pop()!;
    for (const [next] of n.next_edges) {
      if (next === null) continue;
      deps.set(next, (deps.get(next) ?? 0) + 1);
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }

  // 2. With captures, run only nodes that lead to a captured input (PyTorch's exec_info).
  let needed: Set<Node> | null = null;
  if (captures) {
    needed = new Set();
    const memo = new Map<Node, boolean>();
    const leads = (n: Node): boolean => {
      const m = memo.get(n);
      if (m !== undefined) return m;
      memo.set(n, false);
      let r = captureKey.has(n);
      for (const [next] of n.next_edges) if (next !== null && leads(next)) r = true;
      memo.set(n, r);
      if (r) needed!.add(n);
      return r;
    };
    for (const n of seen) leads(n);
  }

  // 3. Seed the roots' input buffers.
  const buffers = new Map<Node, Tensor[]>();
  const queue = new ReadyQueue();
  const captured: Array<Tensor | null> = captures ? captures.map(() => null) : [];
  const markDone = (node: Node) => {
    for (const [next] of node.next_edges) {
      if (next === null) continue;
      const left = (deps.get(next) ?? 1) - 1;
      deps.set(next, left);
      if (left === 0) queue.push(next);
    }
  };
  const prevMode = gradState.enabled;
  gradState.enabled = opts.create_graph;
  try {
    roots.forEach((r, i) => {
      const n = r._grad_fn ?? r._gradAccumulator();
      const slot = r._grad_fn ? r._output_nr : 0;
      const buf = buffers.get(n) ?? [];
      buf[slot] = addGrad(buf[slot], rootGrads[i]);
      buffers.set(n, buf);
    });
    for (const n of buffers.keys()) if ((deps.get(n) ?? 0) === 0) queue.push(n);

    while (queue.size > 0) {
      const node = queue.pop()!;
      const buf = buffers.get(node) ?? [];
      buffers.delete(node);
      // A node that gets no gradient (or leads nowhere we capture) still counts as done for
      // its children, or they would wait for it forever.
      if ((needed && !needed.has(node)) || !buf.some((g) => g !== undefined)) {
        markDone(node);
        continue;
      }

      // Gradients flowing into the node's outputs: tensor hooks (pre-hooks), retain_grad, capture.
      const nOut = Math.max(buf.length, node._outputMeta.length, 1);
      for (let s = 0; s < nOut; s++) {
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
        const cap = captureKey.get(node)?.get(s);
        if (cap) for (const k of cap) captured[k] = captured[k] === null ? g : captured[k]!.add(g);
      }

      if (node instanceof AccumulateGrad) {
        if (!captures && (accumulateOnly === null || accumulateOnly.has(node.variable))) accumulate(node.variable, buf[0], opts.create_graph);
        continue;
      }
      if (captures && captureKey.has(node) && !hasNeededChild(node, needed!)) {
        markDone(node);
        continue;
      }

      // Outputs that received no gradient get zeros, as PyTorch materialises them.
      const grads: Tensor[] = [];
      for (let s = 0; s < node._outputMeta.length || s < buf.length; s++) {
        const g = buf[s];
        if (g !== undefined) grads.push(g);
        else {
          const m = node._outputMeta[s];
          grads.push(Tensor.empty(m.shape.slice(), m.dtype).fill_(0));
        }
      }
      const inputGrads = node.apply(grads);
      if (node._postHooks) for (const h of node._postHooks) h(inputGrads, grads);
      if (!opts.retain_graph) node.release();

      node.next_edges.forEach(([next, slot], i) => {
        if (next === null) return;
        const g = inputGrads[i];
        if (g !== null && g !== undefined) {
          const b = buffers.get(next) ?? [];
          b[slot] = addGrad(b[slot], g);
          buffers.set(next, b);
        }
        const left = (deps.get(next) ?? 1) - 1;
        deps.set(next, left);
        if (left === 0) queue.push(next);
      });
    }
  } finally {
    gradState.enabled = prevMode;
  }
  return captured;
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
  if (v._grad === null) {
    v._grad = createGraph ? g : g.detach().clone();
  } else if (createGraph) {
    v._grad = v._grad.add(g);
  } else {
    v._grad.add_(g.detach());
  }
}

/** Tensor.backward / autograd.backward checks, with PyTorch's messages. */
export function makeRootGrads(tensors: Tensor[], grads: Array<Tensor | null | undefined>, createGraph: boolean): Tensor[] {
  return tensors.map((t, i) => {
    if (!t.requires_grad) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    const g = grads[i];
    if (g == null) {
      if (t.numel() !== 1) throw new RuntimeError("grad can be implicitly created only for scalar outputs");
      return Tensor.empty(t._shape.slice(), t.dtype, t._dialect).fill_(1);
    }
    if (!(g instanceof Tensor)) throw new RuntimeError("grad must be a Tensor");
    if (g._shape.length !== t._shape.length || g._shape.some((s, k) => s !== t._shape[k]))
      throw new RuntimeError(
        `Mismatch in shape: grad_output[${i}] has a shape of torch.Size([${g._shape.join(", ")}]) and output[${i}] has a shape of torch.Size([${t._shape.join(", ")}]).`,
      );
    return createGraph ? g : g.detach();
  });
}
