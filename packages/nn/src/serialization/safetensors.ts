// safetensors (huggingface/safetensors), the `safetensors.torch` API: save / load for bytes,
// save_file / load_file for paths. Layout: an 8-byte little-endian header length N, N bytes of
// compact JSON ({"__metadata__": {str: str}, name: {"dtype", "shape", "data_offsets"}}) padded
// with spaces to a multiple of 8, then the tensors' bytes back to back. As the reference writer
// does, tensors are ordered by dtype (its enum order, descending, so wide types come first and
// stay aligned), then by name. The reader checks what the reference reader checks.

import { Tensor, dtypes, torchDialect, type DType, type Dialect } from "@tsgrad/core";
import { PyDict, PyException, ValueError, TypeError as PyTypeError, RuntimeError, pyRepr, typeName } from "@tsgrad/py";
import { cpuStorage, storageBytes, storageFromBytes } from "./storage.ts";
import { readIn, writeOut } from "./io.ts";

export class SafetensorError extends PyException {}

/** The reference implementation's Dtype enum, in its declaration (= sort) order. */
const ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];
const TO_CODE: Record<string, string> = { bool: "BOOL", uint8: "U8", int8: "I8", int16: "I16", int32: "I32", float32: "F32", float64: "F64", int64: "I64" };
const FROM_CODE: Record<string, DType> = Object.fromEntries(Object.entries(TO_CODE).map(([d, c]) => [c, dtypes[d as keyof typeof dtypes]]));
const MAX_HEADER = 100_000_000;

function entriesOf(d: unknown): Array<[unknown, unknown]> | null {
  if (d instanceof PyDict) return [...d._map.entries()];
  if (d instanceof Map) return [...d.entries()];
  if (d !== null && typeof d === "object" && !Array.isArray(d) && !(d instanceof Tensor)) return Object.entries(d);
  return null;
}

/** safetensors.torch.save(tensors, metadata=None) -> bytes */
export function save(tensors: unknown, metadata: unknown = null): Uint8Array {
  const items = entriesOf(tensors);
  if (items === null) throw new ValueError(`Expected a dict of [str, torch.Tensor] but received <class '${typeName(tensors)}'>`);
  const bad = items.filter(([, v]) => !(v instanceof Tensor)).map(([k]) => k);
  if (bad.length > 0)
    throw new ValueError(`Key \`${pyRepr(bad)}\` is invalid, expected torch.Tensor but received <class '${typeName(items.find(([k]) => k === bad[0])![1])}'>`);
  const byStorage = new Map<unknown, string[]>();
  for (const [k, v] of items) {
    if (typeof k !== "string") throw new PyTypeError(`tensor names must be str, got ${pyRepr(k)}`);
    const s = cpuStorage(v as Tensor);
    byStorage.set(s, [...(byStorage.get(s) ?? []), k]);
  }
  const failing = [...byStorage.values()].filter((names) => names.length > 1);
  if (failing.length > 0)
    throw new RuntimeError(
      `Some tensors share memory, this will lead to duplicate memory on disk and potential differences when loading them again: ${pyRepr(failing.map((n) => new Set(n)))}. A potential way to correctly save your model is to use \`save_model\`. More information at https://huggingface.co/docs/safetensors/torch_shared_tensors`,
    );
  let meta: Array<[string, string]> | null = null;
  if (metadata !== null && metadata !== undefined) {
    meta = (entriesOf(metadata) ?? [[null, null]]).map(([k, v]) => {
      if (typeof k !== "string" || typeof v !== "string") throw new PyTypeError("argument 'metadata': expected a dict of str to str");
      return [k, v];
    });
  }
  const prepared = (items as Array<[string, Tensor]>).map(([name, t]) => {
    const code = TO_CODE[t.dtype.name];
    if (!code) throw new ValueError(`cannot save tensor '${name}' of dtype ${t.dtype} to safetensors`);
    if (!t.is_contiguous())
      throw new ValueError(
        `You are trying to save a non contiguous tensor: \`${name}\` which is not allowed. It either means you are trying to save tensors which are reference of each other in which case it's recommended to save only the full tensors, and reslice at load time, or simply call \`.contiguous()\` on your tensor to pack it before saving.`,
      );
    const s = cpuStorage(t);
    const bytes = storageBytes(s.subarray(t._offset, t._offset + t.numel()) as typeof s, t.dtype);
    return { name, code, shape: t._shape.slice(), bytes };
  });
  prepared.sort((a, b) => ORDER.indexOf(b.code) - ORDER.indexOf(a.code) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // JSON object key order is insertion order except for integer-like keys, which JS objects
  // move first: build the text by hand so tensor names like "0" keep their place.
  const parts: string[] = [];
  if (meta) parts.push(`"__metadata__":{${meta.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`);
  let offset = 0;
  for (const p of prepared) {
    parts.push(`${JSON.stringify(p.name)}:{"dtype":"${p.code}","shape":[${p.shape.join(",")}],"data_offsets":[${offset},${offset + p.bytes.length}]}`);
    offset += p.bytes.length;
  }
  const json = new TextEncoder().encode(`{${parts.join(",")}}`);
  const pad = (8 - (json.length % 8)) % 8;
  const out = new Uint8Array(8 + json.length + pad + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length + pad), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + json.length + pad);
  let p = 8 + json.length + pad;
  for (const t of prepared) {
    out.set(t.bytes, p);
    p += t.bytes.length;
  }
  return out;
}

function headerError(kind: string, detail: string): never {
  throw new SafetensorError(`Error while deserializing header: ${kind} (${detail})`);
}

