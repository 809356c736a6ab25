// A read-only row-major view over flat element values: just enough indexing
// for the printers (first-axis slicing and Python-style edge selection).

export interface NdView {
  readonly values: ArrayLike<number>;
  readonly shape: readonly number[];
  /** flat index of this view's first element */
  readonly offset: number;
}

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function makeView(values: ArrayLike<number>, shape: readonly number[]): NdView {
  return { values, shape, offset: 0 };
}

/** view[i] along the first axis */
export function subView(v: NdView, i: number): NdView {
  const inner = v.shape.slice(1);
  return { values: v.values, shape: inner, offset: v.offset + i * numelOf(inner) };
}

/** the scalar of a 0-d view */
export function scalarOf(v: NdView): number {
  return v.values[v.offset]!;
}

/**
 * Indices shown when an axis of length n is summarised with `edge` items each
 * side, as Python computes x[:edge] and x[-edge:]. Note x[-0:] is the whole
 * axis, so edgeitems=0 keeps every trailing item (both torch and numpy do this).
 */
export function edgeIndices(n: number, edge: number): { head: number[]; tail: number[] } {
  const head: number[] = [];
  for (let i = 0; i < Math.min(edge, n); i++) head.push(i);
  const tail: number[] = [];
  const start = edge === 0 ? 0 : Math.max(0, n - edge);
  for (let i = start; i < n; i++) tail.push(i);
  return { head, tail };
}

/**
 * The element values that remain visible after summarisation: the leading and
 * trailing `edge` items of every axis longer than 2*edge. Formatters size their
 * columns from these only (torch's get_summarized_data, numpy's _leading_trailing).
 */
export function visibleValues(v: NdView, edge: number, out: number[] = []): number[] {
  if (v.shape.length === 0) {
    out.push(scalarOf(v));
    return out;
  }
  const n = v.shape[0]!;
  let idx: number[];
  if (n > 2 * edge) {
    const { head, tail } = edgeIndices(n, edge);
    idx = head.concat(tail);
  } else {
    idx = Array.from({ length: n }, (_, i) => i);
  }
  for (const i of idx) visibleValues(subView(v, i), edge, out);
  return out;
}

/** all values of a view, in order */
export function allValues(v: NdView): number[] {
  const n = numelOf(v.shape);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = v.values[v.offset + i]!;
  return out;
}

/** Python's str(tuple(shape)): (2, 3), (0,), () */
export function pyTupleStr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(", ")})`;
}
