// Indexing: `x.at(...)` / `__getitem__` / `__setitem__` with PyTorch 1.13's rules, and the
// index-driven ops (gather, scatter, index_select, index_add, index_fill, index_put,
// masked_select, masked_scatter, take, nonzero).
//
// Basic indexing (ints, slices, None, Ellipsis) is a chain of view ops applied left to right
// (select / slice / unsqueeze), exactly the chain PyTorch's applySlicing builds, so the
// grad_fns match. Advanced indices (lists, long and bool tensors) are collected during that
// pass and applied at the end by one `index` op (IndexBackward0), whose derivative is an
// accumulating index_put written as an op, so higher-order gradients work.

import { IndexError, RuntimeError, TypeError as PyTypeError, ValueError, Slice, Range, UserWarning, warnings, PyTuple } from "@tsgrad/py";
import { defineOp, ops, type Op } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { bool, int32, int64, uint8, castValue, type DType } from "../dtype.ts";
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf, positions, sameShape } from "../kernels/strided.ts";
import { copyInto } from "../kernels/elementwise.ts";
import { gradState, withGradMode } from "../autograd/grad_mode.ts";
import { applyInplace, checkInplace } from "./inplace.ts";
import { bindArgs } from "../signature.ts";
import { makeView } from "./views.ts";
import { isHost, deviceOf, filledOn } from "../kernels/backends.ts";

type T = Tensor;
type Idx = T | null;

const typeName: Record<string, string> = {
  float32: "Float", float64: "Double", int64: "Long", int32: "Int", int16: "Short", int8: "Char", uint8: "Byte", bool: "Bool",
};
const dimsStr = (s: readonly number[]) => `[${s.join(", ")}]`;

// ---- small tensor helpers --------------------------------------------------------------------

function zerosOf(shape: number[], dtype: DType, like: T): T {
  if (!isHost(like)) return filledOn(shape.slice(), dtype, 0, deviceOf(like), like._dialect); // on like's device
  return Tensor.empty(shape.slice(), dtype, like._dialect); // typed arrays start zeroed
}
function scalarOf(v: number, dtype: DType, like: T): T {
  const s = new dtype.ctor(1);
  s[0] = castValue(v, dtype);
  return Tensor.fromData(s, [], dtype, like._dialect);
}
function copyOf(x: T): T {
  return Tensor.fromData(x._contiguousValues().slice(), x._shape.slice(), x.dtype, x._dialect);
}
function longTensor(values: ArrayLike<number>, shape: number[], like: T): T {
  return Tensor.fromData(Float64Array.from(values), shape, int64, like._dialect);
}
/** Shape with leading 1s dropped: PyTorch views a setitem value this way before broadcasting it. */
function stripLeadingOnes(shape: readonly number[]): number[] {
  let i = 0;
  while (i < shape.length && shape[i] === 1) i++;
  return shape.slice(i);
}
function deprecatedByteWarning(what: string): void {
  warnings.warn(
    `${what} with dtype torch.uint8 is now deprecated, please use a dtype torch.bool instead. (Triggered internally at  ./aten/src/ATen/native/IndexingUtils.h:27.)`,
    UserWarning,
  );
}

// ---- the advanced-index kernel ---------------------------------------------------------------

/** Coordinates of the nonzero elements of `t`, one array per dim, in row-major order. */
function nonzeroCoords(t: T): { coords: Float64Array[]; count: number } {
  const vals = t._contiguousValues();
  const nd = t._shape.length;
  let count = 0;
  for (let i = 0; i < vals.length; i++) if (vals[i] !== 0) count++;
  const coords = Array.from({ length: nd }, () => new Float64Array(count));
  const strides = contiguousStrides(t._shape);
  let k = 0;
  for (let i = 0; i < vals.length; i++) {
    if (vals[i] === 0) continue;
    let rem = i;
    for (let d = 0; d < nd; d++) {
      coords[d][k] = Math.floor(rem / strides[d]);
      rem -= coords[d][k] * strides[d];
    }
    k++;
  }
  return { coords, count };
}

/** at::index's expandTensors: bool/byte masks become the long coordinates of their true elements. */
function expandIndices(self: T, indices: readonly Idx[]): Idx[] {
  const out: Idx[] = [];
  for (const t of indices) {
    if (t === null || t === undefined) {
      out.push(null);
    } else if (t.dtype === bool || t.dtype === uint8) {
      if (t.dtype === uint8) deprecatedByteWarning("indexing");
      for (let j = 0; j < t._shape.length; j++) {
        const src = out.length + j;
        if (src >= self._shape.length || t._shape[j] !== self._shape[src])
          throw new IndexError(
            `The shape of the mask ${dimsStr(t._shape)} at index ${j} does not match the shape of the indexed tensor ${dimsStr(self._shape)} at index ${src}`,
          );
      }
      const { coords, count } = nonzeroCoords(t);
      for (const c of coords) out.push(longTensor(c, [count], t));
    } else if (t.dtype === int64) {
      out.push(t);
    } else {
      throw new IndexError("tensors used as indices must be long, byte or bool tensors");
    }
  }
  return out;
}

interface IndexPlan {
  /** Shape of the indexing result. */
  shape: number[];
  /** Storage position in `self` of each result element, row-major. */
  pos: Float64Array;
}

/**
 * Where each element of `self[indices]` lives. Index tensors broadcast together; the result
 * dims they make replace the indexed dims in place when those are adjacent, else go first
 * (NumPy's rule, which PyTorch follows).
 */
