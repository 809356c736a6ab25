// torch.utils.data: Dataset, TensorDataset, DataLoader (single process), the samplers, random_split
// and default_collate, following PyTorch 1.13's Python source, including its use of the global
// RNG, so a seeded program shuffles as PyTorch does:
//
// - every `iter(loader)` first draws `_base_seed` (one int64 `random_()` from the loader's
//   generator or the global one), even without shuffling;
// - a RandomSampler without a generator then draws one more int64 as the seed of a fresh
//   Generator, lazily, when the first batch is asked for, and takes `randperm(n)` from it.

import * as core from "@tsgrad/core";
import { Tensor } from "@tsgrad/core";
import { TypeError as PyTypeError, ValueError, NotImplementedError, PyTuple } from "@tsgrad/py";

const torchDialect = core.torchDialect;
const inTorch = <F extends (...a: any[]) => any>(fn: F): F => core.inDialect(torchDialect, fn);

/** A class Python calls without `new`, printing as `torch.utils.data.<module>.<Name>`. */
function pyclass<C extends abstract new (...a: any[]) => any>(cls: C, module: string): C & ((...args: ConstructorParameters<C>) => InstanceType<C>) {
  Object.defineProperty(cls, "__module__", { value: module, writable: true, configurable: true });
  const wrapped = new Proxy(cls, { apply: (target, _self, args) => Reflect.construct(target as any, args) });
  Object.defineProperty(cls.prototype, "constructor", { value: wrapped, writable: true, configurable: true, enumerable: false });
  return wrapped as any;
}

function kwargs(args: unknown[]): [unknown[], Record<string, unknown>] {
  const last = args[args.length - 1];
  if (args.length > 0 && core.isKwargs(last)) return [args.slice(0, -1), last as Record<string, unknown>];
  return [args, {}];
}

/**
 * One `torch.empty((), dtype=torch.int64).random_(generator=g).item()`: random64() mod 2**63,
 * drawn straight from the generator (a bigint: the value needs all 63 bits, which an int64
 * tensor's storage here cannot hold exactly).
 */
function drawSeed(generator: unknown): bigint {
  const g = (generator ?? core.default_generator) as core.Generator;
  return g.random64() % (1n << 63n);
}

// ---- datasets ---------------------------------------------------------------------------------

class DatasetImpl {
  __getitem__(_index: number): unknown {
    throw new NotImplementedError(`Subclasses of Dataset should implement __getitem__.`);
  }
}
export const Dataset = pyclass(DatasetImpl, "torch.utils.data.dataset");

class TensorDatasetImpl extends DatasetImpl {
  tensors: PyTuple<Tensor>;
  [index: number]: PyTuple<Tensor>;
  constructor(...tensors: Tensor[]) {
    super();
    if (!tensors.every((t) => t.size(0) === tensors[0].size(0))) throw new Error("Size mismatch between tensors");
    this.tensors = PyTuple.from(tensors) as PyTuple<Tensor>;
    // `dataset[i]` as Python indexes it
    return new Proxy(this, {
      get(target, key, recv) {
        if (typeof key === "string" && /^-?\d+$/.test(key)) return target.__getitem__(Number(key));
        return Reflect.get(target, key, recv);
      },
    });
  }
  override __getitem__(index: number): PyTuple<Tensor> {
    return PyTuple.from(this.tensors.map((t) => t.at(index))) as PyTuple<Tensor>;
  }
  __len__(): number {
    return this.tensors[0].size(0);
  }
}
export const TensorDataset = pyclass(TensorDatasetImpl, "torch.utils.data.dataset");

function datasetLen(ds: any): number {
  if (typeof ds?.__len__ === "function") return ds.__len__();
  if (ds instanceof Tensor) return ds.size(0);
  if (Array.isArray(ds)) return ds.length;
  throw new PyTypeError(`object of type '${ds?.constructor?.name ?? typeof ds}' has no len()`);
}

function datasetItem(ds: any, i: number): unknown {
  if (typeof ds?.__getitem__ === "function") return ds.__getitem__(i);
  if (ds instanceof Tensor) return ds.at(i);
  return ds[i];
}

