// Paddle's error messages: the one table of the Python-visible errors the paddle dialect raises
// for common mistakes, and how Paddle prints them in each version profile.
//
// How Paddle builds the text (paddle/fluid/platform/enforce.h, errors.cc, pybind/exception.cc):
// - PADDLE_ENFORCE_EQ/LT/GE(a, b, errors::InvalidArgument(msg)) fails with
//   "<msg>\n  [Hint: Expected <a> == <b>, but received <a>:<va> != <b>:<vb>.]", the error summary
//   appends " (at <file>:<line>)\n" (the file as the build machine saw it, the line of the
//   macro's closing parenthesis), and with FLAGS_call_stack_level=1 (the default of the Python
//   wheels since 2.0) the "InvalidArgumentError: " prefix is shortened to "(InvalidArgument) ".
// - pybind/exception.cc maps the error code to a Python class: InvalidArgument -> ValueError;
//   NotFound, AlreadyExists, PreconditionNotMet, PermissionDenied, ExecutionTimeout,
//   Unavailable -> RuntimeError; OutOfRange -> IndexError; ResourceExhausted -> MemoryError;
//   Unimplemented -> NotImplementedError; Fatal -> SystemError; External -> OSError.
// - Paddle 2.0 (legacy dygraph): the wheel adds "  [Hint: If you need C++ stacktraces for
//   debugging, please set `FLAGS_call_stack_level=2`.]\n" and the dygraph tracer appends
//   "  [operator < <op type> > error]" (no newline after it).
// - Paddle 2.4 (eager mode): neither line; the text ends with the summary's newline.
//
// Where each printed location comes from is in `evidence` (printouts of real Paddle builds found
// in issues and Paddle's docs). Paddle's sources in the store are other releases than 2.0.0 and
// 2.4.2, so a line number is only as good as the printout it came from; a location no printout
// shows is printed with line 0 (docs/status.md, "Paddle").

import { ValueError, IndexError, RuntimeError, NotImplementedError, TypeError as PyTypeError, type PyException } from "@tsgrad/py";
import { paddleDialect } from "@tsgrad/core";
import type { PaddleVersion } from "./version.ts";

type Code = "InvalidArgument" | "OutOfRange" | "NotFound" | "PreconditionNotMet" | "Unimplemented";
type PyClass = new (message?: string) => PyException;

/** pybind/exception.cc's code -> Python class mapping (the codes the table uses). */
const pyClassOf: Record<Code, PyClass> = {
  InvalidArgument: ValueError,
  OutOfRange: IndexError,
  NotFound: RuntimeError,
  PreconditionNotMet: RuntimeError,
  Unimplemented: NotImplementedError,
};

interface Site {
  /** The path the release wheels print (Linux builds compile under /paddle). */
  file: string;
  /** 0 when no printout of this release shows the line. */
  line: number;
  evidence: string;
}

interface EnforceEntry {
  kind: "enforce";
  code: Code;
  message: (a: any) => string;
  /** The comparison the enforce macro failed on, or none for PADDLE_THROW. */
  hint?: (a: any) => string;
  site: Record<PaddleVersion, Site>;
  /** Operator type the 2.0 tracer names ("[operator < reshape2 > error]"). */
  op20: (a: any) => string;
}

/** Errors raised by Python code or by plain pybind exceptions: the message only. */
interface PlainEntry {
  kind: "plain";
  type: PyClass;
  message: (a: any) => string;
}

type Entry = EnforceEntry | PlainEntry;

const dims = (s: readonly number[]) => `[${s.join(", ")}]`;
const P20 = "/paddle/paddle/fluid/operators/";
const P24 = "/paddle/paddle/phi/";

/** Paddle 2.0's dygraph op type of each paddle.* elementwise function. */
const elementwiseOp: Record<string, string> = { add: "elementwise_add", subtract: "elementwise_sub", multiply: "elementwise_mul", divide: "elementwise_div" };

