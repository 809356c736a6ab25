// Where torch.save writes and torch.load reads: a path, a file-like object (anything with
// write(bytes) / read()), raw bytes, or a BytesIO (Python's io.BytesIO, for in-memory files).

import { readFileSync, writeFileSync } from "node:fs";
import { PyException, TypeError as PyTypeError, pyRepr } from "@tsgrad/py";

export class FileNotFoundError extends PyException {}

/** io.BytesIO: an in-memory binary file with a position. */
export class BytesIO {
  private buf: Uint8Array;
  private len: number;
  private pos = 0;
  constructor(initial?: Uint8Array | ArrayBuffer) {
    this.buf = initial ? new Uint8Array(initial).slice() : new Uint8Array(256);
    this.len = initial ? this.buf.length : 0;
  }
  write(b: Uint8Array): number {
    const end = this.pos + b.length;
    if (end > this.buf.length) {
      const nb = new Uint8Array(Math.max(end, this.buf.length * 2));
      nb.set(this.buf.subarray(0, this.len));
      this.buf = nb;
    }
    this.buf.set(b, this.pos);
    this.pos = end;
    this.len = Math.max(this.len, end);
    return b.length;
  }
  read(n = -1): Uint8Array {
    const end = n < 0 ? this.len : Math.min(this.len, this.pos + n);
    const out = this.buf.slice(this.pos, end);
    this.pos = Math.max(this.pos, end);
    return out;
  }
  seek(offset: number, whence = 0): number {
    this.pos = Math.max(0, whence === 0 ? offset : whence === 1 ? this.pos + offset : this.len + offset);
    return this.pos;
  }
  tell(): number {
    return this.pos;
  }
  getvalue(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
  getbuffer(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
  __repr__(): string {
    return "<_io.BytesIO object>";
  }
}
Object.defineProperty(BytesIO, "__name__", { value: "BytesIO" });

export type FileLike = string | URL | { write(b: Uint8Array): unknown } | { read(): Uint8Array };

/** Python's message for a missing file, instead of Node's ENOENT. */
function fsError(e: unknown, path: string): never {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT") throw new FileNotFoundError(`[Errno 2] No such file or directory: ${pyRepr(path)}`);
  if (code === "EISDIR") throw new PyException(`[Errno 21] Is a directory: ${pyRepr(path)}`);
  throw e;
}

export function writeOut(f: unknown, bytes: Uint8Array): void {
  if (typeof f === "string" || f instanceof URL) {
    try {
      writeFileSync(f, bytes);
    } catch (e) {
      fsError(e, String(f));
    }
  } else if (f !== null && typeof f === "object" && typeof (f as any).write === "function") (f as any).write(bytes);
  else throw new PyTypeError(`expected a file name or a file-like object with write(), got ${pyRepr(f)}`);
}

export function readIn(f: unknown): Uint8Array {
  if (typeof f === "string" || f instanceof URL) {
    try {
      const b = readFileSync(f);
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      fsError(e, String(f));
    }
  }
  if (f instanceof Uint8Array) return f;
  if (f instanceof ArrayBuffer) return new Uint8Array(f);
  if (f !== null && typeof f === "object" && typeof (f as any).read === "function") {
    const b = (f as any).read();
    if (b instanceof Uint8Array) return b;
  }
  throw new PyTypeError(`expected a file name, bytes or a file-like object with read(), got ${pyRepr(f)}`);
}

/** PyTorch's archive name for a path: its base name without the last extension ("archive" for buffers). */
export function archiveName(f: unknown): string {
  if (typeof f !== "string" && !(f instanceof URL)) return "archive";
  const s = typeof f === "string" ? f : f.pathname;
  const base = s.slice(Math.max(s.lastIndexOf("/"), s.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  return dot >= 0 ? base.slice(0, dot) : base;
}
