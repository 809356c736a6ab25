// torch.nn.utils: clip_grad_norm_ / clip_grad_value_ (torch/nn/utils/clip_grad.py of 1.13) and
// parameters_to_vector / vector_to_parameters (convert_parameters.py), in the same op order so
// the results (and the grad tensors they modify) have PyTorch's bits and reprs.

import { Tensor, ops } from "@tsgrad/core";
import { RuntimeError, TypeError as PyTypeError, iterate, typeName, warnings } from "@tsgrad/py";
import { parseArgs } from "./args.ts";

type T = Tensor;

function tensors(parameters: unknown): T[] {
  if (parameters instanceof Tensor) return [parameters];
  return [...iterate(parameters as Iterable<unknown>)] as T[];
}

/** Python's str of a float (`2.0`, `inf`). */
function floatStr(v: number): string {
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (Number.isNaN(v)) return "nan";
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

function pNum(v: unknown): number {
  if (typeof v === "string") {
    const s = v.toLowerCase();
    if (s === "inf" || s === "infinity") return Infinity;
    if (s === "-inf" || s === "-infinity") return -Infinity;
    const n = Number(v);
    if (Number.isNaN(n) && s !== "nan") throw new (globalThis as any).Error(`could not convert string to float: '${v}'`);
    return n;
  }
  return Number(v);
}

export function clip_grad_norm_(...args: unknown[]): T {
  const a = parseArgs("clip_grad_norm_", ["parameters", "max_norm", ["norm_type", 2.0], ["error_if_nonfinite", false]], args);
  const grads = tensors(a.parameters).map((p) => p.grad).filter((g): g is T => g !== null && g !== undefined);
  const maxNorm = pNum(a.max_norm);
  const normType = pNum(a.norm_type);
  const torch = ops;
  if (grads.length === 0) return torch.tensor.call(0.0) as T;
  let total: T;
  if (normType === Infinity) {
    const norms = grads.map((g) => g.detach().abs().max());
    total = norms.length === 1 ? norms[0] : (torch.stack.call(norms).max() as T);
  } else {
    const norms = grads.map((g) => torch.norm.call(g.detach(), normType) as T);
    total = torch.norm.call(torch.stack.call(norms), normType) as T;
  }
  if (a.error_if_nonfinite && (total.isnan().logical_or(total.isinf()).item() as boolean))
    throw new RuntimeError(
      `The total norm of order ${floatStr(normType)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``,
    );
  const clipCoef = total.add(1e-6).__rtruediv__(maxNorm);
  const clamped = clipCoef.clamp({ max: 1.0 });
  for (const g of grads) g.detach().mul_(clamped);
  return total;
}

export function clip_grad_norm(...args: unknown[]): T {
  warnings.warn("torch.nn.utils.clip_grad_norm is now deprecated in favor of torch.nn.utils.clip_grad_norm_.", { stacklevel: 2 });
  return clip_grad_norm_(...args);
}

export function clip_grad_value_(...args: unknown[]): null {
  const a = parseArgs("clip_grad_value_", ["parameters", "clip_value"], args);
  const v = pNum(a.clip_value);
  for (const p of tensors(a.parameters)) if (p.grad !== null && p.grad !== undefined) p.grad.data.clamp_({ min: -v, max: v });
  return null;
}

export function parameters_to_vector(parameters: unknown): T {
  const vec = tensors(parameters).map((p) => p.view(-1));
  return ops.cat.call(vec) as T;
}

export function vector_to_parameters(vec: unknown, parameters: unknown): null {
  if (!(vec instanceof Tensor)) throw new PyTypeError(`expected torch.Tensor, but got: ${typeName(vec)}`);
  let pointer = 0;
  for (const param of tensors(parameters)) {
    const n = param.numel();
    param.data = vec.at(`${pointer}:${pointer + n}`).view_as(param).data;
    pointer += n;
  }
  return null;
}

export default { clip_grad_norm_, clip_grad_norm, clip_grad_value_, parameters_to_vector, vector_to_parameters };