class SubsetImpl extends DatasetImpl {
  constructor(readonly dataset: unknown, readonly indices: number[]) {
    super();
    return new Proxy(this, {
      get(target, key, recv) {
        if (typeof key === "string" && /^-?\d+$/.test(key)) return target.__getitem__(Number(key));
        return Reflect.get(target, key, recv);
      },
    });
  }
  override __getitem__(idx: number): unknown {
    return datasetItem(this.dataset, this.indices[idx < 0 ? this.indices.length + idx : idx]);
  }
  __len__(): number {
    return this.indices.length;
  }
}
export const Subset = pyclass(SubsetImpl, "torch.utils.data.dataset");

/** random_split(dataset, lengths, generator=default_generator): randperm, then consecutive slices. */
export const random_split = inTorch((...args: unknown[]) => {
  const [pos, kw] = kwargs(args);
  const dataset = pos[0];
  const lengths = (pos[1] ?? kw.lengths) as number[];
  const generator = (pos[2] ?? kw.generator ?? null) as unknown;
  const n = datasetLen(dataset);
  let lens = lengths.map(Number);
  if (lens.every((l) => l >= 0 && l <= 1) && Math.abs(lens.reduce((a, b) => a + b, 0) - 1) < 1e-9 && lens.some((l) => !Number.isInteger(l))) {
    const sub = lens.map((f) => Math.floor(n * f));
    let rem = n - sub.reduce((a, b) => a + b, 0);
    for (let i = 0; rem > 0; i = (i + 1) % sub.length, rem--) sub[i] += 1;
    lens = sub;
  }
  if (lens.reduce((a, b) => a + b, 0) !== n) throw new ValueError("Sum of input lengths does not equal the length of the input dataset!");
  const perm = (core.ops.randperm.call(lens.reduce((a, b) => a + b, 0), { generator }) as Tensor).tolist() as number[];
  const out: unknown[] = [];
  let offset = 0;
  for (const l of lens) {
    out.push(new SubsetImpl(dataset, perm.slice(offset, offset + l)));
    offset += l;
  }
  return out;
});

// ---- samplers ---------------------------------------------------------------------------------

class SequentialSamplerImpl {
  constructor(readonly data_source: unknown) {}
  *[Symbol.iterator](): Iterator<number> {
    const n = datasetLen(this.data_source);
    for (let i = 0; i < n; i++) yield i;
  }
  __len__(): number {
    return datasetLen(this.data_source);
  }
}
export const SequentialSampler = pyclass(SequentialSamplerImpl, "torch.utils.data.sampler");

class RandomSamplerImpl {
  readonly data_source: unknown;
  readonly replacement: boolean;
  readonly generator: unknown;
  readonly _num_samples: number | null;
  constructor(...args: unknown[]) {
    const [pos, kw] = kwargs(args);
    this.data_source = pos[0] ?? kw.data_source;
    this.replacement = Boolean(pos[1] ?? kw.replacement ?? false);
    this._num_samples = (pos[2] ?? kw.num_samples ?? null) as number | null;
    this.generator = pos[3] ?? kw.generator ?? null;
  }
  get num_samples(): number {
    return this._num_samples ?? datasetLen(this.data_source);
  }
  *[Symbol.iterator](): Iterator<number> {
    const n = datasetLen(this.data_source);
    let generator = this.generator;
    if (generator === null) {
      const seed = drawSeed(null);
      generator = new core.Generator().manual_seed(seed);
    }
    const randperm = inTorch((k: number) => (core.ops.randperm.call(k, { generator }) as Tensor).tolist() as number[]);
    const randint = inTorch((k: number) => (core.ops.randint.call(n, [k], { dtype: core.int64, generator }) as Tensor).tolist() as number[]);
    if (this.replacement) {
      for (let i = 0; i < Math.floor(this.num_samples / 32); i++) yield* randint(32);
      yield* randint(this.num_samples % 32);
    } else {
      for (let i = 0; i < Math.floor(this.num_samples / n); i++) yield* randperm(n);
      yield* randperm(n).slice(0, this.num_samples % n);
    }
  }
  __len__(): number {
    return this.num_samples;
  }
}
export const RandomSampler = pyclass(RandomSamplerImpl, "torch.utils.data.sampler");