interface Info {
  name: string;
  dtype: DType;
  shape: number[];
  begin: number;
  end: number;
}

/** Parse and validate the header; returns the tensors sorted by offset and the metadata. */
function parse(bytes: Uint8Array): { infos: Info[]; metadata: Record<string, string> | null; dataStart: number } {
  if (bytes.length < 8) headerError("HeaderTooSmall", `the file has ${bytes.length} bytes; a safetensors file starts with an 8-byte header length`);
  const n64 = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n64 > BigInt(MAX_HEADER)) headerError("HeaderTooLarge", `header length ${n64} exceeds 100000000 bytes: not a safetensors file?`);
  const n = Number(n64);
  if (n + 8 > bytes.length) headerError("InvalidHeaderLength", `the header claims ${n} bytes but the file has only ${bytes.length - 8} after the length: the file is truncated`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    headerError("InvalidHeader", "the header is not valid UTF-8");
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text!);
  } catch (e) {
    headerError("InvalidHeaderDeserialization", `the header is not valid JSON: ${(e as Error).message}`);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) headerError("InvalidHeaderDeserialization", "the header is not a JSON object");
  let metadata: Record<string, string> | null = null;
  const infos: Info[] = [];
  for (const [name, v] of Object.entries(raw as Record<string, any>)) {
    if (name === "__metadata__") {
      if (v === null || typeof v !== "object" || Object.values(v).some((x) => typeof x !== "string"))
        headerError("InvalidHeaderDeserialization", "__metadata__ must map strings to strings");
      metadata = v;
      continue;
    }
    const ok =
      v !== null && typeof v === "object" && typeof v.dtype === "string" && Array.isArray(v.shape) && v.shape.every((d: unknown) => Number.isSafeInteger(d) && (d as number) >= 0) &&
      Array.isArray(v.data_offsets) && v.data_offsets.length === 2 && v.data_offsets.every((d: unknown) => Number.isSafeInteger(d) && (d as number) >= 0);
    if (!ok) headerError("InvalidHeaderDeserialization", `entry ${JSON.stringify(name)} needs dtype, shape and data_offsets`);
    const dtype = FROM_CODE[v.dtype];
    if (!dtype) {
      if (ORDER.includes(v.dtype)) throw new SafetensorError(`tensor ${JSON.stringify(name)} has dtype ${v.dtype}, which tsgrad does not have`);
      headerError("InvalidHeaderDeserialization", `unknown dtype ${JSON.stringify(v.dtype)} for ${JSON.stringify(name)}`);
    }
    infos.push({ name, dtype, shape: v.shape, begin: v.data_offsets[0], end: v.data_offsets[1] });
  }
  infos.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let start = 0;
  for (const info of infos) {
    if (info.begin !== start || info.end < info.begin)
      throw new SafetensorError(`Error while deserializing header: InvalidOffset(${JSON.stringify(info.name)}) (tensors must tile the data buffer without gaps or overlaps)`);
    const nbytes = info.shape.reduce((a, b) => a * b, 1) * info.dtype.itemsize;
    if (info.end - info.begin !== nbytes)
      throw new SafetensorError(`Error while deserializing header: TensorInvalidInfo (${JSON.stringify(info.name)}: shape ${JSON.stringify(info.shape)} of ${info.dtype} needs ${nbytes} bytes, offsets give ${info.end - info.begin})`);
    start = info.end;
  }
  if (start + 8 + n !== bytes.length)
    throw new SafetensorError(
      `Error while deserializing header: MetadataIncompleteBuffer (the tensors cover ${start} bytes of data but the file holds ${bytes.length - 8 - n}${start + 8 + n > bytes.length ? ": the file is truncated" : ""})`,
    );
  return { infos, metadata, dataStart: 8 + n };
}

/** safetensors.torch.load(data: bytes) -> dict[str, Tensor], names in sorted order. */
export function load(data: Uint8Array, dialect: Dialect = torchDialect): PyDict<string, Tensor> {
  const { infos, dataStart } = parse(data);
  const out = new PyDict<string, Tensor>();
  for (const info of [...infos].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const values = storageFromBytes(data.subarray(dataStart + info.begin, dataStart + info.end), info.dtype, `tensor ${JSON.stringify(info.name)}`);
    out._map.set(info.name, Tensor.fromData(values, info.shape.slice(), info.dtype, dialect));
  }
  return out;
}

/** The `__metadata__` of a safetensors file (safe_open(...).metadata()). */
export function metadata(data: Uint8Array): PyDict<string, string> | null {
  const m = parse(data).metadata;
  return m === null ? null : new PyDict(Object.entries(m));
}

/** safetensors.torch.save_file(tensors, filename, metadata=None) */
export function save_file(tensors: unknown, filename: unknown, metadata: unknown = null): void {
  writeOut(filename, save(tensors, metadata));
}

/** safetensors.torch.load_file(filename, device="cpu") */
export function load_file(filename: unknown, device: unknown = "cpu"): PyDict<string, Tensor> {
  // a trailing { device } object is the keyword form; a Device prints as its name
  const dev = device !== null && typeof device === "object" && Object.getPrototypeOf(device) === Object.prototype ? (device as any).device ?? "cpu" : device;
  if (String(dev) !== "cpu") throw new RuntimeError(`tsgrad loads safetensors onto the CPU only, not ${String(dev)}`);
  return load(readIn(filename));
}

export const safetensors = { save, load, save_file, load_file, metadata, SafetensorError };
