// torch.einsum(equation, *operands) after ATen 1.13's Linear.cpp: operands permuted to one label
// order (output labels first, then the contracted labels in label order), repeated labels taken
// as diagonals, labels used by the first operand only summed first, then a left fold in which
// each pair is multiplied (no contraction) or contracted through bmm (sumproduct_pair), and the
// result viewed to the output shape. So grad_fn names follow PyTorch's: PermuteBackward0 for a
// pure permutation, SumBackward1 for a single-operand sum, MulBackward0 for an outer or
// elementwise product, ViewBackward0 after a contraction. Ellipsis ("...") is not supported.

import { Tensor } from "@tsgrad/core";
import { RuntimeError, NotImplementedError } from "@tsgrad/py";

const prod = (xs: number[]): number => xs.reduce((a, b) => a * b, 1);

export function einsum(equation: string, ...rest: unknown[]): Tensor {
  const operands = (rest.length === 1 && Array.isArray(rest[0]) ? rest[0] : rest) as Tensor[];
  const eq = equation.replace(/\s+/g, "");
  if (eq.includes(".")) throw new NotImplementedError("tsgrad's einsum does not support ellipsis ('...') yet");
  const [lhs, rhsGiven] = eq.includes("->") ? eq.split("->") : [eq, null];
  const terms = lhs.split(",");
  if (terms.length !== operands.length)
    throw new RuntimeError(`einsum(): more operands were provided than specified in the equation`);
  for (const [i, t] of terms.entries()) {
    if (t.length !== operands[i].ndim)
      throw new RuntimeError(`einsum(): the number of subscripts in the equation (${t.length}) does not match the number of dimensions (${operands[i].ndim}) for operand ${i} and no ellipsis was given`);
  }
  const countOf = new Map<string, number>();
  for (const t of terms) for (const ch of t) countOf.set(ch, (countOf.get(ch) ?? 0) + 1);
  // implicit output: labels seen once, in alphabetical order
  const rhs = rhsGiven ?? [...countOf.keys()].filter((ch) => countOf.get(ch) === 1).sort().join("");
  const contracted = [...countOf.keys()].filter((ch) => !rhs.includes(ch)).sort();
  const labels = [...rhs, ...contracted];
  const pos = new Map(labels.map((ch, i) => [ch, i]));
  const lastOp = new Map<string, number>();
  terms.forEach((t, i) => { for (const ch of t) lastOp.set(ch, i); });

  // align every operand to `labels` (diagonals for repeats, size-1 dims for missing labels)
  const ops = operands.map((x, i) => {
    let op = x;
    const seen: string[] = [];
    for (const ch of terms[i]) {
      const at = seen.indexOf(ch);
      if (at >= 0) {
        const j = seen.length;
        op = (op as any).diagonal(0, at, j).movedim(-1, at);
      } else seen.push(ch);
    }
    const perm: number[] = [];
    const shape: number[] = [];
    let next = seen.length;
    for (const ch of labels) {
      const k = seen.indexOf(ch);
      if (k >= 0) perm.push(k);
      else {
        op = op.unsqueeze(-1);
        perm.push(next++);
      }
      shape.push(0);
    }
    const isIdentity = perm.every((p, k) => p === k);
    return isIdentity ? op : op.permute(perm);
  });

  const out = rhs.length;
  let acc = ops[0];
  // labels only the first operand uses (and not kept): summed now
  const firstOnly = labels.map((ch, d) => [ch, d] as const).filter(([ch, d]) => d >= out && lastOp.get(ch) === 0).map(([, d]) => d);
  if (ops.length === 1) {
    if (firstOnly.length > 0) return acc.sum(firstOnly);
    return acc;
  }
  if (firstOnly.length > 0) acc = acc.sum(firstOnly, { keepdim: true });
  for (let i = 1; i < ops.length; i++) {
    const b = ops[i];
    const sumDims: number[] = [];
    for (let d = out; d < labels.length; d++) if (lastOp.get(labels[d]) === i) sumDims.push(d);
    if (sumDims.length === 0) acc = acc.mul(b);
    else acc = sumproductPair(acc, b, sumDims);
  }
  if (labels.length === out) return acc;
  const outShape = labels.slice(0, out).map((_, d) => acc._shape[d]);
  return acc.view(outShape);
}

/** a, b aligned to one label order; contract `sumDims` through bmm, keeping them as size 1. */
function sumproductPair(a: Tensor, b: Tensor, sumDims: number[]): Tensor {
  const nd = a.ndim;
  const lro: number[] = [], lo: number[] = [], ro: number[] = [], none: number[] = [];
  const sum = new Set(sumDims);
  for (let d = 0; d < nd; d++) {
    if (sum.has(d)) continue;
    const sa = a._shape[d], sb = b._shape[d];
    if (sa !== 1 && sb !== 1) {
      if (sa !== sb) throw new RuntimeError(`einsum(): operands do not broadcast with remapped shapes (original->remapped): [${a._shape}] and [${b._shape}]`);
      lro.push(d);
    } else if (sa !== 1) lo.push(d);
    else if (sb !== 1) ro.push(d);
    else none.push(d);
  }
  const size = (t: Tensor, ds: number[]) => prod(ds.map((d) => t._shape[d]));
  let A = a, B = b;
  // a summed dim of size 1 on one side: sum the other side first
  const S: number[] = [];
  for (const d of sumDims) {
    if (A._shape[d] === 1 && B._shape[d] !== 1) B = B.sum(d, { keepdim: true });
    else if (B._shape[d] === 1 && A._shape[d] !== 1) A = A.sum(d, { keepdim: true });
    else S.push(d);
  }
  const rest = [...sumDims.filter((d) => !S.includes(d)), ...none];
  const am = A.permute([...lro, ...lo, ...S, ...ro, ...rest]).reshape(size(A, lro), size(A, lo), size(A, S));
  const bm = B.permute([...lro, ...S, ...ro, ...lo, ...rest]).reshape(size(B, lro), size(B, S), size(B, ro));
  const r = am.bmm(bm);
  const order = [...lro, ...lo, ...ro, ...S, ...rest];
  const shape = order.map((d) => (lro.includes(d) || lo.includes(d) ? A._shape[d] : ro.includes(d) ? B._shape[d] : 1));
  const inv = new Array<number>(nd);
  order.forEach((d, k) => { inv[d] = k; });
  return r.view(shape).permute(inv);
}
