// Checkpoints written by tsgrad, for real PyTorch to read (verify_with_torch.py). The same
// function writes the committed copies in fixtures/checkpoints/from_tsgrad/ and the fresh ones
// the test writes to a temp dir; everything is seeded, so the bytes are reproducible.
//   npx tsx packages/nn/test/checkpoints_tsgrad.ts [dir]   (default: the committed fixtures)

import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dialectFunctions, torchDialect, manual_seed, no_grad, float32, float64, int32, int16, int8, uint8, Tensor } from "@tsgrad/core";
import { OrderedDict, PyTuple, markFloat } from "@tsgrad/py";
import nn from "../src/index.ts";
import { save } from "../src/serialization/index.ts";
import optim from "../../optim/src/index.ts";
import { encodeValue } from "./checkpoint_encode.ts";

const torch: any = dialectFunctions(torchDialect);

function tuple(...xs: unknown[]): PyTuple<unknown> {
  const t = new PyTuple<unknown>();
  t.push(...xs);
  return t;
}

/** The objects to save, and for the model, an input and tsgrad's output for it. */
export function tsgradObjects(): { objects: Record<string, unknown>; checks: Record<string, unknown> } {
  const objects: Record<string, unknown> = {};
  objects.ts_dtypes = new OrderedDict<string, Tensor>([
    ["float32", torch.tensor([1.5, -2.25, 3.1415927, 1e-8], { dtype: float32 })],
    ["float64", torch.tensor([[0.1, -1e300], [2.5, 7.0]], { dtype: float64 })],
    ["int64", torch.tensor([0n, -1n, 2n ** 40n, -(2n ** 53n)])],
    ["int32", torch.tensor([2 ** 31 - 1, -(2 ** 31), 5], { dtype: int32 })],
    ["int16", torch.tensor([-32768, 32767, 1], { dtype: int16 })],
    ["int8", torch.tensor([-128, 127, 0], { dtype: int8 })],
    ["uint8", torch.tensor([0, 255, 17], { dtype: uint8 })],
    ["bool", torch.tensor([true, false, true])],
    ["scalar", torch.tensor(2.5)],
    ["empty", torch.zeros(0, 3)],
  ]);
  const base = torch.arange(12, { dtype: float32 }).reshape(3, 4);
  objects.ts_views = new Map<string, unknown>([
    ["base", base],
    ["transposed", base.t()],
    ["row", base.at(1)],
    ["strided", base.at(":", "1::2")],
    ["param", new (nn.Parameter as any)(torch.tensor([1.0, 2.0]))],
    ["leaf_rg", torch.tensor([4.0, 5.0], { requires_grad: true })],
  ]);
  manual_seed(1);
  const seq = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2));
  const x = torch.arange(6, { dtype: float32 }).reshape(2, 3).div(5);
  // state_dict() shares the parameters' storage, so it is saved after the optimizer's step
  objects.ts_sequential = seq.state_dict();
  const bn = nn.BatchNorm1d(3);
  bn(torch.randn(5, 3));
  objects.ts_batchnorm = bn.state_dict();
  const opt = optim.SGD(seq.parameters(), { lr: 0.1, momentum: 0.9 });
  seq(torch.randn(4, 3)).pow(2).sum().backward();
  opt.step();
  objects.ts_sgd_momentum = opt.state_dict();
  const y = no_grad(() => seq(x));
  objects.ts_nested = new Map<string, unknown>([
    ["epoch", 3], ["loss", 0.25], ["lr", markFloat(1)], ["name", "run-\u00e9\u6f22"], ["flags", [true, false, null]],
    ["pair", tuple(2, 3)], ["quad", tuple(1, 2, 3, 4)], ["empty", tuple()], ["big", 2 ** 40], ["huge", 2n ** 70n], ["neg", -7],
    ["nested", new Map<unknown, unknown>([["a", [1, 2.5, { b: torch.tensor([1.0, 2.0]) }]], [1, "int key"]])],
    ["size", torch.zeros(2, 3).shape], ["dtype", float64],
  ]);
  const checks = { ts_sequential: { input: x.tolist(), output: y.tolist() } };
  return { objects, checks };
}

/** Write <name>.pt, <name>.json (the encoded contents) and checks.json into `dir`. */
export function writeTsgradCheckpoints(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const { objects, checks } = tsgradObjects();
  for (const [name, obj] of Object.entries(objects)) {
    save(obj, join(dir, `${name}.pt`));
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(encodeValue(obj), null, 1) + "\n");
  }
  writeFileSync(join(dir, "checks.json"), JSON.stringify(checks, null, 1) + "\n");
  return Object.keys(objects);
}

export const COMMITTED_DIR = fileURLToPath(new URL("./fixtures/checkpoints/from_tsgrad", import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? COMMITTED_DIR;
  console.log(`wrote ${writeTsgradCheckpoints(dir).join(", ")} to ${dir}`);
}