function planIndex(self: T, indices: readonly Idx[]): IndexPlan {
  const nd = self._shape.length;
  if (indices.length > nd) throw new IndexError(`too many indices for tensor of dimension ${nd} (got ${indices.length})`);
  const idx = expandIndices(self, indices);
  const dims: number[] = [];
  const tensors: T[] = [];
  idx.forEach((t, d) => {
    if (t !== null) {
      dims.push(d);
      tensors.push(t);
    }
  });
  if (dims.length === 0) return { shape: self._shape.slice(), pos: Float64Array.from(positions(self._shape, self._strides, self._offset)) };

  let bshape: number[] = [];
  try {
    for (const t of tensors) bshape = broadcastShapes(bshape, t._shape);
  } catch {
    throw new IndexError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${tensors.map((t) => dimsStr(t._shape)).join(", ")}`);
  }
  const adjacent = dims[dims.length - 1] - dims[0] === dims.length - 1;
  const rest: number[] = [];
  for (let d = 0; d < nd; d++) if (!dims.includes(d)) rest.push(d);
  const before = adjacent ? rest.filter((d) => d < dims[0]) : [];
  const after = adjacent ? rest.filter((d) => d > dims[0]) : rest;
  const shapeB = before.map((d) => self._shape[d]);
  const shapeA = after.map((d) => self._shape[d]);
  const shape = [...shapeB, ...bshape, ...shapeA];

  const nB = numelOf(bshape);
  const idxPos = tensors.map((t) => positions(bshape, broadcastStrides(t._shape, t._strides, bshape), t._offset));
  const bOff = new Float64Array(nB);
  // an empty result reads no index, so PyTorch checks no bounds
  const nChecked = numelOf(shape) === 0 ? 0 : nB;
  for (let k = 0; k < nChecked; k++) {
    let off = 0;
    for (let j = 0; j < tensors.length; j++) {
      const v = tensors[j]._storage[idxPos[j][k]];
      const size = self._shape[dims[j]];
      // PyTorch's kernel names the j-th index tensor, not the tensor dim, in this message
      if (v < -size || v >= size) throw new IndexError(`index ${v} is out of bounds for dimension ${j} with size ${size}`);
      off += (v < 0 ? v + size : v) * self._strides[dims[j]];
    }
    bOff[k] = off;
  }
  const pb = positions(shapeB, before.map((d) => self._strides[d]), self._offset);
  const pa = positions(shapeA, after.map((d) => self._strides[d]), 0);
  const pos = new Float64Array(pb.length * nB * pa.length);
  let k = 0;
  for (let i = 0; i < pb.length; i++)
    for (let b = 0; b < nB; b++) {
      const base = pb[i] + bOff[b];
      for (let a = 0; a < pa.length; a++) pos[k++] = base + pa[a];
    }
  return { shape, pos };
}

/** Write (or add) `values`, broadcast to the plan's shape, into `dst` at the plan's positions. */
function writeIndexed(dst: T, plan: IndexPlan, values: T, accumulate: boolean): void {
  const vs = values._shape;
  const lead = plan.shape.length - vs.length;
  if (lead < 0 || vs.some((s, i) => s !== 1 && s !== plan.shape[lead + i]))
    throw new RuntimeError(`shape mismatch: value tensor of shape ${dimsStr(vs)} cannot be broadcast to indexing result of shape ${dimsStr(plan.shape)}`);
  const vp = positions(plan.shape, broadcastStrides(vs, values._strides, plan.shape), values._offset);
  const d = dst._storage;
  const s = values._storage;
  const conv = (v: number) => castValue(v, dst.dtype);
  if (accumulate) for (let i = 0; i < plan.pos.length; i++) d[plan.pos[i]] = conv(d[plan.pos[i]] + s[vp[i]]);
  else for (let i = 0; i < plan.pos.length; i++) d[plan.pos[i]] = conv(s[vp[i]]);
}

function checkPutDtypes(self: T, values: T): void {
  if (values.dtype !== self.dtype)
    throw new RuntimeError(
      `Index put requires the source and destination dtypes match, got ${typeName[self.dtype.name]} for the destination and ${typeName[values.dtype.name]} for the source.`,
    );
}

// `self[indices]` for a list of (long | bool | null) tensors: IndexBackward0.
defineOp("_index", {
  sig: "_index(Tensor input, any indices)",
  method: false,
  names: { torch: "IndexBackward0" },
  forward(_ctx, x: T, indices: Idx[]) {
    const plan = planIndex(x, indices);
    const out = new x.dtype.ctor(plan.pos.length);
    const s = x._storage;
    for (let i = 0; i < out.length; i++) out[i] = s[plan.pos[i]];
    return Tensor.fromData(out, plan.shape, x.dtype, x._dialect);
  },
  backward(ctx, g) {
    const x = ctx.args[0] as T;
    return [ops.index_put.call(zerosOf(x._shape, g.dtype, g), ctx.args[1], g, true)];
  },
});

defineOp("index_put", {
  sig: "index_put(Tensor input, any indices, Tensor values, bool accumulate=False)",
  forward(_ctx, x: T, indices: Idx[], values: T | number, accumulate: boolean) {
    const v = values instanceof Tensor ? values : scalarOf(Number(values), x.dtype, x);
    checkPutDtypes(x, v);
    const out = copyOf(x);
    writeIndexed(out, planIndex(out, Array.from(indices)), v, accumulate);
    return out;
  },
  backward(ctx, g) {
    const [, indices, values, accumulate] = ctx.args as [T, Idx[], T, boolean];
    const gSelf = ctx.needs_input_grad[0] ? (accumulate ? g : ops.index_put.call(g, indices, scalarOf(0, g.dtype, g), false)) : null;
    const gValues = values instanceof Tensor && ctx.needs_input_grad[1] ? ops._index.call(g, indices) : null;
    return [gSelf, gValues];
  },
});

// ---- parsing index items ---------------------------------------------------------------------

type Item =
  | { kind: "int"; v: number }
  | { kind: "slice"; start: number; stop: number | null; step: number }
  | { kind: "ellipsis" }
  | { kind: "none" }
  | { kind: "bool"; v: boolean }
  | { kind: "tensor"; t: T; fromList: boolean };

const SLICE_RE = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?\s*)?$/;

function makeSlice(start: number | null, stop: number | null, step: number | null): Item {
  const st = step === null ? 1 : step;
  if (st === 0) throw new ValueError("slice step cannot be zero");
  if (st < 0) throw new ValueError("step must be greater than zero");
  return { kind: "slice", start: start ?? 0, stop, step: st };
}

function parseItem(raw: unknown): Item {
  if (raw === null || raw === undefined) return { kind: "none" };
  if (typeof raw === "boolean") return { kind: "bool", v: raw };
  if (typeof raw === "bigint") return { kind: "int", v: Number(raw) };
  if (typeof raw === "number") {
    if (!Number.isInteger(raw))
      throw new IndexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)");
    return { kind: "int", v: raw };
  }
  if (typeof raw === "string") {
    if (raw.trim() === "...") return { kind: "ellipsis" };
    const m = SLICE_RE.exec(raw);
    if (!m) throw new PyTypeError("new(): invalid data type 'str'");
    const n = (s: string | undefined) => (s === undefined ? null : Number(s));
    return makeSlice(n(m[1]), n(m[2]), n(m[3]));
  }
  if (raw instanceof Slice) {
    const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return makeSlice(n(raw.start), n(raw.stop), n(raw.step));
  }
  if (raw instanceof Tensor) {
    // A 0-dim integer tensor acts as a Python int; a 0-dim bool one as True/False.
    if (raw._shape.length === 0 && raw.dtype.kind !== "float") {
      const v = Number(raw._storage[raw._offset]);
      if (raw.dtype === bool || raw.dtype === uint8) return { kind: "bool", v: v !== 0 };
      return { kind: "int", v };
    }
    return { kind: "tensor", t: raw, fromList: false };
  }
  if (Array.isArray(raw)) return { kind: "tensor", t: listToIndexTensor(raw), fromList: true };
  // a Python range is a sequence of ints: `y_hat[range(len(y_hat)), y]`
  if (raw instanceof Range) return { kind: "tensor", t: listToIndexTensor([...raw]), fromList: true };
  throw new IndexError(
    `only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${(raw as object).constructor?.name ?? typeof raw})`,
  );
}

/** A (nested) JS array as an index tensor: bool if every element is a boolean, else long. */
function listToIndexTensor(list: unknown[]): T {
  const shape: number[] = [];
  for (let cur: unknown = list; Array.isArray(cur); cur = cur[0]) {
    shape.push(cur.length);
    if (cur.length === 0) break;
  }
  const flat: unknown[] = [];
  const walk = (v: unknown, d: number) => {
    if (d === shape.length) {
      if (Array.isArray(v)) throw new ValueError(`expected sequence of length ${shape[d - 1]} at dim ${d - 1} (got ${v.length})`);
      flat.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[d])
      throw new ValueError(`expected sequence of length ${shape[d]} at dim ${d} (got ${Array.isArray(v) ? v.length : 1})`);
    for (const e of v) walk(e, d + 1);
  };
  walk(list, 0);
  const allBool = flat.length > 0 && flat.every((v) => typeof v === "boolean" || (v instanceof Tensor && v.dtype === bool));
  const dtype = allBool ? bool : int64;
  const data = new dtype.ctor(flat.length);
  flat.forEach((v, i) => {
    const n = v instanceof Tensor ? Number(v.item()) : Number(v);
    data[i] = allBool ? (n ? 1 : 0) : Math.trunc(n);
  });
  return Tensor.fromData(data, shape, dtype);
}

/** One 0-dim bool index as a long index of the new size-1 dim: True takes it, False takes nothing. */
function boolIndex(v: boolean, like: T): T {
  return v ? longTensor([0], [1], like) : longTensor([], [0], like);
}

// ---- basic indexing: the chain of views ------------------------------------------------------

type Step = (t: T) => T;

interface Sliced {
  result: T;
  steps: Step[];
  /** Advanced indices aligned to the dims of `result` (null = not indexed). */
  indices: Idx[];
}

function selectStep(x: T, dim: number, i: number, realDim: number): Step {
  if (x._shape.length === 0)
    throw new IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
  const size = x._shape[dim];
  if (i < -size || i >= size) throw new IndexError(`index ${i} is out of bounds for dimension ${realDim} with size ${size}`);
  return (t) => t.select(dim, i);
}

/** A slice step, or null when PyTorch's optimization skips a slice that takes the whole dim. */
function sliceStep(x: T, dim: number, it: Extract<Item, { kind: "slice" }>, optimize: boolean): Step | null {
  if (optimize && it.start === 0 && it.stop === x._shape[dim] && it.step === 1) return null;
  return (t) => ops.slice.call(t, dim, it.start, it.stop, it.step);
}

/** How many dims an index tuple consumes (masks count their dims; None, ..., bools none). */
function specifiedDims(items: Item[]): number {
  let n = 0;
  for (const it of items) {
    if (it.kind === "int" || it.kind === "slice") n++;
    else if (it.kind === "tensor") n += !it.fromList && (it.t.dtype === bool || it.t.dtype === uint8) ? it.t._shape.length : 1;
  }
  return n;
}

/** PyTorch's applySlicing: walk the tuple left to right, applying views and collecting indices. */
function applySlicing(self: T, items: Item[]): Sliced {
  const nd = self._shape.length;
  const specified = specifiedDims(items);
  if (specified > nd) throw new IndexError(`too many indices for tensor of dimension ${nd}`);
  let result = self;
  const steps: Step[] = [];
  const indices: Idx[] = [];
  let dim = 0;
  const apply = (s: Step | null) => {
    if (s === null) return;
    steps.push(s);
    result = s(result);
  };
  const record = (t: T) => {
    while (indices.length < dim) indices.push(null);
    indices[dim] = t;
    dim++; // once, even for a multi-dim mask: PyTorch's recordTensorIndex does the same
  };
  items.forEach((it, i) => {
    switch (it.kind) {
      case "int":
        // PyTorch names the item's position in the tuple as the "dimension" in this error
        apply(selectStep(result, dim, it.v, i));
        break;
      case "slice":
        apply(sliceStep(result, dim, it, true));
        dim++;
        break;
      case "ellipsis":
        dim += nd - specified; // several ellipses each expand (PyTorch 1.13 does not reject them)
        break;
      case "none":
        apply(((d) => (t: T) => t.unsqueeze(d))(dim));
        dim++;
        break;
      case "bool":
        apply(((d) => (t: T) => t.unsqueeze(d))(dim));
        record(boolIndex(it.v, self));
        break;
      case "tensor":
        record(it.t);
        break;
    }
  });
  return { result, steps, indices };
}

function applySteps(x: T, steps: Step[]): T {
  let r = x;
  for (const s of steps) r = s(r);
  return r;
}

// `x[...]` alone: a new tensor object over the same data (AliasBackward0).
defineOp("alias", {
  sig: "alias(Tensor input)",
  method: false,
  forward: (_ctx, x: T) => makeView(x, x._shape.slice(), x._strides.slice(), x._offset),
  backward: (_ctx, g) => [g],
});

function getitem(self: T, raw: unknown[], single: boolean): T {
  const items = raw.map(parseItem);
  if (single) {
    // PyTorch's fast paths for one non-tuple index; a lone slice is never optimized away
    const it = items[0];
    if (it.kind === "none") return self.unsqueeze(0);
    if (it.kind === "ellipsis") return ops.alias.call(self);
    if (it.kind === "int") return selectStep(self, 0, it.v, 0)(self);
    if (it.kind === "slice") {
      if (self._shape.length === 0) throw new IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
      return sliceStep(self, 0, it, false)!(self);
    }
    if (it.kind === "bool") return ops._index.call(self.unsqueeze(0), [boolIndex(it.v, self)]);
  }
  const { result, indices } = applySlicing(self, items);
  if (indices.length === 0) return result === self ? ops.alias.call(self) : result;
  return ops._index.call(result, indices);
}

Object.defineProperty(Tensor.prototype, "at", {
  value(this: T, ...items: unknown[]) {
    return getitem(this, items, items.length === 1);
  },
  writable: true,
  configurable: true,
});
Object.defineProperty(Tensor.prototype, "__getitem__", {
  value(this: T, key: unknown) {
    return Array.isArray(key) ? getitem(this, key, false) : getitem(this, [key], true);
  },
  writable: true,
  configurable: true,
});

// ---- __setitem__ -----------------------------------------------------------------------------

/** A Python scalar value becomes a 0-dim tensor of self's dtype, as PyTorch's valueToTensor does. */
function valueToTensor(self: T, value: unknown): T {
  if (value instanceof Tensor) return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return scalarOf(Number(value), self.dtype, self);
  const pyName = value === null || value === undefined ? "NoneType" : typeof value === "string" ? "str" : Array.isArray(value) ? "list" : "object";
  throw new PyTypeError(`can't assign a ${pyName} to a torch.${self.dtype.legacyName}`);
}

