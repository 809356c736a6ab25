// bench-spec's workload ids, units and metrics (seconds per execution -> the reported figure),
// shared by bench/run.ts (which only reads them) and every JavaScript runner.

export interface WorkloadSpec {
  id: string;
  unit: string;
  /** Metric from seconds per execution. */
  value(sec: number): number;
}

export const specs: WorkloadSpec[] = [
  { id: "W1_tiny_autograd", unit: "µs/iter", value: (s) => (s * 1e6) / 10_000 },
  { id: "W2a_add", unit: "GB/s", value: (s) => (12 * 1e7) / s / 1e9 },
  { id: "W2b_mul_add", unit: "GB/s", value: (s) => (12 * 1e7) / s / 1e9 },
  { id: "W3_sum", unit: "GB/s", value: (s) => (4 * 1e7) / s / 1e9 },
  ...[256, 512, 1024].map((n) => ({ id: `W4_matmul_${n}`, unit: "GFLOP/s", value: (s: number) => (2 * n ** 3) / s / 1e9 })),
  { id: "W5_mlp_step", unit: "ms", value: (s) => s * 1e3 },
  { id: "W6a_conv2d_fwd", unit: "GFLOP/s", value: (s) => 231.21e6 / s / 1e9 },
  { id: "W6b_conv2d_fwd_bwd", unit: "GFLOP/s", value: (s) => 693.63e6 / s / 1e9 },
  { id: "W7_vgg11_step", unit: "s", value: (s) => s },
];

export function spec(id: string): WorkloadSpec {
  const s = specs.find((x) => x.id === id);
  if (!s) throw new Error(`unknown workload ${id}`);
  return s;
}

export const higherIsBetter = (unit: string) => unit === "GB/s" || unit === "GFLOP/s";