export const paddleErrors = {
  /** elementwise_op_function.h / phi funcs/common_shape.h GetBroadcastDimsArrays */
  broadcast: {
    kind: "enforce",
    code: "InvalidArgument",
    message: (a: { x: number[]; y: number[]; xi: number; yi: number; i: number }) =>
      `Broadcast dimension mismatch. Operands could not be broadcast together with the shape of X = ${dims(a.x)} and the shape of Y = ${dims(a.y)}. Received [${a.xi}] in X is not equal to [${a.yi}] in Y at i:${a.i}.`,
    hint: () =>
      "Expected x_dims_array[i] == y_dims_array[i] || x_dims_array[i] <= 1 || y_dims_array[i] <= 1 == true, but received x_dims_array[i] == y_dims_array[i] || x_dims_array[i] <= 1 || y_dims_array[i] <= 1:0 != true:1.",
    site: {
      "2.0": { file: P20 + "elementwise/elementwise_op_function.h", line: 160, evidence: "printed by a 2.0 release-candidate build (a Dec 2020 broadcasting tutorial); not re-checked on 2.0.0" },
      "2.4": { file: P24 + "kernels/funcs/common_shape.h", line: 84, evidence: "printed by paddlepaddle 2.4.2 (PaddlePaddle/PaddleSpeech#3697), eager mode, no operator line" },
    },
    op20: (a: { op: string }) => elementwiseOp[a.op] ?? a.op,
  },
  /** ReshapeOp::ValidateShape / phi ValidateShape: every dim given, product != numel */
  reshapeCapacity: {
    kind: "enforce",
    code: "InvalidArgument",
    message: (a: { x: number[]; size: number; shape: number[]; capacity: number }) =>
      `The 'shape' in ReshapeOp is invalid. The input tensor X'size must be equal to the capacity of 'shape'. But received X's shape = ${dims(a.x)}, X's size = ${a.size}, 'shape' is ${dims(a.shape)}, the capacity of 'shape' is ${a.capacity}.`,
    hint: (a: { size: number; capacity: number }) => `Expected capacity == in_size, but received capacity:${a.capacity} != in_size:${a.size}.`,
    site: {
      "2.0": { file: P20 + "reshape_op.cc", line: 222, evidence: "printed in Paddle 2.0's docs (dygraph_to_static error handling) by the 2.0 release build" },
      "2.4": { file: P20 + "reshape_op.cc", line: 230, evidence: "printed by paddlepaddle 2.4.0 for the reshape2 op (PaddlePaddle/PaddleRS#166); eager paddle.reshape checks the same condition in phi's ValidateShape, whose line no printout shows" },
    },
    op20: () => "reshape2",
  },
  /** the same, with one -1: the known product does not divide numel */
  reshapeUnknown: {
    kind: "enforce",
    code: "InvalidArgument",
    message: (a: { x: number[]; size: number; shape: number[]; capacity: number }) =>
      `The 'shape' attribute in ReshapeOp is invalid. The input tensor X'size must be divisible by known capacity of 'shape'. But received X's shape = ${dims(a.x)}, X's size = ${a.size}, 'shape' is ${dims(a.shape)}, known capacity of 'shape' is ${a.capacity}.`,
    // output_shape[unk] = -in_size / capacity (C++ integer division), capacity < 0
    hint: (a: { size: number; capacity: number }) => {
      const unk = Math.trunc(-a.size / a.capacity);
      return `Expected output_shape[unk_dim_idx] * capacity == -in_size, but received output_shape[unk_dim_idx] * capacity:${unk * a.capacity} != -in_size:${-a.size}.`;
    },
    site: {
      "2.0": { file: P20 + "reshape_op.cc", line: 210, evidence: "printed by paddlepaddle 2.2.2 (PaddlePaddle/PaddleDetection#7206); no 2.0 printout found" },
      "2.4": { file: P20 + "reshape_op.cc", line: 210, evidence: "printed by paddlepaddle 2.2.2 (PaddlePaddle/PaddleDetection#7206); no 2.4 printout found" },
    },
    op20: () => "reshape2",
  },
  /** matmul_v2 / phi MatMulFunction: the contracted sizes differ */
  matmulK: {
    kind: "enforce",
    code: "InvalidArgument",
    // the unpolished wording the stored source still has on its X side ("Input(X) has error
    // dim.X'dims[..."); the Y side was polished later, after 2.4 (inferred, not printed)
    message: (a: { yi: number; k: number; yk: number }) => `Input(Y) has error dim.Y'dims[${a.yi}] must be equal to ${a.k}But received Y'dims[${a.yi}] is ${a.yk}`,
    hint: (a: { k: number; yk: number; trans: boolean }) =>
      `Expected y_dims[y_ndim - ${a.trans ? 1 : 2}] == K, but received y_dims[y_ndim - ${a.trans ? 1 : 2}]:${a.yk} != K:${a.k}.`,
    site: {
      "2.0": { file: P20 + "matmul_v2_op.h", line: 0, evidence: "no 2.0 printout found" },
      "2.4": { file: P24 + "kernels/impl/matmul_kernel_impl.h", line: 315, evidence: "printed by a 2.x Windows wheel (hint and location only; its message was garbled)" },
    },
    op20: () => "matmul_v2",
  },
  /** matmul of two vectors of different lengths */
  matmulVec: {
    kind: "enforce",
    code: "InvalidArgument",
    // wording of the stored (later) source; no printout of 2.0 or 2.4 found
    message: (a: { m: number; n: number }) =>
      `X's numbers must be equal to Y's numbers, when X/Y's dims =1. But received X has [${a.m}] elements, received Y has [${a.n}] elements.`,
    hint: (a: { m: number; n: number }) => `Expected M == N, but received M:${a.m} != N:${a.n}.`,
    site: {
      "2.0": { file: P20 + "matmul_v2_op.h", line: 0, evidence: "no 2.0 printout found" },
      "2.4": { file: P24 + "kernels/impl/matmul_kernel_impl.h", line: 0, evidence: "no 2.4 printout found" },
    },
    op20: () => "matmul_v2",
  },
  /** concat's shape check (2.0 concat_op.h ComputeAndCheckShape, phi funcs/concat_funcs.h) */
  concatDim: {
    kind: "enforce",
    code: "InvalidArgument",
    message: (a: { j: number; i: number; x0: number[]; xi: number[] }) =>
      `The ${a.j}-th dimension of input[0] and input[${a.i}] is expected to be equal.But received input[0]'s shape = ${dims(a.x0)}, input[${a.i}]'s shape = ${dims(a.xi)}.`,
    hint: (a: { j: number; x0: number[]; xi: number[] }) =>
      `Expected inputs_dims[0][j] == inputs_dims[i][j], but received inputs_dims[0][j]:${a.x0[a.j]} != inputs_dims[i][j]:${a.xi[a.j]}.`,
    site: {
      "2.0": { file: P20 + "concat_op.h", line: 0, evidence: "no 2.0 printout found" },
      "2.4": { file: P24 + "kernels/funcs/concat_funcs.h", line: 72, evidence: "printed by paddlepaddle 3.2.0 (no 2.4 printout found)" },
    },
    op20: () => "concat",
  },
  concatRank: {
    kind: "enforce",
    code: "InvalidArgument",
    message: (a: { i: number; x0: number[]; xi: number[] }) =>
      `The shape of input[0] and input[${a.i}] is expected to be equal.But received input[0]'s shape = ${dims(a.x0)}, input[${a.i}]'s shape = ${dims(a.xi)}.`,
    hint: (a: { x0: number[]; xi: number[] }) =>
      `Expected inputs_dims[i].size() == out_dims.size(), but received inputs_dims[i].size():${a.xi.length} != out_dims.size():${a.x0.length}.`,
    site: {
      "2.0": { file: P20 + "concat_op.h", line: 0, evidence: "no 2.0 printout found" },
      "2.4": { file: P24 + "kernels/funcs/concat_funcs.h", line: 45, evidence: "printed by paddlepaddle 3.x (no 2.4 printout found)" },
    },
    op20: () => "concat",
  },
  /** reduce ops' axis check (2.0 reduce_op.h with `dims`; 2.4 phi ReduceInferMetaBase with `axis`) */
  reduceAxis: {
    kind: "enforce",
    code: "InvalidArgument",
    message: (a: { k: number; rank: number; axis: number }) =>
      `The reduce dim index ${a.k} should be in the range [-dimension(X), dimension(X)] which dimesion = ${a.rank}. But received dim index = ${a.axis}.`,
    hint: (a: { rank: number; axis: number; v: PaddleVersion }) => {
      const n = a.v === "2.0" ? "dims[i]" : "axis[i]";
      return a.axis >= a.rank
        ? `Expected ${n} < x_rank, but received ${n}:${a.axis} >= x_rank:${a.rank}.`
        : `Expected ${n} >= -x_rank, but received ${n}:${a.axis} < -x_rank:${-a.rank}.`;
    },
    site: {
      "2.0": { file: P20 + "reduce_ops/reduce_op.h", line: 0, evidence: "no 2.0 printout found" },
      "2.4": { file: P24 + "infermeta/unary.cc", line: 0, evidence: "no 2.4 printout found" },
    },
    op20: (a: { op: string }) => a.op,
  },
  /** transpose: perm length differs from the rank (2.0 transpose_op.cc InferShape) */
  transposeRank: {
    kind: "enforce",
    code: "InvalidArgument",
    message: (a: { rank: number; n: number }) =>
      `The input tensor's dimension should be equal to the axis's size. But received input tensor's dimension is ${a.rank}, axis's size is ${a.n}`,
    hint: (a: { rank: number; n: number }) => `Expected x_rank == axis_size, but received x_rank:${a.rank} != axis_size:${a.n}.`,
    site: {
      "2.0": { file: P20 + "transpose_op.cc", line: 0, evidence: "no 2.0 printout found" },
      "2.4": { file: P24 + "infermeta/unary.cc", line: 0, evidence: "no 2.4 printout found" },
    },
    op20: () => "transpose2",
  },
  /** transpose: an axis out of [0, rank) or repeated */
  transposeAxis: {
    kind: "enforce",
    code: "InvalidArgument",
    message: (a: { i: number; axis: number; n: number; count: number }) =>
      `Each element of Attribute axis should be a unique value range from 0 to (dims - 1), where the dims is the axis's size, unique value means this axis value can appear only once. But received axis[${a.i}] is ${a.axis}, axis_size is ${a.n}, count[axis[${a.i}]] is ${a.count}`,
    hint: () => "Expected axis[i] < static_cast<int>(axis_size) && ++count[axis[i]] == 1 == true, but received axis[i] < static_cast<int>(axis_size) && ++count[axis[i]] == 1:0 != true:1.",
    site: {
      "2.0": { file: P20 + "transpose_op.cc", line: 0, evidence: "no 2.0 printout found" },
      "2.4": { file: P24 + "infermeta/unary.cc", line: 0, evidence: "no 2.4 printout found" },
    },
    op20: () => "transpose2",
  },
  /** Tensor.__getitem__ with an integer out of range (pybind ParseIndexingSlice): a plain py::index_error */
  indexOutOfRange: {
    kind: "plain",
    type: IndexError,
    message: (a: { start: number; dim: number; len: number }) =>
      `The starting index ${a.start} of slice is out of bounds in tensor ${a.dim}-th axis, it shound be in the range of [${-a.len}, ${a.len})`,
  },
  /** fluid/data_feeder.py convert_dtype (to_tensor, cast, ... with an unknown dtype name) */
  badDtype: {
    kind: "plain",
    type: PyTypeError,
    message: (a: { dtype: string }) =>
      `dtype must be any of [bool, float16, uint16, float32, float64, int8, int16, int32, int64, uint8, complex64, complex128], but received ${a.dtype}`,
  },
  /** split with an int that does not divide the axis (split_op.h) */
  splitUneven: {
    kind: "enforce",
    code: "InvalidArgument",
    message: (a: { k: number; x: number[]; axis: number }) =>
      `The input's size along the split dimension must be evenly divisible by Attr(num_or_sections). But received Attr(num_or_sections) = ${a.k}, input(X)'s shape = ${dims(a.x)}, Attr(dim) = ${a.axis}.`,
    // the enforce's operands as split_op.h names them (not seen in a printout)
    hint: (a: { k: number; x: number[]; axis: number }) => `Expected input_axis_dim % num == 0, but received input_axis_dim % num:${a.x[a.axis] % a.k} != 0:0.`,
    site: {
      "2.0": { file: P20 + "split_op.h", line: 0, evidence: "no 2.0 printout found" },
      "2.4": { file: P24 + "infermeta/unary.cc", line: 0, evidence: "no 2.4 printout found" },
    },
    op20: () => "split",
  },
} satisfies Record<string, Entry>;

