// Fixture helpers: rebuild tensors from the JSON encoding and compare with tolerances
// (float32 within 1e-5 relative, float64 within 1e-12).
import { readFileSync } from "node:fs";
import { Tensor, dialectFunctions, torchDialect, float32, float64, int64 } from "@tsgrad/core";
import { expect } from "vitest";

export const torch: any = dialectFunctions(torchDialect);

export interface Enc {
  dtype: string;
  shape: number[];
  data: number[];
  tuple?: Enc[];
}

export function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));
}

const dtypes: Record<string, any> = { float32, float64, int64 };

export function dec(e: Enc): Tensor {
  const d = dtypes[e.dtype];
  const data = new d.ctor(e.data);
  return Tensor.fromData(data, e.shape.slice(), d);
}

export function flat(out: any): Tensor[] {
  if (out instanceof Tensor) return [out];
  const r: Tensor[] = [];
  for (const o of out) r.push(...flat(o));
  return r;
}
export function flatEnc(e: Enc): Enc[] {
  if (e.tuple) return e.tuple.flatMap(flatEnc);
  return [e];
}

export function close(t: Tensor | null, e: Enc | null, what: string): void {
  if (e === null) {
    expect(t, what).toBeNull();
    return;
  }
  expect(t, what).not.toBeNull();
  expect(t!._shape, `${what} shape`).toEqual(e.shape);
  expect(t!.dtype.name, `${what} dtype`).toBe(e.dtype);
  const v = Array.from(t!._contiguousValues() as ArrayLike<number>, Number);
  const rtol = e.dtype === "float64" ? 1e-12 : 1e-5;
  const atol = e.dtype === "float64" ? 1e-12 : 1e-6;
  for (let i = 0; i < v.length; i++) {
    const ok = Math.abs(v[i] - e.data[i]) <= atol + rtol * Math.abs(e.data[i]);
    if (!ok) expect.fail(`${what}[${i}]: got ${v[i]}, expected ${e.data[i]}`);
  }
}
