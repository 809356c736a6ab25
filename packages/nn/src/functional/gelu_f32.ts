// Float32 GELU as PyTorch 1.13 computes it on this project's reference build (Debian's
// python3-torch 1.13, x86-64 with AVX-512, MKLDNN enabled, system oneDNN 2.6.3):
//
// - approximate='none' on a contiguous float32 tensor with numel != 1 (ATen Activation.cpp
//   gelu_out_cpu / gelu_backward_out_cpu, `use_mkldnn(self)`: mkldnn user-enabled, contiguous,
//   numel > 1, float32) runs oneDNN's eltwise_gelu_erf, the JIT kernel of
//   src/cpu/x64/injectors/jit_uni_eltwise_injector.cpp (v2.6.3): an Abramowitz-Stegun erf over the
//   injector's own exp polynomial. Every lane runs the same instructions (tails included), so it
//   is an element function; `onednnGeluErf` / `onednnGeluErfGrad` port it step by step, with one
//   rounding per vfmadd/vfnmadd the JIT emits (fma32).
// - otherwise (approximate='tanh', strided inputs, numel == 1, mkldnn disabled) ATen's
//   GeluKernel / GeluBackwardKernel (cpu/Activation.cpp, cpu_kernel_vec): SLEEF on 16-blocks of
//   unit-stride rows, glibc on the rest (the AVX2 build's compiler contracts some mul+add pairs
//   into fma; which ones was settled against torch's outputs, see gen_activation_fixtures.py).

import { fmaf as fma32, sleefF32, erff, sleefExpf, expfGlibc, sleefTanhf, glibcF32 } from "@tsgrad/core";

const F = Math.fround;
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const fromBits = (b: number): number => {
  u32[0] = b >>> 0;
  return f32[0];
};

// injector table constants (bit patterns as the source lists them)
const LN2F = fromBits(0x3f317218);
const EXP_LOG2EF = fromBits(0x3fb8aa3b);
const EXP_LN_FLT_MAX = fromBits(0x42b17218);
const EXP_LN_FLT_MIN = fromBits(0xc2aeac50);
const EXP_P1 = fromBits(0x3f7ffffb);
const EXP_P2 = fromBits(0x3efffee3);
const EXP_P3 = fromBits(0x3e2aad40);
const EXP_P4 = fromBits(0x3d2b9d0d);
const EXP_P5 = fromBits(0x3c07cfce);
const GELU_ERF_APPROX = fromBits(0x3ea7ba05); // p = 0.3275911
const GELU_ERF_ONE_OVER_SQRT_TWO = fromBits(0x3f3504f3);
const GELU_ERF_ONE_OVER_SQRT_PI = fromBits(0x3f106eba);
const ERF_P1 = fromBits(0x3e827906);
const ERF_P2 = fromBits(0xbe91a98e);
const ERF_P3 = fromBits(0x3fb5f0e3);
const ERF_P4 = fromBits(0xbfba00e3);
const ERF_P5 = fromBits(0x3f87dc22);

/** exp_compute_vector_fwd for one lane. */
export function onednnExp(src: number): number {
  const zeroOut = src < EXP_LN_FLT_MIN; // compute_cmp_mask(_cmp_lt_os): false for NaN
  // vminps/vmaxps with the table as second operand: a NaN lane takes the table value
  let v = src < EXP_LN_FLT_MAX ? src : EXP_LN_FLT_MAX;
  v = v > EXP_LN_FLT_MIN ? v : EXP_LN_FLT_MIN;
  let fx = F(v * EXP_LOG2EF);
  fx = F(fx + 0.5);
  const n = Math.floor(fx); // vroundps floor
  const r = fma32(-n, LN2F, v); // vfnmadd231ps: v - n*ln2, one rounding
  // 2^(n-1): (cvtps2dq(n - 1) + 127) << 23, zeroed where src < ln(FLT_MIN)
  const e = n - 1 + 127;
  const pow2 = zeroOut ? 0 : fromBits((e << 23) | 0);
  let p = EXP_P5;
  p = fma32(p, r, EXP_P4);
  p = fma32(p, r, EXP_P3);
  p = fma32(p, r, EXP_P2);
  p = fma32(p, r, EXP_P1);
  p = fma32(p, r, 1);
  p = F(p * pow2);
  return F(p * 2);
}

/** 1 - p(t) * t * exp(-x*x) with the sign of x (both gelu_erf kernels end their erf so). */
function erfTail(x: number, q: number): number {
  // t = 1 / (p*|x| + 1)
  const t = F(1 / fma32(GELU_ERF_APPROX, Math.abs(x), 1));
  const qt = F(q * t); // -exp(-x*x) * t
  let r = ERF_P5;
  r = fma32(r, t, ERF_P4);
  r = fma32(r, t, ERF_P3);
  r = fma32(r, t, ERF_P2);
  r = fma32(r, t, ERF_P1);
  const e = fma32(qt, r, 1);
  return signBit(x) ? -e : e; // vxorps with the sign of x
}