export type PaddleErrorId = keyof typeof paddleErrors;

/** The text `str(e)` gives for entry `id` in the current version profile. */
export function paddleErrorText(id: PaddleErrorId, args: Record<string, unknown> = {}): string {
  const e = paddleErrors[id] as Entry;
  if (e.kind === "plain") return e.message(args);
  const v = paddleDialect.version as PaddleVersion;
  const a = { ...args, v };
  const site = e.site[v];
  let text = `(${e.code}) ${e.message(a)}`;
  if (e.hint) text += `\n  [Hint: ${e.hint(a)}]`;
  text += ` (at ${site.file}:${site.line})\n`;
  if (v === "2.0") {
    text += "  [Hint: If you need C++ stacktraces for debugging, please set `FLAGS_call_stack_level=2`.]\n";
    text += `  [operator < ${e.op20(a)} > error]`;
  }
  return text;
}

/** The Python exception Paddle raises for entry `id` (throw it before touching any tensor). */
export function paddleError(id: PaddleErrorId, args: Record<string, unknown> = {}): PyException {
  const e = paddleErrors[id] as Entry;
  const cls = e.kind === "plain" ? e.type : pyClassOf[e.code];
  return new cls(paddleErrorText(id, args));
}

// ---- the checks, shared by paddle.* functions and Tensor methods ------------------------------

