// Sequential, ModuleList, ModuleDict. Submodules are registered under "0", "1", ... (or their
// keys), so `model[0]` reads the registered entry through Module's attribute lookup; negative
// indices and slices go through _getIndexed / __getitem__.

import { IndexError, KeyError, OrderedDict, PyDict, Slice, TypeError as PyTypeError, pyRepr } from "@tsgrad/py";
import { ModuleImpl, torchTypename } from "../module.ts";
import { pyclass } from "../pyclass.ts";

const INT = /^-?\d+$/;

/** Python's slice indices over n items from "a:b:c" or a Slice. */
function sliceIndices(key: string | Slice, n: number): number[] {
  let start: number | null = null;
  let stop: number | null = null;
  let step: number | null = null;
  if (key instanceof Slice) {
    start = key.start as number | null;
    stop = key.stop as number | null;
    step = key.step as number | null;
  } else {
    const parts = key.split(":").map((p) => (p.trim() === "" ? null : Number(p)));
    [start, stop, step] = [parts[0], parts[1] ?? null, parts[2] ?? null];
  }
  const st = step ?? 1;
  const norm = (v: number | null, dflt: number) => {
    if (v === null) return dflt;
    if (v < 0) v += n;
    return st > 0 ? Math.min(Math.max(v, 0), n) : Math.min(Math.max(v, -1), n - 1);
  };
  const a = norm(start, st > 0 ? 0 : n - 1);
  const b = norm(stop, st > 0 ? n : -1);
  const out: number[] = [];
  for (let i = a; st > 0 ? i < b : i > b; i += st) out.push(i);
  return out;
}

abstract class IndexedContainer extends ModuleImpl {
  _absIndex(idx: number): number {
    const n = this._modules.__len__();
    if (!(-n <= idx && idx < n)) throw new IndexError(`index ${idx} is out of range`);
    return idx < 0 ? idx + n : idx;
  }
  override _getIndexed(key: string): { found: boolean; value?: unknown } {
    if (INT.test(key)) return { found: true, value: this.__getitem__(Number(key)) };
    return { found: false };
  }
  override _setIndexed(key: string, value: unknown): boolean {
    if (!INT.test(key)) return false;
    this.__setitem__(Number(key), value as ModuleImpl);
    return true;
  }
  abstract _fromEntries(entries: [string, ModuleImpl][]): ModuleImpl;
  __getitem__(idx: number | string | Slice): any {
    if (idx instanceof Slice || (typeof idx === "string" && idx.includes(":"))) {
      const entries = [...this._modules._map.entries()] as [string, ModuleImpl][];
      return this._fromEntries(sliceIndices(idx as string | Slice, entries.length).map((i) => entries[i]));
    }
    if (typeof idx === "string" && !INT.test(idx)) throw new PyTypeError(`${this._get_name()} indices must be integers or slices, not str`);
    const keys = [...this._modules.keys()];
    return this._modules.__getitem__(keys[this._absIndex(Number(idx))]);
  }
  __setitem__(idx: number, module: ModuleImpl): void {
    const keys = [...this._modules.keys()];
    const key = keys[this._absIndex(Number(idx))];
    (this as any)[key] = module;
  }
  __delitem__(idx: number): void {
    const keys = [...this._modules.keys()];
    this._modules.__delitem__(keys[this._absIndex(Number(idx))]);
    // keep the numbering contiguous, as PyTorch does
    const mods = [...this._modules.values()];
    this._modules.clear();
    mods.forEach((m, i) => this._modules.__setitem__(String(i), m));
  }
  __len__(): number {
    return this._modules.__len__();
  }
  *[Symbol.iterator](): Iterator<ModuleImpl> {
    yield* this._modules.values() as ModuleImpl[];
  }
  __iter__(): Iterator<ModuleImpl> {
    return this[Symbol.iterator]();
  }
  append(module: ModuleImpl): this {
    this.add_module(String(this.__len__()), module);
    return this;
  }
  extend(modules: Iterable<ModuleImpl>): this {
    for (const m of modules) this.append(m);
    return this;
  }
  insert(index: number, module: ModuleImpl): void {
    const mods = [...this._modules.values()];
    const n = mods.length;
    let i = index < 0 ? index + n : index;
    i = Math.min(Math.max(i, 0), n);
    mods.splice(i, 0, module);
    this._modules.clear();
    mods.forEach((m, k) => this._modules.__setitem__(String(k), m));
  }
}

class SequentialImpl extends IndexedContainer {
  constructor(...args: unknown[]) {
    super();
    if (args.length === 1 && args[0] instanceof PyDict) {
      for (const [k, m] of (args[0] as OrderedDict<string, ModuleImpl>)._map) this.add_module(k, m);
    } else args.forEach((m, i) => this.add_module(String(i), m as ModuleImpl));
  }
  _fromEntries(entries: [string, ModuleImpl][]): ModuleImpl {
    // Sequential slices keep their keys, as Python's Sequential(OrderedDict(items[idx]))
    return new (Sequential as any)(new OrderedDict(entries));
  }
  override forward(input: unknown): any {
    let x = input;
    for (const m of this) x = (m as any)(x);
    return x;
  }
}
export const Sequential = pyclass(SequentialImpl, "Sequential");

class ModuleListImpl extends IndexedContainer {
  constructor(modules: Iterable<ModuleImpl> | null = null) {
    super();
    if (modules !== null && modules !== undefined) this.extend(modules);
  }
  _fromEntries(entries: [string, ModuleImpl][]): ModuleImpl {
    return new (ModuleList as any)(entries.map(([, m]) => m));
  }
  __add__(other: Iterable<ModuleImpl>): ModuleImpl {
    return new (ModuleList as any)([...this, ...other]);
  }
}
export const ModuleList = pyclass(ModuleListImpl, "ModuleList");

class ModuleDictImpl extends ModuleImpl {
  constructor(modules: unknown = null) {
    super();
    if (modules !== null && modules !== undefined) this.update(modules);
  }
  __getitem__(key: string): ModuleImpl {
    if (!this._modules.__contains__(key)) throw new KeyError(pyRepr(key));
    return this._modules.__getitem__(key) as ModuleImpl;
  }
  __setitem__(key: string, module: ModuleImpl): void {
    this.add_module(key, module);
  }
  __delitem__(key: string): void {
    this._modules.__delitem__(key);
  }
  __len__(): number {
    return this._modules.__len__();
  }
  __contains__(key: string): boolean {
    return this._modules.__contains__(key);
  }
  *[Symbol.iterator](): Iterator<string> {
    yield* this._modules.keys();
  }
  keys() {
    return this._modules.keys();
  }
  values() {
    return this._modules.values();
  }
  items() {
    return this._modules.items();
  }
  pop(key: string): ModuleImpl {
    const m = this.__getitem__(key);
    this._modules.__delitem__(key);
    return m;
  }
  clear(): void {
    this._modules.clear();
  }
  update(modules: unknown): void {
    let entries: Iterable<[string, unknown]>;
    if (modules instanceof PyDict) entries = modules._map as Map<string, unknown>;
    else if (modules instanceof Map) entries = modules;
    else if (Array.isArray(modules)) entries = modules as [string, unknown][];
    else if (modules !== null && typeof modules === "object") entries = Object.entries(modules);
    else throw new PyTypeError(`ModuleDict.update should be called with an iterable of key/value pairs, but got ${torchTypename(modules)}`);
    for (const [k, m] of entries) this.add_module(k, m as ModuleImpl);
  }
}
export const ModuleDict = pyclass(ModuleDictImpl, "ModuleDict");
