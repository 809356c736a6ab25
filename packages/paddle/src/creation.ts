// paddle's tensor factories: to_tensor, zeros/ones/full, arange, and the random ones. They make
// tensors of the paddle dialect (stop_gradient=True). Paddle 2.0 to 2.4 have no 0-dim tensors:
// a Python scalar becomes shape [1].

import { Tensor, ops, paddleDialect, dialectState, tensorFromData, get_default_dtype, dtypes, type DType } from "@tsgrad/core";
import { ValueError } from "@tsgrad/py";
import { bind, required } from "./args.ts";
import { defaultGenerator, uniformFloat, NormalFloat, uniformInt } from "./random.ts";
import { mode } from "./mode.ts";
import { paddleError } from "./errors.ts";

type T = Tensor;

/** Paddle accepts dtypes as objects or strings ('float32', 'int64', 'bool', ...). */
export function toDtype(d: unknown, fallback: DType | null = null): DType | null {
  if (d === null || d === undefined) return fallback;
  if (typeof d === "string") {
    const name = d.replace(/^paddle\./, "");
    const found = (dtypes as Record<string, DType>)[name];
    // fluid/data_feeder.py convert_dtype's TypeError
    if (!found) throw paddleError("badDtype", { dtype: d });
    return found;
  }
  return d as DType;
}

/** Run `fn` with the paddle dialect current, so tensors it makes are paddle tensors. Library
 *  code runs here: tensor methods keep the core's meaning inside (mode.ts). */
export function inPaddle<R>(fn: () => R): R {
  const prev = dialectState.current;
  dialectState.current = paddleDialect;
  mode.core++;
  try {
    return fn();
  } finally {
    mode.core--;
    dialectState.current = prev;
  }
}

function asPaddle(t: T): T {
  t._dialect = paddleDialect;
  return t;
}

/** A numpy array (ours or @tsgrad/numpy's): its values and dtype. */
function fromArrayLike(data: any, dtype: DType | null): T | null {
  if (data === null || typeof data !== "object" || Array.isArray(data) || data instanceof Tensor) return null;
  // @tsgrad/numpy's ndarray wraps a core tensor: copy it with its own dtype
  if (data._t instanceof Tensor) return tensorFromData(data._t, dtype);
  if (typeof data.tolist !== "function" || data.dtype === undefined) return null;
  const name = String(data.dtype?.name ?? data.dtype);
  const own = (dtypes as Record<string, DType>)[name] ?? null;
  const list = data.tolist();
  const t = tensorFromData(typeof list === "object" ? list : [list], own ?? dtype);
  return dtype && t.dtype !== dtype ? t.to(dtype) : t;
}

export function to_tensor(...args: unknown[]): T {
  const [data, dtypeArg, , stopGradient] = bind("to_tensor", [["data", required], ["dtype", null], ["place", null], ["stop_gradient", true]], args);
  const dtype = toDtype(dtypeArg);
  const t = inPaddle(() => {
    const arr = fromArrayLike(data, dtype);
    if (arr) return arr;
    if (data instanceof Tensor) {
      const c = tensorFromData(data, dtype);
      return c;
    }
    // a Python scalar is a 1-element tensor in Paddle 2.x
    const scalar = typeof data === "number" || typeof data === "bigint" || typeof data === "boolean";
    return tensorFromData(scalar ? [data] : data, dtype);
  });
  asPaddle(t);
  if (!stopGradient) t.stop_gradient = false;
  return t;
}

function shapeOf(shape: unknown): number[] {
  if (shape instanceof Tensor) return Array.from(shape._contiguousValues(), Number);
  const list = Array.isArray(shape) ? shape : [shape];
  return list.map((s) => Number(s instanceof Tensor ? s.item() : s));
}

function filled(shape: unknown, dtype: DType, value: number): T {
  const t = Tensor.empty(shapeOf(shape), dtype, paddleDialect);
  if (value !== 0) t._storage.fill(dtype.kind === "bool" ? (value ? 1 : 0) : value);
  return t;
}

