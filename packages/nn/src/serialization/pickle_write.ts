// A protocol-2 pickler that emits what CPython's pickle.Pickler emits for the same objects
// (same opcodes, same memo numbering), so a file saved here reads in Python and a state_dict
// saved here is byte-identical to PyTorch's own. Only data goes in: the caller maps library
// objects (tensors, OrderedDicts) to `Reduce` and `Persistent` values; anything else is refused.

import { PyTuple, PyFloat, isFloatValue, TypeError as PyTypeError } from "@tsgrad/py";

/** A module-level name (`GLOBAL module\nname\n`): a class or function to call on load. */
export class Global {
  constructor(readonly module: string, readonly name: string) {}
}

/**
 * What `obj.__reduce__()` gives in Python: call `func(*args)` on load, then set `dictItems`,
 * then BUILD with `state`. `obj` is the identity the memo records (a second occurrence of the
 * same object becomes a memo reference).
 */
export class Reduce {
  constructor(
    readonly obj: object,
    readonly func: Global,
    readonly args: PyTuple<unknown>,
    readonly dictItems: Array<[unknown, unknown]> | null = null,
    readonly state: unknown = null,
  ) {}
}

/** A dict: `obj` is the memo identity (a PyDict, a Map, a plain object), entries in order. */
export class Dict {
  constructor(readonly obj: object, readonly entries: Array<[unknown, unknown]>) {}
}

/**
 * A string memoized apart from user strings. CPython memoizes by object identity: torch's
 * storage keys and 'cpu' tags are objects of their own, so a user string "0" elsewhere in the
 * data is written again, not fetched from the memo. Keeping a separate namespace for these
 * reproduces torch's bytes.
 */
export class Atom {
  constructor(readonly value: string) {}
}

/** A value pickled by reference (BINPERSID), as torch does for storages. */
export class Persistent {
  constructor(readonly pid: PyTuple<unknown>) {}
}

const BATCH = 1000; // CPython's _BATCHSIZE for APPENDS/SETITEMS

export class Pickler {
  private out: number[] = [];
  private objMemo = new Map<object, number>();
  // CPython memoizes by object identity; equal strings in a PyTorch state_dict are the same
  // interned object, so keying strings (and globals) by value reproduces its numbering.
  private strMemo = new Map<string, number>();
  private globalMemo = new Map<string, number>();
  private memoSize = 0;
  private enc = new TextEncoder();

  /** `convert` maps a library value to Reduce/Persistent (or returns it unchanged). */
  constructor(private convert: (v: unknown) => unknown) {}

  dump(obj: unknown): Uint8Array {
    this.out.push(0x80, 2); // PROTO 2
    this.save(obj);
    this.out.push(0x2e); // STOP
    return Uint8Array.from(this.out);
  }

  private u32(v: number): void {
    this.out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  }
  private put(): number {
    const i = this.memoSize++;
    if (i < 256) this.out.push(0x71, i); // BINPUT
    else this.out.push(0x72), this.u32(i); // LONG_BINPUT
    return i;
  }
  private get(i: number): void {
    if (i < 256) this.out.push(0x68, i); // BINGET
    else this.out.push(0x6a), this.u32(i); // LONG_BINGET
  }

  save(v0: unknown): void {
    if (v0 !== null && typeof v0 === "object") {
      const seen = this.objMemo.get(v0);
      if (seen !== undefined) return this.get(seen);
    }
    const v = this.convert(v0);
    if (v instanceof Persistent) {
      this.save(v.pid);
      this.out.push(0x51); // BINPERSID
      return;
    }
    if (v === null || v === undefined) return void this.out.push(0x4e); // NONE
    if (typeof v === "boolean") return void this.out.push(v ? 0x88 : 0x89);
    if (typeof v === "bigint") return this.saveInt(v);
    if (typeof v === "number" || v instanceof PyFloat) {
      const x = Number(v);
      if (isFloatValue(v) || !Number.isFinite(x)) return this.saveFloat(x);
      return this.saveInt(Number.isSafeInteger(x) ? x : BigInt(x));
    }
    if (typeof v === "string") return this.saveStr(v, "");
    if (v instanceof Atom) return this.saveStr(v.value, "atom:");
    if (v instanceof Global) return this.saveGlobal(v);
    if (typeof v !== "object") throw new PyTypeError(`cannot pickle '${typeof v}' object`);
    if (v instanceof Reduce) return this.saveReduce(v);
    if (v instanceof PyTuple) return this.saveTuple(v);
    if (Array.isArray(v)) {
      this.out.push(0x5d); // EMPTY_LIST
      this.objMemo.set(v, this.put());
      return this.batch(v.map((x) => [x]), 0x61, 0x65); // APPEND / APPENDS
    }
    if (v instanceof Dict) {
      this.out.push(0x7d); // EMPTY_DICT
      this.objMemo.set(v.obj, this.put());
      return this.batch(v.entries, 0x73, 0x75); // SETITEM / SETITEMS
    }
    throw new PyTypeError(`cannot pickle '${v.constructor?.name ?? "object"}' object`);
  }