/** A class, not a plain object: a trailing plain object would be read as keyword arguments. */
class CopyPlan {
  constructor(
    readonly steps: Step[],
    readonly indices: Idx[] | null,
    /** grad_fn name: CopySlices when writing through a view, else the plain copy/fill node. */
    readonly name: string,
  ) {}
}

// Writing `value` into a region of `input` (a view chain, then optionally advanced indices).
// Gradients: the input's outside the region, the value's from inside it. PyTorch's CopySlices.
defineOp("_copy_slices", {
  sig: "_copy_slices(Tensor input, Tensor value, any plan)",
  method: false,
  names: { torch: (a) => (a[2] as CopyPlan).name },
  forward(_ctx, x: T, value: T, plan: CopyPlan) {
    const out = copyOf(x);
    const region = applySteps(out, plan.steps);
    if (plan.indices) writeIndexed(region, planIndex(region, plan.indices), value, false);
    else copyInto(region, value);
    return out;
  },
  backward(ctx, g) {
    const plan = ctx.args[2] as CopyPlan;
    const gIn = ctx.needs_input_grad[0] ? ops._copy_slices.call(g, scalarOf(0, g.dtype, g), plan) : null;
    let gVal: T | null = null;
    if (ctx.needs_input_grad[1]) {
      gVal = applySteps(g, plan.steps);
      if (plan.indices) gVal = ops._index.call(gVal, plan.indices);
    }
    return [gIn, gVal];
  },
});

