// View ops: results share the input's storage and version counter. Their derivatives are
// the inverse reshaping, or (for select/slice/indexing views) the gradient written into zeros
// through the same view, which keeps every derivative expressible in ops.

import { defineOp, ops } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { RuntimeError, IndexError, ValueError, PyTuple } from "@tsgrad/py";
import { broadcastShapes, contiguousStrides, isContiguous, numelOf } from "../kernels/strided.ts";
import { deviceOf, filledOn } from "../kernels/backends.ts";

type T = Tensor;

export function makeView(base: T, shape: number[], strides: number[], offset: number): T {
  const v = new Tensor(base._storage, shape, strides, offset, base.dtype, base._dialect, base._vc);
  v._base = base._base ?? base;
  return v;
}

function toInts(size: unknown): number[] {
  const list = Array.isArray(size) ? size : [size];
  return list.map((s) => Number(s));
}

/** Resolve a -1 in a requested shape, with PyTorch's message for an impossible one. */
export function inferSize(shape: number[], numel: number): number[] {
  let infer = -1;
  let prod = 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === -1) {
      if (infer >= 0) throw new RuntimeError("only one dimension can be inferred");
      infer = i;
    } else if (shape[i] < 0) throw new RuntimeError(`invalid shape dimension ${shape[i]}`);
    else prod *= shape[i];
  }
  const out = shape.slice();
  if (infer >= 0) {
    if (prod === 0 || numel % prod !== 0) throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${numel}`);
    out[infer] = numel / prod;
  } else if (prod !== numel) throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${numel}`);
  return out;
}

/** Strides for viewing (shape, strides) as newShape without copying, or null (PyTorch's computeStride). */
export function viewStrides(oldShape: number[], oldStrides: number[], newShape: number[]): number[] | null {
  if (numelOf(oldShape) === 0) return contiguousStrides(newShape);
  if (isContiguous(oldShape, oldStrides)) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length).fill(0);
  let viewD = newShape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}

/**
 * OneFlow (v0.8+) runs reshape/transpose/squeeze/unsqueeze/expand/narrow/slice of a non-empty
 * eager tensor as views (tensor_methods.cpp), whose nodes are named `view::<op>_backward`; an
 * empty tensor (or a reshape no stride fits) dispatches the user op, named `<op_type>_backward`.
 */
const flowView = (view: string, op: string) => (a: unknown[]) => ((a[0] as T).numel() >= 1 ? `view::${view}_backward` : `${op}_backward`);
const flowReshape = (a: unknown[]) => {
  const x = a[0] as T;
  const fits = x.numel() >= 1 && viewStrides(x._shape, x._strides, inferSize(toInts(a[1]), x.numel())) !== null;
  return fits ? "view::reshape_backward" : "reshape_backward";
};

defineOp("view", {
  sig: "view(Tensor input, int... size)",
  overloads: { method: ["view(ScalarType dtype)", "view(SymIntArrayRef size)"] },
  fn: false,
  names: { oneflow: flowReshape },
  forward(_ctx, x: T, size: unknown) {
    if (!Array.isArray(size) && (size as any)?.dtype) return x.to((size as any).dtype ?? size); // view(dtype) is rare; not supported beyond same size
    const shape = inferSize(toInts(size), x.numel());
    const st = viewStrides(x._shape, x._strides, shape);
    if (st === null)
      throw new RuntimeError(
        "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
      );
    return makeView(x, shape, st, x._offset);
  },
  backward: (ctx, g) => [g.reshape((ctx.args[0] as T)._shape)],
});

defineOp("reshape", {
  sig: "reshape(Tensor input, int... shape)",
  overloads: { fn: ["reshape(Tensor input, SymIntArrayRef shape)"], method: ["reshape(SymIntArrayRef shape)"] },
  names: {
    torch: (a) => (viewStrides((a[0] as T)._shape, (a[0] as T)._strides, inferSize(toInts(a[1]), (a[0] as T).numel())) ? "ReshapeAliasBackward0" : "UnsafeViewBackward0"),
    oneflow: flowReshape,
  },
  forward(_ctx, x: T, size: unknown) {
    const shape = inferSize(toInts(size), x.numel());
    const st = viewStrides(x._shape, x._strides, shape);
    if (st !== null) return makeView(x, shape, st, x._offset);
    return Tensor.fromData(x._contiguousValues().slice(), shape, x.dtype, x._dialect);
  },
  backward: (ctx, g) => [g.reshape((ctx.args[0] as T)._shape)],
});

