// Pieces of the torch API added for unseen tutorials (nn.utils, legacy constructors, math ops,
// linalg, nn layers). Each case ports a Python snippet of gen_extras.py line by line; the
// expected text is what PyTorch 1.13 printed (fixtures/extras.json).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import torch from "../src/index.ts";
import { captureOutput, print, type, float } from "@tsgrad/py";

const golden: Record<string, string> = JSON.parse(readFileSync(new URL("./fixtures/extras.json", import.meta.url), "utf8"));
const nn = torch.nn;

function run(fn: () => void): string {
  return captureOutput(() => {
    try {
      fn();
    } catch (e: any) {
      if (!e || typeof e !== "object" || !("message" in e)) throw e;
      print(`${type(e).__name__}: ${e.message}`);
    }
  });
}

const CASES: Record<string, () => void> = {
  clip_norm() {
    torch.manual_seed(0);
    const m = nn.Linear(4, 3);
    m(torch.randn(5, 4)).pow(2).sum().backward();
    const n = nn.utils.clip_grad_norm_(m.parameters(), 0.5);
    print(n, n.item());
    print(m.weight.grad, m.weight.grad.sum().item());
    print(m.bias.grad);
  },
  clip_norm_big() {
    torch.manual_seed(1);
    const w = torch.randn(3, 3, { requires_grad: true });
    w.mul(2).sum().backward();
    print(nn.utils.clip_grad_norm_(w, 100.0), w.grad);
  },
  clip_norm_inf() {
    torch.manual_seed(2);
    const a = torch.randn(2, 3, { requires_grad: true });
    const b = torch.randn(4, { requires_grad: true });
    a.pow(3).sum().add(b.exp().sum()).backward();
    print(nn.utils.clip_grad_norm_([a, b], 1, { norm_type: float("inf") }));
    print(a.grad, b.grad);
  },
  clip_norm_p1() {
    torch.manual_seed(3);
    const a = torch.randn(2, 3, { requires_grad: true });
    const b = torch.randn(4, { requires_grad: true });
    a.pow(3).sum().add(b.exp().sum()).backward();
    const n = nn.utils.clip_grad_norm_([a, b], 2.0, { norm_type: 1 });
    print(n, n.item(), a.grad.tolist());
    print(a.grad, b.grad);
  },
  clip_norm_empty() {
    print(nn.utils.clip_grad_norm_([torch.zeros(2, { requires_grad: true })], 1.0));
  },
  clip_norm_nonfinite() {
    const a = torch.ones(2, { requires_grad: true });
    a.grad = torch.tensor([float("inf"), 1]);
    nn.utils.clip_grad_norm_([a], 1.0, { error_if_nonfinite: true });
  },
  clip_value() {
    torch.manual_seed(0);
    const m = nn.Linear(3, 2);
    m(torch.randn(4, 3)).pow(2).sum().backward();
    print(nn.utils.clip_grad_value_(m.parameters(), 0.5));
    print(m.weight.grad, m.bias.grad);
  },
  params_vector() {
    torch.manual_seed(0);
    const m = nn.Linear(3, 2);
    const v = nn.utils.parameters_to_vector(m.parameters());
    print(v);
    nn.utils.vector_to_parameters(torch.arange(8.0), m.parameters());
    print(m.weight, m.bias);
  },
  legacy() {
    print(torch.FloatTensor, torch.FloatTensor.__name__);
    print(torch.FloatTensor([1, 2]), torch.LongTensor([1.7, -2.5]), torch.IntTensor(2).shape, torch.BoolTensor([0, 1, 2]));
    print(torch.DoubleTensor(2, 3).shape, torch.FloatTensor(torch.Size([2])).shape, torch.FloatTensor().shape, torch.FloatTensor());
    print(torch.ByteTensor([3, 4]), torch.DoubleTensor([[1, 2]]), torch.LongTensor(2, 2).dtype);
    const x = torch.tensor([1.5, 2.5]);
    print(x.type(torch.LongTensor), x.type("torch.IntTensor"), x.type(), x instanceof torch.FloatTensor, x instanceof torch.LongTensor, x.type(torch.float64).type());
  },
  legacy_bad_type() {
    torch.tensor([1.0]).type("foo");
  },
  legacy_ragged() {
    torch.FloatTensor([[1, 2], [3]]);
  },
  legacy_str() {
    torch.FloatTensor("a");
  },
  view_as() {
    const a = torch.arange(6.0);
    const b = torch.zeros(2, 3);
    print(a.view_as(b));
    print(a.requires_grad_().view_as(b).grad_fn.name());
  },
};

describe("extras: PyTorch 1.13's printed output", () => {
  for (const [name, fn] of Object.entries(CASES))
    it(name, () => {
      expect(name in golden, `gen_extras.py has no case ${name}`).toBe(true);
      expect(run(fn)).toBe(golden[name]);
    });
});
