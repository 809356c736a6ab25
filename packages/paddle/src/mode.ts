// Which Tensor-method semantics a call on a paddle tensor gets.
//
// Paddle's methods differ from torch's in names and argument meaning (`x.sum(axis, dtype,
// keepdim)` where torch has `x.sum(dim, keepdim)`, `x.transpose(perm)` where torch has
// `x.transpose(dim0, dim1)`, full reductions of shape [1]). methods.ts installs them on
// Tensor.prototype for paddle-dialect tensors. The library's own code (the core's op forwards
// and derivatives, @tsgrad/nn's functional ops, paddle layers) calls tensor methods with torch's
// meaning, also on paddle tensors; while it runs, `mode.core` is above zero and the methods keep
// the core's meaning. Every entry point of the paddle package (paddle.* functions, paddle
// methods, backward, library layers' forward) runs its body in core mode.

export const mode = { core: 0 };

/** Run `fn` with tensor methods meaning what the core means by them. */
export function asCore<R>(fn: () => R): R {
  mode.core++;
  try {
    return fn();
  } finally {
    mode.core--;
  }
}

/** Run `fn` with Paddle's method meanings (user callbacks called from library code). */
export function asUser<R>(fn: () => R): R {
  const saved = mode.core;
  mode.core = 0;
  try {
    return fn();
  } finally {
    mode.core = saved;
  }
}
