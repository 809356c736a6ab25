// Printing for @tsgrad/core: pure functions over (values, shape, dtype), used
// by Tensor.toString / repr and by the numpy dialect.

export { printOptions, set_printoptions, get_printoptions } from "./options.ts";
export type { PrintOptions, SetPrintOptionsArgs } from "./options.ts";
export { tensorRepr, torchTensorStr } from "./tensor_repr.ts";
export type { TensorReprInput } from "./tensor_repr.ts";
export { formatNumpyArray, numpyScalarStr, FloatingFormat } from "./numpy_format.ts";
export type { NumpyPrintOptions, FloatMode } from "./numpy_format.ts";
export { pythonFloatRepr, pyFixed, pyExp, pyIntStr, pyBoolStr } from "./pyformat.ts";
export { TorchFormatter } from "./torch_formatter.ts";
export type { ElementKind } from "./torch_formatter.ts";
export { decompose, dragon4 } from "./dragon4.ts";
export type { FloatParts, Digits } from "./dragon4.ts";
