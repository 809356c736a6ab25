// Tensor methods that are not ops: backward, hooks, printing, Python's operator protocol.

import { Tensor } from "./tensor.ts";
import { defineMethod, ops } from "./op.ts";
import { runBackward, makeRootGrads } from "./autograd/engine.ts";
import { tensorRepr, printOptions } from "./printing/index.ts";
import { get_default_dtype } from "./dtype.ts";
import { RuntimeError, warnings, UserWarning, fmt, markFloat } from "@tsgrad/py";
import { isKwargs } from "./signature.ts";
import { result_type } from "./promote.ts";
import { isHost, deviceOf, type DeviceStorage } from "./kernels/backends.ts";

type T = Tensor;

defineMethod("backward", function (this: T, gradient?: any, retain_graph?: any, create_graph?: any, inputs?: any) {
  if (gradient === undefined && retain_graph === undefined && create_graph === undefined && inputs === undefined) {
    // `loss.backward()`, the tutorial loop's call: no keywords to sort out
    runBackward([this], makeRootGrads([this], [null], false), plainBackward);
    return;
  }
  // keywords may come in one trailing object, in any position after the given positionals
  const args = [gradient, retain_graph, create_graph, inputs];
  let kw: Record<string, any> = {};
  for (let i = 0; i < args.length; i++)
    if (isKwargs(args[i])) {
      kw = args[i];
      args[i] = undefined;
      break;
    }
  for (const k of Object.keys(kw))
    if (!["gradient", "retain_graph", "create_graph", "inputs"].includes(k))
      throw new TypeError(`backward() got an unexpected keyword argument '${k}'`);
  const g = kw.gradient ?? args[0] ?? null;
  const cg = Boolean(kw.create_graph ?? args[2] ?? false);
  const rg = Boolean(kw.retain_graph ?? args[1] ?? cg);
  const inp = kw.inputs ?? args[3] ?? null;
  const roots = makeRootGrads([this], [g], cg);
  runBackward([this], roots, { retain_graph: rg, create_graph: cg, accumulateOnly: inp === null ? null : inp instanceof Tensor ? [inp] : inp });
});

/** The options of a backward() without arguments (read-only, shared by every such call). */
const plainBackward = Object.freeze({ retain_graph: false, create_graph: false, accumulateOnly: null });

