// Float32 exp / log / tanh / sigmoid / softmax / log_softmax bit for bit against PyTorch 1.13 on
// the AVX2 machine (compat-tests/golden/f32_math.json, written by gen_f32_math.py). Each case
// regenerates its inputs with the generator's LCG, runs the op on the same tensor layout
// (contiguous, every other element, a row slice, a transposed tensor) and compares a FNV-1a 64
// digest of the output bits (NaNs folded to one pattern); the first 8 outputs are compared
// individually first so that a failure shows values. Kernels: src/kernels/sleef_f32.ts.

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dialectFunctions, float32, torchDialect, Tensor } from "../src/index.ts";
import { expf, logf, tanhf, expfGlibc } from "../src/kernels/sleef_f32.ts";

const torch: any = dialectFunctions(torchDialect);

interface Case {
  op: string;
  kind: [string, ...unknown[]];
  shape: number[];
  layout: string;
  dim: number | null;
  repeat: number;
  seed: number;
  digest: string;
  head: string[];
}
const path = fileURLToPath(new URL("../../../compat-tests/golden/f32_math.json", import.meta.url));
const golden = JSON.parse(readFileSync(path, "utf8")) as { cases: Case[] };

function values(kind: Case["kind"], seed: number, n: number): Float32Array {
  const out = new Float32Array(n);
  const bits = new Uint32Array(out.buffer);
  let x = seed >>> 0;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
  if (kind[0] === "uniform") {
    const lo = kind[1] as number, hi = kind[2] as number;
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * (next() / 4294967296);
  } else if (kind[0] === "bits") {
    const m = kind[1] as number;
    for (let i = 0; i < n; i++) bits[i] = (next() & m) >>> 0;
  } else {
    const list = (kind[1] as string[]).map((h) => parseInt(h, 16));
    for (let i = 0; i < n; i++) bits[i] = list[i % list.length];
  }
  return out;
}

function make(layout: string, shape: number[], data: Float32Array): Tensor {
  const t = Tensor.fromData(data, [data.length], float32);
  if (layout === "contig") return t.view(shape);
  if (layout === "stride2") return t.view([shape[0], 2]).select(1, 0);
  if (layout === "slice") return t.view([shape[0], shape[1] + 3]).narrow(1, 0, shape[1]);
  if (layout === "t") return t.view([shape[1], shape[0]]).t();
  throw new Error(layout);
}

function baseNumel(layout: string, shape: number[]): number {
  const n = shape.reduce((a, b) => a * b, 1);
  return layout === "stride2" ? 2 * n : layout === "slice" ? shape[0] * (shape[1] + 3) : n;
}

const hex = (b: number) => b.toString(16).padStart(8, "0");

function outBits(y: Tensor): Uint32Array {
  const v = Float32Array.from(y._contiguousValues() as Float32Array);
  const b = new Uint32Array(v.buffer);
  for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) b[i] = 0x7fc00000;
  return b;
}

/** FNV-1a 64 over the little-endian bytes, in two 32-bit halves (prime 2^40 + 0x1b3). */
function fnv64(chunks: Uint32Array[]): string {
  let hi = 0xcbf29ce4, lo = 0x84222325;
  for (const c of chunks)
    for (let i = 0; i < c.length; i++) {
      const w = c[i];
      for (let k = 0; k < 32; k += 8) {
        lo = (lo ^ ((w >>> k) & 0xff)) >>> 0;
        // (hi:lo) * (0x100:0x000001b3) mod 2^64
        const l0 = lo & 0xffff, l1 = lo >>> 16;
        const p0 = l0 * 0x1b3;
        const p1 = l1 * 0x1b3 + (p0 >>> 16);
        const nlo = ((p1 & 0xffff) << 16 | (p0 & 0xffff)) >>> 0;
        const carry = Math.floor(p1 / 65536);
        hi = (Math.imul(hi, 0x1b3) + Math.imul(lo, 0x100) + carry) >>> 0;
        lo = nlo;
      }
    }
  return hex(hi) + hex(lo);
}

function run(c: Case, x: Tensor): Tensor {
  if (c.op === "softmax" || c.op === "log_softmax") return torch[c.op](x, c.dim);
  return torch[c.op](x);
}

describe("float32 transcendental kernels match PyTorch 1.13 (AVX2) bit for bit", () => {
  const ops = [...new Set(golden.cases.map((c) => c.op))];
  for (const op of ops)
    it(op, () => {
      const bad: string[] = [];
      for (const c of golden.cases.filter((k) => k.op === op)) {
        const n = baseNumel(c.layout, c.shape);
        const data = values(c.kind, c.seed, n * c.repeat);
        const outs: Uint32Array[] = [];
        for (let i = 0; i < c.repeat; i++) outs.push(outBits(run(c, make(c.layout, c.shape, data.subarray(i * n, (i + 1) * n).slice()))));
        const first: number[] = [];
        for (const o of outs) for (let i = 0; i < o.length && first.length < 8; i++) first.push(o[i]);
        const head = first.map(hex);
        const want = c.head;
        const label = `${op} ${JSON.stringify(c.kind).slice(0, 40)} ${c.layout} [${c.shape}] dim=${c.dim} x${c.repeat}`;
        if (head.slice(0, want.length).join() !== want.join()) bad.push(`${label}: head ${head.join(",")} != ${want.join(",")}`);
        else if (fnv64(outs) !== c.digest) bad.push(`${label}: digest differs`);
      }
      expect(bad).toEqual([]);
    });

  it("scalar routines: edge values", () => {
    expect(expf(0)).toBe(1);
    expect(expf(-Infinity)).toBe(0);
    expect(expf(Infinity)).toBe(Infinity);
    expect(Number.isNaN(expf(NaN))).toBe(true);
    expect(logf(1)).toBe(0);
    expect(logf(0)).toBe(-Infinity);
    expect(Number.isNaN(logf(-1))).toBe(true);
    expect(Object.is(tanhf(-0), -0)).toBe(true);
    expect(tanhf(20)).toBe(1);
    expect(expfGlibc(0)).toBe(1);
  });
});
