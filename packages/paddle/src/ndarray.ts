// The numpy arrays Paddle 2.0 hands out for `x.grad`, `x.gradient()` and `x.numpy()`.
// A small frozen copy that prints as numpy 1.x prints (str: `[2. 4. 6.]`, repr:
// `array([2., 4., 6.], dtype=float32)`); the printing is core's numpy array2string.

import { printing, type Tensor } from "@tsgrad/core";

export class PaddleNdarray {
  readonly _values: ArrayLike<number>;
  readonly _shape: number[];
  readonly _kind: "float" | "int" | "bool";
  readonly _dtypeName: string;

  constructor(values: ArrayLike<number>, shape: number[], kind: "float" | "int" | "bool", dtypeName: string) {
    this._values = values;
    this._shape = shape;
    this._kind = kind;
    this._dtypeName = dtypeName;
  }

  static fromTensor(t: Tensor): PaddleNdarray {
    const vals = t._contiguousValues();
    return new PaddleNdarray(vals === t._storage ? vals.slice() : vals, t._shape.slice(), t.dtype.kind, t.dtype.name);
  }

  /** A tuple, as numpy's shape. */
  get shape(): number[] {
    const s = this._shape.slice();
    (s as any).__repr__ = () => (s.length === 1 ? `(${s[0]},)` : `(${s.join(", ")})`);
    return s;
  }
  get ndim(): number {
    return this._shape.length;
  }
  get size(): number {
    return this._values.length;
  }
  get dtype(): { name: string; __repr__(): string; __str__(): string } {
    const name = this._dtypeName;
    return { name, __repr__: () => `dtype('${name}')`, __str__: () => name };
  }
  tolist(): any {
    const conv = (v: number) => (this._kind === "bool" ? v !== 0 : v);
    if (this._shape.length === 0) return conv(this._values[0]);
    let k = 0;
    const build = (d: number): any[] =>
      Array.from({ length: this._shape[d] }, () => (d === this._shape.length - 1 ? conv(this._values[k++]) : build(d + 1)));
    return build(0);
  }
  item(): number | boolean {
    if (this._values.length !== 1) throw new Error("can only convert an array of size 1 to a Python scalar");
    return this._kind === "bool" ? this._values[0] !== 0 : this._values[0];
  }
  __str__(): string {
    return printing.formatNumpyArray(this._values, this._shape, this._kind, { mode: "str", dtypeName: this._dtypeName });
  }
  __repr__(): string {
    return printing.formatNumpyArray(this._values, this._shape, this._kind, { mode: "repr", dtypeName: this._dtypeName });
  }
  __format__(spec: string): string {
    if (spec !== "") throw new TypeError("unsupported format string passed to numpy.ndarray.__format__");
    return this.__str__();
  }
  toString(): string {
    return this.__str__();
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.__repr__();
  }
}