/** PyTorch's copy_to: same shape copies, 0-dim fills, anything else broadcasts (with expand's errors). */
function broadcastValue(region: T, v: T): T {
  if (sameShape(region._shape, v._shape) || v._shape.length === 0) return v;
  const stripped = stripLeadingOnes(v._shape);
  const vv = stripped.length === v._shape.length ? v : v.view(stripped);
  return vv.expand(region._shape);
}

function setitem(self: T, raw: unknown[], single: boolean, value: unknown): void {
  let v = valueToTensor(self, value);
  const items = raw.map(parseItem);
  let steps: Step[];
  let indices: Idx[] = [];
  let region: T;
  if (single && items[0].kind === "bool" && !items[0].v) return; // x[False] = v writes nothing
  if (single && items[0].kind !== "tensor") {
    // PyTorch's set_item fast paths (here a whole-dim slice IS optimized away)
    const it = items[0];
    const s: Step | null =
      it.kind === "none" || it.kind === "bool" ? (t) => t.unsqueeze(0)
      : it.kind === "int" ? selectStep(self, 0, it.v, 0)
      : it.kind === "slice" ? sliceStep(self, 0, it, true)
      : null;
    steps = s === null ? [] : [s];
    region = withGradMode(false, () => applySteps(self, steps));
  } else {
    ({ result: region, steps, indices } = withGradMode(false, () => applySlicing(self, items)));
  }
  const advanced = indices.length > 0;

  // Shape the value as PyTorch does before writing (errors here leave self untouched).
  if (advanced) {
    const stripped = stripLeadingOnes(v._shape);
    if (stripped.length !== v._shape.length) v = v.view(stripped);
    checkPutDtypes(region, v);
  } else {
    v = broadcastValue(region, v);
  }

  if (gradState.enabled) {
    if (steps.length === 0) checkInplace(self);
    else if ((self._grad_fn === null && self._requires_grad) || (self._base !== null && self._base.is_leaf && self._base._requires_grad))
      throw new RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.");
  }
  const recording = gradState.enabled && (self.requires_grad || v.requires_grad);

  if (!recording) {
    // on a device the index values stay there: the backend's index_put kernel writes the region
    if (advanced && !isHost(region)) copyInto(region, ops.index_put.call(region, indices, v, false));
    else if (advanced) writeIndexed(region, planIndex(region, indices), v, false);
    else copyInto(region, v);
    self._vc.v++;
    return;
  }
  if (steps.length === 0 && advanced) {
    applyInplace(self, ops.index_put, [self, indices, v, false]);
    return;
  }
  const name = steps.length > 0 ? "CopySlices" : sameShape(region._shape, v._shape) ? "CopyBackwards" : "FillBackward3";
  const out: T = ops._copy_slices.call(self, v, new CopyPlan(steps, advanced ? indices : null, name));
  copyInto(self, out);
  self._vc.v++;
  if (out._grad_fn !== null) {
    self._grad_fn = out._grad_fn;
    self._output_nr = out._output_nr;
  }
}

