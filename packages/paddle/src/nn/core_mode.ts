// The library's leaf layers (Linear, Conv2D, BatchNorm2D, pools, ...) compute with @tsgrad/nn's
// functional ops, which call tensor methods with the core's meaning: their forward runs in core
// mode (mode.ts). Containers (Sequential) and user subclasses are left alone: a user's forward,
// wherever it is called from, sees Paddle's methods.

import * as L from "./layers.ts";
import { asCore } from "../mode.ts";

const leaves = [L.Linear, L.Conv2D, L.BatchNorm2D, L.MaxPool2D, L.AvgPool2D, L.AdaptiveAvgPool2D, L.ReLU, L.Dropout, L.Flatten];
for (const cls of leaves) {
  const own = Object.getOwnPropertyDescriptor(cls.prototype, "forward");
  if (!own || typeof own.value !== "function" || (own.value as any).__paddleCore) continue;
  const inner = own.value as (...a: unknown[]) => unknown;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    return asCore(() => inner.apply(this, args));
  };
  (wrapped as any).__paddleCore = true;
  Object.defineProperty(cls.prototype, "forward", { ...own, value: wrapped });
}
