// In-place variants (`add_`, `mul_`, `zero_`, `__iadd__`...). Each runs its out-of-place op and
// writes the result back, so there is no second kernel to keep in sync; then it bumps the
// version counter and, when autograd records, makes the op's node the tensor's new grad_fn.

import { ops, defineOp, type Op } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { gradState } from "../autograd/grad_mode.ts";
import { bindArgs } from "../signature.ts";
import { copyInto } from "../kernels/elementwise.ts";
import { denseCopy, isHost } from "../kernels/backends.ts";
import { RuntimeError } from "@tsgrad/py";
import { canCast, castName } from "../out_arg.ts";

type T = Tensor;

/** PyTorch's check_inplace: leaves (and views of leaves) that require grad can't be written while grad mode is on. */
export function checkInplace(self: T): void {
  if (!gradState.enabled) return;
  if (self._grad_fn === null && self._requires_grad) {
    if (self._base !== null) throw new RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.");
    throw new RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
  }
  if (self._base !== null && self._base.is_leaf && self._base._requires_grad)
    throw new RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.");
}

/** A copy of self's values that keeps self's place in the graph (what saved tensors see). */
function snapshot(self: T): T {
  const s = denseCopy(self);
  s._grad_fn = self._grad_fn;
  s._output_nr = self._output_nr;
  s._requires_grad = self._requires_grad;
  s._accumulator = self._accumulator;
  return s;
}

function anyRequiresGrad(bound: unknown[], op: Op): boolean {
  for (const i of op.tensorParams) {
    const v = bound[i];
    if (v instanceof Tensor && v.requires_grad) return true;
  }
  return false;
}

export function applyInplace(self: T, op: Op, bound: unknown[]): T {
  checkInplace(self);
  const recording = gradState.enabled && anyRequiresGrad(bound, op);
  if (recording) bound[0] = snapshot(self);
  const result: T = op.callBound(bound);
  if (!canCast(result.dtype, self.dtype))
    throw new RuntimeError(`result type ${castName[result.dtype.name]} can't be cast to the desired output type ${castName[self.dtype.name]}`);
  const rs = result._shape, ss = self._shape;
  if (rs.length !== ss.length || rs.some((d, i) => d !== ss[i]))
    throw new RuntimeError(`output with shape [${ss.join(", ")}] doesn't match the broadcast shape [${rs.join(", ")}]`);
  copyInto(self, result);
  self._vc.v++;
  if (recording && result._grad_fn !== null) {
    self._grad_fn = result._grad_fn;
    self._output_nr = result._output_nr;
  }
  return self;
}

export function defineInplace(name: string, baseName: string): void {
  const op = ops[baseName];
  Object.defineProperty(Tensor.prototype, name, {
    value(this: T, ...args: unknown[]) {
      return applyInplace(this, op, bindArgs(op.signature, [this, ...args]));
    },
    writable: true,
    configurable: true,
  });
}

for (const n of [
  "add", "sub", "mul", "div", "pow", "clamp", "neg", "exp", "log", "log2", "log10", "log1p", "expm1", "sqrt", "rsqrt", "abs",
  "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "sigmoid", "relu", "floor", "ceil", "trunc", "frac", "round", "sign",
  "reciprocal", "square", "masked_fill", "floor_divide", "remainder", "fmod", "maximum", "minimum",
  "erf", "erfc", "erfinv", "exp2", "lgamma", "digamma", "asinh", "acosh", "atanh",
]) {
  if (ops[n]) defineInplace(`${n}_`, n);
}
defineInplace("clip_", "clamp");
defineInplace("fill_", "_fill");
defineInplace("copy_", "_copy_from");

// The in-place forms PyTorch also exposes as torch functions (`torch.clamp_(t, -1, 1)`): thin
// entries in the op table without a derivative of their own, so the namespace picks them up and
// the autograd bookkeeping stays in applyInplace.
for (const [name, baseName] of [
  ...["clamp", "neg", "exp", "log", "log2", "log10", "log1p", "expm1", "sqrt", "rsqrt", "abs", "sin", "cos", "tan", "asin", "acos", "atan",
    "sinh", "cosh", "tanh", "sigmoid", "relu", "floor", "ceil", "trunc", "frac", "round", "reciprocal", "square",
    "erf", "erfc", "exp2", "asinh", "acosh", "atanh"].map((n) => [`${n}_`, n]),
  ["clip_", "clamp"],
  ["fill_", "_fill"],
] as Array<[string, string]>) {
  const op = ops[baseName];
  if (!op) continue;
  defineOp(name, {
    sig: op.sig.replace(/^\w+\(/, `${name}(`),
    method: false,
    forward: (_ctx, ...bound: unknown[]) => applyInplace(bound[0] as T, op, bound),
  });
}
defineOp("zero_", {
  sig: "zero_(Tensor input)",
  method: false,
  forward: (_ctx, x: T) => x.zero_(),
});

Object.defineProperty(Tensor.prototype, "zero_", {
  value(this: T) {
    // the optimizer loop's hot path: no graph, just zeros
    if (!gradState.enabled || !this.requires_grad) {
      if (this._offset === 0 && this._storage.length === this.numel() && isHost(this)) this._storage.fill(0);
      else copyInto(this, 0);
      this._vc.v++;
      return this;
    }
    return this.fill_(0);
  },
  writable: true,
  configurable: true,
});

// Python's augmented assignment on tensors is in place.
const aug: Array<[string, string]> = [
  ["__iadd__", "add_"], ["__isub__", "sub_"], ["__imul__", "mul_"], ["__itruediv__", "div_"], ["__ipow__", "pow_"],
  ["__ifloordiv__", "floor_divide_"], ["__imod__", "remainder_"],
];
for (const [py, m] of aug) {
  Object.defineProperty(Tensor.prototype, py, {
    value(this: T, other: unknown) {
      return this[m](other);
    },
    writable: true,
    configurable: true,
  });
}