Object.defineProperty(Tensor.prototype, "__setitem__", {
  value(this: T, key: unknown, value: unknown) {
    if (Array.isArray(key)) setitem(this, key, false, value);
    else setitem(this, [key], true, value);
  },
  writable: true,
  configurable: true,
});

// ---- gather / scatter ------------------------------------------------------------------------

const nonempty = (s: readonly number[], d: number) => (s.length === 0 ? 1 : s[d]);
const nonemptyDim = (s: readonly number[]) => Math.max(1, s.length);

/** For each element of `index`: its storage position in `x` with the `dim` coordinate dropped. */
function basePositions(x: T, index: T, d: number): Int32Array | Float64Array {
  const strides = index._shape.map((_, i) => (i === d ? 0 : x._strides[i] ?? 0));
  return positions(index._shape, strides, x._offset);
}

function checkGatherIndex(x: T, d: number, index: T, who: string): void {
  if (index.numel() === 0) return;
  if (index.dtype !== int64) throw new RuntimeError(`${who}(): Expected dtype int64 for index`);
}

function indexValues(index: T): ArrayLike<number> {
  return index._contiguousValues();
}

defineOp("gather", {
  sig: "gather(Tensor input, int dim, Tensor index, *, bool sparse_grad=False)",
  forward(_ctx, x: T, dim: number, index: T) {
    const d = x._wrapDim(dim);
    checkGatherIndex(x, d, index, "gather");
    const out = new x.dtype.ctor(index.numel());
    if (index.numel() === 0) return Tensor.fromData(out, index._shape.slice(), x.dtype, x._dialect);
    if (nonemptyDim(x._shape) !== nonemptyDim(index._shape)) throw new RuntimeError("Index tensor must have the same number of dimensions as input tensor");
    for (let i = 0; i < nonemptyDim(x._shape); i++)
      if (i !== d && nonempty(index._shape, i) > nonempty(x._shape, i))
        throw new RuntimeError(`Size does not match at dimension ${i} expected index ${dimsStr(index._shape)} to be smaller than self ${dimsStr(x._shape)} apart from dimension ${d}`);
    const base = basePositions(x, index, d);
    const iv = indexValues(index);
    const size = nonempty(x._shape, d);
    const stride = x._strides[d] ?? 0;
    const s = x._storage;
    for (let k = 0; k < out.length; k++) {
      const j = iv[k];
      if (j < 0 || j >= size) throw new RuntimeError(`index ${j} is out of bounds for dimension ${d} with size ${size}`);
      out[k] = s[base[k] + j * stride];
    }
    return Tensor.fromData(out, index._shape.slice(), x.dtype, x._dialect);
  },
  backward(ctx, g) {
    const [x, dim, index] = ctx.args as [T, number, T];
    return [ops.scatter_add.call(zerosOf(x._shape, g.dtype, g), dim, index, g)];
  },
});