  private saveInt(v: number | bigint): void {
    if (typeof v === "number") {
      if (v >= 0 && v <= 0xff) return void this.out.push(0x4b, v); // BININT1
      if (v >= 0 && v <= 0xffff) return void this.out.push(0x4d, v & 0xff, v >>> 8); // BININT2
      if (v >= -0x80000000 && v <= 0x7fffffff) return this.out.push(0x4a), this.u32(v); // BININT
      v = BigInt(v);
    } else if (v >= -0x80000000n && v <= 0x7fffffffn) return this.saveInt(Number(v));
    // LONG1/LONG4: little-endian two's complement in the fewest bytes that keep the sign.
    const bytes: number[] = [];
    let x = v;
    for (;;) {
      bytes.push(Number(x & 0xffn));
      x >>= 8n;
      const signBit = (bytes[bytes.length - 1] & 0x80) !== 0;
      if ((x === 0n && !signBit) || (x === -1n && signBit)) break;
    }
    if (bytes.length < 256) this.out.push(0x8a, bytes.length);
    else this.out.push(0x8b), this.u32(bytes.length);
    this.out.push(...bytes);
  }

  private saveFloat(x: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, false); // BINFLOAT is big-endian
    this.out.push(0x47, ...b);
  }

  private saveStr(s: string, ns: string): void {
    const seen = this.strMemo.get(ns + s);
    if (seen !== undefined) return this.get(seen);
    const b = this.enc.encode(s);
    this.out.push(0x58); // BINUNICODE
    this.u32(b.length);
    for (let i = 0; i < b.length; i++) this.out.push(b[i]);
    this.strMemo.set(ns + s, this.put());
  }

  private saveGlobal(g: Global): void {
    const key = `${g.module}\n${g.name}\n`;
    const seen = this.globalMemo.get(key);
    if (seen !== undefined) return this.get(seen);
    this.out.push(0x63, ...this.enc.encode(key)); // GLOBAL
    this.globalMemo.set(key, this.put());
  }

  private saveTuple(t: PyTuple<unknown>): void {
    if (t.length === 0) return void this.out.push(0x29); // EMPTY_TUPLE (not memoized)
    if (t.length <= 3) {
      for (const x of t) this.save(x);
      this.out.push([0x85, 0x86, 0x87][t.length - 1]); // TUPLE1..3
    } else {
      this.out.push(0x28); // MARK
      for (const x of t) this.save(x);
      this.out.push(0x74); // TUPLE
    }
    this.objMemo.set(t, this.put());
  }

  private saveReduce(r: Reduce): void {
    this.save(r.func);
    this.save(r.args);
    this.out.push(0x52); // REDUCE
    this.objMemo.set(r.obj, this.put());
    if (r.dictItems) this.batch(r.dictItems, 0x73, 0x75);
    if (r.state !== null) {
      this.save(r.state);
      this.out.push(0x62); // BUILD
    }
  }

  /** CPython's _batch_appends/_batch_setitems: one item alone, more between MARK and the op. */
  private batch(items: unknown[][], one: number, many: number): void {
    for (let i = 0; i < items.length; i += BATCH) {
      const chunk = items.slice(i, i + BATCH);
      if (chunk.length === 1) {
        for (const x of chunk[0]) this.save(x);
        this.out.push(one);
      } else {
        this.out.push(0x28);
        for (const item of chunk) for (const x of item) this.save(x);
        this.out.push(many);
      }
    }
  }
}
