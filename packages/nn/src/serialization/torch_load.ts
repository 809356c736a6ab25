// torch.load for PyTorch's zip format (1.6 and later, what 1.13 writes). The pickle is run by our
// own stack machine (pickle_read.ts), which can only build data: tensors, Parameters, storages,
// dtypes, torch.Size, OrderedDict and plain Python values. Any other class (a pickled nn.Module,
// a numpy array...) is refused with its name. Everything is read and checked before load
// returns, so a bad file never yields a partial result.

import { Tensor, Size, Device, dtypes, torchDialect, type DType, type Dialect, type TypedArray } from "@tsgrad/core";
import { OrderedDict, PyDict, PyTuple, RuntimeError, TypeError as PyTypeError, pyRepr } from "@tsgrad/py";
import { Parameter } from "../parameter.ts";
import { unpickle, Callable, UnpicklingError, type UnpickleHooks } from "./pickle_read.ts";
import { ZipReader } from "./zip.ts";
import { storageFromBytes } from "./storage.ts";
import { readIn } from "./io.ts";
import { STORAGE_NAMES } from "./torch_save.ts";

const STORAGE_DTYPES = new Map<string, DType>(Object.entries(STORAGE_NAMES).map(([d, s]) => [s, dtypes[d as keyof typeof dtypes]]));
const NO_DTYPE: Record<string, string> = {
  HalfStorage: "float16", BFloat16Storage: "bfloat16", ComplexFloatStorage: "complex64", ComplexDoubleStorage: "complex128",
  QInt8Storage: "qint8", QUInt8Storage: "quint8", QInt32Storage: "qint32", QUInt4x2Storage: "quint4x2", QUInt2x4Storage: "quint2x4",
  UntypedStorage: "untyped storage",
};
const DTYPE_NAMES: Record<string, DType> = {
  float32: dtypes.float32, float: dtypes.float32, float64: dtypes.float64, double: dtypes.float64, int64: dtypes.int64, long: dtypes.int64,
  int32: dtypes.int32, int: dtypes.int32, int16: dtypes.int16, short: dtypes.int16, int8: dtypes.int8, uint8: dtypes.uint8, bool: dtypes.bool,
};
/** File format versions PyTorch 1.13's reader accepts (caffe2/serialize/versions.h). */
const MIN_VERSION = 1, MAX_VERSION = 10;

/** A storage class named by the pickle (`torch.FloatStorage`). */
class StorageType {
  constructor(readonly name: string, readonly dtype: DType) {}
}

/** A storage read from the archive: the typed array every tensor on it shares. */
export class LoadedStorage {
  constructor(readonly data: TypedArray, readonly dtype: DType, readonly location: string) {}
  size(): number {
    return this.data.length;
  }
  __repr__(): string {
    return `<storage of ${this.data.length} ${this.dtype} elements>`;
  }
}

export type MapLocation = null | string | Device | Record<string, string> | PyDict | ((storage: LoadedStorage, location: string) => unknown);

export interface LoadOptions {
  map_location?: MapLocation;
  weights_only?: boolean;
  pickle_module?: unknown;
  encoding?: string;
}

const CUDA_MESSAGE =
  "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.";

/** Where a storage saved at `location` goes (tsgrad loads onto the CPU only). */
function restore(storage: LoadedStorage, location: string, ml: MapLocation | undefined): LoadedStorage {
  let target: unknown = location;
  if (typeof ml === "function") {
    const r = ml(storage, location);
    if (r instanceof LoadedStorage) return r;
    if (r !== null && r !== undefined) throw new RuntimeError(`map_location function must return the storage it was given or None, got ${pyRepr(r)}`);
  } else if (typeof ml === "string" || ml instanceof Device) target = String(ml);
  else if (ml instanceof PyDict) target = ml._map.get(location) ?? location;
  else if (ml !== null && ml !== undefined && typeof ml === "object") target = (ml as Record<string, string>)[location] ?? location;
  const t = String(target);
  if (t === "cpu" || t.startsWith("cpu:")) return storage;
  if (t.startsWith("cuda")) throw new RuntimeError(CUDA_MESSAGE);
  throw new RuntimeError(`don't know how to restore data location of torch.${storage.dtype.legacyName.replace("Tensor", "Storage")} (tagged with ${t}); tsgrad loads onto the CPU only (map_location='cpu')`);
}

function isIntList(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => Number.isSafeInteger(x) && (x as number) >= 0);
}

