// Python tuples: a JS array subclass that prints as `(1, 2)`, `(1,)`, `()`. Being an Array it
// destructures, spreads and indexes like one; library named tuples (torch.return_types.max)
// subclass it and override __repr__.

import { pyRepr, TUPLE_CLASS } from "./repr.ts";

export class PyTuple<T = unknown> extends Array<T> {
  static readonly [TUPLE_CLASS] = true;
  // map/filter/slice of a tuple give plain arrays (Python lists): methods that build a new
  // array must not call this constructor with a length.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  __repr__(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.length; i++) parts.push(pyRepr(this[i]));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
  }
  __len__(): number {
    return this.length;
  }
}

/** Build a tuple from items (not from an iterable: see `tuple`). */
export function makeTuple<T>(items: readonly T[]): PyTuple<T> {
  const t = new PyTuple<T>();
  for (const x of items) t.push(x);
  return t;
}
