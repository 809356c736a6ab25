// The text of tsgrad's WebAssembly SIMD kernels (WAT). `build.ts` assembles it with wabt into
// src/kernels/wasm/kernels_bytes.ts, which is committed so that nothing is compiled at run time
// or install time; test/wasm_kernels.test.ts assembles it again and checks the committed bytes.
//
// WebAssembly can only read its own memory, so the kernels work on chunks that JS copies in
// and out (kernels/wasm/simd.ts). Every kernel computes exactly what the plain JS loop does:
// IEEE float32 + - * / (what a float32 store of a double result gives, since double rounding
// is harmless for these ops) and float64 ones.

type Ty = "f32" | "f64";
const lanes = (t: Ty) => (t === "f32" ? 4 : 2);
const size = (t: Ty) => (t === "f32" ? 4 : 8);
const vec = (t: Ty) => (t === "f32" ? "f32x4" : "f64x2");

const binOps = { add: "add", sub: "sub", mul: "mul", div: "div" } as const;

/** c[i] = a[i] op b[i] for i < n (byte addresses a, b, c). */
function binary(op: keyof typeof binOps, t: Ty): string {
  const V = vec(t), S = size(t), L = lanes(t);
  return `
  (func (export "${op}_${t}") (param $a i32) (param $b i32) (param $c i32) (param $n i32)
    (local $end i32) (local $vend i32)
    (local.set $end (i32.add (local.get $a) (i32.mul (local.get $n) (i32.const ${S}))))
    (local.set $vend (i32.add (local.get $a) (i32.mul (i32.and (local.get $n) (i32.const ${-2 * L})) (i32.const ${S}))))
    (block $vdone (loop $v
      (br_if $vdone (i32.ge_u (local.get $a) (local.get $vend)))
      (v128.store (local.get $c) (${V}.${op} (v128.load (local.get $a)) (v128.load (local.get $b))))
      (v128.store offset=16 (local.get $c) (${V}.${op} (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 32)))
      (local.set $b (i32.add (local.get $b) (i32.const 32)))
      (local.set $c (i32.add (local.get $c) (i32.const 32)))
      (br $v)))
    (block $done (loop $s
      (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
      (${t}.store (local.get $c) (${t}.${op} (${t}.load (local.get $a)) (${t}.load (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const ${S})))
      (local.set $b (i32.add (local.get $b) (i32.const ${S})))
      (local.set $c (i32.add (local.get $c) (i32.const ${S})))
      (br $s))))`;
}

/** c[i] = a[i] op s (`right`) or s op a[i] for i < n, with s a scalar of the element type. */
function scalar(op: keyof typeof binOps, t: Ty, right: boolean): string {
  const V = vec(t), S = size(t), L = lanes(t);
  const vx = (e: string) => (right ? `(${V}.${op} ${e} (local.get $vs))` : `(${V}.${op} (local.get $vs) ${e})`);
  const sx = (e: string) => (right ? `(${t}.${op} ${e} (local.get $s))` : `(${t}.${op} (local.get $s) ${e})`);
  return `
  (func (export "${op}_${right ? "ts" : "st"}_${t}") (param $a i32) (param $s ${t}) (param $c i32) (param $n i32)
    (local $end i32) (local $vend i32) (local $vs v128)
    (local.set $vs (${V}.splat (local.get $s)))
    (local.set $end (i32.add (local.get $a) (i32.mul (local.get $n) (i32.const ${S}))))
    (local.set $vend (i32.add (local.get $a) (i32.mul (i32.and (local.get $n) (i32.const ${-2 * L})) (i32.const ${S}))))
    (block $vdone (loop $v
      (br_if $vdone (i32.ge_u (local.get $a) (local.get $vend)))
      (v128.store (local.get $c) ${vx("(v128.load (local.get $a))")})
      (v128.store offset=16 (local.get $c) ${vx("(v128.load offset=16 (local.get $a))")})
      (local.set $a (i32.add (local.get $a) (i32.const 32)))
      (local.set $c (i32.add (local.get $c) (i32.const 32)))
      (br $v)))
    (block $done (loop $s
      (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
      (${t}.store (local.get $c) ${sx(`(${t}.load (local.get $a))`)})
      (local.set $a (i32.add (local.get $a) (i32.const ${S})))
      (local.set $c (i32.add (local.get $c) (i32.const ${S})))
      (br $s))))`;
}

/**
 * The innermost loop of PyTorch's cascade sum (kernels/sum_run.ts addSteps): 32 bytes x 4 rows
 * = 128 bytes of accumulators at `acc` (8 vectors), each step adding the next 128 bytes of
 * `src` lane by lane, `count` steps. Accumulators stay in registers across the loop.
 */