/** The shared checks and loop of scatter / scatter_add: `combine(old, new)` decides the write. */
function scatterInto(who: string, x: T, dim: number, index: T, src: T | number, combine: (a: number, b: number) => number): T {
  const d = x._wrapDim(dim);
  const srcT = src instanceof Tensor ? src : null;
  if (index.numel() > 0 && index.dtype !== int64) throw new RuntimeError(`${who}(): Expected dtype int64 for index`);
  if (srcT && srcT.dtype !== x.dtype) throw new RuntimeError(`${who}(): Expected self.dtype to be equal to src.dtype`);
  const out = copyOf(x);
  if (index.numel() === 0) return out;
  if (nonemptyDim(x._shape) !== nonemptyDim(index._shape)) throw new RuntimeError("Index tensor must have the same number of dimensions as self tensor");
  if (srcT && nonemptyDim(srcT._shape) !== nonemptyDim(index._shape)) throw new RuntimeError("Index tensor must have the same number of dimensions as src tensor");
  const nd = nonemptyDim(x._shape);
  let wrong = false;
  for (let i = 0; i < nd && !wrong; i++) if (i !== d && nonempty(index._shape, i) > nonempty(x._shape, i)) wrong = true;
  if (!wrong && srcT) for (let i = 0; i < nd && !wrong; i++) if (nonempty(index._shape, i) > nonempty(srcT._shape, i)) wrong = true;
  if (wrong)
    throw new RuntimeError(
      `Expected index ${dimsStr(index._shape)} to be smaller than self ${dimsStr(x._shape)} apart from dimension ${d}` +
        (srcT ? ` and to be smaller size than src ${dimsStr(srcT._shape)}` : ""),
    );
  const base = basePositions(out, index, d);
  const iv = indexValues(index);
  const size = nonempty(x._shape, d);
  const stride = out._strides[d] ?? 0;
  const sp = srcT ? positions(index._shape, index._shape.map((_, i) => srcT._strides[i] ?? 0), srcT._offset) : null;
  const scalar = srcT ? 0 : castValue(Number(src), x.dtype);
  const o = out._storage;
  for (let k = 0; k < iv.length; k++) {
    const j = iv[k];
    if (j < 0 || j >= size) throw new RuntimeError(`index ${j} is out of bounds for dimension ${d} with size ${size}`);
    const p = base[k] + j * stride;
    o[p] = castValue(combine(o[p], sp ? srcT!._storage[sp[k]] : scalar), x.dtype);
  }
  return out;
}

const reducers: Record<string, (a: number, b: number) => number> = { add: (a, b) => a + b, multiply: (a, b) => a * b };

defineOp("scatter", {
  sig: "scatter(Tensor input, int dim, Tensor index, Tensor src=None, *, Scalar value=None, str? reduce=None)",
  names: { torch: (a) => (a[3] instanceof Tensor ? "ScatterBackward0" : "ScatterBackward1") },
  forward(_ctx, x: T, dim: number, index: T, src: T | number | null, value: number | null, reduce: string | null) {
    const s = src ?? value;
    if (s === null) throw new PyTypeError("scatter() missing 1 required positional arguments: \"src\"");
    let f: (a: number, b: number) => number = (_a, b) => b;
    if (reduce !== null) {
      f = reducers[reduce];
      if (!f) throw new RuntimeError(`reduce argument must be either add or multiply. Got ${reduce}`);
    }
    return scatterInto("scatter", x, dim, index, s as T | number, f);
  },
  backward(ctx, g) {
    const [, dim, index, src, , reduce] = ctx.args as [T, number, T, T | null, unknown, string | null];
    if (reduce !== null) throw new RuntimeError("the derivative for 'scatter' with reduce is not implemented");
    // edges: input, index, src
    return [g.scatter(dim, index, 0), null, src instanceof Tensor && ctx.needs_input_grad[2] ? g.gather(dim, index) : null];
  },
});

defineOp("scatter_add", {
  sig: "scatter_add(Tensor input, int dim, Tensor index, Tensor src)",
  forward: (_ctx, x: T, dim: number, index: T, src: T) => scatterInto("scatter_add", x, dim, index, src, (a, b) => a + b),
  backward(ctx, g) {
    const [, dim, index] = ctx.args as [T, number, T];
    return [g, null, ctx.needs_input_grad[2] ? g.gather(dim, index) : null]; // edges: input, index, src
  },
});

// ---- index_select / index_add / index_fill ---------------------------------------------------

/** A vector (or scalar) of int32/int64 indices into dim `d` of x, checked against its size. */
function dimIndices(x: T, d: number, index: T, outOfRange: (j: number, size: number) => Error, allowNegative: boolean): number[] {
  const size = nonempty(x._shape, d);
  return Array.from(indexValues(index), (j) => {
    if (j < (allowNegative ? -size : 0) || j >= size) throw outOfRange(j, size);
    return j < 0 ? j + size : j;
  });
}

/** Positions in x of the slab at coordinate `j` of dim `d`, row-major over the other dims. */
function slabPositions(x: T, d: number, j: number): Int32Array | Float64Array {
  if (x._shape.length === 0) return positions([], [], x._offset);
  const shape = x._shape.filter((_, i) => i !== d);
  const strides = x._strides.filter((_, i) => i !== d);
  return positions(shape, strides, x._offset + j * x._strides[d]);
}

