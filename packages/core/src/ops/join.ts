// Joining, splitting and rearranging ops: cat/stack and their splits (whose outputs are views
// sharing one multi-output grad_fn, as PyTorch's SplitBackward0), repeat/flip/roll copies, and
// the diagonal/triangle family. Ops that PyTorch 1.13 implements as composites (tile, movedim,
// unflatten, hstack/vstack, chunk) have no derivative of their own here either, so their
// results carry the grad_fn of the op they are made of, as in PyTorch.

import { defineOp, ops } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { RuntimeError, IndexError, TypeError as PyTypeError, tuple } from "@tsgrad/py";
import { pyTypeName } from "../signature.ts";
import { promote_types } from "../dtype.ts";
import { contiguousStrides, numelOf, positions } from "../kernels/strided.ts";
import { copyInto } from "../kernels/elementwise.ts";
import { makeView, sliceView, viewScatter } from "./views.ts";
import { isHost, deviceOf, filledOn } from "../kernels/backends.ts";

type T = Tensor;

const int = (v: unknown): number => Number(v);
const ints = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : [Number(v)]);
const shapeStr = (s: number[]) => `[${s.join(", ")}]`;

/** Normalise a dim for a tensor of `ndim` dims, with PyTorch's IndexError. */
function wrapDim(dim: number, ndim: number): number {
  const n = ndim === 0 ? 1 : ndim;
  if (dim < -n || dim >= n) throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  return dim < 0 ? dim + n : dim;
}

/** A new contiguous tensor of `shape` with x's dtype and dialect, zero-filled. */
function zerosOf(shape: number[], like: T, dtype = like.dtype): T {
  if (!isHost(like)) return filledOn(shape, dtype, 0, deviceOf(like), like._dialect); // on like's device: cat's copies then run there
  return Tensor.empty(shape, dtype, like._dialect);
}

/** A Python tuple of tensors (prints as `(tensor(...), tensor(...))`). */
const tupleOf = (ts: T[]): T[] => tuple(ts) as unknown as T[];

// ---- cat / stack -------------------------------------------------------------------------------

/** PyTorch keeps the legacy rule that a 1-D empty tensor is skipped by cat whatever the shapes. */
const skippedByCat = (t: T) => t._shape.length === 1 && t._shape[0] === 0;

/** PyTorch's parser checks each element of a TensorList argument, with this wording. */
function checkTensorList(tensors: unknown[], argnum = 0): void {
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new PyTypeError(`expected Tensor as element ${i} in argument ${argnum}, but got ${pyTypeName(t)}`);
  });
}

