// repr(tensor): the body (PyTorch's _tensor_str, or numpy's array2string for
// the old OneFlow release) followed by the suffixes device=, size=, dtype=,
// grad_fn= / requires_grad=, wrapped at the line width.

import { printOptions, type PrintOptions } from "./options.ts";
import { TorchFormatter, type ElementKind } from "./torch_formatter.ts";
import { formatNumpyArray } from "./numpy_format.ts";
import { edgeIndices, makeView, numelOf, pyTupleStr, scalarOf, subView, visibleValues, allValues, type NdView } from "./ndview.ts";

export interface TensorReprInput {
  /** row-major contiguous element values (bool as 0/1, int64 as JS numbers) */
  values: ArrayLike<number>;
  shape: readonly number[];
  kind: ElementKind;
  /** "float32", "float64", "int64", "int32", "int16", "int8", "uint8", "bool" */
  dtypeName: string;
  /** "torch" or "oneflow": prints dtype=torch.float64 */
  dtypePrefix: string;
  /** torch.get_default_dtype(), e.g. "float32" */
  defaultFloatDtype: string;
  /** OneFlow prints dtype= for every tensor */
  alwaysShowDtype: boolean;
  /** "numpy": the old OneFlow release that printed through numpy.array2string */
  style: "torch" | "numpy";
  /** e.g. "cuda:0"; null/undefined/"cpu" are not shown */
  device?: string | null;
  /** leaf with requires_grad: ", requires_grad=True" */
  requiresGrad: boolean;
  /** non-leaf: ", grad_fn=<MulBackward0>" */
  gradFnName: string | null;
  /** default "tensor(" */
  prefix?: string;
}

/** PyTorch's _vector_str: elements per line from the common width, " ..." counts as an element */
function vectorStr(v: NdView, indent: number, summarize: boolean, fmt: TorchFormatter, o: PrintOptions): string {
  const elementLength = fmt.width() + 2;
  const perLine = Math.max(1, Math.floor((o.linewidth - indent) / elementLength));
  const n = v.shape[0]!;
  let data: string[];
  const at = (i: number) => fmt.format(v.values[v.offset + i]!);
  if (summarize && n > 2 * o.edgeitems) {
    const { head, tail } = edgeIndices(n, o.edgeitems);
    data = [...head.map(at), " ...", ...tail.map(at)];
  } else {
    data = Array.from({ length: n }, (_, i) => at(i));
  }
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(", "));
  return "[" + lines.join(",\n" + " ".repeat(indent + 1)) + "]";
}

function tensorStrWithFormatter(v: NdView, indent: number, summarize: boolean, fmt: TorchFormatter, o: PrintOptions): string {
  const dim = v.shape.length;
  if (dim === 0) return fmt.format(scalarOf(v));
  if (dim === 1) return vectorStr(v, indent, summarize, fmt, o);
  const n = v.shape[0]!;
  let slices: string[];
  const sub = (i: number) => tensorStrWithFormatter(subView(v, i), indent + 1, summarize, fmt, o);
  if (summarize && n > 2 * o.edgeitems) {
    // range(len - edge, len): for edgeitems=0 nothing trails here (unlike the 1-D x[-0:])
    const head = Array.from({ length: o.edgeitems }, (_, i) => i);
    const tail = Array.from({ length: o.edgeitems }, (_, i) => n - o.edgeitems + i);
    slices = [...head.map(sub), "...", ...tail.map(sub)];
  } else {
    slices = Array.from({ length: n }, (_, i) => sub(i));
  }
  return "[" + slices.join("," + "\n".repeat(dim - 1) + " ".repeat(indent + 1)) + "]";
}

/** PyTorch's _tensor_str for a non-empty tensor */
export function torchTensorStr(values: ArrayLike<number>, shape: readonly number[], kind: ElementKind, indent: number, o: PrintOptions): string {
  const view = makeView(values, shape);
  if (numelOf(shape) === 0) return "[]";
  const summarize = numelOf(shape) > o.threshold;
  const shown = summarize ? visibleValues(view, o.edgeitems) : allValues(view);
  const fmt = new TorchFormatter(shown, kind, o);
  return tensorStrWithFormatter(view, indent, summarize, fmt, o);
}

/** PyTorch's _add_suffixes: a suffix moves to its own line when it would pass the line width */
function addSuffixes(tensorStr: string, suffixes: string[], indent: number, linewidth: number): string {
  const parts = [tensorStr];
  // (sic) PyTorch measures the last line as len - rfind('\n') + 1
  let lastLineLen = tensorStr.length - tensorStr.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > linewidth) {
      parts.push(",\n" + " ".repeat(indent) + suffix);
      lastLineLen = indent + suffix.length;
    } else {
      parts.push(", " + suffix);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(")");
  return parts.join("");
}

/** repr(tensor) as PyTorch 1.13 (style "torch") or old OneFlow via numpy (style "numpy") prints it */
export function tensorRepr(t: TensorReprInput, opts: PrintOptions = printOptions): string {
  const prefix = t.prefix ?? "tensor(";
  const indent = prefix.length;
  const suffixes: string[] = [];
  const numel = numelOf(t.shape);
  const dtypeStr = `dtype=${t.dtypePrefix}.${t.dtypeName}`;
  if (t.device != null && t.device !== "cpu") suffixes.push(`device='${t.device}'`);

  let body: string;
  let linewidth = opts.linewidth;
  if (t.style === "numpy") {
    // oneflow's old _gen_tensor_str: np.array2string(precision=4, separator=', ',
    // prefix='tensor(') with numpy's other defaults; suffixes wrap at 80.
    body = formatNumpyArray(t.values, t.shape, t.kind, { dtypeName: t.dtypeName, precision: 4, separator: ", ", prefix });
    suffixes.push(dtypeStr);
    linewidth = 80;
  } else if (numel === 0) {
    // numpy-like: the shape is shown unless it is (0,); the dtype is shown
    // unless it is the default float dtype (there are no values to hint it)
    if (t.shape.length !== 1) suffixes.push("size=" + pyTupleStr(t.shape));
    if (t.alwaysShowDtype || t.dtypeName !== t.defaultFloatDtype) suffixes.push(dtypeStr);
    body = "[]";
  } else {
    const hasDefaultDtype = t.dtypeName === t.defaultFloatDtype || t.dtypeName === "int64" || t.dtypeName === "bool";
    if (t.alwaysShowDtype || !hasDefaultDtype) suffixes.push(dtypeStr);
    body = torchTensorStr(t.values, t.shape, t.kind, indent, opts);
  }

  if (t.gradFnName != null) suffixes.push(`grad_fn=<${t.gradFnName}>`);
  else if (t.requiresGrad) suffixes.push("requires_grad=True");
  return addSuffixes(prefix + body, suffixes, indent, linewidth);
}
