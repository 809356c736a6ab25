// The browser example: seed 002's ported examples run as they are (their printed output is
// compared with the document's by packages/webgpu/test/browser.test.ts), then a small MLP
// trains on the GPU through navigator.gpu. Results go into the page and `window.__tsgrad`.
/// <reference lib="dom" />
// (relative imports into packages/: esbuild bundles the same source files the tests run)
import torch from "../../packages/torch/src/index.ts";
import { stdout, print, f, fmt } from "../../packages/py/src/index.ts";
import * as webgpu from "../../packages/webgpu/src/browser.ts";

const examples: Array<[string, () => Promise<unknown>]> = [
  ["01_requires_grad_tensor", () => import("../../compat-tests/examples/002/01_requires_grad_tensor.ts")],
  ["02_add_grad_fn", () => import("../../compat-tests/examples/002/02_add_grad_fn.ts")],
  ["03_is_leaf", () => import("../../compat-tests/examples/002/03_is_leaf.ts")],
  ["04_mul_mean", () => import("../../compat-tests/examples/002/04_mul_mean.ts")],
  ["05_requires_grad_inplace", () => import("../../compat-tests/examples/002/05_requires_grad_inplace.ts")],
  ["06_backward_retain_graph", () => import("../../compat-tests/examples/002/06_backward_retain_graph.ts")],
  ["07_view", () => import("../../compat-tests/examples/002/07_view.ts")],
  ["08_backward_gradient", () => import("../../compat-tests/examples/002/08_backward_gradient.ts")],
  ["09_no_grad", () => import("../../compat-tests/examples/002/09_no_grad.ts")],
  ["10_no_grad_backward", () => import("../../compat-tests/examples/002/10_no_grad_backward.ts")],
  ["11_no_grad_backward_error", () => import("../../compat-tests/examples/002/11_no_grad_backward_error.ts")],
  ["12_data", () => import("../../compat-tests/examples/002/12_data.ts")],
];

interface Result { stdout: string; error: string | null }
const results: Record<string, Result> = {};
const out = document.getElementById("out")!;

function section(title: string, text: string): void {
  const h = document.createElement("h3");
  h.textContent = title;
  const pre = document.createElement("pre");
  pre.textContent = text;
  out.append(h, pre);
}

let buffer = "";
stdout.write = (s: string) => (buffer += s);

async function runExamples(): Promise<void> {
  for (const [name, load] of examples) {
    buffer = "";
    let error: string | null = null;
    try {
      await load();
    } catch (e) {
      // the last line of Python's traceback, as compat-tests/report-uncaught.ts writes it
      error = e instanceof Error ? (e.message === "" ? e.name : `${e.name}: ${e.message}`) : `Error: ${String(e)}`;
    }
    results[name] = { stdout: buffer, error };
    section(`002/${name}`, buffer + (error ? `\n${error}` : ""));
  }
}

async function train(): Promise<Result> {
  buffer = "";
  try {
    const info = await webgpu.init();
    print("adapter:", info.adapter);
    torch.manual_seed(0);
    const dev = "webgpu";
    const x = torch.rand(32, 20, { device: dev });
    const y = torch.randint(0, 4, [32, 1], { device: dev });
    const w1 = torch.randn(20, 32).mul(0.3).to(dev).requires_grad_();
    const b1 = torch.zeros(32, { device: dev, requires_grad: true });
    const w2 = torch.randn(32, 4).mul(0.3).to(dev).requires_grad_();
    const b2 = torch.zeros(4, { device: dev, requires_grad: true });
    const params = [w1, b1, w2, b2];
    for (let step = 0; step < 20; step++) {
      for (const p of params) p.grad = null;
      const logits = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
      const loss = logits.log_softmax(1).gather(1, y).mean().neg();
      loss.backward();
      torch.no_grad(() => {
        for (const p of params) p.sub_(p.grad.mul(0.5));
      });
      if (step % 5 === 4) print(f`step ${step + 1} loss ${fmt(await loss.item_async(), ".4f")}`);
    }
    await webgpu.print_async(w2.grad.device, b2);
    return { stdout: buffer, error: null };
  } catch (e) {
    return { stdout: buffer, error: String(e) };
  }
}

await runExamples();
const training = await train();
section("MLP on webgpu", training.stdout + (training.error ? `\n${training.error}` : ""));
(globalThis as any).__tsgrad = { examples: results, training };
