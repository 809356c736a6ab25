// Shared by the GPU tests: the device is required. In CI (CI set) a missing adapter is a
// failure, never a skip: .ci/install-gpu.sh installs Mesa's lavapipe so one always appears.
import * as webgpu from "../src/index.ts";

export async function gpuReady(): Promise<void> {
  await webgpu.init(); // throws "no GPU adapter was found" when the stack is missing
}

/** Max |a - b| relative to max(1, |b|), NaN-aware (NaN must meet NaN). */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) return Infinity;
      continue;
    }
    if (x === y) continue;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return Infinity;
    m = Math.max(m, Math.abs(x - y) / Math.max(1, Math.abs(y)));
  }
  return m;
}
