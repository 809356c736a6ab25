// Builtins over iterables: list, tuple, sum, min, max, sorted, zip, enumerate, reversed,
// any, all. What Python iterates, they iterate: strings by character, Maps and dicts by key,
// objects through __iter__ or Symbol.iterator.

import { TypeError_, ValueError, StopIteration_ } from "./exceptions.ts";
import { truthy, pyAdd, pyLt } from "./ops.ts";
import { asFloat, isFloatValue } from "./pyfloat.ts";
import { typeName } from "./repr.ts";
import { makeTuple, PyTuple } from "./tuple.ts";

type Any = any;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== "object") return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Python's iter(x) as a JS iterable. */
export function iterate<T = unknown>(x: unknown): Iterable<T> {
  const o = x as Any;
  if (typeof o === "string") return o as Any;
  if (o instanceof Map) return o.keys();
  if (o !== null && typeof o === "object") {
    if (typeof o.__iter__ === "function") {
      const it = o.__iter__();
      if (it && typeof it[Symbol.iterator] === "function") return it;
      if (it && typeof it.next === "function") return { [Symbol.iterator]: () => it };
    }
    if (typeof o[Symbol.iterator] === "function") return o;
    if (isPlainObject(o)) return Object.keys(o) as Any;
  }
  throw new TypeError_(`'${typeName(x)}' object is not iterable`);
}

/** Python's iterator: a JS iterator that is its own iterable (as `iter(it) is it` in Python). */
export interface PyIterator<T = unknown> extends Iterator<T> {
  [Symbol.iterator](): PyIterator<T>;
}

/**
 * iter(x): an iterator over x (`next(iter(dataloader))`). An iterator passed in comes back as
 * itself, as in Python.
 */
export function iter<T = unknown>(x: unknown): PyIterator<T> {
  const o = x as Any;
  if (o !== null && typeof o === "object" && typeof o.next === "function" && typeof o[Symbol.iterator] === "function" && o[Symbol.iterator]() === o)
    return o;
  const it = (iterate<T>(x) as Any)[Symbol.iterator]() as Iterator<T>;
  if (typeof (it as Any)[Symbol.iterator] === "function" && (it as Any)[Symbol.iterator]() === it) return it as PyIterator<T>;
  const wrapped: PyIterator<T> = {
    next: (...a: []) => it.next(...a),
    [Symbol.iterator]: () => wrapped,
  };
  return wrapped;
}

/** next(iterator[, default]): the next item; StopIteration (or the default) when exhausted. */
export function next<T = unknown>(iterator: unknown, ...dflt: unknown[]): T {
  const o = iterator as Any;
  if (o === null || typeof o !== "object" || (typeof o.next !== "function" && typeof o.__next__ !== "function"))
    throw new TypeError_(`'${typeName(iterator)}' object is not an iterator`);
  if (typeof o.next !== "function") {
    try {
      return o.__next__();
    } catch (e) {
      if (e instanceof StopIteration_ && dflt.length > 0) return dflt[0] as T;
      throw e;
    }
  }
  const r = o.next() as IteratorResult<T>;
  if (!r.done) return r.value;
  if (dflt.length > 0) return dflt[0] as T;
  throw new StopIteration_("");
}

/** list(iterable): a JS array. */
export function list<T = unknown>(iterable: unknown = []): T[] {
  return [...iterate<T>(iterable)];
}

/** tuple(iterable): a PyTuple, printing as `(1, 2)`. */
export function tuple<T = unknown>(iterable: unknown = []): PyTuple<T> {
  return makeTuple([...iterate<T>(iterable)]);
}

/**
 * sum(iterable, start=0) (also `sum(xs, { start })`). Numbers add as Python's do (plain
 * left-to-right addition, as CPython up to 3.11); a float sum that lands on an integral value
 * comes back float-marked (`sum([0.5, 1.5])` prints `2.0`). Objects add through
 * __add__/__radd__, so a list of tensors sums as in Python (`0 + t0 + t1`).
 */
export function sum(iterable: unknown, start?: unknown): Any {
  // The default start 0 takes the kind of a bigint first item, so sum([1n, 2n]) is 3n.
  const defaultStart = start === undefined;
  if (defaultStart) start = 0;
  if (isPlainObject(start) && Object.keys(start).length === 1 && "start" in start) start = start.start;
  if (typeof start === "string") throw new TypeError_("sum() can't sum strings [use ''.join(seq) instead]");
  let acc: unknown = start;
  let sawFloat = isFloatValue(start);
  let first = true;
  for (const x of iterate(iterable)) {
    if (isFloatValue(x)) sawFloat = true;
    acc = first && defaultStart && typeof x === "bigint" ? x : pyAdd(acc, x);
    first = false;
  }
  return sawFloat && typeof acc === "number" ? asFloat(acc) : acc;
}

