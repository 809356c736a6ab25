// The zip container of torch.save files, written byte for byte as PyTorch 1.13's
// PyTorchStreamWriter (miniz) writes it, and read back with every structural check we can make,
// so a damaged file fails with a sentence naming what is wrong.
//
// PyTorch's layout: records are stored (never deflated); each local header carries an extra
// field "FB" of 'Z' bytes so that the record's data starts on a 64-byte boundary (torch mmaps
// and aligns storages this way); sizes and CRC go in a data descriptor after the data (flag bit
// 3, plus bit 11 for UTF-8 names; miniz omits the descriptor, and bit 3, for an empty record);
// then the central directory, a ZIP64 end record, its locator,
// and the classic end record. All times, dates and "version made by" fields are zero.

import { inflateSync } from "fflate";
import { RuntimeError } from "@tsgrad/py";
import { crc32 } from "./crc32.ts";

const ALIGN = 64;
const LOCAL_SIG = 0x04034b50;
const DESCRIPTOR_SIG = 0x08074b50;
const CENTRAL_SIG = 0x02014b50;
const ZIP64_END_SIG = 0x06064b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const END_SIG = 0x06054b50;
const UTF8 = 0x0800;
const DESCRIPTOR = 0x0008;
const U32_MAX = 0xffffffff;

export interface ZipRecord {
  name: string;
  data: Uint8Array;
}

