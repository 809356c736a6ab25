// Paddle's Tensor methods on paddle-dialect tensors (Paddle 2.0's
// python/paddle/tensor/__init__.py `tensor_method_func`: every paddle.tensor function is also a
// method, `x.sum(axis=1)` being `paddle.sum(x, axis=1)`). The kernels stay the core's: a method
// here is the paddle.* function of math.ts with the tensor as `x`.
//
// Each name is installed once on Tensor.prototype as a dispatcher: a tensor of another dialect,
// or a call from library code (mode.ts), gets the core method; a paddle tensor called from user
// code gets Paddle's. Every other core method, called on a paddle tensor from user code, runs in
// core mode so that its own internals keep the core's meaning.

import { Tensor, paddleDialect } from "@tsgrad/core";
import * as math from "./math.ts";
import { mode } from "./mode.ts";
import { Slice } from "@tsgrad/py";
import { checkBroadcast, paddleError } from "./errors.ts";

type T = Tensor;
type Impl = (self: T, ...args: any[]) => unknown;
const proto = Tensor.prototype as any;

/** Names with Paddle's own meaning (method name -> implementation). */
const paddleMethods: Record<string, Impl> = {};
for (const name of [
  "sum", "mean", "max", "min", "prod", "argmax", "argmin", "std", "var", "logsumexp", "all", "any", "cumsum",
  "reshape", "transpose", "flatten", "squeeze", "unsqueeze", "split", "chunk", "unbind", "cast", "clip",
  "gather", "index_select", "expand", "expand_as", "broadcast_to", "tile", "topk", "sort", "argsort", "t",
  "matmul", "subtract", "multiply", "divide", "floor_divide", "remainder", "mod", "maximum", "minimum", "scale",
  "equal", "not_equal", "greater_than", "greater_equal", "less_than", "less_equal", "equal_all",
  "add", "pow", "add_n",
]) {
  const f = (math as Record<string, any>)[name];
  if (typeof f !== "function") throw new Error(`paddle method table: paddle.${name} is missing`);
  paddleMethods[name] = (self, ...args) => f(self, ...args);
}
paddleMethods.astype = (self, dtype) => math.cast(self, dtype);

/** Paddle's checks run before the core method on a paddle tensor: the operators (2.0's
 *  math_op_patch.py calls elementwise_<op> with axis=-1, as paddle.add does) and integer
 *  indexing (pybind's ParseIndexingSlice). */
const preChecks: Record<string, (self: T, args: any[]) => void> = {};
for (const [dunder, op, reflected] of [
  ["__add__", "add", false], ["__radd__", "add", true], ["__sub__", "subtract", false], ["__rsub__", "subtract", true],
  ["__mul__", "multiply", false], ["__rmul__", "multiply", true], ["__truediv__", "divide", false], ["__rtruediv__", "divide", true],
] as const) {
  preChecks[dunder] = (self, [other]) => {
    if (other instanceof Tensor) reflected ? checkBroadcast(op, other._shape, self._shape) : checkBroadcast(op, self._shape, other._shape);
  };
}
/** Integer items of an index, checked against the axis they select (slices advance the axis). */
function checkIndexItems(self: T, items: unknown[]): void {
  let dim = 0;
  for (const it of items) {
    if (typeof it === "number" || typeof it === "bigint") {
      const len = self._shape[dim];
      const start = Number(it);
      if (len !== undefined && (start >= len || start < -len)) throw paddleError("indexOutOfRange", { start, dim, len });
      dim++;
    } else if (it instanceof Slice || (typeof it === "string" && it !== "...")) dim++; // a slice (or "1:")
    else if (it === null) continue; // None adds an axis of its own
    else return; // Ellipsis, tensors, lists: not checked here
  }
}
preChecks.at = (self, items) => checkIndexItems(self, items);
preChecks.__getitem__ = (self, [key]) => checkIndexItems(self, Array.isArray(key) ? key : [key]);

function dispatcher(coreFn: ((...a: any[]) => any) | undefined, impl: Impl | null, check?: (self: T, args: any[]) => void) {
  return function (this: T, ...args: any[]) {
    if (this._dialect !== paddleDialect || mode.core > 0) {
      if (coreFn === undefined) throw new TypeError(`'Tensor' object has no attribute`);
      return coreFn.apply(this, args);
    }
    check?.(this, args);
    mode.core++;
    try {
      return impl === null ? coreFn!.apply(this, args) : impl(this, ...args);
    } finally {
      mode.core--;
    }
  };
}

// Methods tensor.ts gives Paddle's meaning itself, and plain accessors: left alone.
const own = new Set(["constructor", "backward", "clear_grad", "clear_gradient", "gradient", "numpy", "__repr__", "__str__", "__format__", "toString", "register_hook"]);

let installed = false;
/** Install the dispatchers (called once tensor.ts has defined Paddle's own methods). */
export function installPaddleMethods(): void {
  if (installed) return;
  installed = true;
for (const name of Object.getOwnPropertyNames(proto)) {
  if (own.has(name) || name in paddleMethods) continue;
  if (name.startsWith("_") && !name.startsWith("__")) continue; // the core's internals
  const desc = Object.getOwnPropertyDescriptor(proto, name)!;
  if (typeof desc.value !== "function") continue;
  Object.defineProperty(proto, name, { ...desc, value: dispatcher(desc.value, null, preChecks[name]) });
}
for (const [name, impl] of Object.entries(paddleMethods)) {
  const desc = Object.getOwnPropertyDescriptor(proto, name);
  const coreFn = typeof desc?.value === "function" ? desc.value : undefined;
  Object.defineProperty(proto, name, { value: dispatcher(coreFn, impl), writable: true, configurable: true });
}
}
