// The Tensor: a strided view over a typed-array storage, plus its autograd state. Ops are not
// written here: they are declared once in ops/ and installed as methods by op.ts.

import { RuntimeError, ValueError, IndexError, TypeError as PyTypeError } from "@tsgrad/py";
import { type DType, type TypedArray, float32, int64, bool as boolDtype } from "./dtype.ts";
import { contiguousStrides, isContiguous, numelOf, positions } from "./kernels/strided.ts";
import type { Dialect } from "./dialect.ts";
import { dialectState } from "./dialect.ts";
import { AccumulateGrad, type Node } from "./autograd/node.ts";
import { Size } from "./size.ts";
import { hostStorage, deviceOf } from "./kernels/backends.ts";

/** Shared by a tensor, its views and its detach()es; bumped by every in-place write. */
export interface VersionCounter {
  v: number;
}

export class Tensor {
  /** Python shows the class as `torch.Tensor`. */
  static __module__ = "torch";
  _storage: TypedArray;
  _shape: number[];
  _strides: number[];
  _offset: number;
  dtype: DType;
  _vc: VersionCounter;
  _dialect: Dialect;
  _requires_grad = false;
  _grad: Tensor | null = null;
  _grad_fn: Node | null = null;
  /** Which output of _grad_fn this tensor is. */
  _output_nr = 0;
  /** The tensor this one is a view of (PyTorch's `_base`), for in-place ops through views. */
  _base: Tensor | null = null;
  _accumulator: AccumulateGrad | null = null;
  _retains_grad = false;
  /** Hooks on a leaf's gradient, run before it is accumulated. */
  _leafHooks: Array<(g: Tensor) => Tensor | undefined | void> | null = null;
  /** Set on nn.Parameter instances and others that print differently. */
  _isParameter = false;

  constructor(storage: TypedArray, shape: number[], strides: number[], offset: number, dtype: DType, dialect?: Dialect, vc?: VersionCounter) {
    this._storage = storage;
    this._shape = shape;
    this._strides = strides;
    this._offset = offset;
    this.dtype = dtype;
    this._dialect = dialect ?? dialectState.current;
    this._vc = vc ?? { v: 0 };
  }

  /** A new contiguous tensor owning `data` (which must hold exactly numel elements). */
  static fromData(data: TypedArray, shape: number[], dtype: DType, dialect?: Dialect): Tensor {
    return new Tensor(data, shape, contiguousStrides(shape), 0, dtype, dialect);
  }

  static empty(shape: number[], dtype: DType = float32, dialect?: Dialect): Tensor {
    return Tensor.fromData(new dtype.ctor(numelOf(shape)), shape, dtype, dialect);
  }

  // ---- metadata -------------------------------------------------------------------------

  get shape(): Size {
    return new Size(this._shape, this._dialect.sizeName);
  }
  size(dim?: number): any {
    if (dim === undefined) return this.shape;
    return this._shape[this._wrapDim(dim)];
  }
  get ndim(): number {
    return this._shape.length;
  }
  dim(): number {
    return this._shape.length;
  }
  numel(): number {
    return numelOf(this._shape);
  }
  nelement(): number {
    return this.numel();
  }
  stride(dim?: number): any {
    if (dim === undefined) return new Size(this._strides, "").asTuple();
    return this._strides[this._wrapDim(dim)];
  }
  storage_offset(): number {
    return this._offset;
  }
  element_size(): number {
    return this.dtype.itemsize;
  }
  /** The storage's device: a TypedArray is the CPU's, device storage names its own. */
  get device(): Device {
    return deviceOf(this);
  }
  get _device(): Device {
    return deviceOf(this);
  }
  get is_cuda(): boolean {
    return false;
  }
  is_contiguous(): boolean {
    return isContiguous(this._shape, this._strides);
  }
  is_floating_point(): boolean {
    return this.dtype.kind === "float";
  }
  get _version(): number {
    return this._vc.v;
  }
  get layout(): string {
    return `${this._dialect.dtypePrefix}.strided`;
  }

