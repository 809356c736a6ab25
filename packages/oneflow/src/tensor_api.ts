// What OneFlow's Tensor has or says differently from torch's, installed for oneflow-dialect
// tensors only (every other tensor keeps the method it had). Sources: OneFlow v0.8.0, see
// docs/oneflow.md.
//
//   x.device             repr `device(type='cpu', index=0)`, str `cpu:0` (framework/device.cpp
//                        Device::ToRepr / ToString)
//   x.numpy()            a @tsgrad/numpy ndarray holding a copy of the values
//   flow.from_numpy(a)   a tensor with the ndarray's dtype and values (a copy)
//   2 ** x               ScalarReversePow: grad_fn scalar_reverse_pow_backward
//   backward errors      OneFlow's wording: autograd.cpp CheckAndInitOutGrads and
//                        autograd_engine.cpp FunctionNode::Apply

import { Tensor, Device, dtypeNaming, defineMethod, oneflowDialect } from "@tsgrad/core";
import baseAutograd from "@tsgrad/autograd";
import { NDArray } from "@tsgrad/numpy";
import { RuntimeError, TypeError as PyTypeError } from "@tsgrad/py";

const isFlow = (t: unknown): t is Tensor => t instanceof Tensor && t._dialect.name === "oneflow";

function previous(name: string): (...args: any[]) => any {
  const f = (Tensor.prototype as any)[name];
  return typeof f === "function" ? f : function (this: Tensor) {
    throw new PyTypeError(`'Tensor' object has no attribute '${name}'`);
  };
}

/** OneFlow's wording for the errors a beginner meets in backward() and autograd.grad(). */
function flowAutogradError(e: unknown, roots: unknown[]): unknown {
  if (!(e instanceof RuntimeError)) return e;
  const msg = e.message;
  if (msg === "grad can be implicitly created only for scalar outputs")
    return new RuntimeError("Grad can be implicitly created only for scalar outputs");
  if (msg.startsWith("element 0 of tensors does not require grad"))
    return new RuntimeError("All output tensors `.requires_grad` should be true");
  if (msg.startsWith("Trying to backward through the graph a second time")) {
    const name = releasedNodeName(roots) ?? "";
    return new RuntimeError(
      `This FunctionNode with name \`${name}\` has been released.\nMaybe you try to backward through the node a second time. Specify retain_graph=True when calling .backward() or autograd.grad() the first time.`,
    );
  }
  return e;
}

/** OneFlow frees every node's backward function after a backward without retain_graph, and its
 *  engine applies the root's node first, so that is the one named in the error. */
function releasedNodeName(roots: unknown[]): string | null {
  for (const r of roots) if (r instanceof Tensor && r._grad_fn) return r._grad_fn.name();
  return null;
}

function wrapAutograd<F extends (...args: any[]) => any>(f: F, rootsOf: (args: any[]) => unknown[]): F {
  return function (this: unknown, ...args: any[]) {
    try {
      return f.apply(this, args);
    } catch (e) {
      const roots = rootsOf(args);
      if (!roots.some(isFlow)) throw e;
      throw flowAutogradError(e, roots);
    }
  } as F;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** flow.autograd: torch.autograd's functions with OneFlow's error wording. */
export const oneflowAutograd = {
  ...baseAutograd,
  grad: wrapAutograd(baseAutograd.grad, (a) => asList(a[0])),
  backward: wrapAutograd(baseAutograd.backward, (a) => asList(a[0])),
};

/** flow.from_numpy: a tensor of the ndarray's dtype and values (OneFlow shares the memory of a
 *  CPU array; this is a copy). */
export function from_numpy(a: NDArray): Tensor {
  if (!(a instanceof NDArray)) throw new PyTypeError(`expected np.ndarray (got ${typeof a})`);
  const src = a._t;
  const vals = src._contiguousValues();
  return Tensor.fromData(vals === src._storage ? vals.slice() : vals, src._shape.slice(), src.dtype, oneflowDialect);
}

let installed = false;
export function installOneflowTensorApi(): void {
  if (installed) return;
  installed = true;

  // ---- device: repr device(type='cpu', index=0), str cpu:0 --------------------------------
  const devRepr = (Device.prototype as any).__repr__ as () => string;
  const devStr = (Device.prototype as any).__str__ as () => string;
  Object.defineProperty(Device.prototype, "__repr__", {
    value: function (this: Device) {
      if (dtypeNaming.prefix !== "oneflow") return devRepr.call(this);
      return `device(type='${this.type}', index=${this.index ?? 0})`;
    },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(Device.prototype, "__str__", {
    value: function (this: Device) {
      if (dtypeNaming.prefix !== "oneflow") return devStr.call(this);
      return `${this.type}:${this.index ?? 0}`;
    },
    writable: true,
    configurable: true,
  });

  // ---- x.numpy() ----------------------------------------------------------------------------
  const prevNumpy = previous("numpy");
  defineMethod("numpy", function (this: Tensor, ...args: any[]) {
    if (!isFlow(this)) return prevNumpy.apply(this, args);
    // OneFlow's _numpy (framework/tensor.py) has no requires_grad check, unlike torch
    const vals = this._contiguousValues();
    return new NDArray(Tensor.fromData(vals === this._storage ? vals.slice() : vals, this._shape.slice(), this.dtype));
  });

  // ---- number ** tensor: ScalarReversePow ----------------------------------------------------
  const prevRpow = previous("__rpow__");
  defineMethod("__rpow__", function (this: Tensor, other: unknown) {
    if (!isFlow(this) || other instanceof Tensor) return prevRpow.call(this, other);
    const out = prevRpow.call(this, other) as Tensor;
    // OneFlow's pow(Scalar, Tensor) is ScalarReversePow (functional_api.yaml), one node
    if (out._grad_fn) (out._grad_fn as any)._name = "scalar_reverse_pow_backward";
    return out;
  });

  // ---- backward(): OneFlow's error wording -------------------------------------------------
  const prevBackward = previous("backward");
  defineMethod("backward", function (this: Tensor, ...args: any[]) {
    if (!isFlow(this)) return prevBackward.apply(this, args);
    try {
      return prevBackward.apply(this, args);
    } catch (e) {
      throw flowAutogradError(e, [this]);
    }
  });
}