function signBit(v: number): boolean {
  return v < 0 || Object.is(v, -0) || (v !== v && (f32[0] = v, (u32[0] & 0x80000000) !== 0));
}

/** gelu_erf_compute_vector_fwd for one lane: S + S * erf(s / sqrt 2), S = s / 2. */
export function onednnGeluErf(s: number): number {
  const x = F(s * GELU_ERF_ONE_OVER_SQRT_TWO);
  const q = -onednnExp(-F(x * x));
  const erf = erfTail(x, q);
  const S = F(s * 0.5);
  return fma32(erf, S, S);
}

/** gelu_erf_compute_vector_bwd for one lane: d gelu / ds (the kernel then multiplies by diff_dst). */
export function onednnGeluErfGrad(s: number): number {
  const R = F(s * GELU_ERF_ONE_OVER_SQRT_TWO);
  const Q = onednnExp(-F(R * R));
  const T = F(F(R * GELU_ERF_ONE_OVER_SQRT_PI) * Q);
  const erf = erfTail(R, -Q);
  const P = F(T + 0.5);
  return fma32(erf, 0.5, P);
}

// ---- ATen 1.13 GeluKernel / GeluBackwardKernel (cpu/Activation.cpp), float32 ----------------------
// Which mul+add pairs the AVX2 build fused into one fma was settled against torch's outputs
// (12022 inputs per path, every combination tried): the vector lambdas fuse x + kappa*x^3,
// 1 - t*t, 1 + 3*kappa*x^2 and cdf + x*pdf; the scalar lambdas fuse the same in the tanh
// forms but leave the erf form's cdf + x*pdf unfused; neither fuses the tanh backward's last sum.


const ALPHA = F(Math.SQRT1_2); // M_SQRT1_2
const BETA_T = F(Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5); // M_SQRT2 * M_2_SQRTPI * 0.5
const KAPPA = F(0.044715);
const KAPPA3 = F(3 * KAPPA); // scalar_t(3) * kKappa
const BETA_N = F((2 / Math.sqrt(Math.PI)) * Math.SQRT1_2 * 0.5); // M_2_SQRTPI * M_SQRT1_2 * 0.5

/** x * 0.5 * (1 + erf(x * M_SQRT1_2)), vector lambda (SLEEF erff8_u10). */
export const atenGeluVec = (x: number): number => F(F(x * 0.5) * F(1 + sleefF32.erff(F(x * ALPHA))));
/** The scalar lambda (glibc erff). */
export const atenGeluScalar = (x: number): number => F(F(x * 0.5) * F(1 + erff(F(x * ALPHA))));

function geluTanh(x: number, tanh: (v: number) => number): number {
  const cube = F(F(x * x) * x);
  const inner = F(BETA_T * fma32(KAPPA, cube, x));
  return F(F(0.5 * x) * F(1 + tanh(inner)));
}
export const atenGeluTanhVec = (x: number): number => geluTanh(x, sleefTanhf);
export const atenGeluTanhScalar = (x: number): number => geluTanh(x, glibcF32.tanhf);

/** dy * (cdf + x * pdf): the vector lambda (SLEEF erf/exp, cdf + x*pdf fused). */
export function atenGeluGradVec(dy: number, x: number): number {
  const cdf = F(0.5 * F(1 + sleefF32.erff(F(x * ALPHA))));
  const pdf = F(BETA_N * sleefExpf(F(F(x * x) * -0.5)));
  return F(dy * fma32(x, pdf, cdf));
}
/** The scalar lambda (glibc erff/expf, not fused). */
export function atenGeluGradScalar(dy: number, x: number): number {
  const cdf = F(0.5 * F(1 + erff(F(x * ALPHA))));
  const pdf = F(BETA_N * expfGlibc(F(F(x * x) * -0.5)));
  return F(dy * F(cdf + F(x * pdf)));
}

function geluTanhGrad(dy: number, x: number, tanh: (v: number) => number): number {
  const xsq = F(x * x);
  const cube = F(xsq * x);
  const t = tanh(F(BETA_T * fma32(KAPPA, cube, x)));
  const leftDerivative = F(0.5 * F(1 + t));
  const tanhDerivative = fma32(-t, t, 1);
  const innerDerivative = F(BETA_T * fma32(KAPPA3, xsq, 1));
  const rightDerivative = F(F(F(0.5 * x) * tanhDerivative) * innerDerivative);
  return F(dy * F(leftDerivative + rightDerivative));
}
export const atenGeluTanhGradVec = (dy: number, x: number): number => geluTanhGrad(dy, x, sleefTanhf);
export const atenGeluTanhGradScalar = (dy: number, x: number): number => geluTanhGrad(dy, x, glibcF32.tanhf);
