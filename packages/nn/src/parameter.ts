// nn.Parameter: a Tensor subclass sharing its data's storage and version counter, a leaf that
// requires grad by default, printed by PyTorch as `Parameter containing:\n<tensor repr>`.

import { Tensor, ops } from "@tsgrad/core";
import { TypeError as PyTypeError } from "@tsgrad/py";
import { parseArgs } from "./args.ts";
import { pyclass } from "./pyclass.ts";

const SPEC = [["data", null], ["requires_grad", true]] as const;

class ParameterImpl extends Tensor {
  constructor(...args: unknown[]) {
    const a = parseArgs("Parameter.__new__", SPEC, args);
    let data = a.data as Tensor | null;
    if (data === null) data = ops.empty.call([0]) as Tensor;
    if (!(data instanceof Tensor)) throw new PyTypeError(`_make_subclass(): argument 'data' (position 2) must be Tensor, not ${typeof data}`);
    super(data._storage, data._shape.slice(), data._strides.slice(), data._offset, data.dtype, data._dialect, data._vc);
    // Only PyTorch prints the "Parameter containing:" header; OneFlow prints the tensor itself.
    this._isParameter = data._dialect.name === "torch";
    if (a.requires_grad) this.requires_grad_(true);
  }
}

export const Parameter = pyclass(ParameterImpl, "Parameter");
export type Parameter = ParameterImpl;

export function isParameter(v: unknown): v is Parameter {
  return v instanceof ParameterImpl;
}
