// tsgrad runner: `tsx bench/peers/tsgrad.ts WORKLOAD_ID` runs one workload of bench/workloads.ts
// in its own process (run.ts starts one per workload, as for every peer), so each workload's
// heap and peak RSS are its own.
import { workloads } from "../workloads.ts";
import { runChild } from "./common.ts";

const id = process.argv[2];
const w = workloads.find((x) => x.id === id);
if (!w) throw new Error(`unknown workload ${id}`);
await runChild("tsgrad", id, () => {
  const built = w.build();
  return { run: () => built.run(), checkAfter: () => built.check() };
});
