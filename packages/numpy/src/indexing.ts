// Basic indexing (integers, slices, `...`, None) as numpy does it: a view sharing storage,
// negative steps included (numpy allows `a[::-1]`; PyTorch's slice does not, so the view is
// made here from the strides rather than through the core's slice op). Advanced indices
// (integer lists, index or bool arrays) go to the core's indexing (core/src/ops/indexing.ts).

import { Tensor } from "@tsgrad/core";
import { IndexError, NotImplementedError, Slice } from "@tsgrad/py";

export type IndexItem = number | bigint | string | Slice | null | unknown;

function parseSlice(s: string): Slice {
  const parts = s.split(":").map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3) throw new IndexError(`invalid index '${s}'`);
  const n = (p: string | undefined) => (p === undefined || p === "" ? null : Number(p));
  return new Slice(n(parts[0]), n(parts[1]), n(parts[2]));
}

/** True when some item needs advanced indexing (handled by the core). */
export function isAdvanced(items: readonly IndexItem[]): boolean {
  return items.some((it) => Array.isArray(it) || (typeof it === "object" && it !== null && !(it instanceof Slice)) || typeof it === "boolean");
}

/** The view of `t` selected by a tuple of basic index items. */
export function basicIndex(t: Tensor, items: readonly IndexItem[]): Tensor {
  const norm = items.map((it) => (typeof it === "string" && it !== "..." && it.includes(":") ? parseSlice(it) : it));
  const consumed = norm.filter((it) => it !== null && it !== "...").length;
  const nd = t._shape.length;
  if (consumed > nd) throw new IndexError(`too many indices for array: array is ${nd}-dimensional, but ${consumed} were indexed`);
  if (norm.filter((it) => it === "...").length > 1) throw new IndexError("an index can only have a single ellipsis ('...')");
  const shape: number[] = [];
  const strides: number[] = [];
  let offset = t._offset;
  let dim = 0;
  for (const it of norm) {
    if (it === null) {
      shape.push(1);
      strides.push(0);
    } else if (it === "...") {
      for (let k = 0; k < nd - consumed; k++, dim++) shape.push(t._shape[dim]!), strides.push(t._strides[dim]!);
    } else if (it instanceof Slice) {
      const size = t._shape[dim]!;
      const [start, stop, step] = it.indices(size) as unknown as [number, number, number];
      const len = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
      if (len > 0) offset += start * t._strides[dim]!;
      shape.push(len);
      strides.push(t._strides[dim]! * step);
      dim++;
    } else if (typeof it === "number" || typeof it === "bigint") {
      const size = t._shape[dim]!;
      let i = Number(it);
      if (i < -size || i >= size) throw new IndexError(`index ${i} is out of bounds for axis ${dim} with size ${size}`);
      if (i < 0) i += size;
      offset += i * t._strides[dim]!;
      dim++;
    } else {
      throw new IndexError(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
      );
    }
  }
  for (; dim < nd; dim++) shape.push(t._shape[dim]!), strides.push(t._strides[dim]!);
  return new Tensor(t._storage, shape, strides, offset, t.dtype, t._dialect, t._vc);
}

/** Advanced indexing through the core, once core/src/ops/indexing.ts provides it. */
export function coreGetitem(t: Tensor, items: readonly unknown[]): Tensor {
  if (typeof (t as any).__getitem__ !== "function") throw new NotImplementedError("advanced indexing needs the core's indexing ops");
  return (t as any).__getitem__(items);
}
export function coreSetitem(t: Tensor, items: readonly unknown[], v: Tensor): void {
  if (typeof (t as any).__setitem__ !== "function") throw new NotImplementedError("advanced indexing needs the core's indexing ops");
  (t as any).__setitem__(items, v);
}
