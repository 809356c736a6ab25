// The bulk random fills that model initialisation uses (133M draws for vgg11) give exactly the
// per-draw stream of random.ts, bit for bit.
import { describe, expect, it } from "vitest";
import { MT19937_64, canonicalFloat, canonicalOfHalves, uniformFloat, fillUniformFloat, NormalFloat } from "../src/random.ts";

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

/** float32(hi * 2^32 + lo) / 2^64 with one exact round-to-nearest-even, in BigInt. */
function reference(hi: number, lo: number): number {
  const x = (BigInt(hi) << 32n) | BigInt(lo);
  let v: number;
  const L = x === 0n ? 0 : x.toString(2).length;
  if (L <= 24) v = Number(x);
  else {
    const drop = BigInt(L - 24);
    let m = x >> drop;
    const rem = x & ((1n << drop) - 1n);
    const half = 1n << (drop - 1n);
    if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
    v = Number(m) * 2 ** Number(drop);
  }
  const r = v / 2 ** 64;
  return r >= 1 ? Math.fround(1 - 2 ** -24) : Math.fround(r);
}

describe("paddle bulk random fills", () => {
  it("canonicalOfHalves rounds every bit length and tie pattern as an exact conversion does", () => {
    let seed = 12345;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const los = [0, 1, 0x7ff, 0x800, 0x801, 0xfff, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0x40000000, 0xc0000000];
    let checked = 0;
    for (let L = 0; L <= 32; L++) {
      for (let t = 0; t < 60; t++) {
        let hi = L === 0 ? 0 : L === 32 ? (rnd() | 0x80000000) >>> 0 : ((rnd() & ((1 << (L - 1)) - 1)) | (1 << (L - 1))) >>> 0;
        // also a hi whose dropped bits are exactly the round bit (a tie decided by lo)
        if (t % 3 === 1 && L > 24) hi = ((hi >>> (L - 24)) << (L - 24) | (1 << (L - 25))) >>> 0;
        if (t % 3 === 2 && L > 24) hi = ((hi >>> (L - 24)) << (L - 24)) >>> 0;
        for (const lo of [...los, rnd(), rnd()]) {
          expect(canonicalOfHalves(hi, lo), `${hi} ${lo}`).toBe(reference(hi, lo));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(25000);
  });

  it("fillCanonical and fillUniformFloat give the per-draw stream", () => {
    const a = new MT19937_64(7n), b = new MT19937_64(7n);
    for (const n of [1, 311, 312, 313, 1000, 400_001]) {
      const bulk = new Float32Array(n);
      a.fillCanonical(bulk);
      const one = new Float32Array(n);
      for (let i = 0; i < n; i++) one[i] = canonicalFloat(b);
      expect(bits(bulk)).toEqual(bits(one));
      expect([a.outHi, a.outLo]).toEqual([b.outHi, b.outLo]);
    }
    const u = new Float32Array(100_003);
    fillUniformFloat(a, u, -0.0123, 0.0123);
    const v = new Float32Array(100_003);
    for (let i = 0; i < v.length; i++) v[i] = uniformFloat(b, -0.0123, 0.0123);
    expect(bits(u)).toEqual(bits(v));
    expect(a.next()).toBe(b.next());
  });

  it("NormalFloat.fill gives draw()'s stream, the saved second value included", () => {
    const a = new MT19937_64(99n), b = new MT19937_64(99n);
    const da = new NormalFloat(0.5, 0.02), db = new NormalFloat(0.5, 0.02);
    for (const n of [1, 2, 7, 10_000, 3, 50_001]) {
      const bulk = new Float32Array(n);
      da.fill(a, bulk);
      const one = new Float32Array(n);
      for (let i = 0; i < n; i++) one[i] = db.draw(b);
      expect(bits(bulk)).toEqual(bits(one));
    }
    expect(da.draw(a)).toBe(db.draw(b));
    expect(a.next()).toBe(b.next());
  });
});
