// examples/train_classifier.ts, run for a few epochs: the loss falls, the reloaded model scores
// what the trained one did, and the progress lines are those PyTorch 1.13 prints for
// examples/train_classifier.py.
import { describe, expect, it } from "vitest";
const { trainClassifier } = await import("../../../examples/train_classifier.ts");

// /usr/bin/python3 examples/train_classifier.py (PyTorch 1.13), first lines
const TORCH_LINES = ["epoch 1/20 loss 0.9675 acc 0.5300", "epoch 2/20 loss 0.7886 acc 0.5300", "epoch 3/20 loss 0.7306 acc 0.5667"];

describe("examples/train_classifier.ts", () => {
  it("trains (loss decreases), saves, and reloads to the same accuracy", () => {
    const lines: string[] = [];
    const r = trainClassifier({ epochs: 3, log: (l: string) => lines.push(l) });
    expect(r.losses.length).toBe(3);
    expect(r.losses[2]).toBeLessThan(r.losses[0]);
    expect(r.reloaded_accuracy).toBe(r.accuracy);
    expect(lines.slice(0, 3)).toEqual(TORCH_LINES.map((l) => l.replace("/20", "/3")));
    expect(lines[lines.length - 1]).toMatch(/^reloaded model accuracy 0\.\d{4} \(trained 0\.\d{4}\): identical$/);
  });
});
