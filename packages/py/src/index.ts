// @tsgrad/py: Python's builtins for line-by-line ports (see /work/shared/porting.md).
//
//   import { print, f, fmt, format, range, len, float, int, str, repr, tuple, type, slice,
//            round, sum, sorted, zip, warnings } from "@tsgrad/py";
//
// Decisions worth knowing:
// - Numbers: an integer-valued JS number is a Python int, anything else a float; `float(x)`
//   returns a PyFloat (a Number object) so it prints as a float. Results Python types as float
//   (round(x, n), sum of floats, abs of a float) are float-marked only when integral.
// - `format(template, ...args)` is str.format (alias `str_format`); Python's builtin
//   format(value, spec) is `fmt`. A trailing plain object is kwargs only when the template
//   names a field.
// - Importing this package defines a non-enumerable `__name__` accessor on Function.prototype
//   (declared globally in types.ts), so `type(m).__name__` and `nn.Linear.__name__` work for
//   every class; a class may set its own with `static __name__ = "..."`.
// - Library objects join in through Python's dunder methods: __repr__, __str__, __format__,
//   __len__, __bool__, __float__, __int__, __index__, __iter__, __round__, __abs__, __add__,
//   __radd__, __lt__, __gt__, __eq__.

export * from "./exceptions.ts";
export { PyFloat, FLOAT_LIST, isFloatValue, isIntValue, markFloat, asFloat } from "./pyfloat.ts";
export { floatRepr } from "./float_digits.ts";
export { pyRepr, pyStr, numberRepr, typeName } from "./repr.ts";
export { fmt, parseSpec, type FormatSpec } from "./format_spec.ts";
export { format, format as str_format, f } from "./str_format.ts";
export { print, stdout, stderr, sys, captureOutput, type PrintOptions, type Writable } from "./print.ts";
export { int, float, str, repr, ascii, bool, abs, round, len } from "./convert.ts";
export { iterate, iter, next, type PyIterator, list, tuple, sum, min, max, sorted, reversed, zip, enumerate, any, all } from "./iteration.ts";
export { PyTuple } from "./tuple.ts";
export { Range, range } from "./range.ts";
export { Slice, slice } from "./slice.ts";
export { truthy, pyEq, pyLt, pyAdd } from "./ops.ts";
export { type, isinstance, pyName, NoneType, type PyType } from "./types.ts";
export { warnings, WarningMessage, type CatchWarningsOptions, type WarningCategory } from "./warnings.ts";
export { PyDict, OrderedDict, DictView } from "./dict.ts";