defineMethod("register_hook", function (this: T, hook: (g: T) => T | undefined | void) {
  if (!this.requires_grad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
  if (this._grad_fn === null) {
    const list = (this._leafHooks ??= []);
    list.push(hook);
    return handle(() => list.splice(list.indexOf(hook), 1));
  }
  const node = this._grad_fn;
  node._preHooks ??= new Map();
  const list = node._preHooks.get(this._output_nr) ?? [];
  node._preHooks.set(this._output_nr, list);
  list.push(hook);
  return handle(() => list.splice(list.indexOf(hook), 1));
});

function handle(remove: () => void) {
  return { remove };
}

defineMethod("retain_grad", function (this: T) {
  if (!this.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
  if (this._grad_fn === null || this._retains_grad) return;
  this._retains_grad = true;
  const node = this._grad_fn;
  (node._retainGrad ??= new Map()).set(this._output_nr, this);
});

// ---- printing -------------------------------------------------------------------------------

function reprOf(t: T, prefix?: string): string {
  const d = t._dialect;
  return tensorRepr(
    {
      values: t._contiguousValues(),
      shape: t._shape,
      kind: t.dtype.kind,
      dtypeName: t.dtype.name,
      dtypePrefix: d.dtypePrefix,
      defaultFloatDtype: get_default_dtype().name,
      alwaysShowDtype: d.alwaysShowDtype,
      style: d.printStyle,
      device: isHost(t) ? null : String(deviceOf(t)),
      requiresGrad: t.requires_grad && t.grad_fn === null,
      gradFnName: t.grad_fn ? t.grad_fn.name() : null,
      prefix,
    },
    printOptions,
  );
}
defineMethod("__repr__", function (this: T) {
  if (this._isParameter) return "Parameter containing:\n" + reprOf(this);
  return reprOf(this);
});
defineMethod("__str__", function (this: T) {
  return this.__repr__();
});
/** f-strings: a 0-dim tensor formats as its Python number (newer releases), else the repr. */
defineMethod("__format__", function (this: T, spec: string) {
  if (this._shape.length === 0 && this._dialect.formatZeroDimAsNumber && !this._isParameter) {
    const v = this.item();
    return fmt(this.dtype.kind === "float" ? markFloat(v as number) : v, spec);
  }
  return fmt(this.__repr__(), spec);
});

// ---- Python operators -------------------------------------------------------------------------

const binary: Array<[string, string]> = [
  ["__add__", "add"], ["__sub__", "sub"], ["__mul__", "mul"], ["__truediv__", "div"], ["__floordiv__", "floor_divide"],
  ["__mod__", "remainder"], ["__pow__", "pow"], ["__matmul__", "matmul"], ["__and__", "bitwise_and"], ["__or__", "bitwise_or"],
  ["__xor__", "bitwise_xor"], ["__eq__", "eq"], ["__ne__", "ne"], ["__lt__", "lt"], ["__le__", "le"], ["__gt__", "gt"], ["__ge__", "ge"],
  ["__radd__", "add"], ["__rmul__", "mul"], ["__rand__", "bitwise_and"], ["__ror__", "bitwise_or"], ["__rxor__", "bitwise_xor"],
];
for (const [py, m] of binary) defineMethod(py, function (this: T, other: unknown) {
  return this[m](other);
});
defineMethod("__rsub__", function (this: T, other: unknown) {
  return ops.rsub.call(this, other);
});
defineMethod("__rtruediv__", function (this: T, other: unknown) {
  return this.reciprocal().mul(other);
});
defineMethod("__rpow__", function (this: T, other: number | bigint) {
  // Python's __rpow__ wraps the number as torch.tensor(other, dtype=result_type(other, self)),
  // so the node is PowBackward1 with a None edge first and the base has the result's dtype.
  const base = ops.tensor.call(other, { dtype: result_type(other, this) });
  base._dialect = this._dialect;
  return ops.pow.call(base, this);
});
defineMethod("__rmatmul__", function (this: T, other: T) {
  return other.matmul(this);
});
defineMethod("__neg__", function (this: T) {
  return this.neg();
});
defineMethod("__pos__", function (this: T) {
  return this;
});
defineMethod("__abs__", function (this: T) {
  return this.abs();
});
defineMethod("__invert__", function (this: T) {
  return this.bitwise_not();
});

// ---- .grad of a non-leaf warns, as PyTorch does -----------------------------------------------

const gradDesc = Object.getOwnPropertyDescriptor(Tensor.prototype, "grad")!;
Object.defineProperty(Tensor.prototype, "grad", {
  get(this: T) {
    if (this._grad_fn !== null && !this._retains_grad && this._grad === null) {
      warnings.warn(
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations. (Triggered internally at  ../torch/csrc/autograd/generated/python_variable_methods.cpp:466.)",
        UserWarning,
      );
    }
    return gradDesc.get!.call(this);
  },
  set: gradDesc.set,
  configurable: true,
});

// ---- awaitable reads (device tensors) ---------------------------------------------------------
// A device tensor's values arrive asynchronously. `await fetchValues(t)` fetches them (a no-op on
// the CPU); afterwards the synchronous reads (print, item, tolist, .cpu()) work until t's storage
// is written again. The `_async` methods are that fetch plus the synchronous read, so ported code
// keeps one line per Python line: `print(await loss.item_async())`.

/** Fetch the host values of every device tensor in `values` (nested arrays and tuples too). */
export async function fetchValues(...values: unknown[]): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, depth: number) => {
    if (v === null || typeof v !== "object" || seen.has(v) || depth > 4) return;
    seen.add(v);
    if (v instanceof Tensor) {
      if (!isHost(v)) pending.push((v._storage as unknown as DeviceStorage).read());
      if (v._grad !== null && !isHost(v._grad)) pending.push((v._grad._storage as unknown as DeviceStorage).read());
      return;
    }
    if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
  };
  for (const v of values) walk(v, 0);
  await Promise.all(pending);
}

defineMethod("cpu_async", async function (this: T) {
  await fetchValues(this);
  return this.cpu();
});
defineMethod("item_async", async function (this: T) {
  await fetchValues(this);
  return this.item();
});
defineMethod("tolist_async", async function (this: T) {
  await fetchValues(this);
  return this.tolist();
});
/** `await t.fetch_async()` returns t itself, readable synchronously (print(t), t.item()) until written. */
defineMethod("fetch_async", async function (this: T) {
  await fetchValues(this);
  return this;
});