defineOp("flatten", {
  sig: "flatten(Tensor input, int start_dim=0, int end_dim=-1)",
  overloads: { fn: ["flatten(Tensor input, int64_t start_dim, int64_t end_dim, Dimname out_dim)", "flatten(Tensor input, int64_t start_dim=0, int64_t end_dim=-1)", "flatten(Tensor input, Dimname start_dim, Dimname end_dim, Dimname out_dim)", "flatten(Tensor input, DimnameList dims, Dimname out_dim)"], method: ["flatten(int64_t start_dim, int64_t end_dim, Dimname out_dim)", "flatten(int64_t start_dim=0, int64_t end_dim=-1)", "flatten(Dimname start_dim, Dimname end_dim, Dimname out_dim)", "flatten(DimnameList dims, Dimname out_dim)"] },
  forward(_ctx, x: T, start: number, end: number) {
    if (x._shape.length === 0) return x.reshape([1]);
    const s = x._wrapDim(start);
    const e = x._wrapDim(end);
    if (s > e) throw new RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim");
    if (s === e) return x;
    const shape = [...x._shape.slice(0, s), x._shape.slice(s, e + 1).reduce((a, b) => a * b, 1), ...x._shape.slice(e + 1)];
    return x.reshape(shape);
  },
});

defineOp("squeeze", {
  sig: "squeeze(Tensor input, int? dim=None)",
  overloads: { fn: ["squeeze(Tensor input)", "squeeze(Tensor input, int64_t dim)", "squeeze(Tensor input, Dimname dim)"], method: ["squeeze()", "squeeze(int64_t dim)", "squeeze(Dimname dim)"] },
  names: { torch: (a) => (a[1] === null ? "SqueezeBackward0" : "SqueezeBackward1"), oneflow: flowView("squeeze", "squeeze") },
  forward(_ctx, x: T, dim: number | null) {
    const keep: number[] = [];
    if (dim === null) x._shape.forEach((s, i) => s !== 1 && keep.push(i));
    else {
      const d = x._shape.length === 0 ? 0 : x._wrapDim(dim);
      x._shape.forEach((s, i) => (i !== d || s !== 1) && keep.push(i));
    }
    return makeView(x, keep.map((i) => x._shape[i]), keep.map((i) => x._strides[i]), x._offset);
  },
  backward: (ctx, g) => [g.reshape((ctx.args[0] as T)._shape)],
});

defineOp("unsqueeze", {
  sig: "unsqueeze(Tensor input, int dim)",
  overloads: { fn: ["unsqueeze(Tensor input, int64_t dim)"], method: ["unsqueeze(int64_t dim)"] },
  names: { oneflow: flowView("unsqueeze", "expand_dims") },
  forward(_ctx, x: T, dim: number) {
    const d = x._wrapDim(dim, x._shape.length + 1);
    const shape = x._shape.slice();
    const strides = x._strides.slice();
    const st = d < x._shape.length ? x._shape[d] * x._strides[d] : 1;
    shape.splice(d, 0, 1);
    strides.splice(d, 0, st);
    return makeView(x, shape, strides, x._offset);
  },
  backward: (ctx, g) => [g.squeeze(ctx.args[1] as number)],
});

defineOp("transpose", {
  sig: "transpose(Tensor input, int dim0, int dim1)",
  names: { oneflow: flowView("transpose", "transpose") },
  overloads: { fn: ["transpose(Tensor input, int64_t dim0, int64_t dim1)", "transpose(Tensor input, Dimname dim0, Dimname dim1)"], method: ["transpose(int64_t dim0, int64_t dim1)", "transpose(Dimname dim0, Dimname dim1)"] },
  forward(_ctx, x: T, d0: number, d1: number) {
    if (x._shape.length === 0) {
      x._wrapDim(d0);
      x._wrapDim(d1);
      return makeView(x, [], [], x._offset);
    }
    const a = x._wrapDim(d0);
    const b = x._wrapDim(d1);
    const shape = x._shape.slice();
    const strides = x._strides.slice();
    [shape[a], shape[b]] = [shape[b], shape[a]];
    [strides[a], strides[b]] = [strides[b], strides[a]];
    return makeView(x, shape, strides, x._offset);
  },
  backward: (ctx, g) => [g.transpose(ctx.args[1] as number, ctx.args[2] as number)],
});
Object.defineProperty(Tensor.prototype, "swapaxes", { value: function (this: T, a: number, b: number) { return this.transpose(a, b); }, writable: true, configurable: true });