function rebuildTensor(args: unknown[], dialect: Dialect): Tensor {
  const [storage, offset, size, stride, requiresGrad = false] = args;
  if (!(storage instanceof LoadedStorage)) throw new UnpicklingError(`_rebuild_tensor_v2: expected a storage, got ${pyRepr(storage)}`);
  if (!Number.isSafeInteger(offset) || (offset as number) < 0 || !isIntList(size) || !isIntList(stride) || size.length !== stride.length)
    throw new UnpicklingError(`_rebuild_tensor_v2: invalid view (offset ${pyRepr(offset)}, size ${pyRepr(size)}, stride ${pyRepr(stride)})`);
  const numel = size.reduce((a, b) => a * b, 1);
  let last = offset as number;
  for (let i = 0; i < size.length; i++) last += (size[i] - 1) * stride[i];
  if (numel > 0 && last >= storage.data.length)
    throw new RuntimeError(
      `corrupt checkpoint: a tensor of size ${pyRepr(size)} with stride ${pyRepr(stride)} at offset ${offset} reads element ${last}, but its storage has ${storage.data.length} elements`,
    );
  const t = new Tensor(storage.data, [...size], [...stride], offset as number, storage.dtype, dialect);
  if (requiresGrad === true) t.requires_grad_(true);
  return t;
}

function makeParameter(args: unknown[]): Tensor {
  const [data, requiresGrad = true] = args;
  if (!(data instanceof Tensor)) throw new UnpicklingError(`_rebuild_parameter: expected a tensor, got ${pyRepr(data)}`);
  return new (Parameter as any)(data, requiresGrad === true);
}

/** The names this reader can build; `weightsOnly` keeps to PyTorch 1.13's weights_only list. */
function findClass(module: string, name: string, weightsOnly: boolean, dialect: Dialect): unknown {
  const path = `${module}.${name}`;
  if ((module === "torch" || module === "torch.cuda") && name.endsWith("Storage")) {
    const d = STORAGE_DTYPES.get(name);
    if (d) return new StorageType(name, d);
    throw new RuntimeError(`cannot load a ${path}: tsgrad has no ${NO_DTYPE[name] ?? name} dtype`);
  }
  switch (path) {
    case "collections.OrderedDict":
      return new Callable(path, (a) => new OrderedDict((a[0] as Iterable<[unknown, unknown]>) ?? undefined));
    case "torch._utils._rebuild_tensor_v2":
    case "torch._utils._rebuild_tensor":
      return new Callable(path, (a) => rebuildTensor(a, dialect));
    case "torch._utils._rebuild_parameter":
    case "torch._utils._rebuild_parameter_with_state":
    case "torch.nn.parameter.Parameter":
      return new Callable(path, makeParameter);
    case "torch.Size":
      return new Callable(path, (a) => new Size(isIntList(a[0]) ? a[0] : []));
  }
  if (module === "torch" && DTYPE_NAMES[name]) return DTYPE_NAMES[name];
  if (module === "torch" && (name === "float16" || name === "bfloat16" || name.startsWith("complex")))
    throw new RuntimeError(`cannot load torch.${name}: tsgrad has no ${name} dtype`);
  if (path === "torch.device" && !weightsOnly)
    return new Callable(path, (a) => {
      const s = String(a[0]);
      return new Device(s.split(":")[0], a[1] != null ? Number(a[1]) : s.includes(":") ? Number(s.split(":")[1]) : null);
    });
  if (weightsOnly) throw new UnpicklingError(`Weights only load failed. WeightsUnpickler error: Unsupported class ${path}`);
  throw new UnpicklingError(
    `cannot load '${path}': tsgrad builds only tensors, Parameters, dtypes, torch.Size, OrderedDict and plain Python values (dict, list, tuple, int, float, str, bool, None), never other Python classes. If this file holds a whole pickled model, save its state_dict() in Python and load that.`,
  );
}

/** BUILD: OrderedDict attributes (state_dict's `_metadata`); nothing else is built. */
function build(inst: unknown, state: unknown): void {
  if (inst instanceof PyDict && state instanceof PyDict) {
    for (const [k, v] of state._map) {
      if (typeof k !== "string" || k in inst) throw new UnpicklingError(`cannot set attribute ${pyRepr(k)} of a dict`);
      Object.defineProperty(inst, k, { value: v, writable: true, configurable: true, enumerable: false });
    }
    return;
  }
  throw new UnpicklingError(`Can only build Tensor, parameter or dict objects, but got ${inst?.constructor?.name ?? pyRepr(inst)}`);
}

