// torch.Size: a tuple of ints that prints as `torch.Size([2, 3])`.

export class Size extends Array<number> {
  static __module__ = "torch";
  constructor(dims: readonly number[] | number, readonly _name: string = "torch.Size") {
    if (typeof dims === "number") {
      // Array's own species constructor (map, slice) calls with a length.
      super(dims);
      return;
    }
    super(dims.length);
    for (let i = 0; i < dims.length; i++) this[i] = dims[i];
  }
  static override get [Symbol.species]() {
    return Array;
  }
  numel(): number {
    let n = 1;
    for (const d of this) n *= d;
    return n;
  }
  __repr__(): string {
    return `${this._name}([${this.join(", ")}])`;
  }
  __str__(): string {
    return this.__repr__();
  }
  override toString(): string {
    return this.__repr__();
  }
  /** A plain tuple of the dims (stride() returns one in PyTorch). */
  asTuple(): number[] {
    const t = Array.from(this);
    (t as any).__repr__ = () => (t.length === 1 ? `(${t[0]},)` : `(${t.join(", ")})`);
    return t;
  }
  __eq__(other: ArrayLike<number>): boolean {
    if (other.length !== this.length) return false;
    for (let i = 0; i < this.length; i++) if (Number(other[i]) !== this[i]) return false;
    return true;
  }
}
