// Train a small classifier on a synthetic 2-D spiral (3 classes), save its weights with
// torch.save, reload them into a fresh model with load_state_dict, and check the reloaded model
// scores exactly what the trained one does. Written as the PyTorch tutorial would be, line by
// line (see ../../shared/porting.md... or the README's porting table).
//
//   npx tsx examples/train_classifier.ts [epochs]

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import torch, { nn, optim, type Tensor } from "@tsgrad/torch";
import { print, f, fmt, range } from "@tsgrad/py";

/** n points per class on `classes` interleaved spiral arms, with Gaussian noise on the angle. */
export function makeSpiral(n: number, classes: number): { X: Tensor; y: Tensor } {
  const xs: Tensor[] = [];
  const ys: Tensor[] = [];
  for (const c of range(classes)) {
    const r = torch.linspace(0.05, 1, n);
    const theta = torch.linspace(c * 4, (c + 1) * 4, n).add(torch.randn(n).mul(0.2));
    xs.push(torch.stack([r.mul(theta.sin()), r.mul(theta.cos())], 1));
    ys.push(torch.full([n], BigInt(c)));
  }
  return { X: torch.cat(xs), y: torch.cat(ys) };
}

/** Fraction of points whose highest logit is their class. */
export function accuracy(model: any, X: Tensor, y: Tensor): number {
  return torch.no_grad(() => model(X).argmax(1).eq(y).float().mean().item()) as number;
}

export interface TrainOptions {
  epochs?: number;
  batch_size?: number;
  lr?: number;
  seed?: number;
  /** Where to save the weights (default: a new temp dir). */
  path?: string;
  /** Progress output (default: print). */
  log?: (line: string) => void;
}

export interface TrainResult {
  losses: number[];
  accuracy: number;
  reloaded_accuracy: number;
  path: string;
}

const makeModel = () => nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 3));

export function trainClassifier(opts: TrainOptions = {}): TrainResult {
  const { epochs = 20, batch_size = 30, lr = 0.01, seed = 0 } = opts;
  const log = opts.log ?? ((line: string) => print(line));
  torch.manual_seed(seed);
  const { X, y } = makeSpiral(100, 3);
  const model = makeModel();
  const loss_fn = nn.CrossEntropyLoss();
  const optimizer = optim.Adam(model.parameters(), { lr });
  const n = X.shape[0];
  const losses: number[] = [];

  for (const epoch of range(1, epochs + 1)) {
    const perm = torch.randperm(n);
    let total = 0;
    for (const start of range(0, n, batch_size)) {
      const idx = perm.at(`${start}:${start + batch_size}`);
      const xb = X.at(idx);
      const yb = y.at(idx);
      const loss = loss_fn(model(xb), yb);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      total += (loss.item() as number) * xb.shape[0];
    }
    losses.push(total / n);
    log(f`epoch ${epoch}/${epochs} loss ${fmt(total / n, ".4f")} acc ${fmt(accuracy(model, X, y), ".4f")}`);
  }

  const path = opts.path ?? join(mkdtempSync(join(tmpdir(), "tsgrad-example-")), "classifier.pt");
  torch.save(model.state_dict(), path);
  const fresh = makeModel();
  fresh.load_state_dict(torch.load(path));
  const acc = accuracy(model, X, y);
  const reloaded = accuracy(fresh, X, y);
  log(f`saved to ${path}`);
  log(f`reloaded model accuracy ${fmt(reloaded, ".4f")} (trained ${fmt(acc, ".4f")}): ${reloaded === acc ? "identical" : "DIFFERENT"}`);
  return { losses, accuracy: acc, reloaded_accuracy: reloaded, path };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  trainClassifier({ epochs: process.argv[2] ? Number(process.argv[2]) : 20 });
}
