// The `out=` keyword of torch functions (`torch.add(x, y, out=result)`,
// `torch.matmul(a, b, out=c)`): the op runs as usual, then its result is written into the given
// tensor, which is resized when its shape differs (PyTorch warns when it had elements) and keeps
// its dtype (the result must be castable to it). Autograd does not record through out=.

import { RuntimeError, UserWarning, warnings } from "@tsgrad/py";
import { Tensor } from "./tensor.ts";
import type { DType } from "./dtype.ts";
import { copyInto } from "./kernels/elementwise.ts";
import { contiguousStrides, numelOf } from "./kernels/strided.ts";

/** ScalarType names as PyTorch's cast errors print them. */
export const castName: Record<string, string> = {
  float16: "Half", float32: "Float", float64: "Double", int64: "Long", int32: "Int", int16: "Short", int8: "Char", uint8: "Byte", bool: "Bool",
};

/** c10::canCast: no float to integral, no non-bool to bool. */
export function canCast(from: DType, to: DType): boolean {
  if (from.kind === "float" && to.kind !== "float") return false;
  if (from.kind !== "bool" && to.kind === "bool") return false;
  return true;
}

export function outAutogradError(opName: string): RuntimeError {
  return new RuntimeError(
    `${opName}(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.`,
  );
}

/** Write `result` into `out` as an ATen out= kernel leaves it; returns `out`. */
export function writeOut(out: Tensor, result: Tensor): Tensor {
  if (!(out instanceof Tensor)) throw new RuntimeError("out= expects a Tensor");
  if (!canCast(result.dtype, out.dtype))
    throw new RuntimeError(`result type ${castName[result.dtype.name] ?? result.dtype.name} can't be cast to the desired output type ${castName[out.dtype.name] ?? out.dtype.name}`);
  const rs = result._shape, os = out._shape;
  if (rs.length !== os.length || rs.some((d, i) => d !== os[i])) {
    if (numelOf(os) !== 0) {
      warnings.warn(
        `An output with one or more elements was resized since it had shape [${os.join(", ")}], which does not match the required output shape [${rs.join(", ")}]. This behavior is deprecated, and in a future PyTorch release outputs will not be resized unless they have zero elements. You can explicitly reuse an out tensor t by resizing it, inplace, to zero elements with t.resize_(0). (Triggered internally at  ./aten/src/ATen/native/Resize.cpp:17.)`,
        UserWarning,
      );
    }
    out._storage = new out.dtype.ctor(numelOf(rs)) as any;
    out._shape = rs.slice();
    out._strides = contiguousStrides(rs);
    out._offset = 0;
  }
  copyInto(out, result);
  out._vc.v++;
  return out;
}
