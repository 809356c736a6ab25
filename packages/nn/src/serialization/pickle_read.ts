// A pickle reader: the stack machine of CPython's Unpickler for the opcodes of protocols 2-5
// that data pickles use. It never imports or runs anything: GLOBAL asks `findClass`, which
// returns a `Callable` for the few names the caller allows or throws; BUILD asks `build`.
// Python values come back as porting.md maps them: dict -> PyDict, list -> array,
// tuple -> PyTuple, int -> number (bigint beyond 2^53), float -> number (float-marked when
// integral), str -> string, bytes -> Uint8Array, None -> null.

import { PyDict, PyTuple, PyFloat, PyException, asFloat } from "@tsgrad/py";

export class UnpicklingError extends PyException {}

/** Something GLOBAL may push and REDUCE/NEWOBJ may call: `path` is `module.name`. */
export class Callable {
  constructor(readonly path: string, readonly call: (args: unknown[]) => unknown) {}
}

export interface UnpickleHooks {
  findClass(module: string, name: string): unknown;
  persistentLoad(pid: unknown): unknown;
  build(inst: unknown, state: unknown): void;
}

const OPNAMES: Record<number, string> = {
  0x49: "INT", 0x4c: "LONG", 0x46: "FLOAT", 0x53: "STRING", 0x56: "UNICODE", 0x70: "PUT", 0x67: "GET",
  0x50: "PERSID", 0x69: "INST", 0x6f: "OBJ", 0x8f: "EMPTY_SET", 0x90: "ADDITEMS", 0x91: "FROZENSET",
  0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4", 0x92: "NEWOBJ_EX", 0x96: "BYTEARRAY8", 0x97: "NEXT_BUFFER", 0x98: "READONLY_BUFFER",
};

function dictKey(k: unknown): unknown {
  return k instanceof PyFloat ? k.valueOf() : k;
}

