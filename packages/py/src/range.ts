// Python's range: a lazy, sized, indexable sequence printing as `range(0, 5)`.

import { IndexError, TypeError_, ValueError } from "./exceptions.ts";
import { isFloatValue } from "./pyfloat.ts";
import { typeName } from "./repr.ts";

/** An integer argument as Python's __index__ takes it (numbers that are floats are refused). */
export function indexArg(x: unknown): number {
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "number" && !isFloatValue(x)) return x;
  const o = x as any;
  if (o !== null && typeof o === "object" && typeof o.__index__ === "function") return Number(o.__index__());
  throw new TypeError_(`'${typeName(x)}' object cannot be interpreted as an integer`);
}

export class Range implements Iterable<number> {
  readonly start: number;
  readonly stop: number;
  readonly step: number;
  readonly length: number;
  constructor(start: number, stop: number, step: number) {
    if (step === 0) throw new ValueError("range() arg 3 must not be zero");
    this.start = start;
    this.stop = stop;
    this.step = step;
    const n = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
    this.length = Math.max(0, n);
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0, v = this.start; i < this.length; i++, v += this.step) yield v;
  }
  __len__(): number {
    return this.length;
  }
  __repr__(): string {
    return this.step === 1 ? `range(${this.start}, ${this.stop})` : `range(${this.start}, ${this.stop}, ${this.step})`;
  }
  /** r[i], negative indices from the end. */
  at(i: number): number {
    const k = i < 0 ? i + this.length : i;
    if (k < 0 || k >= this.length) throw new IndexError("range object index out of range");
    return this.start + k * this.step;
  }
  __getitem__(i: number): number {
    return this.at(indexArg(i));
  }
  __contains__(v: unknown): boolean {
    if (typeof v !== "number" && typeof v !== "bigint") return false;
    const x = Number(v);
    if (!Number.isInteger(x)) return false;
    const k = (x - this.start) / this.step;
    return Number.isInteger(k) && k >= 0 && k < this.length;
  }
  includes(v: unknown): boolean {
    return this.__contains__(v);
  }
}

/** range(stop) / range(start, stop[, step]). */
export function range(start: number | bigint, stop?: number | bigint, step?: number | bigint): Range {
  if (stop === undefined) return new Range(0, indexArg(start), 1);
  return new Range(indexArg(start), indexArg(stop), step === undefined ? 1 : indexArg(step));
}
