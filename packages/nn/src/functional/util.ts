// Small helpers shared by the nn kernels: contiguous values, new tensors of a given dtype, and
// PyTorch's ScalarType names for dtype messages.

import { Tensor, type DType } from "@tsgrad/core";
import { ValueError } from "@tsgrad/py";

export type T = Tensor;
export type TypedArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array | BigInt64Array | any;

export function vals(t: T): any {
  return t._contiguousValues();
}

export function newTensor(shape: number[], dtype: DType, like: T): T {
  return Tensor.empty(shape, dtype, like._dialect);
}

export function fromValues(values: any, shape: number[], dtype: DType, like: T): T {
  return Tensor.fromData(values, shape, dtype, like._dialect);
}

export function numel(shape: number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** `Float`, `Double`, `Long`... as ATen names scalar types in messages. */
export function scalarName(d: DType): string {
  return d.legacyName.replace(/Tensor$/, "");
}

export function isT(v: unknown): v is Tensor {
  return v instanceof Tensor;
}

/** Python's `torch.Size([...])` text for messages. */
export function sizeText(shape: number[]): string {
  return `torch.Size([${shape.join(", ")}])`;
}

/** Reduction names as PyTorch's legacy integer enum (for ops that store it). */
export type Reduction = "none" | "mean" | "sum";

export function checkReduction(r: string): Reduction {
  if (r !== "none" && r !== "mean" && r !== "sum") throw new ValueError(`${r} is not a valid value for reduction`);
  return r;
}

/** erf with ~1e-15 relative accuracy: Taylor series near 0, continued fraction for erfc far out. */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  const c = erfcLarge(ax);
  return x > 0 ? 1 - c : c - 1;
}

/** erfc for x >= 2.5 by Lentz's continued fraction. */
function erfcLarge(x: number): number {
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
  const tiny = 1e-300;
  let f = x;
  let C = x;
  let D = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    D = x + a * D;
    D = D === 0 ? tiny : 1 / D;
    C = x + a / C;
    if (C === 0) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** erfc(x) = 1 - erf(x), accurate where 1 - erf cancels. */
export function erfc(x: number): number {
  if (x >= 2.5) return erfcLarge(x);
  if (x <= -2.5) return 2 - erfcLarge(-x);
  return 1 - erf(x);
}
