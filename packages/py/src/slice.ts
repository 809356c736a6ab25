// Python's slice object: `slice(1, 3)` in `x.at(slice(1, 3))`, with slice.indices().

import { TypeError_, ValueError } from "./exceptions.ts";
import { indexArg } from "./range.ts";
import { pyRepr } from "./repr.ts";
import { makeTuple, PyTuple } from "./tuple.ts";

export class Slice {
  constructor(
    readonly start: number | null,
    readonly stop: number | null,
    readonly step: number | null,
  ) {}
  __repr__(): string {
    return `slice(${pyRepr(this.start)}, ${pyRepr(this.stop)}, ${pyRepr(this.step)})`;
  }
  /** (start, stop, step) clipped to a sequence of `length`, as Python's slice.indices. */
  indices(length: number): PyTuple<number> {
    const len = indexArg(length);
    if (len < 0) throw new ValueError("length should not be negative");
    const step = this.step === null ? 1 : indexArg(this.step);
    if (step === 0) throw new ValueError("slice step cannot be zero");
    const lower = step < 0 ? -1 : 0;
    const upper = step < 0 ? len - 1 : len;
    const clip = (v: number | null, dflt: number): number => {
      if (v === null) return dflt;
      const i = indexArg(v);
      return i < 0 ? Math.max(i + len, lower) : Math.min(i, upper);
    };
    return makeTuple([clip(this.start, step < 0 ? upper : lower), clip(this.stop, step < 0 ? lower : upper), step]);
  }
}

type Bound = number | bigint | null | undefined;

function bound(v: Bound): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v !== "number") throw new TypeError_("slice indices must be integers or None or have an __index__ method");
  return v;
}

/** slice(stop) / slice(start, stop[, step]); null is None. */
export function slice(start: Bound, stop?: Bound, step?: Bound): Slice {
  if (arguments.length === 1) return new Slice(null, bound(start), null);
  return new Slice(bound(start), bound(stop), bound(step));
}
