// `npx tsx bench/w7_vgg11.ts [steps]`: W7 alone (vgg11 built by hand as bench-spec says,
// 1x3x224x224: forward, cross_entropy, backward, Adam step), timing the build and each step, for
// profiling (`node --cpu-prof --import tsx bench/w7_vgg11.ts`). `pnpm bench W7` runs the same
// workload under the timing protocol, with PyTorch 1.13 in the same run.
import { workloads } from "./workloads.ts";

const steps = Number(process.argv[2] ?? 3);
const w7 = workloads.find((w) => w.id === "W7_vgg11_step")!;
let t0 = performance.now();
const built = w7.build();
console.log(`build ${((performance.now() - t0) / 1000).toFixed(2)} s`);
for (let i = 0; i < steps; i++) {
  t0 = performance.now();
  built.run();
  console.log(`step ${i + 1} ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}
console.log(JSON.stringify(built.check()));