  /** Normalise a possibly negative dim, with PyTorch's IndexError message. */
  _wrapDim(dim: number, ndim = this._shape.length): number {
    const d = Number(dim);
    const n = ndim === 0 ? 1 : ndim;
    if (d < -n || d >= n) {
      throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${d})`);
    }
    return d < 0 ? d + n : d;
  }

  // ---- autograd state ---------------------------------------------------------------------

  get is_leaf(): boolean {
    return this._grad_fn === null;
  }
  get requires_grad(): boolean {
    return this._requires_grad || this._grad_fn !== null;
  }
  set requires_grad(v: boolean) {
    this.requires_grad_(v);
  }
  requires_grad_(requires_grad: boolean | { requires_grad?: boolean } = true): this {
    const v = typeof requires_grad === "object" ? requires_grad.requires_grad ?? true : requires_grad;
    if (!this.is_leaf) {
      if (!v)
        throw new RuntimeError(
          "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
        );
      return this;
    }
    if (v && this.dtype.kind !== "float")
      throw new RuntimeError("only Tensors of floating point dtype can require gradients");
    this._requires_grad = v;
    return this;
  }
  get grad_fn(): Node | null {
    if (this._grad_fn === null && this._dialect.leafShowsAccumulateGrad && this._requires_grad) return this._accumulator;
    return this._grad_fn;
  }
  get grad(): Tensor | null {
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g !== null) {
      if (!(g instanceof Tensor)) throw new PyTypeError(`assigned grad expected to be a Tensor or None but got grad of type ${typeof g}`);
      if (g.dtype !== this.dtype) throw new RuntimeError("assigned grad has data of a different type");
      if (g._shape.length !== this._shape.length || g._shape.some((s, i) => s !== this._shape[i]))
        throw new RuntimeError("assigned grad has data of a different size");
    }
    this._grad = g;
  }
  get retains_grad(): boolean {
    return this._retains_grad;
  }
  /** The AccumulateGrad node of a leaf that requires grad (made on first use, then reused). */
  _gradAccumulator(): AccumulateGrad {
    return (this._accumulator ??= new AccumulateGrad(this));
  }

  /** `x.data`: the same storage, cut off from autograd, with its own version counter. */
  get data(): Tensor {
    return new Tensor(this._storage, this._shape, this._strides, this._offset, this.dtype, this._dialect);
  }
  set data(other: Tensor) {
    // PyTorch's set_data: this tensor now looks at other's storage and metadata.
    this._storage = other._storage;
    this._shape = other._shape.slice();
    this._strides = other._strides.slice();
    this._offset = other._offset;
    this.dtype = other.dtype;
  }

  // ---- values -----------------------------------------------------------------------------

  /** Element values in row-major order (the storage itself when it already is that). */
  _contiguousValues(): TypedArray {
    const n = this.numel();
    const s = hostStorage(this);
    if (this._offset === 0 && s.length === n && isContiguous(this._shape, this._strides)) return s;
    const out = new this.dtype.ctor(n);
    const pos = positions(this._shape, this._strides, this._offset);
    for (let i = 0; i < n; i++) out[i] = s[pos[i]];
    return out;
  }

  item(): number | boolean {
    if (this.numel() !== 1) throw new ValueError("only one element tensors can be converted to Python scalars");
    const v = hostStorage(this)[this._offset];
    return this.dtype === boolDtype ? v !== 0 : v;
  }

  /** Nested JS arrays; the result prints with the tensor's kind (floats as `1.0`). */
  tolist(): any {
    const vals = this._contiguousValues();
    const kind = this.dtype.kind;
    const conv = (v: number): any => (kind === "bool" ? v !== 0 : kind === "float" ? pyFloatList(v) : v);
    if (this._shape.length === 0) return conv(vals[0]);
    let k = 0;
    const build = (d: number): any[] => {
      const out: any[] = [];
      const n = this._shape[d];
      for (let i = 0; i < n; i++) out.push(d === this._shape.length - 1 ? conv(vals[k++]) : build(d + 1));
      return out;
    };
    return markFloatList(build(0), kind === "float");
  }

  // ---- Python protocol --------------------------------------------------------------------

  __len__(): number {
    if (this._shape.length === 0) throw new PyTypeError("len() of a 0-d tensor");
    return this._shape[0];
  }
  __bool__(): boolean {
    const n = this.numel();
    if (n !== 1) {
      if (n === 0) throw new RuntimeError("Boolean value of Tensor with no values is ambiguous");
      throw new RuntimeError("Boolean value of Tensor with more than one value is ambiguous");
    }
    return hostStorage(this)[this._offset] !== 0;
  }
  __float__(): number {
    if (this.numel() !== 1) throw new ValueError("only one element tensors can be converted to Python scalars");
    return Number(hostStorage(this)[this._offset]);
  }
  __int__(): number {
    if (this.numel() !== 1) throw new ValueError("only one element tensors can be converted to Python scalars");
    return Math.trunc(Number(hostStorage(this)[this._offset]));
  }
  __index__(): number {
    if (this.dtype.kind !== "int" || this.numel() !== 1)
      throw new PyTypeError("only integer tensors of a single element can be converted to an index");
    return hostStorage(this)[this._offset];
  }
  *[Symbol.iterator](): Iterator<Tensor> {
    if (this._shape.length === 0) throw new PyTypeError("iteration over a 0-d tensor");
    const n = this._shape[0];
    for (let i = 0; i < n; i++) yield (this as any).select(0, i);
  }
  __iter__() {
    return this[Symbol.iterator]();
  }
  toString(): string {
    return (this as any).__repr__();
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return (this as any).__repr__();
  }
}

export interface Tensor {
  [method: string]: any;
}

/** A tensor's device. The core has the CPU; backends (kernels/backends.ts) add their own. */
export class Device {
  static __module__ = "torch";
  static __name__ = "device";
  constructor(readonly type: string, readonly index: number | null = null) {}
  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }
  __repr__(): string {
    return `device(type='${this.type}'${this.index === null ? "" : `, index=${this.index}`})`;
  }
  __str__(): string {
    return this.toString();
  }
}
export const cpuDevice = new Device("cpu");


/** Floats in tolist() print as Python floats (`1.0`), so they are float-marked for @tsgrad/py. */
export const FLOAT_LIST = Symbol.for("tsgrad.floatList");
function markFloatList(a: any[], isFloat: boolean): any[] {
  if (isFloat) Object.defineProperty(a, FLOAT_LIST, { value: true });
  return a;
}
function pyFloatList(v: number): number {
  return v;
}

export { int64 };
