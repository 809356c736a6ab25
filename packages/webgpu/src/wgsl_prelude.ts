// Helpers the element expressions of the op table may call (ops/arith.ts writes e.g.
// "floordiv(a, b)"). T is the compute type of one kernel: f32, or i32 when every operand and
// the result are integers/bool. Each helper mirrors the CPU element function beside its
// expression (same NaN and sign conventions where WGSL leaves them open).

const common = `
fn b2t(c: bool) -> T { return select(T(0), T(1), c); }
fn sign_(x: T) -> T { return select(select(T(0), T(-1), x < T(0)), T(1), x > T(0)); }
`;

export const preludeF32 = `alias T = f32;
${common}
fn isnan_(x: f32) -> bool { return !(x == x); }
fn inf_() -> f32 { var bits = 0x7f800000u; return bitcast<f32>(bits); }
fn floor_(x: f32) -> f32 { return floor(x); }
fn ceil_(x: f32) -> f32 { return ceil(x); }
fn trunc_(x: f32) -> f32 { return trunc(x); }
fn round_(x: f32) -> f32 { return round(x); }
fn floordiv(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return a / b; }
  let m = a - b * trunc(a / b);
  var d = (a - m) / b;
  if (m != 0.0 && ((b < 0.0) != (m < 0.0))) { d = d - 1.0; }
  let fl = floor(d);
  return select(fl, fl + 1.0, d - fl > 0.5);
}
fn pymod(a: f32, b: f32) -> f32 {
  let r = a - b * trunc(a / b);
  return select(r, r + b, r != 0.0 && ((r < 0.0) != (b < 0.0)));
}
fn pw(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  if (a < 0.0 && b == floor(b)) {
    let m = pow(-a, b);
    return select(m, -m, abs(b - 2.0 * floor(b / 2.0)) == 1.0);
  }
  if (a == 0.0) { return select(0.0, inf_(), b < 0.0); }
  return pow(a, b);
}
fn clamp_(v: f32, l: f32, h: f32) -> f32 { return select(min(max(v, l), h), v, isnan_(v)); }
fn maxnan(a: f32, b: f32) -> f32 { return select(max(a, b), a + b, isnan_(a) || isnan_(b)); }
fn minnan(a: f32, b: f32) -> f32 { return select(min(a, b), a + b, isnan_(a) || isnan_(b)); }
fn log1p_(x: f32) -> f32 { let u = 1.0 + x; if (u == 1.0) { return x; } return log(u) * x / (u - 1.0); }
fn expm1_(x: f32) -> f32 {
  if (abs(x) < 1e-5) { return x + 0.5 * x * x; }
  return exp(x) - 1.0;
}
fn tanh_(x: f32) -> f32 { return tanh(clamp(x, -20.0, 20.0)); }
`;

export const preludeI32 = `alias T = i32;
${common}
fn floor_(x: i32) -> i32 { return x; }
fn ceil_(x: i32) -> i32 { return x; }
fn trunc_(x: i32) -> i32 { return x; }
fn round_(x: i32) -> i32 { return x; }
fn floordiv(a: i32, b: i32) -> i32 {
  let q = a / b;
  return select(q, q - 1, (a % b != 0) && ((a < 0) != (b < 0)));
}
fn pymod(a: i32, b: i32) -> i32 {
  let r = a % b;
  return select(r, r + b, r != 0 && ((r < 0) != (b < 0)));
}
fn pw(a: i32, b: i32) -> i32 {
  if (b < 0) { return select(select(0, select(-1, 1, b % 2 == 0), a == -1), 1, a == 1); }
  var r = 1; var base = a; var e = b;
  loop { if (e == 0) { break; } if ((e & 1) == 1) { r = r * base; } base = base * base; e = e >> 1u; }
  return r;
}
fn clamp_(v: i32, l: i32, h: i32) -> i32 { return min(max(v, l), h); }
fn maxnan(a: i32, b: i32) -> i32 { return max(a, b); }
fn minnan(a: i32, b: i32) -> i32 { return min(a, b); }
`;