/** Paddle's broadcast rule for elementwise ops with axis=-1 (the shorter shape aligned right). */
export function checkBroadcast(op: string, x: readonly number[], y: readonly number[]): void {
  if (x.length === y.length && x.every((d, i) => d === y[i])) return;
  const n = Math.max(x.length, y.length);
  const xa = [...Array(n - x.length).fill(1), ...x];
  const ya = [...Array(n - y.length).fill(1), ...y];
  for (let i = 0; i < n; i++)
    if (!(xa[i] === ya[i] || xa[i] <= 1 || ya[i] <= 1))
      throw paddleError("broadcast", { op, x, y, xi: xa[i], yi: ya[i], i });
}

/** ReshapeOp::ValidateShape's capacity checks, on the shape after 0 was replaced by the input's dim. */
export function checkReshape(x: readonly number[], given: readonly number[], shape: readonly number[]): void {
  const size = x.reduce((p, q) => p * q, 1);
  const capacity = shape.reduce((p, q) => p * q, 1);
  if (shape.includes(-1)) {
    // capacity is negative here; Paddle checks (-size / capacity) * capacity == -size
    if (size > 0 && Math.trunc(-size / capacity) * capacity !== -size) throw paddleError("reshapeUnknown", { x, size, shape: given, capacity });
    return;
  }
  if (capacity !== size) throw paddleError("reshapeCapacity", { x, size, shape: given, capacity });
}

