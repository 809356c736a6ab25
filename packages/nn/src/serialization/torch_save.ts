// torch.save: PyTorch 1.13's zip format. data.pkl is a protocol-2 pickle of the object in which
// each tensor is `torch._utils._rebuild_tensor_v2(<storage>, offset, size, stride,
// requires_grad, OrderedDict())` and each Parameter `_rebuild_parameter(<tensor>,
// requires_grad, OrderedDict())`; a storage is a persistent id ('storage', torch.FloatStorage,
// key, 'cpu', numel) whose bytes are the record data/<key>. Views keep sharing: a storage is
// written once, whole, under the key of its first appearance, as torch does.

import { Tensor, DType, Size, dtypes, type TypedArray } from "@tsgrad/core";
import { OrderedDict, PyDict, PyTuple, RuntimeError, TypeError as PyTypeError, NotImplementedError, markFloat, FLOAT_LIST } from "@tsgrad/py";
import { isParameter } from "../parameter.ts";
import { ModuleImpl } from "../module.ts";
import { Pickler, Global, Reduce, Persistent, Dict, Atom } from "./pickle_write.ts";
import { writeZip, type ZipRecord } from "./zip.ts";
import { cpuStorage, storageBytes } from "./storage.ts";
import { writeOut, archiveName } from "./io.ts";

/** The legacy storage class torch pickles for each dtype. */
export const STORAGE_NAMES: Record<string, string> = {
  float32: "FloatStorage", float64: "DoubleStorage", int64: "LongStorage", int32: "IntStorage",
  int16: "ShortStorage", int8: "CharStorage", uint8: "ByteStorage", bool: "BoolStorage",
};

const REBUILD_TENSOR = new Global("torch._utils", "_rebuild_tensor_v2");
const REBUILD_PARAMETER = new Global("torch._utils", "_rebuild_parameter");
const ORDERED_DICT = new Global("collections", "OrderedDict");
const STORAGE = new Atom("storage");
const CPU = new Atom("cpu");

function tuple(items: unknown[]): PyTuple<unknown> {
  const t = new PyTuple<unknown>();
  for (const x of items) t.push(x);
  return t;
}

/** A fresh empty OrderedDict, as each tensor's `_backward_hooks` pickles. */
function emptyOrderedDict(): Reduce {
  return new Reduce({}, ORDERED_DICT, tuple([]));
}

/** The pickle (as bytes) and storage records for `obj`. */
export function serialize(obj: unknown): { pickle: Uint8Array; storages: Map<string, Uint8Array> } {
  const keys = new Map<TypedArray, { key: string; atom: Atom; dtype: DType }>();
  const storages = new Map<string, Uint8Array>();

  const storageId = (t: Tensor): Persistent => {
    const s = cpuStorage(t);
    let entry = keys.get(s);
    if (entry === undefined) {
      entry = { key: String(keys.size), atom: new Atom(String(keys.size)), dtype: t.dtype };
      keys.set(s, entry);
      storages.set(entry.key, storageBytes(s, t.dtype));
    } else if (entry.dtype !== t.dtype) throw new RuntimeError("Cannot save multiple tensors or storages that view the same data as different types");
    const name = STORAGE_NAMES[t.dtype.name];
    if (!name) throw new RuntimeError(`cannot save tensors of dtype ${t.dtype}`);
    return new Persistent(tuple([STORAGE, new Global("torch", name), entry.atom, CPU, s.length]));
  };
  // identity: `t` for the tensor itself; Parameters pickle their `.data`, a new tensor object
  const tensorReduce = (t: Tensor, identity: object, requiresGrad: boolean): Reduce =>
    new Reduce(identity, REBUILD_TENSOR, tuple([storageId(t), t._offset, tuple(t._shape), tuple(t._strides), requiresGrad, emptyOrderedDict()]));

  const convert = (v: unknown): unknown => {
    if (v instanceof Tensor) {
      const requiresGrad: boolean = v.requires_grad;
      if (isParameter(v)) return new Reduce(v, REBUILD_PARAMETER, tuple([tensorReduce(v, {}, false), requiresGrad, emptyOrderedDict()]));
      return tensorReduce(v, v, requiresGrad);
    }
    if (v instanceof DType) return new Global("torch", v.name);
    if (v instanceof Size) return new Reduce(v, new Global("torch", "Size"), tuple([tuple([...v])]));
    if (v instanceof OrderedDict) {
      // state_dict()'s `_metadata` attribute travels as the OrderedDict's BUILD state
      const md = Object.getOwnPropertyDescriptor(v, "_metadata")?.value;
      const state = md === undefined ? null : new Dict({}, [["_metadata", md]]);
      return new Reduce(v, ORDERED_DICT, tuple([]), [...v._map.entries()], state);
    }
    if (v instanceof PyDict) return new Dict(v, [...v._map.entries()]);
    if (v instanceof Map) return new Dict(v, [...v.entries()]);
    if (v instanceof ModuleImpl)
      throw new PyTypeError(
        `cannot save a whole ${v._get_name()} module: tsgrad saves data, not Python classes. Save model.state_dict() and restore it with load_state_dict()`,
      );
    if (Array.isArray(v) && !(v instanceof PyTuple) && (v as any)[FLOAT_LIST]) return floatList(v);
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const proto = Object.getPrototypeOf(v);
      if (proto === Object.prototype || proto === null) return new Dict(v, Object.entries(v));
    }
    return v;
  };
  const pickle = new Pickler(convert).dump(obj);
  return { pickle, storages };
}

/** tolist() of a float tensor: its integral numbers are Python floats. */
function floatList(a: unknown[]): unknown[] {
  return a.map((x) => (typeof x === "number" ? markFloat(x) : Array.isArray(x) ? floatList(x) : x));
}

/** The bytes torch.save would write for `obj` into an archive named `archive`. */
export function saveToBytes(obj: unknown, archive = "archive"): Uint8Array {
  const { pickle, storages } = serialize(obj);
  const records: ZipRecord[] = [{ name: `${archive}/data.pkl`, data: pickle }];
  // torch writes storages in sorted key order (string order: "10" before "2")
  for (const key of [...storages.keys()].sort()) records.push({ name: `${archive}/data/${key}`, data: storages.get(key)! });
  records.push({ name: `${archive}/version`, data: new TextEncoder().encode("3\n") });
  return writeZip(records);
}

export interface SaveOptions {
  pickle_protocol?: number;
  _use_new_zipfile_serialization?: boolean;
}

/** torch.save(obj, f, pickle_protocol=2, _use_new_zipfile_serialization=True). */
export function save(obj: unknown, f: unknown, options: SaveOptions = {}): void {
  const unknownKw = Object.keys(options).filter((k) => k !== "pickle_protocol" && k !== "_use_new_zipfile_serialization" && k !== "pickle_module");
  if (unknownKw.length > 0) throw new PyTypeError(`save() got an unexpected keyword argument '${unknownKw[0]}'`);
  if (options.pickle_protocol !== undefined && options.pickle_protocol !== 2)
    throw new NotImplementedError(`tsgrad writes pickle protocol 2 (torch's default) only, not ${options.pickle_protocol}`);
  if (options._use_new_zipfile_serialization === false)
    throw new NotImplementedError("tsgrad writes only the zip format (_use_new_zipfile_serialization=True)");
  const archive = archiveName(f);
  if (archive === "") throw new RuntimeError(`invalid file name: ${String(f)}`);
  writeOut(f, saveToBytes(obj, archive));
}