/** Load from the bytes of a torch.save file. */
export function loadFromBytes(bytes: Uint8Array, options: LoadOptions = {}, dialect: Dialect = torchDialect): unknown {
  if (bytes.length >= 2 && bytes[0] === 0x80 && bytes[1] <= 5)
    throw new RuntimeError("this is a legacy torch.save file (PyTorch < 1.6, or _use_new_zipfile_serialization=False); tsgrad reads only the zip format: re-save it with a newer PyTorch");
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    const head = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new RuntimeError(`not a PyTorch checkpoint: a torch.save file is a zip archive starting with PK\\x03\\x04, this one starts with [${head}]${bytes.length === 0 ? " (empty file)" : ""}`);
  }
  const zip = new ZipReader(bytes);
  const first = zip.names[0];
  if (first === undefined) throw new RuntimeError("PytorchStreamReader failed reading zip archive: the archive is empty");
  const slash = first.indexOf("/");
  if (slash < 0) throw new RuntimeError(`PytorchStreamReader failed reading zip archive: file in archive is not in a subdirectory: ${first}`);
  const prefix = first.slice(0, slash + 1);

  const versionName = zip.has(`${prefix}.data/version`) ? `${prefix}.data/version` : `${prefix}version`;
  if (!zip.has(versionName)) throw new RuntimeError("PytorchStreamReader failed reading file version: file not found (a torch.save archive has a 'version' record)");
  const version = Number(new TextDecoder().decode(zip.read(versionName)).trim());
  if (!Number.isInteger(version) || version < MIN_VERSION || version > MAX_VERSION)
    throw new RuntimeError(`Attempted to read a PyTorch file with version ${version}, but this reader supports versions ${MIN_VERSION} to ${MAX_VERSION}`);
  if (zip.has(`${prefix}byteorder`) && new TextDecoder().decode(zip.read(`${prefix}byteorder`)).trim() !== "little")
    throw new RuntimeError("this checkpoint stores big-endian data, which tsgrad does not read");
  if (zip.has(`${prefix}constants.pkl`))
    throw new RuntimeError("this is a TorchScript archive (torch.jit.save); tsgrad loads torch.save files only");
  if (!zip.has(`${prefix}data.pkl`)) throw new RuntimeError(`PytorchStreamReader failed locating file data.pkl: file not found`);

  const weightsOnly = options.weights_only === true;
  const loaded = new Map<string, LoadedStorage>();
  const hooks: UnpickleHooks = {
    findClass: (m, n) => findClass(m, n, weightsOnly, dialect),
    build,
    persistentLoad(pid) {
      if (!(pid instanceof PyTuple) || pid[0] !== "storage" || pid.length !== 5)
        throw new UnpicklingError(`Only persistent_load of storage is allowed, but got ${pyRepr(pid)}`);
      const [, type, key, location, numel] = pid as unknown as [string, unknown, unknown, unknown, unknown];
      if (!(type instanceof StorageType) || typeof key !== "string" || typeof location !== "string" || !Number.isSafeInteger(numel))
        throw new UnpicklingError(`invalid storage reference ${pyRepr(pid)}`);
      let st = loaded.get(key);
      if (st === undefined) {
        const record = `${prefix}data/${key}`;
        if (!zip.has(record)) throw new RuntimeError(`PytorchStreamReader failed locating file data/${key}: file not found (the checkpoint is incomplete)`);
        const bytes = zip.read(record);
        const expected = (numel as number) * type.dtype.itemsize;
        if (bytes.length !== expected)
          throw new RuntimeError(`storage data/${key} holds ${bytes.length} bytes where the pickle expects ${numel} ${type.dtype} elements (${expected} bytes): the checkpoint is corrupt`);
        st = restore(new LoadedStorage(storageFromBytes(bytes, type.dtype, `storage data/${key}`), type.dtype, location), location, options.map_location);
        loaded.set(key, st);
      } else if (st.dtype !== type.dtype) throw new RuntimeError(`storage data/${key} is referenced with two dtypes (${st.dtype} and ${type.dtype})`);
      return st;
    },
  };
  return unpickle(zip.read(`${prefix}data.pkl`), hooks);
}

/** torch.load(f, map_location=None, *, weights_only=False). */
export function load(f: unknown, ...rest: unknown[]): unknown {
  let options: LoadOptions = {};
  const last = rest[rest.length - 1];
  const KW = ["map_location", "pickle_module", "weights_only", "encoding"];
  if (last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype && Object.keys(last).every((k) => KW.includes(k))) {
    options = { ...(last as LoadOptions) };
    rest = rest.slice(0, -1);
  } else if (last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype && rest.length > 1) {
    const bad = Object.keys(last).find((k) => !KW.includes(k));
    throw new PyTypeError(`load() got an unexpected keyword argument '${bad}'`);
  }
  if (rest.length > 0) options.map_location = rest[0] as MapLocation;
  if (rest.length > 2) throw new PyTypeError(`load() takes from 1 to 3 positional arguments but ${rest.length + 1} were given`);
  if (options.weights_only && options.pickle_module != null)
    throw new RuntimeError("Can not safely load weights when expiclit picke_module is specified");
  return loadFromBytes(readIn(f), options);
}
