// Paddle 2.x Tensor printing, after python/paddle/tensor/to_string.py (2.0 .. 2.4):
//
//   Tensor(shape=[3], dtype=float32, place=CPUPlace, stop_gradient=True,
//          [1., 2., 3.])
//
// Floats print with 8 decimals ('{:.8f}'), integer-valued floats as '{:.0f}.'; every item is
// padded to the widest visible item (a leading space for non-negatives when any item is
// negative); over 1000 elements only 3 edge items per dimension are shown. Paddle 2.0 prints
// the CPU place as `CPUPlace`, later 2.x releases as `Place(cpu)`.

import { printing } from "@tsgrad/core";

export const paddlePrintOptions = { precision: 8, threshold: 1000, edgeitems: 3, sci_mode: false };

export interface PaddleReprInput {
  values: ArrayLike<number>;
  shape: readonly number[];
  kind: "float" | "int" | "bool";
  dtypeName: string;
  place: string;
  stopGradient: boolean;
  prefix?: string;
}

function isNegative(v: number): boolean {
  return v < 0;
}

/** to_string's _format_item without padding. */
function itemStr(v: number, kind: PaddleReprInput["kind"]): string {
  const o = paddlePrintOptions;
  if (kind === "float") {
    if (o.sci_mode) return printing.pyExp(v, o.precision);
    // np.ceil(v) == v holds for integers and infinities (nan fails it)
    if (Math.ceil(v) === v) return printing.pyFixed(v, 0) + ".";
    return printing.pyFixed(v, o.precision);
  }
  if (kind === "bool") return v ? "True" : "False";
  return printing.pyIntStr(v);
}

function padItem(v: number, kind: PaddleReprInput["kind"], maxWidth: number, signed: boolean): string {
  const s = itemStr(v, kind);
  if (maxWidth <= s.length) return s;
  if (signed && !isNegative(v)) return " " + s.padEnd(maxWidth - 1);
  return s.padEnd(maxWidth);
}

/** Row-major offsets of the items shown (all, or the edges of each dim when summarising). */
function shownIndices(shape: readonly number[], summary: boolean): number[][] {
  const e = paddlePrintOptions.edgeitems;
  return shape.map((n) => {
    const all = Array.from({ length: n }, (_, i) => i);
    if (!summary || n <= 2 * e) return all;
    return [...all.slice(0, e), ...all.slice(n - e)];
  });
}

export function paddleTensorRepr(t: PaddleReprInput): string {
  const prefix = t.prefix ?? "Tensor";
  const indent = prefix.length + 1;
  const shape = t.shape;
  const size = shape.length === 0 ? 0 : shape.reduce((a, b) => a * b, 1);
  const summary = size > paddlePrintOptions.threshold;
  const strides: number[] = [];
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = acc;
    acc *= shape[d];
  }

  // _get_max_width over the summarised values
  const idx = shownIndices(shape, summary);
  let maxWidth = 0;
  let signed = false;
  const visit = (d: number, off: number): void => {
    if (d === shape.length) {
      const v = t.values[off];
      if (!signed && isNegative(v)) signed = true;
      maxWidth = Math.max(maxWidth, itemStr(v, t.kind).length);
      return;
    }
    for (const i of idx[d]) visit(d + 1, off + i * strides[d]);
  };
  if (size > 0 || shape.length === 0) visit(0, 0);

  const e = paddlePrintOptions.edgeitems;
  const format = (d: number, off: number, ind: number): string => {
    if (shape.length === 0) return padItem(t.values[0], t.kind, maxWidth, signed);
    const n = shape[d];
    const cut = summary && n > 2 * e;
    const pick = cut ? [...Array(e).keys(), -1, ...Array.from({ length: e }, (_, k) => n - e + k)] : [...Array(n).keys()];
    if (d === shape.length - 1) {
      const items = pick.map((i) => (i < 0 ? "..." : padItem(t.values[off + i * strides[d]], t.kind, maxWidth, signed)));
      return "[" + items.join(", ") + "]";
    }
    const rows = pick.map((i) => (i < 0 ? "..." : format(d + 1, off + i * strides[d], ind + 1)));
    return "[" + rows.join("," + "\n".repeat(shape.length - 1 - d) + " ".repeat(ind + 1)) + "]";
  };
  const data = format(0, 0, indent);
  const shapeStr = "[" + shape.join(", ") + "]";
  const sg = t.stopGradient ? "True" : "False";
  return `${prefix}(shape=${shapeStr}, dtype=${t.dtypeName}, place=${t.place}, stop_gradient=${sg},\n${" ".repeat(indent)}${data})`;
}
