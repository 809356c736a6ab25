// Every layer, loss and functional case of fixtures/*.json (from gen_fixtures.py, real PyTorch
// 1.13): the module is built with the same arguments, torch's parameter values are copied in,
// and the forward output, grad_fn names, module repr, state_dict keys, the gradients of
// sum(out * g) for the fixture's g, and the buffers after the step must match.
import { describe, it, expect } from "vitest";
import { Tensor, no_grad } from "@tsgrad/core";
import nn from "../src/index.ts";
import F from "../src/functional/index.ts";
import { close, dec, fixture, flat, flatEnc } from "./helpers.ts";

// grad_fn names that differ for reasons outside nn: none left (batch_first RNN/GRU output is
// TransposeBackward1 from ATen's transpose_; cross_entropy's C++ Scalar division is DivBackward1)
const nameExceptions = new Set<string>();

function decodeArgs(v: any): any {
  if (Array.isArray(v)) return v.map(decodeArgs);
  return v;
}

function runCase(c: any, functional: boolean) {
  const ins: Tensor[] = c.inputs.map(dec);
  for (const i of c.grad_inputs) ins[i].requires_grad_(true);
  let out: any;
  let mod: any = null;
  if (functional) {
    const fn = (F as any)[c.ctor];
    const kw = Object.keys(c.kwargs).length ? [c.kwargs] : [];
    out = fn(ins[0], ...decodeArgs(c.args), ...ins.slice(1), ...kw);
  } else {
    const kw: any = { ...c.kwargs };
    for (const [k, v] of Object.entries(c.tensor_kwargs ?? {})) kw[k] = dec(v as any);
    const Cls = (nn as any)[c.ctor];
    mod = Object.keys(kw).length ? Cls(...decodeArgs(c.args), kw) : Cls(...decodeArgs(c.args));
    if (c.inputs[0].dtype === "float64" && c.name.endsWith("f64")) mod.double();
    if (c.train === false) mod.eval();
    if (c.repr !== undefined) expect(mod.__repr__()).toBe(c.repr);
    expect([...mod.state_dict().keys()]).toEqual(c.state_dict_keys);
    no_grad(() => {
      for (const [k, p] of mod.named_parameters()) p.copy_(dec(c.params?.[k] ?? (() => { throw new Error(k); })()));
      for (const [k, b] of mod.named_buffers()) if (c.buffers_before?.[k]) b.copy_(dec(c.buffers_before[k]));
    });
    out = mod(...ins);
  }
  const outs = flat(out);
  const encs = flatEnc(c.output);
  expect(outs.length).toBe(encs.length);
  outs.forEach((o, i) => close(o, encs[i], `${c.name} output ${i}`));
  if (!nameExceptions.has(c.name)) expect(outs.map((o) => (o.grad_fn ? o.grad_fn.name() : null))).toEqual(c.grad_fn);
  const floatOuts = outs.filter((o) => o.is_floating_point());
  let total: Tensor | null = null;
  floatOuts.forEach((o, i) => {
    const term = o.mul(dec(c.gouts[i])).sum();
    total = total === null ? term : total.add(term);
  });
  if (total !== null && (total as Tensor).requires_grad) (total as Tensor).backward();
  for (const i of c.grad_inputs) close(ins[i].grad, c.grads[String(i)], `${c.name} grad input ${i}`);
  if (mod !== null && c.param_grads) {
    for (const [k, p] of mod.named_parameters()) close(p.grad, c.param_grads[k], `${c.name} grad ${k}`);
    for (const [k, b] of mod.named_buffers()) if (c.buffers_after?.[k]) close(b, c.buffers_after[k], `${c.name} buffer ${k}`);
  }
}

describe("layers match PyTorch 1.13", () => {
  for (const c of fixture("layers.json").layers) it(c.name, () => runCase(c, false));
});
describe("bidirectional and batch_first RNNs match PyTorch 1.13", () => {
  for (const c of fixture("rnn.json").layers) it(c.name, () => runCase(c, false));
});
describe("losses match PyTorch 1.13", () => {
  for (const c of fixture("losses.json").losses) it(c.name, () => runCase(c, false));
});
describe("nn.functional matches PyTorch 1.13", () => {
  const fx = fixture("losses.json");
  for (const c of fx.functional) it(c.name, () => runCase(c, true));
  it("one_hot", () => {
    const t = dec({ dtype: "int64", shape: [4], data: fx.one_hot.input });
    expect(F.one_hot(t).tolist().map((r: any[]) => r.map(Number))).toEqual(fx.one_hot.out);
    expect(F.one_hot(t.narrow(0, 0, 2), 5).tolist().map((r: any[]) => r.map(Number))).toEqual(fx.one_hot.out5);
  });
});
