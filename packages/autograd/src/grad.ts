// torch.autograd.grad and torch.autograd.backward over the core engine.

import { Tensor, runBackward, makeRootGrads, isKwargs } from "@tsgrad/core";
import { RuntimeError, TypeError as PyTypeError, tuple } from "@tsgrad/py";

type Many = Tensor | Tensor[] | null | undefined;

function asList(v: Many): Tensor[] {
  if (v === null || v === undefined) return [];
  return v instanceof Tensor ? [v] : Array.from(v);
}

/** Bind (positional..., {keywords}) to names, as Python would. */
function bind(name: string, names: string[], args: unknown[]): Record<string, any> {
  const out: Record<string, any> = {};
  let n = args.length;
  if (n > 0 && isKwargs(args[n - 1])) {
    const kw = args[n - 1] as Record<string, unknown>;
    n--;
    for (const k of Object.keys(kw)) {
      if (!names.includes(k)) throw new PyTypeError(`${name}() got an unexpected keyword argument '${k}'`);
      out[k] = kw[k];
    }
  }
  for (let i = 0; i < n; i++) {
    if (names[i] in out) throw new PyTypeError(`${name}() got multiple values for argument '${names[i]}'`);
    out[names[i]] = args[i];
  }
  return out;
}

export function grad(...args: unknown[]): Array<Tensor | null> {
  const a = bind("grad", ["outputs", "inputs", "grad_outputs", "retain_graph", "create_graph", "only_inputs", "allow_unused", "is_grads_batched"], args);
  const outputs = asList(a.outputs);
  const inputs = asList(a.inputs);
  const create_graph = Boolean(a.create_graph ?? false);
  const retain_graph = Boolean(a.retain_graph ?? create_graph);
  const gradOutputs = a.grad_outputs == null ? outputs.map(() => null) : asList(a.grad_outputs);
  if (gradOutputs.length !== outputs.length)
    throw new RuntimeError(`grad can be implicitly created only for scalar outputs`);
  for (const t of inputs) if (!t.requires_grad) throw new RuntimeError("One of the differentiated Tensors does not require grad");
  const roots = makeRootGrads(outputs, gradOutputs, create_graph);
  const got = runBackward(outputs, roots, { retain_graph, create_graph, captureInputs: inputs });
  const result = got.map((g) => {
    if (g === null) {
      if (!a.allow_unused)
        throw new RuntimeError(
          "One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.",
        );
      return null;
    }
    return create_graph ? g : g.detach();
  });
  return tuple(result) as Array<Tensor | null>;
}

export function backward(...args: unknown[]): void {
  const a = bind("backward", ["tensors", "grad_tensors", "retain_graph", "create_graph", "grad_variables", "inputs"], args);
  const tensors = asList(a.tensors);
  const create_graph = Boolean(a.create_graph ?? false);
  const retain_graph = Boolean(a.retain_graph ?? create_graph);
  const gt = a.grad_tensors ?? a.grad_variables;
  const grads = gt == null ? tensors.map(() => null) : asList(gt);
  const roots = makeRootGrads(tensors, grads, create_graph);
  const inputs = a.inputs == null ? null : asList(a.inputs);
  if (inputs !== null && inputs.length === 0) throw new RuntimeError("'inputs' argument to backward() cannot be empty.");
  runBackward(tensors, roots, { retain_graph, create_graph, accumulateOnly: inputs });
}
