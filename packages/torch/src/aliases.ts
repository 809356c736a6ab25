// PyTorch 1.13's alias names (native_functions.yaml `alias for`): `torch.clip` is clamp,
// `x.multiply(y)` is mul, `torch.greater` is gt, ... Each alias calls its op, so it shares the
// op's kernel, grad_fn and messages.

import { Tensor, defineMethod } from "@tsgrad/core";

/** alias -> op, for names that are both a torch function and a Tensor method. */
const BOTH: Record<string, string> = {
  clip: "clamp", multiply: "mul", subtract: "sub", divide: "div", true_divide: "div",
  absolute: "abs", negative: "neg", greater: "gt", greater_equal: "ge", less: "lt",
  less_equal: "le", not_equal: "ne", arccos: "acos", arcsin: "asin", arctan: "atan",
  arccosh: "acosh", arcsinh: "asinh", arctanh: "atanh", swapaxes: "transpose",
  swapdims: "transpose", fix: "trunc",
};
/** In-place aliases: Tensor methods only. */
const INPLACE: Record<string, string> = {
  multiply_: "mul_", subtract_: "sub_", divide_: "div_", true_divide_: "div_", absolute_: "abs_",
  negative_: "neg_", greater_: "gt_", greater_equal_: "ge_", less_: "lt_", less_equal_: "le_",
  not_equal_: "ne_", arccos_: "acos_", arcsin_: "asin_", arctan_: "atan_", fix_: "trunc_",
  swapaxes_: "transpose_", swapdims_: "transpose_",
};

/** Install the alias methods on Tensor and return the alias functions for the torch namespace. */
export function installAliases(fns: Record<string, any>): Record<string, (...a: any[]) => any> {
  const proto = Tensor.prototype as any;
  for (const [alias, op] of Object.entries({ ...BOTH, ...INPLACE })) {
    if (alias in proto || typeof proto[op] !== "function") continue;
    defineMethod(alias, function (this: Tensor, ...args: any[]) {
      return (this as any)[op](...args);
    });
  }
  const out: Record<string, (...a: any[]) => any> = {};
  for (const [alias, op] of Object.entries(BOTH)) if (!(alias in fns) && typeof fns[op] === "function") out[alias] = fns[op];
  return out;
}