function sumSteps(t: Ty): string {
  const V = vec(t);
  const ks = [0, 1, 2, 3, 4, 5, 6, 7];
  return `
  (func (export "sum_steps_${t}") (param $acc i32) (param $src i32) (param $count i32)
    (local $end i32) ${ks.map((k) => `(local $v${k} v128)`).join(" ")}
    ${ks.map((k) => `(local.set $v${k} (v128.load offset=${16 * k} (local.get $acc)))`).join("\n    ")}
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $count) (i32.const 128))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      ${ks.map((k) => `(local.set $v${k} (${V}.add (local.get $v${k}) (v128.load offset=${16 * k} (local.get $src))))`).join("\n      ")}
      (local.set $src (i32.add (local.get $src) (i32.const 128)))
      (br $l)))
    ${ks.map((k) => `(v128.store offset=${16 * k} (local.get $acc) (local.get $v${k}))`).join("\n    ")})`;
}

/**
 * rowSum's level loop (kernels/sum_run.ts): `nblocks` blocks of `lstep` steps of 128 bytes from
 * `src`; level 0 (8 vectors) lives in registers, levels 1-3 at acc+128, +256, +384. After each
 * block level 0 is added into level 1 and cleared, and level j into level j+1 whenever the
 * running step count `i` is a multiple of lstep^j (lstep = 2^lpow), as ATen's cascade does.
 */
function cascade(t: Ty): string {
  const V = vec(t);
  const ks = [0, 1, 2, 3, 4, 5, 6, 7];
  const zero = `(v128.const i64x2 0 0)`;
  const fold = (from: number, to: number) =>
    ks.map((k) => `(v128.store offset=${to * 128 + 16 * k} (local.get $acc) (${V}.add (v128.load offset=${to * 128 + 16 * k} (local.get $acc)) (v128.load offset=${from * 128 + 16 * k} (local.get $acc))))
      (v128.store offset=${from * 128 + 16 * k} (local.get $acc) ${zero})`).join("\n      ");
  return `
  (func (export "cascade_${t}") (param $acc i32) (param $src i32) (param $nblocks i32) (param $i i32) (param $lstep i32) (param $lpow i32)
    (local $end i32) (local $mask i32) ${ks.map((k) => `(local $v${k} v128)`).join(" ")}
    (local.set $mask (i32.sub (local.get $lstep) (i32.const 1)))
    ${ks.map((k) => `(local.set $v${k} (v128.load offset=${16 * k} (local.get $acc)))`).join("\n    ")}
    (block $done (loop $blocks
      (br_if $done (i32.eqz (local.get $nblocks)))
      (local.set $nblocks (i32.sub (local.get $nblocks) (i32.const 1)))
      (local.set $end (i32.add (local.get $src) (i32.mul (local.get $lstep) (i32.const 128))))
      (loop $l
        ${ks.map((k) => `(local.set $v${k} (${V}.add (local.get $v${k}) (v128.load offset=${16 * k} (local.get $src))))`).join("\n        ")}
        (local.set $src (i32.add (local.get $src) (i32.const 128)))
        (br_if $l (i32.lt_u (local.get $src) (local.get $end))))
      (local.set $i (i32.add (local.get $i) (local.get $lstep)))
      ${ks.map((k) => `(v128.store offset=${128 + 16 * k} (local.get $acc) (${V}.add (v128.load offset=${128 + 16 * k} (local.get $acc)) (local.get $v${k})))
      (local.set $v${k} ${zero})`).join("\n      ")}
      (br_if $blocks (i32.and (i32.shr_u (local.get $i) (local.get $lpow)) (local.get $mask)))
      ${fold(1, 2)}
      (br_if $blocks (i32.and (i32.shr_u (local.get $i) (i32.mul (local.get $lpow) (i32.const 2))) (local.get $mask)))
      ${fold(2, 3)}
      (br $blocks)))
    ${ks.map((k) => `(v128.store offset=${16 * k} (local.get $acc) (local.get $v${k}))`).join("\n    ")})`;
}

export function kernelsWat(): string {
  const parts: string[] = [];
  for (const t of ["f32", "f64"] as Ty[]) {
    for (const op of Object.keys(binOps) as (keyof typeof binOps)[]) {
      parts.push(binary(op, t), scalar(op, t, true), scalar(op, t, false));
    }
    parts.push(sumSteps(t), cascade(t));
  }
  // 4 pages (256 KiB) hold three staging chunks and the accumulators; simd.ts grows nothing.
  return `(module\n  (memory (export "memory") 4)${parts.join("\n")}\n)\n`;
}
