// The bridge to numpy (@tsgrad/numpy), as PyTorch 1.13 has it on the CPU:
//
//   x.numpy()            an ndarray sharing x's memory (writes through either show in both);
//                        a tensor that requires grad raises PyTorch's RuntimeError
//   torch.from_numpy(a)  a tensor sharing a's memory, with a's dtype
//   torch.tensor(a)      a copy with a's dtype (unless dtype= says otherwise)
//   torch.as_tensor(a)   shares memory when no conversion is needed, as PyTorch does
//
// Sharing is literal: both objects view one typed-array storage with one version counter.

import * as core from "@tsgrad/core";
import { Tensor, torchDialect, defineMethod } from "@tsgrad/core";
import { NDArray } from "@tsgrad/numpy";
import { RuntimeError, TypeError as PyTypeError, type } from "@tsgrad/py";

const isTorch = (t: Tensor): boolean => t._dialect === torchDialect;

/** A tensor viewing the same storage as `t` (no autograd history), in dialect `dialect`. */
function alias(t: Tensor, dialect: core.Dialect): Tensor {
  return new Tensor(t._storage, t._shape.slice(), t._strides.slice(), t._offset, t.dtype, dialect, t._vc);
}

export function from_numpy(a: unknown): Tensor {
  if (!(a instanceof NDArray)) throw new PyTypeError(`expected np.ndarray (got ${type(a).__name__})`);
  return alias(a._t, torchDialect);
}

type Kw = { dtype?: core.DType | null; device?: unknown; requires_grad?: boolean };

function lastKw(rest: unknown[]): Kw {
  const last = rest[rest.length - 1];
  return last !== undefined && core.isKwargs(last) ? (last as Kw) : {};
}

/** torch.tensor: an ndarray is copied with its own dtype; anything else is the core's tensor(). */
export function wrapTensor<F extends (...a: any[]) => any>(base: F): F {
  return function tensor(data: unknown, ...rest: unknown[]) {
    if (!(data instanceof NDArray)) return base(data, ...rest);
    return base(from_numpy(data), ...rest);
  } as F;
}

/** torch.as_tensor(data, dtype=None, device=None): no copy when the data already is a CPU tensor
 *  or ndarray of the requested dtype. */
export function makeAsTensor(tensor: (...a: any[]) => any) {
  return function as_tensor(data: unknown, ...rest: unknown[]): any {
    const kw = rest.length > 0 && !core.isKwargs(rest[0]) ? { dtype: rest[0] as core.DType, ...lastKw(rest.slice(1)) } : lastKw(rest);
    const dtype = kw.dtype ?? null;
    const src = data instanceof NDArray ? from_numpy(data) : data instanceof Tensor ? data : null;
    if (src !== null) return dtype === null || dtype === src.dtype ? src : src.to(dtype);
    return tensor(data, dtype === null ? {} : { dtype });
  };
}

let installed = false;
export function installNumpyBridge(): void {
  if (installed) return;
  installed = true;
  const prev = (Tensor.prototype as any).numpy as ((...a: any[]) => any) | undefined;
  defineMethod("numpy", function (this: Tensor, ...args: any[]) {
    if (!isTorch(this) && prev) return prev.apply(this, args);
    const force = Boolean((lastKw(args) as { force?: boolean }).force ?? args[0] === true);
    if (!force && this.requires_grad)
      throw new RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    if (!core.isHost(this)) {
      if (!force) throw new PyTypeError(`can't convert ${this.device.type} device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.`);
      return new NDArray(alias((this as any).cpu(), torchDialect));
    }
    return new NDArray(alias(this, torchDialect));
  });
}
