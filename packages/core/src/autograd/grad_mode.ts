// Grad mode: one global switch, as PyTorch's thread-local GradMode on a single thread.

export const gradState = { enabled: true };

export function is_grad_enabled(): boolean {
  return gradState.enabled;
}

/** Run `fn` with grad mode set to `mode`, restoring the previous mode even if `fn` throws. */
export function withGradMode<T>(mode: boolean, fn: () => T): T {
  const prev = gradState.enabled;
  gradState.enabled = mode;
  try {
    return fn();
  } finally {
    gradState.enabled = prev;
  }
}

type Block<T> = (() => T) | undefined;

/** A guard used three ways, as in Python: as a block `no_grad(() => ...)`, as a decorator
 *  `no_grad()(fn)`, or (set_grad_enabled only) as a plain statement. */
function guard(mode: boolean) {
  return function <T>(fn?: Block<T>): any {
    if (fn === undefined) {
      // Decorator form: no_grad()(f) returns f wrapped.
      return (<F extends (...a: any[]) => any>(f: F) =>
        function (this: unknown, ...args: any[]) {
          return withGradMode(mode, () => f.apply(this, args));
        }) as any;
    }
    return withGradMode(mode, fn);
  };
}

export const no_grad: { <T>(fn: () => T): T; (): <F extends (...a: any[]) => any>(f: F) => F } = guard(false);
export const enable_grad: { <T>(fn: () => T): T; (): <F extends (...a: any[]) => any>(f: F) => F } = guard(true);
export const inference_mode = no_grad;

/** set_grad_enabled(mode) sets the mode; set_grad_enabled(mode, fn) runs fn under it. */
export function set_grad_enabled<T>(mode: boolean, fn?: () => T): T | undefined {
  if (fn === undefined) {
    gradState.enabled = mode;
    return undefined;
  }
  return withGradMode(mode, fn);
}