defineOp("index_select", {
  sig: "index_select(Tensor input, int dim, Tensor index)",
  forward(_ctx, x: T, dim: number, index: T) {
    if (index._shape.length > 1) throw new IndexError("index_select(): Index is supposed to be a vector");
    if (x._shape.length === 0 && index.numel() !== 1)
      throw new RuntimeError(`index_select(): Index to scalar can have only 1 value, got ${index.numel()} value(s)`);
    if (index.dtype !== int64 && index.dtype !== int32) throw new RuntimeError("index_select(): Expected dtype int32 or int64 for index");
    const d = x._wrapDim(dim);
    const js = dimIndices(x, d, index, () => new IndexError("index out of range in self"), false);
    const shape = x._shape.slice();
    if (shape.length > 0) shape[d] = js.length;
    const out = Tensor.empty(shape, x.dtype, x._dialect);
    // write slab by slab through a view of `out` with dim d moved first
    const o = out._storage;
    const s = x._storage;
    js.forEach((j, k) => {
      const src = slabPositions(x, d, j);
      const dst = slabPositions(out, d, k);
      for (let i = 0; i < src.length; i++) o[dst[i]] = s[src[i]];
    });
    return out;
  },
  backward(ctx, g) {
    const [x, dim, index] = ctx.args as [T, number, T];
    return [ops.index_add.call(zerosOf(x._shape, g.dtype, g), dim, index, g)];
  },
});

defineOp("index_add", {
  sig: "index_add(Tensor input, int dim, Tensor index, Tensor source, *, Scalar alpha=1)",
  forward(_ctx, x: T, dim: number, index: T, source: T, alpha: number | bigint) {
    const d = x._wrapDim(dim);
    if (index._shape.length > 1) throw new IndexError("index_add_(): Index is supposed to be a vector");
    if (index.dtype !== int64 && index.dtype !== int32) throw new RuntimeError("index_add_(): Expected dtype int32/int64 for index");
    if (x.dtype !== source.dtype)
      throw new RuntimeError(`index_add_(): self (${typeName[x.dtype.name]}) and source (${typeName[source.dtype.name]}) must have the same scalar type`);
    if (!(d === 0 || d < source._shape.length))
      throw new RuntimeError(`index_add_(): Indexing dim ${d} is out of bounds of the source tensor with dim ${source._shape.length}`);
    const srcLen = source._shape.length === 0 ? 1 : source._shape[d];
    if (index.numel() !== srcLen)
      throw new RuntimeError(`index_add_(): Number of indices (${index.numel()}) should be equal to source.size(dim): (${srcLen}), for dim: ${d}`);
    if (x._shape.length > 0 && source._shape.length > 0) {
      const a = x._shape.filter((_, i) => i !== d);
      const b = source._shape.filter((_, i) => i !== d);
      if (!sameShape(a, b))
        throw new RuntimeError(
          `source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = ${dimsStr(x._shape)} source.shape = ${dimsStr(source._shape)}`,
        );
    }
    const js = dimIndices(x, d, index, () => new IndexError("index out of range in self"), false);
    const out = copyOf(x);
    const al = Number(alpha);
    const o = out._storage;
    const s = source._storage;
    js.forEach((j, k) => {
      const dst = slabPositions(out, d, j);
      const src = slabPositions(source, d, k);
      for (let i = 0; i < dst.length; i++) o[dst[i]] = castValue(o[dst[i]] + al * s[src[i]], x.dtype);
    });
    return out;
  },
  backward(ctx, g) {
    const [, dim, index, , alpha] = ctx.args as [T, number, T, T, number];
    let gs: T | null = null;
    if (ctx.needs_input_grad[2]) {
      const sel: T = g.index_select(dim, index);
      gs = Number(alpha) !== 1 ? sel.mul(alpha) : sel;
    }
    return [g, null, gs]; // edges: input, index, source
  },
});

defineOp("index_fill", {
  sig: "index_fill(Tensor input, int dim, Tensor index, Tensor value)",
  names: { torch: (a) => (a[3] instanceof Tensor ? "IndexFillBackward1" : "IndexFillBackward0") },
  forward(_ctx, x: T, dim: number, index: T, value: T | number) {
    if (value instanceof Tensor && value._shape.length !== 0)
      throw new RuntimeError(`index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value._shape.length} dimension(s).`);
    if (index.dtype !== int64) throw new IndexError("index_fill_(): Expected dtype int64 for index.");
    if (index._shape.length > 1) throw new IndexError("Index has to be a vector/scalar");
    const d = x._wrapDim(dim);
    const js = dimIndices(x, d, index, (j, size) => new IndexError(`index ${j} is out of bounds for dimension ${d} with size ${size}`), true);
    const v = castValue(Number(value instanceof Tensor ? value.item() : value), x.dtype);
    const out = copyOf(x);
    for (const j of js) for (const p of slabPositions(out, d, j)) out._storage[p] = v;
    return out;
  },
  backward(ctx, g) {
    const [, dim, index, value] = ctx.args as [T, number, T, T | number];
    let gv: T | null = null;
    if (value instanceof Tensor && ctx.needs_input_grad[2]) {
      // PyTorch sums over the unique index values
      const uniq = [...new Set(Array.from(indexValues(index)))].sort((a, b) => a - b);
      gv = g.index_select(dim, longTensor(uniq, [uniq.length], g)).sum();
    }
    return [g.index_fill(dim, index, 0), null, gv]; // edges: input, index, value
  },
});

// ---- masks, take, nonzero --------------------------------------------------------------------

function checkMask(mask: T, who: string, msg: string): void {
  if (mask.dtype === uint8)
    warnings.warn(
      `${who} received a mask with dtype torch.uint8, this behavior is now deprecated,please use a mask with dtype torch.bool instead. (Triggered internally at  ./aten/src/ATen/native/TensorAdvancedIndexing.cpp:1729.)`,
      UserWarning,
    );
  else if (mask.dtype !== bool) throw new RuntimeError(msg);
}

