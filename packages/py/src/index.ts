// @tsgrad/py: Python's builtins for line-by-line ports (see /work/shared/porting.md).
//
//   import { print, f, fmt, format, range, len, float, int, str, repr, tuple, type, slice,
//            round, sum, sorted, zip, warnings } from "@tsgrad/py";

export * from "./exceptions.ts";
export { PyFloat, FLOAT_LIST, isFloatValue, isIntValue, markFloat, asFloat } from "./pyfloat.ts";
export { floatRepr } from "./float_digits.ts";
export { pyRepr, pyStr, numberRepr, typeName } from "./repr.ts";
export { fmt, parseSpec, type FormatSpec } from "./format_spec.ts";
export { format, format as str_format, f } from "./str_format.ts";
export { print, stdout, stderr, sys, captureOutput, type PrintOptions, type Writable } from "./print.ts";
export { int, float, str, repr, ascii, bool, abs, round, len } from "./convert.ts";
export { iterate, list, tuple, sum, min, max, sorted, reversed, zip, enumerate, any, all } from "./iteration.ts";
export { PyTuple } from "./tuple.ts";
export { Range, range } from "./range.ts";
export { Slice, slice } from "./slice.ts";
export { truthy, pyEq, pyLt, pyAdd } from "./ops.ts";
export { type, isinstance, pyName, NoneType, type PyType } from "./types.ts";
export { warnings, WarningMessage, type CatchWarningsOptions, type WarningCategory } from "./warnings.ts";