export function unpickle(data: Uint8Array, hooks: UnpickleHooks): unknown {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const utf8 = new TextDecoder("utf-8");
  let pos = 0;
  let stack: unknown[] = [];
  const metastack: unknown[][] = [];
  const memo = new Map<number, unknown>();

  const err = (msg: string): never => {
    throw new UnpicklingError(`${msg} (at byte ${pos} of data.pkl)`);
  };
  const need = (n: number): void => {
    if (pos + n > data.length) throw new UnpicklingError("pickle data was truncated");
  };
  const u8 = (): number => (need(1), data[pos++]);
  const u16 = (): number => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const u32 = (): number => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const u64 = (): number => {
    need(8);
    const v = view.getBigUint64(pos, true);
    pos += 8;
    if (v > BigInt(data.length)) err("length out of range");
    return Number(v);
  };
  const bytes = (n: number): Uint8Array => (need(n), (pos += n), data.subarray(pos - n, pos));
  const line = (): string => {
    const end = data.indexOf(0x0a, pos);
    if (end < 0) throw new UnpicklingError("pickle data was truncated");
    const s = utf8.decode(data.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const pop = (): unknown => {
    if (stack.length === 0) err("unpickling stack underflow");
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) err("unpickling stack underflow");
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const prev = metastack.pop();
    if (prev === undefined) err("could not find MARK");
    stack = prev!;
    return items;
  };
  const tuple = (items: unknown[]): PyTuple<unknown> => {
    const t = new PyTuple<unknown>();
    for (const x of items) t.push(x);
    return t;
  };
  const long = (b: Uint8Array): number | bigint => {
    if (b.length === 0) return 0;
    let v = 0n;
    for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
    if (b[b.length - 1] & 0x80) v -= 1n << BigInt(8 * b.length);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };
  const setItems = (d: unknown, items: unknown[]): void => {
    if (!(d instanceof PyDict)) err(`SETITEM(S) on a ${d === null ? "None" : typeof d} (expected a dict)`);
    for (let i = 0; i + 1 < items.length; i += 2) (d as PyDict)._map.set(dictKey(items[i]), items[i + 1]);
  };
  const extend = (l: unknown, items: unknown[]): void => {
    if (!Array.isArray(l) || l instanceof PyTuple) err("APPEND(S) on something that is not a list");
    (l as unknown[]).push(...items);
  };
  const call = (f: unknown, args: unknown): unknown => {
    if (!(f instanceof Callable)) err("REDUCE of something that is not a callable");
    if (!Array.isArray(args)) err("REDUCE arguments are not a tuple");
    return (f as Callable).call(args as unknown[]);
  };

  for (;;) {
    if (pos >= data.length) throw new UnpicklingError("pickle data was truncated (no STOP opcode)");
    const op = data[pos++];
    switch (op) {
      case 0x80: // PROTO
        if (u8() > 5) err("unsupported pickle protocol");
        break;
      case 0x95: // FRAME: framing only groups reads
        u64();
        break;
      case 0x2e: // STOP
        return pop();
      case 0x28: // MARK
        metastack.push(stack);
        stack = [];
        break;
      case 0x30: // POP
        if (stack.length > 0) stack.pop();
        else popMark();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        stack.push(top());
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4a: // BININT
        need(4);
        stack.push(view.getInt32(pos, true));
        pos += 4;
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x8a: // LONG1
        stack.push(long(bytes(u8())));
        break;
      case 0x8b: // LONG4
        stack.push(long(bytes(u32())));
        break;
      case 0x47: // BINFLOAT (big-endian)
        need(8);
        stack.push(asFloat(view.getFloat64(pos, false)));
        pos += 8;
        break;
      case 0x58: // BINUNICODE
        stack.push(utf8.decode(bytes(u32())));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(utf8.decode(bytes(u8())));
        break;
      case 0x8d: // BINUNICODE8
        stack.push(utf8.decode(bytes(u64())));
        break;
      case 0x55: // SHORT_BINSTRING: a Python 2 str, decoded as torch.load does (utf-8)
        stack.push(utf8.decode(bytes(u8())));
        break;
      case 0x54: // BINSTRING
        stack.push(utf8.decode(bytes(u32())));
        break;
      case 0x43: // SHORT_BINBYTES
        stack.push(bytes(u8()).slice());
        break;
      case 0x42: // BINBYTES
        stack.push(bytes(u32()).slice());
        break;
      case 0x8e: // BINBYTES8
        stack.push(bytes(u64()).slice());
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push(tuple([]));
        break;
      case 0x85: // TUPLE1
        stack.push(tuple([pop()]));
        break;
      case 0x86: { // TUPLE2
        const b = pop(), a = pop();
        stack.push(tuple([a, b]));
        break;
      }
      case 0x87: { // TUPLE3
        const c = pop(), b = pop(), a = pop();
        stack.push(tuple([a, b, c]));
        break;
      }
      case 0x74: { // TUPLE (popMark replaces `stack`: pop before pushing)
        const t = tuple(popMark());
        stack.push(t);
        break;
      }
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x6c: { // LIST
        const l = popMark();
        stack.push(l);
        break;
      }
      case 0x7d: // EMPTY_DICT
        stack.push(new PyDict());
        break;
      case 0x64: { // DICT
        const items = popMark();
        const d = new PyDict();
        setItems(d, items);
        stack.push(d);
        break;
      }
      case 0x61: { // APPEND
        const v = pop();
        extend(top(), [v]);
        break;
      }
      case 0x65: { // APPENDS
        const items = popMark();
        extend(top(), items);
        break;
      }
      case 0x73: { // SETITEM
        const v = pop(), k = pop();
        setItems(top(), [k, v]);
        break;
      }
      case 0x75: { // SETITEMS
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x71: // BINPUT
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
      case 0x6a: { // LONG_BINGET
        const i = op === 0x68 ? u8() : u32();
        if (!memo.has(i)) err(`Memo value not found at index ${i}`);
        stack.push(memo.get(i));
        break;
      }
      case 0x63: { // GLOBAL
        const module = line(), name = line();
        stack.push(hooks.findClass(module, name));
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = pop(), module = pop();
        if (typeof name !== "string" || typeof module !== "string") err("STACK_GLOBAL requires str");
        stack.push(hooks.findClass(module as string, name as string));
        break;
      }
      case 0x52: { // REDUCE
        const args = pop();
        stack.push(call(pop(), args));
        break;
      }
      case 0x81: { // NEWOBJ: cls.__new__(cls, *args), which for the classes we allow is a call
        const args = pop();
        stack.push(call(pop(), args));
        break;
      }
      case 0x62: { // BUILD
        const state = pop();
        hooks.build(top(), state);
        break;
      }
      case 0x51: // BINPERSID
        stack.push(hooks.persistentLoad(pop()));
        break;
      default: {
        const name = OPNAMES[op];
        err(`unsupported pickle opcode 0x${op.toString(16).padStart(2, "0")}${name ? ` (${name})` : ` ('${String.fromCharCode(op)}')`}`);
      }
    }
  }
}