/** matmul_v2's checks (x, y as given; transposes as flags). */
export function checkMatmul(x: readonly number[], y: readonly number[], tx: boolean, ty: boolean): void {
  if (x.length === 1 && y.length === 1) {
    if (x[0] !== y[0]) throw paddleError("matmulVec", { m: x[0], n: y[0] });
    return;
  }
  const yn = y.length;
  let k: number;
  if (x.length === 1) k = x[0];
  else if (yn === 1) return; // the X-side check of a matrix-vector product is not in the table
  else k = tx ? x[x.length - 2] : x[x.length - 1];
  const yi = ty ? yn - 1 : yn - 2;
  if (y[yi] !== k) throw paddleError("matmulK", { yi, k, yk: y[yi], trans: ty });
}

/** concat: ranks equal, every dim but `axis` equal (checked against input 0, in input order). */
export function checkConcat(shapes: ReadonlyArray<readonly number[]>, axis: number): void {
  const x0 = shapes[0];
  for (let i = 1; i < shapes.length; i++) {
    const xi = shapes[i];
    if (xi.length !== x0.length) throw paddleError("concatRank", { i, x0, xi });
    for (let j = 0; j < x0.length; j++) if (j !== axis && x0[j] !== xi[j]) throw paddleError("concatDim", { j, i, x0, xi });
  }
}

/** Reduce ops' axis range check: axis in [-rank, rank). */
export function checkReduceAxes(op: string, rank: number, axes: readonly number[]): void {
  axes.forEach((axis, k) => {
    if (axis >= rank || axis < -rank) throw paddleError("reduceAxis", { op, k, rank, axis });
  });
}

/** transpose2's perm checks. */
export function checkPerm(rank: number, perm: readonly number[]): void {
  const n = perm.length;
  if (rank !== n) throw paddleError("transposeRank", { rank, n });
  const count = Array(n).fill(0);
  perm.forEach((axis, i) => {
    // Paddle 2.0 rejects negative axes before this check with another message; both say the perm is invalid
    const ok = axis >= 0 && axis < n && ++count[axis] === 1;
    if (!ok) throw paddleError("transposeAxis", { i, axis, n, count: axis >= 0 && axis < n ? count[axis] : 0 });
  });
}