/** Growable little-endian byte sink. */
class Sink {
  buf = new Uint8Array(1024);
  view = new DataView(this.buf.buffer);
  n = 0;
  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.n + k) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
    this.view = new DataView(b.buffer);
  }
  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.n, v, true);
    this.n += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.n, v >>> 0, true);
    this.n += 4;
  }
  u64(v: number): void {
    this.room(8);
    this.view.setBigUint64(this.n, BigInt(v), true);
    this.n += 8;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  fill(byte: number, k: number): void {
    this.room(k);
    this.buf.fill(byte, this.n, this.n + k);
    this.n += k;
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

/** The archive bytes for `records`, in order, laid out as PyTorch writes them. */
export function writeZip(records: ZipRecord[]): Uint8Array {
  const out = new Sink();
  const enc = new TextEncoder();
  const central: Array<{ name: Uint8Array; crc: number; size: number; offset: number; flags: number }> = [];
  for (const r of records) {
    if (r.data.length >= U32_MAX) throw new RuntimeError(`record '${r.name}' is too large to save (4 GiB or more)`);
    const name = enc.encode(r.name);
    const offset = out.n;
    // PyTorch's getPadding: the data must start at a multiple of 64 after the 4-byte FB header.
    const start = offset + 30 + name.length + 4;
    const pad = (ALIGN - (start % ALIGN)) % ALIGN;
    const crc = crc32(r.data);
    const flags = r.data.length > 0 ? UTF8 | DESCRIPTOR : UTF8;
    out.u32(LOCAL_SIG);
    out.u16(0); // version needed
    out.u16(flags);
    out.u16(0); // stored
    out.u16(0); // time
    out.u16(0); // date
    out.u32(0); // crc, sizes: in the data descriptor
    out.u32(0);
    out.u32(0);
    out.u16(name.length);
    out.u16(4 + pad);
    out.bytes(name);
    out.u16(0x4246); // "FB"
    out.u16(pad);
    out.fill(0x5a, pad); // 'Z'
    out.bytes(r.data);
    if (flags & DESCRIPTOR) {
      out.u32(DESCRIPTOR_SIG);
      out.u32(crc);
      out.u32(r.data.length);
      out.u32(r.data.length);
    }
    central.push({ name, crc, size: r.data.length, offset, flags });
  }
  const cdStart = out.n;
  for (const c of central) {
    out.u32(CENTRAL_SIG);
    out.u16(0); // made by
    out.u16(0); // needed
    out.u16(c.flags);
    out.u16(0);
    out.u16(0);
    out.u16(0);
    out.u32(c.crc);
    out.u32(c.size);
    out.u32(c.size);
    out.u16(c.name.length);
    out.u16(0); // extra
    out.u16(0); // comment
    out.u16(0); // disk
    out.u16(0); // internal attributes
    out.u32(0); // external attributes
    out.u32(c.offset);
    out.bytes(c.name);
  }
  const cdSize = out.n - cdStart;
  const zip64End = out.n;
  out.u32(ZIP64_END_SIG);
  out.u64(44);
  out.u16(0x031e); // made by (as miniz writes it here)
  out.u16(0x002d); // needed: 4.5, ZIP64
  out.u32(0);
  out.u32(0);
  out.u64(central.length);
  out.u64(central.length);
  out.u64(cdSize);
  out.u64(cdStart);
  out.u32(ZIP64_LOCATOR_SIG);
  out.u32(0);
  out.u64(zip64End);
  out.u32(1);
  out.u32(END_SIG);
  out.u16(0);
  out.u16(0);
  out.u16(Math.min(central.length, 0xffff));
  out.u16(Math.min(central.length, 0xffff));
  out.u32(cdSize);
  out.u32(cdStart);
  out.u16(0);
  return out.result();
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function fail(what: string): never {
  throw new RuntimeError(`PytorchStreamReader failed reading zip archive: ${what}`);
}

/** A zip archive's directory; `read(name)` extracts one record, checking its CRC. */
export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();
  /** Record names in central-directory order. */
  readonly names: string[] = [];
  private view: DataView;

  constructor(private bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = bytes.length;
    // The end record is the last 22 bytes unless the archive has a comment (up to 64 KiB).
    let end = -1;
    for (let p = n - 22; p >= 0 && p >= n - 22 - 0xffff; p--) {
      if (this.u32(p) === END_SIG && p + 22 + this.u16(p + 20) === n) {
        end = p;
        break;
      }
    }
    if (end < 0) fail("failed finding central directory (the file is truncated or is not a zip archive)");
    let count = this.u16(end + 10);
    let cdSize = this.u32(end + 12);
    let cdStart = this.u32(end + 16);
    if (end >= 20 && this.u32(end - 20) === ZIP64_LOCATOR_SIG) {
      const z = this.u64(end - 12);
      if (z + 56 > n || this.u32(z) !== ZIP64_END_SIG) fail("corrupt ZIP64 end of central directory record");
      count = this.u64(z + 32);
      cdSize = this.u64(z + 40);
      cdStart = this.u64(z + 48);
    }
    if (cdStart + cdSize > n) fail(`central directory (${cdSize} bytes at offset ${cdStart}) lies beyond the end of the file (${n} bytes): the file is truncated or corrupt`);
    const dec = new TextDecoder("utf-8", { fatal: false });
    let p = cdStart;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cdStart + cdSize || this.u32(p) !== CENTRAL_SIG) fail(`corrupt central directory entry ${i}`);
      const e: ZipEntry = {
        flags: this.u16(p + 8),
        method: this.u16(p + 10),
        crc: this.u32(p + 16),
        compressedSize: this.u32(p + 20),
        size: this.u32(p + 24),
        localOffset: this.u32(p + 42),
        name: "",
      };
      const nameLen = this.u16(p + 28), extraLen = this.u16(p + 30), commentLen = this.u16(p + 32);
      e.name = dec.decode(bytes.subarray(p + 46, p + 46 + nameLen));
      this.zip64Extra(e, p + 46 + nameLen, extraLen);
      p += 46 + nameLen + extraLen + commentLen;
      if (this.entries.has(e.name)) fail(`duplicate record '${e.name}'`);
      this.entries.set(e.name, e);
      this.names.push(e.name);
    }
  }

  private u16(p: number): number {
    return this.view.getUint16(p, true);
  }
  private u32(p: number): number {
    return this.view.getUint32(p, true);
  }
  private u64(p: number): number {
    const v = this.view.getBigUint64(p, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail("a ZIP64 size or offset is out of range");
    return Number(v);
  }

  /** ZIP64 extended information (id 1): 64-bit values for fields saturated at 0xFFFFFFFF. */
  private zip64Extra(e: ZipEntry, p: number, len: number): void {
    const stop = p + len;
    while (p + 4 <= stop) {
      const id = this.u16(p), sz = this.u16(p + 2);
      if (id === 1) {
        let q = p + 4;
        if (e.size === U32_MAX) (e.size = this.u64(q)), (q += 8);
        if (e.compressedSize === U32_MAX) (e.compressedSize = this.u64(q)), (q += 8);
        if (e.localOffset === U32_MAX) e.localOffset = this.u64(q);
      }
      p += 4 + sz;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  read(name: string): Uint8Array {
    const e = this.entries.get(name);
    if (!e) fail(`file not found: ${name}`);
    if (e.flags & 1) fail(`record '${name}' is encrypted`);
    const p = e.localOffset;
    if (p + 30 > this.bytes.length || this.u32(p) !== LOCAL_SIG) fail(`invalid local header for record '${name}'`);
    const start = p + 30 + this.u16(p + 26) + this.u16(p + 28);
    const stop = start + e.compressedSize;
    if (stop > this.bytes.length) fail(`record '${name}' runs past the end of the file: the file is truncated`);
    const raw = this.bytes.subarray(start, stop);
    let data: Uint8Array;
    if (e.method === 0) data = raw;
    else if (e.method === 8) {
      try {
        data = inflateSync(raw);
      } catch (err) {
        fail(`record '${name}' has corrupt deflate data (${(err as Error).message})`);
      }
    } else fail(`record '${name}' uses unsupported compression method ${e.method}`);
    if (data.length !== e.size) fail(`record '${name}' has ${data.length} bytes where the directory says ${e.size}`);
    if (crc32(data) !== e.crc) fail(`CRC-32 mismatch for record '${name}': the file is corrupt`);
    return data;
  }
}