defineOp("t", {
  sig: "t(Tensor input)",
  names: { oneflow: flowView("transpose", "transpose") },
  forward(_ctx, x: T) {
    if (x._shape.length > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${x._shape.length}D`);
    if (x._shape.length < 2) return makeView(x, x._shape.slice(), x._strides.slice(), x._offset);
    return makeView(x, [x._shape[1], x._shape[0]], [x._strides[1], x._strides[0]], x._offset);
  },
  backward: (_ctx, g) => [g.t()],
});

defineOp("permute", {
  sig: "permute(Tensor input, int... dims)",
  names: { oneflow: flowView("transpose", "transpose") },
  overloads: { fn: ["permute(Tensor input, IntArrayRef dims)"], method: ["permute(IntArrayRef dims)"] },
  forward(_ctx, x: T, dims: unknown) {
    const ds = toInts(dims);
    if (ds.length !== x._shape.length)
      throw new RuntimeError(
        `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x._shape.length} is not equal to len(dims) = ${ds.length}`,
      );
    const norm = ds.map((d) => x._wrapDim(d));
    if (new Set(norm).size !== norm.length) throw new RuntimeError("permute(): duplicate dims are not allowed.");
    return makeView(x, norm.map((d) => x._shape[d]), norm.map((d) => x._strides[d]), x._offset);
  },
  backward(ctx, g) {
    const x = ctx.args[0] as T;
    const norm = toInts(ctx.args[1]).map((d) => x._wrapDim(d));
    const inv = new Array<number>(norm.length);
    norm.forEach((d, i) => (inv[d] = i));
    return [g.permute(inv)];
  },
});
Object.defineProperty(Tensor.prototype, "T", {
  get(this: T) {
    return this.permute([...Array(this._shape.length).keys()].reverse());
  },
  configurable: true,
});
Object.defineProperty(Tensor.prototype, "mT", {
  get(this: T) {
    return this.transpose(-2, -1);
  },
  configurable: true,
});

defineOp("expand", {
  sig: "expand(Tensor input, int... size)",
  overloads: { method: ["expand(SymIntArrayRef size, *, bool implicit=False)"] },
  fn: false,
  names: { oneflow: flowView("expand", "expand") },
  forward(_ctx, x: T, size: unknown) {
    const want = toInts(size);
    const nd = want.length;
    if (nd < x._shape.length)
      throw new RuntimeError(
        `expand(torch.${x.dtype.legacyName}{[${x._shape.join(", ")}]}, size=[${want.join(", ")}]): the number of sizes provided (${nd}) must be greater or equal to the number of dimensions in the tensor (${x._shape.length})`,
      );
    const lead = nd - x._shape.length;
    const shape = new Array<number>(nd);
    const strides = new Array<number>(nd);
    // from the last dim, as ATen's inferExpandGeometry (which decides the error's dim)
    for (let i = nd - 1; i >= 0; i--) {
      const j = i - lead;
      const cur = j >= 0 ? x._shape[j] : 1;
      let w = want[i];
      if (w === -1) {
        if (j < 0) throw new RuntimeError(`The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
        w = cur;
      }
      if (cur !== w && cur !== 1)
        throw new RuntimeError(
          `The expanded size of the tensor (${w}) must match the existing size (${cur}) at non-singleton dimension ${i}.  Target sizes: [${want.join(", ")}].  Tensor sizes: [${x._shape.join(", ")}]`,
        );
      shape[i] = w;
      strides[i] = j < 0 || (cur === 1 && w !== 1) ? 0 : x._strides[j];
    }
    return makeView(x, shape, strides, x._offset);
  },
  backward: (ctx, g) => [g.sum_to_size((ctx.args[0] as T)._shape)],
});
// torch.broadcast_tensors(*tensors) (varargs, so a plain function the dialects export) and
// torch.broadcast_to(input, size): expand views, recorded as ExpandBackward0
export function broadcast_tensors(...tensors: T[]): PyTuple<T> {
  const shape = tensors.reduce<number[]>((s, t) => broadcastShapes(s, t._shape), []);
  return PyTuple.from(tensors.map((t) => t.expand(shape))) as PyTuple<T>;
}
defineOp("broadcast_to", {
  sig: "broadcast_to(Tensor input, int[] size)",
  forward: (_ctx, x: T, size: unknown) => x.expand(toInts(size)),
});

Object.defineProperty(Tensor.prototype, "expand_as", {
  value(this: T, other: T) {
    return this.expand(other._shape);
  },
  writable: true,
  configurable: true,
});

defineOp("clone", {
  sig: "clone(Tensor input, *, any memory_format=None)",
  names: { oneflow: "copy_backward" },
  forward: (_ctx, x: T) => Tensor.fromData(x._contiguousValues().slice(), x._shape.slice(), x.dtype, x._dialect),
  backward: (_ctx, g) => [g],
});

Object.defineProperty(Tensor.prototype, "contiguous", {
  value(this: T) {
    return this.is_contiguous() ? this : this.clone();
  },
  writable: true,
  configurable: true,
});

defineOp("detach", {
  sig: "detach(Tensor input)",
  nondifferentiable: true,
  forward: (_ctx, x: T) => new Tensor(x._storage, x._shape.slice(), x._strides.slice(), x._offset, x.dtype, x._dialect, x._vc),
});