class BatchSamplerImpl {
  constructor(readonly sampler: Iterable<number> & { __len__(): number }, readonly batch_size: number, readonly drop_last: boolean) {}
  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const idx of this.sampler) {
      batch.push(idx);
      if (batch.length === this.batch_size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.drop_last) yield batch;
  }
  __len__(): number {
    const n = this.sampler.__len__();
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }
}
export const BatchSampler = pyclass(BatchSamplerImpl, "torch.utils.data.sampler");

// ---- collate and the loader -------------------------------------------------------------------

/** default_collate: tensors are stacked, numbers become a tensor, sequences collate per field. */
export const default_collate = inTorch((batch: unknown[]): unknown => {
  const elem = batch[0];
  if (elem instanceof Tensor) return core.ops.stack.call(batch, 0);
  if (typeof elem === "number" || typeof elem === "bigint" || elem instanceof Number) {
    // Python floats give a float64 tensor, ints an int64 one
    const isFloat = batch.some((v) => v instanceof Number || (typeof v === "number" && !Number.isInteger(v)));
    return core.ops.tensor.call(batch.map((v) => Number(v)), { dtype: isFloat ? core.float64 : core.int64 });
  }
  if (typeof elem === "string") return batch;
  if (Array.isArray(elem)) {
    // a tuple or list of fields collates into a list, one entry per field
    return (elem as unknown[]).map((_, i) => default_collate(batch.map((b) => (b as unknown[])[i])));
  }
  if (elem !== null && typeof elem === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(elem)) out[k] = default_collate(batch.map((b) => (b as any)[k]));
    return out;
  }
  throw new PyTypeError(`default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found ${typeof elem}`);
});

class DataLoaderImpl {
  readonly dataset: unknown;
  readonly batch_size: number | null;
  readonly drop_last: boolean;
  readonly sampler: any;
  readonly batch_sampler: any;
  readonly generator: unknown;
  readonly collate_fn: (batch: unknown[]) => unknown;
  constructor(...args: unknown[]) {
    const [pos, kw] = kwargs(args);
    const names = ["dataset", "batch_size", "shuffle", "sampler", "batch_sampler", "num_workers", "collate_fn", "pin_memory", "drop_last"];
    const a: Record<string, unknown> = {};
    names.forEach((n, i) => {
      if (i < pos.length) a[n] = pos[i];
    });
    for (const [k, v] of Object.entries(kw)) {
      if (![...names, "timeout", "worker_init_fn", "multiprocessing_context", "generator", "prefetch_factor", "persistent_workers", "pin_memory_device"].includes(k))
        throw new PyTypeError(`__init__() got an unexpected keyword argument '${k}'`);
      a[k] = v;
    }
    this.dataset = a.dataset;
    this.batch_size = a.batch_size === undefined ? 1 : (a.batch_size as number | null);
    this.drop_last = Boolean(a.drop_last ?? false);
    this.generator = a.generator ?? null;
    const shuffle = Boolean(a.shuffle ?? false);
    if (a.sampler != null && shuffle) throw new ValueError("sampler option is mutually exclusive with shuffle");
    this.sampler = a.sampler ?? (shuffle ? new RandomSamplerImpl(this.dataset, { generator: this.generator }) : new SequentialSamplerImpl(this.dataset));
    this.batch_sampler = a.batch_sampler ?? (this.batch_size === null ? null : new BatchSamplerImpl(this.sampler, this.batch_size, this.drop_last));
    this.collate_fn = (a.collate_fn as (b: unknown[]) => unknown) ?? default_collate;
  }
  *[Symbol.iterator](): Iterator<any> {
    const indexSampler = this.batch_sampler ?? this.sampler;
    const it = indexSampler[Symbol.iterator]();
    // _BaseDataLoaderIter.__init__: the workers' base seed, drawn before any index
    drawSeed(this.generator);
    for (let r = it.next(); !r.done; r = it.next()) {
      if (this.batch_sampler === null) yield datasetItem(this.dataset, r.value);
      else yield this.collate_fn((r.value as number[]).map((i) => datasetItem(this.dataset, i)));
    }
  }
  __len__(): number {
    return (this.batch_sampler ?? this.sampler).__len__();
  }
}
export const DataLoader = pyclass(DataLoaderImpl, "torch.utils.data.dataloader");

const data = { Dataset, TensorDataset, Subset, random_split, DataLoader, SequentialSampler, RandomSampler, BatchSampler, default_collate };
export default data;
