// Shared by the optim tests: fixture loading and float32 tensors made with the torch dialect.
import { readFileSync } from "node:fs";
import { dialectFunctions, torchDialect, type Tensor } from "@tsgrad/core";

export const torch = dialectFunctions(torchDialect);
export const fixtures = JSON.parse(readFileSync(new URL("./fixtures/optim.json", import.meta.url), "utf8"));

export function param(values: number[], shape: number[]): Tensor {
  return torch.tensor(values, { requires_grad: true }).reshape(shape).detach().requires_grad_(true);
}
export function grad(values: number[], shape: number[]): Tensor {
  return torch.tensor(values).reshape(shape).contiguous();
}
export function flat(t: Tensor): number[] {
  return Array.from(t.detach().reshape(-1)._contiguousValues() as Float32Array);
}
/** Largest relative difference (relative to max(|expected|, 1e-30)). */
export function maxRel(got: number[], want: number[]): number {
  let m = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i] - want[i]) / Math.max(Math.abs(want[i]), 1e-30);
    if (d > m) m = d;
  }
  return got.length === want.length ? m : Infinity;
}
