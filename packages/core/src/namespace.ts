// The module-level functions of a dialect (`torch.add`, `flow.zeros`...), made from the op
// table. Each runs with its dialect current, so tensors a factory makes carry that dialect.

import { ops } from "./op.ts";
import { dialectState, type Dialect } from "./dialect.ts";
import { dtypeNaming } from "./dtype.ts";

export function dialectFunctions(dialect: Dialect): Record<string, (...args: any[]) => any> {
  const out: Record<string, (...args: any[]) => any> = {};
  for (const [name, op] of Object.entries(ops)) {
    if (op.fn === false || name.startsWith("_")) continue;
    out[name] = inDialect(dialect, op.call);
  }
  return out;
}

export function inDialect<F extends (...args: any[]) => any>(dialect: Dialect, fn: F): F {
  return function (this: unknown, ...args: any[]) {
    const prev = dialectState.current;
    dialectState.current = dialect;
    // dtype objects print with the prefix of the namespace in use (dtype.ts dtypeNaming);
    // Paddle's own dtype printing is its package's business
    if (dialect.name !== "paddle") {
      dtypeNaming.prefix = dialect.dtypePrefix;
      dtypeNaming.format = null;
    }
    try {
      return fn.apply(this, args);
    } finally {
      dialectState.current = prev;
    }
  } as F;
}