// ---- select / narrow: views into one index or a range of a dim ------------------------------

defineOp("select", {
  sig: "select(Tensor input, int dim, int index)",
  overloads: { fn: ["select(Tensor input, int64_t dim, int64_t index)", "select(Tensor input, Dimname dim, int64_t index)"], method: ["select(int64_t dim, int64_t index)", "select(Dimname dim, int64_t index)"] },
  // x[i] on a tensor that requires grad: OneFlow's TensorGetItem slices, then reshapes away the
  // indexed dim (array_functor.cpp), so the node is the reshape's; flow.select itself goes through
  // as_strided (view::as_strided_backward), which tutorials rarely call
  names: { oneflow: flowView("reshape", "reshape") },
  forward(_ctx, x: T, dim: number, index: number) {
    if (x._shape.length === 0) throw new IndexError("select() cannot be applied to a 0-dim tensor.");
    const d = x._wrapDim(dim);
    const size = x._shape[d];
    let i = Number(index);
    if (i < -size || i >= size)
      throw new IndexError(`index ${i} is out of bounds for dimension ${d} with size ${size}`);
    if (i < 0) i += size;
    const shape = x._shape.filter((_, k) => k !== d);
    const strides = x._strides.filter((_, k) => k !== d);
    return makeView(x, shape, strides, x._offset + i * x._strides[d]);
  },
  backward: (ctx, g) => [viewScatter(g, ctx.args[0] as T, (z) => z.select(ctx.args[1], ctx.args[2]))],
});

defineOp("narrow", {
  sig: "narrow(Tensor input, int dim, int start, int length)",
  overloads: { fn: ["narrow(Tensor input, int64_t dim, Tensor start, int64_t length)", "narrow(Tensor input, int64_t dim, int64_t start, int64_t length)"], method: ["narrow(int64_t dim, Tensor start, int64_t length)", "narrow(int64_t dim, int64_t start, int64_t length)"] },
  names: { torch: "SliceBackward0", oneflow: flowView("narrow", "narrow") },
  forward(_ctx, x: T, dim: number, start: number, length: number) {
    const d = x._wrapDim(dim);
    const size = x._shape[d];
    let s = Number(start);
    if (s < 0) s += size;
    if (s < 0 || s + length > size) throw new RuntimeError(`start (${start}) + length (${length}) exceeds dimension size (${size}).`);
    return sliceView(x, d, s, s + length, 1);
  },
  backward: (ctx, g) => [viewScatter(g, ctx.args[0] as T, (z) => z.narrow(ctx.args[1], ctx.args[2], ctx.args[3]))],
});

/** Python slice semantics clamped to the dim, as basic indexing uses. */
export function sliceView(x: T, d: number, start: number, stop: number, step: number): T {
  const shape = x._shape.slice();
  const strides = x._strides.slice();
  const len = Math.max(0, Math.ceil((stop - start) / step));
  shape[d] = len;
  strides[d] = x._strides[d] * step;
  return makeView(x, shape, strides, x._offset + (len > 0 ? start * x._strides[d] : 0));
}

defineOp("slice", {
  sig: "slice(Tensor input, int dim=0, int? start=None, int? end=None, int step=1)",
  method: false,
  names: { oneflow: flowView("slice", "slice") },
  forward(_ctx, x: T, dim: number, start: number | null, end: number | null, step: number) {
    if (step <= 0) throw new ValueError("step must be greater than zero");
    const d = x._wrapDim(dim);
    const size = x._shape[d];
    const clampIdx = (v: number | null, dflt: number) => {
      if (v === null) return dflt;
      let i = Number(v);
      if (i < 0) i += size;
      return Math.min(Math.max(i, 0), size);
    };
    const s = clampIdx(start, 0);
    const e = Math.max(s, clampIdx(end, size));
    return sliceView(x, d, s, e, step);
  },
  backward: (ctx, g) => [viewScatter(g, ctx.args[0] as T, (z) => ops.slice.callBound([z, ...ctx.args.slice(1)]))],
});


/** Gradient of a view: zeros of the input's shape with `g` written through the same view. */
export function viewScatter(g: T, input: T, view: (z: T) => T): T {
  return ops.view_scatter.call(g, input._shape, view);
}
defineOp("view_scatter", {
  sig: "view_scatter(Tensor grad, int[] shape, any view)",
  method: false,
  names: { torch: "AsStridedScatterBackward0" },
  forward(_ctx, g: T, shape: number[], view: (z: T) => T) {
    const z = filledOn(shape.slice(), g.dtype, 0, deviceOf(g), g._dialect); // zeros on g's device
    view(z).copy_(g);
    return z;
  },
  backward: (ctx, gg) => [(ctx.args[2] as (z: T) => T)(gg), null, null],
});