export function zeros(...args: unknown[]): T {
  const [shape, dtype] = bind("zeros", [["shape", required], ["dtype", null], ["name", null]], args);
  return filled(shape, toDtype(dtype, get_default_dtype())!, 0);
}
export function ones(...args: unknown[]): T {
  const [shape, dtype] = bind("ones", [["shape", required], ["dtype", null], ["name", null]], args);
  return filled(shape, toDtype(dtype, get_default_dtype())!, 1);
}
export function full(...args: unknown[]): T {
  const [shape, value, dtype] = bind("full", [["shape", required], ["fill_value", required], ["dtype", null], ["name", null]], args);
  const d = toDtype(dtype, typeof value === "bigint" ? dtypes.int64 : typeof value === "boolean" ? dtypes.bool : get_default_dtype())!;
  return filled(shape, d, Number(value));
}
export function zeros_like(...args: unknown[]): T {
  const [x, dtype] = bind("zeros_like", [["x", required], ["dtype", null], ["name", null]], args);
  return filled((x as T)._shape, toDtype(dtype, (x as T).dtype)!, 0);
}
export function ones_like(...args: unknown[]): T {
  const [x, dtype] = bind("ones_like", [["x", required], ["dtype", null], ["name", null]], args);
  return filled((x as T)._shape, toDtype(dtype, (x as T).dtype)!, 1);
}
export function full_like(...args: unknown[]): T {
  const [x, value, dtype] = bind("full_like", [["x", required], ["fill_value", required], ["dtype", null], ["name", null]], args);
  return filled((x as T)._shape, toDtype(dtype, (x as T).dtype)!, Number(value));
}

export function arange(...args: unknown[]): T {
  let [start, end, step, dtype] = bind("arange", [["start", 0n], ["end", null], ["step", 1n], ["dtype", null], ["name", null]], args);
  if (end === null) {
    end = start;
    start = typeof end === "bigint" ? 0n : 0;
  }
  const d = toDtype(dtype, [start, end, step].every((v) => typeof v === "bigint") ? dtypes.int64 : get_default_dtype());
  return inPaddle(() => asPaddle(ops.arange.call(start, end, step, { dtype: d })));
}

export function linspace(...args: unknown[]): T {
  const [start, stop, num, dtype] = bind("linspace", [["start", required], ["stop", required], ["num", required], ["dtype", null], ["name", null]], args);
  return inPaddle(() => asPaddle(ops.linspace.call(start, stop, Number(num), { dtype: toDtype(dtype, get_default_dtype()) })));
}

export function eye(...args: unknown[]): T {
  const [n, m, dtype] = bind("eye", [["num_rows", required], ["num_columns", null], ["dtype", null], ["name", null]], args);
  return inPaddle(() => asPaddle(ops.eye.call(Number(n), m === null ? null : Number(m), { dtype: toDtype(dtype, get_default_dtype()) })));
}

// ---- random ---------------------------------------------------------------------------------

function randomFilled(shape: unknown, dtype: DType, draw: () => number | bigint): T {
  const t = Tensor.empty(shapeOf(shape), dtype, paddleDialect);
  const s = t._storage;
  for (let i = 0; i < s.length; i++) s[i] = Number(draw());
  return t;
}

export function rand(...args: unknown[]): T {
  const [shape, dtype] = bind("rand", [["shape", required], ["dtype", null], ["name", null]], args);
  const g = defaultGenerator.engine;
  return randomFilled(shape, toDtype(dtype, get_default_dtype())!, () => uniformFloat(g, 0, 1));
}

export function uniform(...args: unknown[]): T {
  const [shape, dtype, min, max] = bind("uniform", [["shape", required], ["dtype", "float32"], ["min", -1.0], ["max", 1.0], ["seed", 0], ["name", null]], args);
  const g = defaultGenerator.engine;
  return randomFilled(shape, toDtype(dtype)!, () => uniformFloat(g, Number(min), Number(max)));
}

export function randn(...args: unknown[]): T {
  const [shape, dtype] = bind("randn", [["shape", required], ["dtype", null], ["name", null]], args);
  const g = defaultGenerator.engine;
  const dist = new NormalFloat(0, 1);
  return randomFilled(shape, toDtype(dtype, get_default_dtype())!, () => dist.draw(g));
}

export function normal(...args: unknown[]): T {
  const [mean, std, shape] = bind("normal", [["mean", 0.0], ["std", 1.0], ["shape", null], ["name", null]], args);
  const g = defaultGenerator.engine;
  const dist = new NormalFloat(Number(mean), Number(std));
  return randomFilled(shape ?? [1], get_default_dtype(), () => dist.draw(g));
}

export function randint(...args: unknown[]): T {
  let [low, high, shape, dtype] = bind("randint", [["low", 0n], ["high", null], ["shape", [1]], ["dtype", null], ["name", null]], args);
  if (high === null) {
    if (Number(low) <= 0) throw new ValueError(`If high is None, low must be greater than 0, but received low = ${low}.`);
    high = low;
    low = 0n;
  }
  if (Number(low) >= Number(high))
    throw new ValueError(`randint's low must less then high, but received low = ${low}, high = ${high}.`);
  const g = defaultGenerator.engine;
  const lo = BigInt(low as any), hi = BigInt(high as any);
  return randomFilled(shape, toDtype(dtype, dtypes.int64)!, () => uniformInt(g, lo, hi - 1n));
}