interface MinMaxOptions {
  key?: ((x: Any) => unknown) | null;
  default?: unknown;
}

function minmax(name: "min" | "max", args: unknown[]): Any {
  let opts: MinMaxOptions = {};
  const last = args[args.length - 1];
  if (args.length > 1 && isPlainObject(last) && Object.keys(last).length > 0 && Object.keys(last).every((k) => k === "key" || k === "default")) {
    opts = args.pop() as MinMaxOptions;
  }
  if (args.length === 0) throw new TypeError_(`${name} expected at least 1 argument, got 0`);
  let items: Iterable<unknown>;
  if (args.length === 1) {
    items = iterate(args[0]);
  } else {
    if ("default" in opts) throw new TypeError_(`Cannot specify a default for ${name}() with multiple positional arguments`);
    items = args;
  }
  const key = opts.key ?? ((x: unknown) => x);
  let best: unknown;
  let bestKey: unknown;
  let first = true;
  for (const x of items) {
    const k = key(x);
    // Python keeps the first of equal items: replace only on strictly better.
    if (first || (name === "max" ? pyLt(bestKey, k) : pyLt(k, bestKey))) {
      best = x;
      bestKey = k;
      first = false;
    }
  }
  if (first) {
    if ("default" in opts) return opts.default;
    throw new ValueError(`${name}() arg is an empty sequence`);
  }
  return best;
}

/** min(iterable, {key, default}) / min(a, b, ..., {key}). */
export function min(...args: unknown[]): Any {
  return minmax("min", args);
}

/** max(iterable, {key, default}) / max(a, b, ..., {key}). */
export function max(...args: unknown[]): Any {
  return minmax("max", args);
}

/** sorted(iterable, {key, reverse}): a new list, stable, compared with Python's `<`. */
export function sorted<T = Any>(iterable: unknown, options: { key?: ((x: T) => unknown) | null; reverse?: boolean } = {}): T[] {
  const items = [...iterate<T>(iterable)];
  const key = options.key ?? ((x: T) => x);
  const keyed = items.map((x) => ({ x, k: key(x) }));
  // reverse=True keeps equal items in their original order, as Python's does.
  const sign = options.reverse ? -1 : 1;
  keyed.sort((a, b) => (pyLt(a.k, b.k) ? -sign : pyLt(b.k, a.k) ? sign : 0));
  return keyed.map((e) => e.x);
}

/** reversed(seq): a list of the items in reverse order (__reversed__ if defined). */
export function reversed<T = Any>(seq: unknown): T[] {
  const o = seq as Any;
  if (o !== null && typeof o === "object" && typeof o.__reversed__ === "function") return [...o.__reversed__()];
  return [...iterate<T>(seq)].reverse();
}

/** zip(*iterables, {strict}): yields tuples, stopping at the shortest. */
export function* zip(...args: unknown[]): Generator<PyTuple<Any>> {
  let strict = false;
  const last = args[args.length - 1];
  if (isPlainObject(last) && Object.keys(last).length === 1 && "strict" in last) {
    strict = Boolean(args.pop() && (last as Any).strict);
  }
  if (args.length === 0) return;
  const its = args.map((a) => iterate(a)[Symbol.iterator]());
  for (;;) {
    const row: unknown[] = [];
    for (let i = 0; i < its.length; i++) {
      const r = its[i].next();
      if (r.done) {
        if (strict) {
          if (i > 0) throw new ValueError(`zip() argument ${i + 1} is shorter than argument${i > 1 ? "s 1-" + i : " 1"}`);
          for (let j = 1; j < its.length; j++) {
            if (!its[j].next().done) throw new ValueError(`zip() argument ${j + 1} is longer than argument${j > 1 ? "s 1-" + j : " 1"}`);
          }
        }
        return;
      }
      row.push(r.value);
    }
    yield makeTuple(row);
  }
}

/** enumerate(iterable, start=0): yields (index, item) tuples. */
export function* enumerate<T = Any>(iterable: unknown, start = 0): Generator<PyTuple<Any> & [number, T]> {
  let i = start;
  for (const x of iterate<T>(iterable)) yield makeTuple<Any>([i++, x]) as Any;
}

/** any(iterable). */
export function any(iterable: unknown): boolean {
  for (const x of iterate(iterable)) if (truthy(x)) return true;
  return false;
}

/** all(iterable). */
export function all(iterable: unknown): boolean {
  for (const x of iterate(iterable)) if (!truthy(x)) return false;
  return true;
}