function catForward(tensors: T[], dim: number, who = "torch.cat()"): T {
  checkTensorList(tensors);
  if (tensors.length === 0) throw new RuntimeError(`${who}: expected a non-empty list of Tensors`);
  tensors.forEach((t, i) => {
    if (t._shape.length === 0) throw new RuntimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  let dtype = tensors[0].dtype;
  for (const t of tensors) dtype = promote_types(dtype, t.dtype);
  const refIdx = tensors.findIndex((t) => !skippedByCat(t));
  const ref = tensors[refIdx < 0 ? 0 : refIdx];
  const d = wrapDim(dim, ref._shape.length);
  if (refIdx < 0) return zerosOf([0], ref, dtype);
  let total = 0;
  tensors.forEach((t, i) => {
    if (skippedByCat(t)) return;
    if (t._shape.length !== ref._shape.length)
      throw new RuntimeError(`Tensors must have same number of dimensions: got ${ref._shape.length} and ${t._shape.length}`);
    for (let k = 0; k < ref._shape.length; k++) {
      if (k !== d && t._shape[k] !== ref._shape[k])
        throw new RuntimeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${ref._shape[k]} but got size ${t._shape[k]} for tensor number ${i} in the list.`,
        );
    }
    total += t._shape[d];
  });
  const shape = ref._shape.slice();
  shape[d] = total;
  const out = zerosOf(shape, ref, dtype);
  let off = 0;
  for (const t of tensors) {
    if (skippedByCat(t)) continue;
    copyInto(sliceView(out, d, off, off + t._shape[d], 1), t);
    off += t._shape[d];
  }
  return out;
}

defineOp("cat", {
  sig: "cat(Tensor[] tensors, int dim=0)",
  overloads: { fn: ["cat(TensorList tensors, int64_t dim=0, *, Tensor out=None)", "cat(TensorList tensors, Dimname dim, *, Tensor out=None)"] },
  method: false,
  names: { oneflow: "concat_backward" },
  forward: (_ctx, tensors: T[], dim: number) => catForward(tensors, int(dim)),
  backward(ctx, g) {
    const tensors = ctx.args[0] as T[];
    const ref = tensors.find((t) => !skippedByCat(t));
    if (!ref) return tensors.map((t) => zerosOf(t._shape.slice(), g));
    const d = wrapDim(int(ctx.args[1]), ref._shape.length);
    let off = 0;
    return tensors.map((t, i) => {
      if (skippedByCat(t)) return zerosOf([0], g);
      const n = t._shape[d];
      const gi = ctx.needs_input_grad[i] ? g.narrow(d, off, n) : null;
      off += n;
      return gi;
    });
  },
});

// torch.concat is an alias: same node, same messages.
defineOp("concat", {
  sig: "concat(Tensor[] tensors, int dim=0)",
  overloads: { fn: ["concat(TensorList tensors, int64_t dim=0, *, Tensor out=None)", "concat(TensorList tensors, Dimname dim, *, Tensor out=None)"] },
  method: false,
  forward: (_ctx, tensors: T[], dim: number) => ops.cat.call(tensors, dim),
});

defineOp("stack", {
  sig: "stack(Tensor[] tensors, int dim=0)",
  overloads: { fn: ["stack(TensorList tensors, int64_t dim=0, *, Tensor out=None)"] },
  method: false,
  names: { oneflow: "stack_backward" },
  forward(_ctx, tensors: T[], dim: number) {
    checkTensorList(tensors);
    if (tensors.length === 0) throw new RuntimeError("stack expects a non-empty TensorList");
    const s0 = tensors[0]._shape;
    const d = wrapDim(int(dim), s0.length + 1);
    tensors.forEach((t, i) => {
      if (t._shape.length !== s0.length || t._shape.some((s, k) => s !== s0[k]))
        throw new RuntimeError(`stack expects each tensor to be equal size, but got ${shapeStr(s0)} at entry 0 and ${shapeStr(t._shape)} at entry ${i}`);
    });
    return catForward(tensors.map((t) => t.unsqueeze(d)), d);
  },
  backward(ctx, g) {
    const tensors = ctx.args[0] as T[];
    const d = wrapDim(int(ctx.args[1]), tensors[0]._shape.length + 1);
    return tensors.map((_t, i) => (ctx.needs_input_grad[i] ? g.select(d, i) : null));
  },
});

function atLeast(t: T, n: number): T {
  if (t._shape.length >= n) return t;
  return t.reshape(n === 1 ? [t.numel()] : t._shape.length === 0 ? [1, 1] : [1, t._shape[0]]);
}
defineOp("hstack", {
  sig: "hstack(Tensor[] tensors)",
  overloads: { fn: ["hstack(TensorList tensors, *, Tensor out=None)"] },
  method: false,
  forward(_ctx, tensors: T[]) {
    checkTensorList(tensors);
    if (tensors.length === 0) throw new RuntimeError("hstack expects a non-empty TensorList");
    const ts = tensors.map((t) => atLeast(t, 1));
    return ops.cat.call(ts, ts[0]._shape.length === 1 ? 0 : 1);
  },
});
defineOp("vstack", {
  sig: "vstack(Tensor[] tensors)",
  overloads: { fn: ["vstack(TensorList tensors, *, Tensor out=None)"] },
  method: false,
  forward(_ctx, tensors: T[]) {
    checkTensorList(tensors);
    if (tensors.length === 0) throw new RuntimeError("vstack expects a non-empty TensorList");
    return ops.cat.call(tensors.map((t) => atLeast(t, 2)), 0);
  },
});

// ---- split / chunk / unbind: views sharing one node ----------------------------------------------

function splitSizes(x: T, size: number, d: number): number[] {
  const n = x._shape[d];
  if (size < 0) throw new RuntimeError(`split expects split_size be non-negative, but got split_size=${size}`);
  if (size === 0 && n !== 0) throw new RuntimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${n}`);
  const count = size === 0 ? 1 : Math.max(Math.ceil(n / size), 1);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) sizes.push(size === 0 ? 0 : Math.min(size, n - i * size));
  return sizes;
}

function viewsAlong(x: T, d: number, sizes: number[]): T[] {
  let off = 0;
  return sizes.map((s) => {
    const v = sliceView(x, d, off, off + s, 1);
    off += s;
    return v;
  });
}

/** d(split outputs)/d(input): the output gradients laid back side by side. */
const splitBackward = (x: T, d: number, grads: T[]): T => ops.cat.call(grads, d);

defineOp("split", {
  sig: "split(Tensor input, any split_size, int dim=0)",
  overloads: { fn: ["split(Tensor input, int64_t split_size, int64_t dim=0)", "split(Tensor input, IntArrayRef split_size, int64_t dim=0)"], method: ["split(int64_t split_size, int64_t dim=0)", "split(IntArrayRef split_size, int64_t dim=0)"] },
  names: { torch: (a) => (Array.isArray(a[1]) ? "SplitWithSizesBackward0" : "SplitBackward0") },
  forward(_ctx, x: T, size: unknown, dim: number) {
    if (Array.isArray(size)) return ops.split_with_sizes.callBound([x, size, dim]);
    if (x._shape.length === 0) throw new RuntimeError("split expects at least a 1-dimensional tensor");
    const d = x._wrapDim(int(dim));
    return tupleOf(viewsAlong(x, d, splitSizes(x, int(size), d)));
  },
  backward(ctx, ...grads) {
    const x = ctx.args[0] as T;
    return [splitBackward(x, x._wrapDim(int(ctx.args[2])), grads)];
  },
});

defineOp("split_with_sizes", {
  sig: "split_with_sizes(Tensor input, int[] split_sizes, int dim=0)",
  overloads: { fn: ["split_with_sizes(Tensor input, IntArrayRef split_sizes, int64_t dim=0)"], method: ["split_with_sizes(IntArrayRef split_sizes, int64_t dim=0)"] },
  forward(_ctx, x: T, sizes: unknown, dim: number) {
    if (x._shape.length === 0) throw new RuntimeError("split expects at least a 1-dimensional tensor");
    const d = x._wrapDim(int(dim));
    const ss = ints(sizes);
    if (ss.some((s) => s < 0))
      throw new RuntimeError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${shapeStr(ss)}`);
    const total = ss.reduce((a, b) => a + b, 0);
    if (total !== x._shape[d])
      throw new RuntimeError(
        `split_with_sizes expects split_sizes to sum exactly to ${x._shape[d]} (input tensor's size at dimension ${d}), but got split_sizes=${shapeStr(ss)}`,
      );
    return tupleOf(viewsAlong(x, d, ss));
  },
  backward(ctx, ...grads) {
    const x = ctx.args[0] as T;
    return [splitBackward(x, x._wrapDim(int(ctx.args[2])), grads)];
  },
});

// chunk is split with size ceil(n / chunks) (SplitBackward0), as in PyTorch 1.13.
defineOp("chunk", {
  sig: "chunk(Tensor input, int chunks, int dim=0)",
  overloads: { fn: ["chunk(Tensor input, int64_t chunks, int64_t dim=0)"], method: ["chunk(int64_t chunks, int64_t dim=0)"] },
  forward(_ctx, x: T, chunks: number, dim: number) {
    if (x._shape.length === 0) throw new RuntimeError("chunk expects at least a 1-dimensional tensor");
    const c = int(chunks);
    if (c <= 0) throw new RuntimeError(`chunk expects \`chunks\` to be greater than 0, got: ${c}`);
    const d = x._wrapDim(int(dim));
    const n = x._shape[d];
    const size = Math.ceil(n / c);
    // an empty dim still gives `chunks` empty pieces
    if (size === 0) return ops.split_with_sizes.call(x, new Array(c).fill(0), d);
    return ops.split.call(x, size, d);
  },
});

defineOp("unbind", {
  sig: "unbind(Tensor input, int dim=0)",
  overloads: { fn: ["unbind(Tensor input, int64_t dim=0)", "unbind(Tensor input, Dimname dim)"], method: ["unbind(int64_t dim=0)", "unbind(Dimname dim)"] },
  forward(_ctx, x: T, dim: number) {
    if (x._shape.length === 0) throw new IndexError(`Dimension specified as ${int(dim)} but tensor has no dimensions`);
    const d = x._wrapDim(int(dim));
    const shape = x._shape.filter((_, k) => k !== d);
    const strides = x._strides.filter((_, k) => k !== d);
    const out: T[] = [];
    for (let i = 0; i < x._shape[d]; i++) out.push(makeView(x, shape.slice(), strides.slice(), x._offset + i * x._strides[d]));
    return tupleOf(out);
  },
  backward(ctx, ...grads) {
    const x = ctx.args[0] as T;
    return [ops.stack.call(grads, x._wrapDim(int(ctx.args[1])))];
  },
});

// ---- repeat / tile / flip / roll ------------------------------------------------------------------

defineOp("repeat", {
  sig: "repeat(Tensor input, int... repeats)",
  overloads: { method: ["repeat(SymIntArrayRef repeats)"] },
  fn: false,
  forward(_ctx, x: T, repeats: unknown) {
    const reps = ints(repeats);
    if (reps.length < x._shape.length)
      throw new RuntimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
    const lead = reps.length - x._shape.length;
    const padded = [...new Array(lead).fill(1), ...x._shape];
    const outShape = padded.map((s, i) => s * reps[i]);
    if (outShape.some((s) => s < 0))
      throw new RuntimeError(`Trying to create tensor with negative dimension ${outShape.find((s) => s < 0)}: ${shapeStr(outShape)}`);
    // View the output as [r0, s0, r1, s1, ...] and write x broadcast over the r dims.
    const out = zerosOf(outShape, x);
    if (numelOf(outShape) === 0) return out;
    const inter: number[] = [];
    const interStrides: number[] = [];
    const cs = contiguousStrides(outShape);
    padded.forEach((s, i) => {
      inter.push(reps[i], s);
      interStrides.push(cs[i] * s, cs[i]);
    });
    const target = new Tensor(out._storage, inter, interStrides, 0, out.dtype, out._dialect);
    const src = x.reshape(inter.map((v, i) => (i % 2 === 0 ? 1 : v)));
    copyInto(target, src);
    return out;
  },
  backward(ctx, g) {
    const x = ctx.args[0] as T;
    const reps = ints(ctx.args[1]);
    const lead = reps.length - x._shape.length;
    const padded = [...new Array(lead).fill(1), ...x._shape];
    const inter: number[] = [];
    padded.forEach((s, i) => inter.push(reps[i], s));
    const sumDims = inter.map((_, i) => i).filter((i) => i % 2 === 0);
    return [g.reshape(inter).sum(sumDims).reshape(x._shape)];
  },
});

defineOp("tile", {
  sig: "tile(Tensor input, int[] dims)",
  overloads: { fn: ["tile(Tensor input, IntArrayRef dims)"], method: ["tile(IntArrayRef dims)"] },
  forward(_ctx, x: T, dims: unknown) {
    const reps = ints(dims);
    const full = reps.length < x._shape.length ? [...new Array(x._shape.length - reps.length).fill(1), ...reps] : reps;
    return x.repeat(full);
  },
});

function uniqueDims(x: T, dims: unknown): number[] {
  const ds = ints(dims).map((d) => x._wrapDim(d));
  const seen = new Set<number>();
  for (const d of ds) {
    if (seen.has(d)) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return ds;
}

defineOp("flip", {
  sig: "flip(Tensor input, int... dims)",
  overloads: { fn: ["flip(Tensor input, IntArrayRef dims)"], method: ["flip(IntArrayRef dims)"] },
  forward(_ctx, x: T, dims: unknown) {
    const ds = uniqueDims(x, dims);
    // a reversed-stride view of x, then copied (flip is not a view in PyTorch)
    const strides = x._strides.slice();
    let offset = x._offset;
    for (const d of ds) {
      if (x._shape[d] > 0) offset += (x._shape[d] - 1) * x._strides[d];
      strides[d] = -strides[d];
    }
    const n = x.numel();
    const out = zerosOf(x._shape.slice(), x);
    if (n === 0) return out;
    const pos = positions(x._shape, strides, offset);
    for (let i = 0; i < n; i++) out._storage[i] = x._storage[pos[i]];
    return out;
  },
  backward: (ctx, g) => [g.flip(ints(ctx.args[1]))],
});

defineOp("roll", {
  sig: "roll(Tensor input, int[] shifts, int[] dims=[])",
  overloads: { fn: ["roll(Tensor input, IntArrayRef[1] shifts, IntArrayRef[1] dims=None)"], method: ["roll(IntArrayRef[1] shifts, IntArrayRef[1] dims=None)"] },
  forward(_ctx, x: T, shifts: unknown, dims: unknown) {
    const sh = ints(shifts);
    const ds = dims === null ? [] : ints(dims);
    if (ds.length === 0) {
      if (sh.length !== 1) throw new RuntimeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
      return rollDim(x.flatten(), sh[0], 0).view(x._shape);
    }
    if (sh.length !== ds.length) throw new RuntimeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
    let out = x;
    ds.forEach((d, i) => (out = rollDim(out, sh[i], x._wrapDim(d))));
    return out === x ? x.clone() : out;
  },
  backward(ctx, g) {
    const dims = ctx.args[2] === null ? [] : ints(ctx.args[2]);
    return [g.roll(ints(ctx.args[1]).map((s) => -s), dims)];
  },
});
function rollDim(x: T, shift: number, d: number): T {
  const n = x._shape[d];
  if (n === 0) return x.clone();
  const s = ((shift % n) + n) % n;
  if (s === 0) return x.clone();
  return catForward([sliceView(x, d, n - s, n, 1), sliceView(x, d, 0, n - s, 1)], d);
}

defineOp("narrow_copy", {
  sig: "narrow_copy(Tensor input, int dim, int start, int length)",
  overloads: { fn: ["narrow_copy(Tensor input, int64_t dim, SymInt start, SymInt length, *, Tensor out=None)"], method: ["narrow_copy(int64_t dim, SymInt start, SymInt length)"] },
  names: { torch: "torch::autograd::NotImplemented" },
  forward: (_ctx, x: T, dim: number, start: number, length: number) => x.narrow(dim, start, length).clone(),
  backward() {
    // PyTorch 1.13 has no derivative for narrow_copy.
    throw new RuntimeError("the derivative for 'narrow_copy' is not implemented.");
  },
});

// ---- shape rearrangements made of views -----------------------------------------------------------

defineOp("unflatten", {
  sig: "unflatten(Tensor input, int dim, int[] sizes)",
  overloads: { fn: ["unflatten(Tensor input, Dimname dim, IntArrayRef sizes, DimnameList names)", "unflatten(Tensor input, int64_t dim, IntArrayRef sizes)"] },
  forward(_ctx, x: T, dim: number, sizes: unknown) {
    const d = x._wrapDim(int(dim));
    const ss = ints(sizes);
    if (ss.length === 0) throw new RuntimeError("unflatten: sizes must be non-empty");
    const infer = ss.indexOf(-1);
    const prod = ss.reduce((a, b) => (b === -1 ? a : a * b), 1);
    const n = x._shape[d];
    if (infer >= 0 ? prod === 0 || n % prod !== 0 : prod !== n)
      throw new RuntimeError(`unflatten: Provided sizes ${shapeStr(ss)} don't multiply up to the size of dim ${d} (${n}) in the input tensor`);
    if (infer >= 0) ss[infer] = n / prod;
    return x.view([...x._shape.slice(0, d), ...ss, ...x._shape.slice(d + 1)]);
  },
});

defineOp("movedim", {
  sig: "movedim(Tensor input, any source, any destination)",
  overloads: { fn: ["movedim(Tensor input, int64_t source, int64_t destination)", "movedim(Tensor input, IntArrayRef source, IntArrayRef destination)"], method: ["movedim(int64_t source, int64_t destination)", "movedim(IntArrayRef source, IntArrayRef destination)"] },
  forward(_ctx, x: T, source: unknown, destination: unknown) {
    const src = ints(source);
    const dst = ints(destination);
    if (src.length !== dst.length)
      throw new RuntimeError(
        `movedim: Invalid source or destination dims: source (${shapeStr(src)} dims) should contain the same number of dims as destination (${shapeStr(dst)} dims)`,
      );
    const nd = x._shape.length;
    const s = src.map((d) => x._wrapDim(d));
    const t = dst.map((d) => x._wrapDim(d));
    if (new Set(s).size !== s.length) throw new RuntimeError(`movedim: repeated dim in \`source\` (${shapeStr(src)})`);
    if (new Set(t).size !== t.length) throw new RuntimeError(`movedim: repeated dim in \`destination\` (${shapeStr(dst)})`);
    const order = new Array<number>(nd).fill(-1);
    s.forEach((d, i) => (order[t[i]] = d));
    const rest = [...Array(nd).keys()].filter((d) => !s.includes(d));
    let k = 0;
    for (let i = 0; i < nd; i++) if (order[i] < 0) order[i] = rest[k++];
    return x.permute(order);
  },
});
Object.defineProperty(Tensor.prototype, "moveaxis", {
  value(this: T, a: unknown, b: unknown) {
    return this.movedim(a, b);
  },
  writable: true,
  configurable: true,
});

// ---- diagonals and triangles ----------------------------------------------------------------------

defineOp("diagonal", {
  sig: "diagonal(Tensor input, int offset=0, int dim1=0, int dim2=1)",
  overloads: { fn: ["diagonal(Tensor input, *, Dimname outdim, Dimname dim1, Dimname dim2, int64_t offset=0)", "diagonal(Tensor input, int64_t offset=0, int64_t dim1=0, int64_t dim2=1)"], method: ["diagonal(*, Dimname outdim, Dimname dim1, Dimname dim2, int64_t offset=0)", "diagonal(int64_t offset=0, int64_t dim1=0, int64_t dim2=1)"] },
  forward(_ctx, x: T, offset: number, dim1: number, dim2: number) {
    const a = x._wrapDim(int(dim1));
    const b = x._wrapDim(int(dim2));
    if (a === b) throw new RuntimeError(`diagonal dimensions cannot be identical ${int(dim1)}, ${int(dim2)}`);
    const k = int(offset);
    let len: number;
    let start = x._offset;
    if (k >= 0) {
      len = Math.max(Math.min(x._shape[a], x._shape[b] - k), 0);
      if (len > 0) start += k * x._strides[b];
    } else {
      len = Math.max(Math.min(x._shape[a] + k, x._shape[b]), 0);
      if (len > 0) start -= k * x._strides[a];
    }
    const keep = [...x._shape.keys()].filter((d) => d !== a && d !== b);
    return makeView(x, [...keep.map((d) => x._shape[d]), len], [...keep.map((d) => x._strides[d]), x._strides[a] + x._strides[b]], start);
  },
  backward(ctx, g) {
    const [x, offset, d1, d2] = ctx.args as [T, number, number, number];
    return [viewScatter(g, x, (z) => z.diagonal(offset, d1, d2))];
  },
});

defineOp("diag", {
  sig: "diag(Tensor input, int diagonal=0)",
  overloads: { fn: ["diag(Tensor input, int64_t diagonal=0, *, Tensor out=None)"], method: ["diag(int64_t diagonal=0)"] },
  forward(_ctx, x: T, diagonal: number) {
    const k = int(diagonal);
    if (x._shape.length === 1) {
      const n = x._shape[0] + Math.abs(k);
      const out = zerosOf([n, n], x);
      copyInto(out.diagonal(k), x);
      return out;
    }
    if (x._shape.length !== 2) throw new RuntimeError("matrix or a vector expected");
    return x.diagonal(k).clone();
  },
  backward(ctx, g) {
    const x = ctx.args[0] as T;
    const k = int(ctx.args[1]);
    if (x._shape.length === 1) return [g.diagonal(k)];
    return [viewScatter(g, x, (z) => z.diagonal(k))];
  },
});

function triangle(name: "tril" | "triu", keep: (row: number, col: number, k: number) => boolean) {
  defineOp(name, {
    sig: `${name}(Tensor input, int diagonal=0)`,
    overloads: { fn: [`${name}(Tensor input, int64_t diagonal=0, *, Tensor out=None)`], method: [`${name}(int64_t diagonal=0)`] },
    forward(_ctx, x: T, diagonal: number) {
      const nd = x._shape.length;
      x._wrapDim(-2);
      const k = int(diagonal);
      const rows = x._shape[nd - 2];
      const cols = x._shape[nd - 1];
      const vals = x._contiguousValues();
      const out = zerosOf(x._shape.slice(), x);
      const o = out._storage;
      const plane = rows * cols;
      for (let i = 0; i < vals.length; i++) {
        const r = Math.floor((i % plane) / cols);
        const c = i % cols;
        if (keep(r, c, k)) o[i] = vals[i];
      }
      return out;
    },
    backward: (ctx, g) => [(g as any)[name](ctx.args[1])],
  });
}
triangle("tril", (r, c, k) => c - r <= k);
triangle("triu", (r, c, k) => c - r >= k);

// ---- repeat_interleave ------------------------------------------------------------------------------

// PyTorch builds it from index_select, so its node is IndexSelectBackward0; the gradient sums each
// run of repeated slices back into its source slice.
defineOp("repeat_interleave", {
  sig: "repeat_interleave(Tensor input, Tensor repeats, int? dim=None, *, int? output_size=None)",
  overloads: {
    fn: ["repeat_interleave(Tensor input, Tensor repeats, int64_t? dim=None, *, int64_t? output_size=None)", "repeat_interleave(Tensor input, int64_t repeats, int64_t? dim=None, *, int64_t? output_size=None)", "repeat_interleave(Tensor repeats, *, int64_t? output_size=None)"],
    method: ["repeat_interleave(Tensor repeats, int64_t? dim=None, *, int64_t? output_size=None)", "repeat_interleave(int64_t repeats, int64_t? dim=None, *, int64_t? output_size=None)"],
  },
  names: { torch: "IndexSelectBackward0" },
  forward(_ctx, x: T, repeats: T | number | bigint, dim: number | null) {
    const src = dim === null ? x.flatten() : x;
    const d = dim === null ? 0 : src._wrapDim(int(dim));
    const reps = repeatCounts(src, repeats, d);
    const pieces: T[] = [];
    const n = src._shape[d];
    for (let i = 0; i < n; i++) {
      const sl = sliceView(src, d, i, i + 1, 1);
      for (let r = 0; r < reps[i]; r++) pieces.push(sl);
    }
    if (pieces.length === 0) {
      const shape = src._shape.slice();
      shape[d] = 0;
      return zerosOf(shape, src);
    }
    return catForward(pieces, d);
  },
  backward(ctx, g) {
    const [x, repeats, dim] = ctx.args as [T, T | number, number | null];
    const src = dim === null ? x.flatten() : x;
    const d = dim === null ? 0 : src._wrapDim(int(dim));
    const reps = repeatCounts(src, repeats, d);
    const parts = ops.split_with_sizes.call(g, reps, d) as T[];
    const gx = ops.cat.call(parts.map((p) => p.sum(d, true)), d);
    return [dim === null ? gx.reshape(x._shape) : gx, null];
  },
});
function repeatCounts(src: T, repeats: T | number | bigint, d: number): number[] {
  const n = src._shape[d];
  let reps: number[];
  if (repeats instanceof Tensor) {
    const vals = Array.from(repeats._contiguousValues(), Number);
    reps = vals.length === 1 ? new Array(n).fill(vals[0]) : vals;
    if (reps.length !== n) throw new RuntimeError("repeats must have the same size as input along dim");
  } else reps = new Array(n).fill(int(repeats));
  if (reps.some((r) => r < 0)) throw new RuntimeError("repeats can not be negative");
  return reps;
}
