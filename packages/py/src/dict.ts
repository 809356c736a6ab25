// Python's dict and collections.OrderedDict for dicts the libraries return (state_dict(),
// param_groups[i], optimizer.state). A JS Map keeps insertion order but prints as a dict and
// can't be indexed with `d[key]`; these classes keep a Map inside and answer `d[key]` through a
// Proxy (own methods win over keys of the same name: use `d.__getitem__(key)` for those).
// Integer keys are kept as numbers, so `d[0]` finds the key 0 as Python's `d[0]` does.

import { KeyError } from "./exceptions.ts";
import { pyRepr } from "./repr.ts";
import { PyTuple, makeTuple } from "./tuple.ts";

/** keys()/values()/items() views: arrays that print as `odict_keys([...])`. */
export class DictView<T = unknown> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  declare _label: string;
  __repr__(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.length; i++) parts.push(pyRepr(this[i]));
    return `${this._label}([${parts.join(", ")}])`;
  }
  __len__(): number {
    return this.length;
  }
}
function view<T>(label: string, items: T[]): DictView<T> {
  const v = new DictView<T>();
  for (const x of items) v.push(x);
  Object.defineProperty(v, "_label", { value: label, enumerable: false });
  return v;
}

/** A key as a Map key: integer-looking strings from `d["0"]` proxy access map to numbers when stored so. */
function lookupKey(map: Map<unknown, unknown>, key: PropertyKey): unknown {
  if (map.has(key)) return key;
  if (typeof key === "string" && /^-?\d+$/.test(key) && map.has(Number(key))) return Number(key);
  return undefined;
}

export class PyDict<K = any, V = any> {
  _map: Map<K, V>;
  [key: string]: any;

  constructor(entries?: Iterable<readonly [K, V]> | Record<string, V> | PyDict<K, V> | null) {
    this._map = new Map();
    if (entries instanceof PyDict) for (const [k, v] of entries._map) this._map.set(k, v);
    else if (entries != null && typeof (entries as any)[Symbol.iterator] === "function")
      for (const [k, v] of entries as Iterable<readonly [K, V]>) this._map.set(k, v);
    else if (entries != null) for (const [k, v] of Object.entries(entries)) this._map.set(k as K, v as V);
    return new Proxy(this, {
      get(target, key, receiver) {
        if (typeof key === "symbol" || key in target) return Reflect.get(target, key, receiver);
        const k = lookupKey(target._map, key);
        return k === undefined ? undefined : target._map.get(k as K);
      },
      set(target, key, value, receiver) {
        if (typeof key === "symbol" || key in target) return Reflect.set(target, key, value, receiver);
        const k = lookupKey(target._map, key);
        target._map.set((k ?? key) as K, value);
        return true;
      },
      has(target, key) {
        return key in target || lookupKey(target._map, key) !== undefined;
      },
      deleteProperty(target, key) {
        const k = lookupKey(target._map, key);
        if (k !== undefined) target._map.delete(k as K);
        return true;
      },
    });
  }

  protected _viewPrefix(): string {
    return "dict_";
  }
  __getitem__(key: K): V {
    if (!this._map.has(key)) throw new KeyError(pyRepr(key));
    return this._map.get(key)!;
  }
  __setitem__(key: K, value: V): void {
    this._map.set(key, value);
  }
  __delitem__(key: K): void {
    if (!this._map.delete(key)) throw new KeyError(pyRepr(key));
  }
  __contains__(key: K): boolean {
    return this._map.has(key);
  }
  __len__(): number {
    return this._map.size;
  }
  __iter__(): Iterator<K> {
    return this._map.keys();
  }
  [Symbol.iterator](): Iterator<K> {
    return this._map.keys();
  }
  get(key: K, dflt: V | null = null): V | null {
    return this._map.has(key) ? this._map.get(key)! : dflt;
  }
  keys(): DictView<K> {
    return view(`${this._viewPrefix()}keys`, [...this._map.keys()]);
  }
  values(): DictView<V> {
    return view(`${this._viewPrefix()}values`, [...this._map.values()]);
  }
  items(): DictView<PyTuple<K | V>> {
    return view(
      `${this._viewPrefix()}items`,
      [...this._map.entries()].map(([k, v]) => makeTuple<K | V>([k, v])),
    );
  }
  pop(key: K, ...dflt: V[]): V {
    if (this._map.has(key)) {
      const v = this._map.get(key)!;
      this._map.delete(key);
      return v;
    }
    if (dflt.length > 0) return dflt[0];
    throw new KeyError(pyRepr(key));
  }
  setdefault(key: K, dflt: V): V {
    if (!this._map.has(key)) this._map.set(key, dflt);
    return this._map.get(key)!;
  }
  update(other: PyDict<K, V> | Iterable<readonly [K, V]> | Record<string, V>): void {
    const src = other instanceof PyDict ? other._map : other;
    if (src != null && typeof (src as any)[Symbol.iterator] === "function") for (const [k, v] of src as Iterable<readonly [K, V]>) this._map.set(k, v);
    else for (const [k, v] of Object.entries(src as Record<string, V>)) this._map.set(k as K, v);
  }
  clear(): void {
    this._map.clear();
  }
  copy(): this {
    return new (this.constructor as any)(this);
  }
  __repr__(): string {
    const body = [...this._map.entries()].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(", ");
    return `{${body}}`;
  }
  __str__(): string {
    return this.__repr__();
  }
  toString(): string {
    return this.__repr__();
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.__repr__();
  }
}
Object.defineProperty(PyDict, "__name__", { value: "dict" });

export class OrderedDict<K = any, V = any> extends PyDict<K, V> {
  protected override _viewPrefix(): string {
    return "odict_";
  }
  override __repr__(): string {
    if (this._map.size === 0) return "OrderedDict()";
    const body = [...this._map.entries()].map(([k, v]) => `(${pyRepr(k)}, ${pyRepr(v)})`).join(", ");
    return `OrderedDict([${body}])`;
  }
  /** OrderedDict.move_to_end(key, last=True). */
  move_to_end(key: K, last = true): void {
    if (!this._map.has(key)) throw new KeyError(pyRepr(key));
    const v = this._map.get(key)!;
    this._map.delete(key);
    if (last) this._map.set(key, v);
    else this._map = new Map([[key, v], ...this._map]);
  }
}
