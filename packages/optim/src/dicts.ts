// The dicts an optimizer holds and returns, as Python's: `optimizer.state` is a
// defaultdict(dict) keyed by parameter tensors, param groups and state_dict() are dicts, a
// MultiStepLR's milestones a collections.Counter. Built on @tsgrad/py's PyDict.

import { PyDict, pyRepr, PyTuple } from "@tsgrad/py";
import { Tensor, isKwargs } from "@tsgrad/core";

/** collections.defaultdict(dict): reading a missing key with __getitem__ inserts a new dict. */
export class DefaultDict<K = any, V = any> extends PyDict<K, V> {
  declare default_factory: () => V;
  constructor(factory: () => V) {
    super();
    Object.defineProperty(this, "default_factory", { value: factory, enumerable: false, writable: true });
  }
  override __getitem__(key: K): V {
    if (!this._map.has(key)) this._map.set(key, this.default_factory());
    return this._map.get(key)!;
  }
  override copy(): this {
    const d = new DefaultDict<K, V>(this.default_factory);
    for (const [k, v] of this._map) d._map.set(k, v);
    return d as this;
  }
  override __repr__(): string {
    return `defaultdict(<class 'dict'>, ${super.__repr__()})`;
  }
}
Object.defineProperty(DefaultDict, "__name__", { value: "defaultdict" });

/** collections.Counter, printed with the most common first as CPython does. */
export class Counter<K = any> extends PyDict<K, number> {
  override __getitem__(key: K): number {
    return this._map.get(key) ?? 0;
  }
  override __repr__(): string {
    if (this._map.size === 0) return "Counter()";
    const items = [...this._map.entries()].sort((a, b) => b[1] - a[1]); // stable: ties keep insertion order
    return `Counter({${items.map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(", ")}})`;
  }
}
Object.defineProperty(Counter, "__name__", { value: "Counter" });

export function counter<K>(items: Iterable<K>): Counter<K> {
  const c = new Counter<K>();
  for (const k of items) c._map.set(k, (c._map.get(k) ?? 0) + 1);
  return c;
}

/** d[key] for a PyDict, a Map or a plain object (a user's param group or a loaded state_dict). */
export function dget(d: unknown, key: unknown): any {
  if (d instanceof PyDict) return d._map.get(key as any);
  if (d instanceof Map) return d.get(key);
  if (d !== null && typeof d === "object") return (d as any)[key as any];
  return undefined;
}
export function dhas(d: unknown, key: unknown): boolean {
  if (d instanceof PyDict) return d._map.has(key as any);
  if (d instanceof Map) return d.has(key);
  return d !== null && typeof d === "object" && Object.prototype.hasOwnProperty.call(d, key as any);
}
/** Entries of a dict-like, keys as Python has them (an integer-looking plain-object key is an int). */
export function dentries(d: unknown): Array<[any, any]> {
  if (d instanceof PyDict) return [...d._map.entries()];
  if (d instanceof Map) return [...d.entries()];
  if (d !== null && typeof d === "object")
    return Object.entries(d).map(([k, v]) => [/^-?\d+$/.test(k) ? Number(k) : k, v]);
  return [];
}
export function isDictLike(d: unknown): boolean {
  return d instanceof PyDict || d instanceof Map || isKwargs(d);
}

/** A PyDict with a plain object's or a dict-like's entries in order. */
export function toDict(d: unknown): PyDict {
  return new PyDict(dentries(d));
}

/** copy.deepcopy for state dicts: tensors are cloned (values and dtype), containers rebuilt. */
export function deepcopy(v: any): any {
  if (v instanceof Tensor) {
    const c = Tensor.fromData((v._contiguousValues() as any).slice(), v._shape.slice(), v.dtype, v._dialect);
    c._requires_grad = v._requires_grad && v.is_leaf;
    return c;
  }
  if (v instanceof PyTuple) {
    const t = new PyTuple();
    for (const x of v) t.push(deepcopy(x));
    return t;
  }
  if (Array.isArray(v)) return v.map(deepcopy);
  if (v instanceof PyDict) {
    const d = v.copy();
    for (const [k, x] of d._map) d._map.set(k, deepcopy(x));
    return d;
  }
  if (v instanceof Map) return new PyDict([...v.entries()].map(([k, x]) => [k, deepcopy(x)]));
  if (isKwargs(v)) return new PyDict(dentries(v).map(([k, x]) => [k, deepcopy(x)]));
  return v;
}