defineOp("masked_select", {
  sig: "masked_select(Tensor input, Tensor mask)",
  forward(_ctx, x: T, mask: T) {
    checkMask(mask, "masked_select", "masked_select: expected BoolTensor or ByteTensor for mask");
    const shape = broadcastShapes(x._shape, mask._shape);
    const px = positions(shape, broadcastStrides(x._shape, x._strides, shape), x._offset);
    const pm = positions(shape, broadcastStrides(mask._shape, mask._strides, shape), mask._offset);
    const vals: number[] = [];
    for (let i = 0; i < px.length; i++) if (mask._storage[pm[i]]) vals.push(x._storage[px[i]]);
    return Tensor.fromData(new x.dtype.ctor(vals), [vals.length], x.dtype, x._dialect);
  },
  backward(ctx, g) {
    const [x, mask] = ctx.args as [T, T];
    const shape = broadcastShapes(x._shape, mask._shape);
    return [ops.masked_scatter.call(zerosOf(shape, g.dtype, g), mask, g), null];
  },
});

defineOp("masked_scatter", {
  sig: "masked_scatter(Tensor input, Tensor mask, Tensor source)",
  forward(_ctx, x: T, mask: T, source: T) {
    checkMask(mask, "masked_scatter_", `masked_scatter_ only supports boolean masks, but got mask with dtype ${mask.dtype.name}`);
    if (source.dtype !== x.dtype)
      throw new RuntimeError(`masked_scatter: expected self and source to have same dtypes but got${typeName[x.dtype.name]} and ${typeName[source.dtype.name]}`);
    const shape = broadcastShapes(x._shape, mask._shape);
    const out = zerosOf(shape, x.dtype, x);
    copyInto(out, x);
    const pm = positions(shape, broadcastStrides(mask._shape, mask._strides, shape), mask._offset);
    const src = source._contiguousValues();
    let k = 0;
    for (let i = 0; i < pm.length; i++) if (mask._storage[pm[i]]) k++;
    if (k > src.length) throw new RuntimeError("Number of elements of source < number of ones in mask");
    k = 0;
    for (let i = 0; i < pm.length; i++) if (mask._storage[pm[i]]) out._storage[i] = src[k++];
    return out;
  },
  backward(ctx, g) {
    const [, mask, source] = ctx.args as [T, T, T];
    let gs: T | null = null;
    if (ctx.needs_input_grad[2]) {
      // the selected gradient, padded with zeros to source's size
      const sel = g.masked_select(mask);
      const n = source.numel();
      const at = longTensor(Array.from({ length: sel.numel() }, (_, i) => i), [sel.numel()], g);
      gs = ops.index_put.call(zerosOf([n], g.dtype, g), [at], sel, false).view(source._shape);
    }
    return [g.masked_fill(mask, 0), null, gs];
  },
});

defineOp("take", {
  sig: "take(Tensor input, Tensor index)",
  forward(_ctx, x: T, index: T) {
    if (index.dtype !== int64) throw new RuntimeError(`take(): Expected a long tensor for index, but got ${typeName[index.dtype.name]}`);
    const n = x.numel();
    const vals = x._contiguousValues();
    const iv = indexValues(index);
    const out = new x.dtype.ctor(iv.length);
    for (let k = 0; k < iv.length; k++) {
      const j = iv[k];
      if (j < -n || j >= n) throw new IndexError(`out of range: tried to access index ${j} on a tensor of ${n} elements.`);
      out[k] = vals[j < 0 ? j + n : j];
    }
    return Tensor.fromData(out, index._shape.slice(), x.dtype, x._dialect);
  },
  backward(ctx, g) {
    const [x, index] = ctx.args as [T, T];
    const flat = ops.index_put.call(zerosOf([x.numel()], g.dtype, g), [index.reshape([-1])], g.reshape([-1]), true);
    return [flat.view(x._shape)];
  },
});

function nonzeroMatrix(x: T): T {
  const { coords, count } = nonzeroCoords(x);
  const nd = x._shape.length;
  const data = new Float64Array(count * nd);
  for (let k = 0; k < count; k++) for (let d = 0; d < nd; d++) data[k * nd + d] = coords[d][k];
  return Tensor.fromData(data, [count, nd], int64, x._dialect);
}

defineOp("nonzero", {
  sig: "nonzero(Tensor input, *, bool as_tuple=False)",
  nondifferentiable: true,
  forward(_ctx, x: T, asTuple: boolean) {
    if (!asTuple) return nonzeroMatrix(x);
    // a 0-dim input counts as 1-dim here, as PyTorch's as_tuple path does
    const { coords, count } = nonzeroCoords(x._shape.length === 0 ? x.reshape([1]) : x);
    const out = new PyTuple<T>();
    for (const c of coords) out.push(Tensor.fromData(c, [count], int64, x._dialect));
    return out;
  },
});

defineOp("argwhere", {
  sig: "argwhere(Tensor input)",
  nondifferentiable: true,
  forward: (_ctx, x: T) => nonzeroMatrix(x),
});

// ---- in-place forms --------------------------------------------------------------------------

function inplaceOf(name: string, op: Op): void {
  Object.defineProperty(Tensor.prototype, name, {
    value(this: T, ...args: unknown[]) {
      return applyInplace(this, op, bindArgs(op.signature, [this, ...args]));
    },
    writable: true,
    configurable: true,
  });
}
inplaceOf("index_put_", ops.index_put);
inplaceOf("scatter_", ops.scatter);
inplaceOf("scatter_add_", ops.scatter_add);
inplaceOf("index_add_", ops.index_add);
inplaceOf("index_fill_", ops.index_fill);
inplaceOf("masked_scatter_", ops.masked_scatter);

export { planIndex, getitem, setitem };
