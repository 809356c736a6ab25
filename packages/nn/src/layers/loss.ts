// Loss modules: thin Modules over nn.functional, storing `reduction` (and their weight as a
// buffer where PyTorch registers one).

import { type Tensor } from "@tsgrad/core";
import { parseArgs } from "../args.ts";
import { ModuleImpl } from "../module.ts";
import { pyclass } from "../pyclass.ts";
import * as F from "../functional/index.ts";

type T = Tensor;

/** size_average/reduce (deprecated) fold into reduction as in torch.nn._reduction. */
function legacy(a: Record<string, any>): string {
  if (a.size_average == null && a.reduce == null) return a.reduction;
  const sa = a.size_average ?? true;
  const rd = a.reduce ?? true;
  return !rd ? "none" : sa ? "mean" : "sum";
}

function simpleLoss(name: string, extra: Array<readonly [string, unknown]>, fn: (self: any, x: T, y: T) => T) {
  const cls = class extends ModuleImpl {
    constructor(...args: unknown[]) {
      super();
      const a = parseArgs(`${name}.__init__`, [["size_average", null], ["reduce", null], ["reduction", "mean"], ...extra], args);
      this.reduction = legacy(a);
      for (const [k] of extra) this[k] = a[k];
    }
    override forward(input: T, target: T): T {
      return fn(this, input, target);
    }
  };
  return pyclass(cls, name);
}

export const MSELoss = simpleLoss("MSELoss", [], (s, x, y) => F.mse_loss(x, y, { reduction: s.reduction }));
export const L1Loss = simpleLoss("L1Loss", [], (s, x, y) => F.l1_loss(x, y, { reduction: s.reduction }));
export const SmoothL1Loss = simpleLoss("SmoothL1Loss", [["beta", 1.0]], (s, x, y) => F.smooth_l1_loss(x, y, { reduction: s.reduction, beta: s.beta }));
export const KLDivLoss = simpleLoss("KLDivLoss", [["log_target", false]], (s, x, y) => F.kl_div(x, y, { reduction: s.reduction, log_target: s.log_target }));

class HuberLossImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("HuberLoss.__init__", [["reduction", "mean"], ["delta", 1.0]], args);
    this.reduction = a.reduction;
    this.delta = a.delta;
  }
  override forward(x: T, y: T): T {
    return F.huber_loss(x, y, { reduction: this.reduction, delta: this.delta });
  }
}
export const HuberLoss = pyclass(HuberLossImpl, "HuberLoss");

function weightedLoss(name: string, spec: Array<string | readonly [string, unknown]>, fn: (self: any, x: T, y: T) => T) {
  const cls = class extends ModuleImpl {
    constructor(...args: unknown[]) {
      super();
      const a = parseArgs(`${name}.__init__`, spec as any, args);
      this.reduction = legacy(a);
      this.register_buffer("weight", a.weight ?? null);
      for (const s of spec) {
        const k = typeof s === "string" ? s : s[0];
        if (!["weight", "size_average", "reduce", "reduction", "pos_weight"].includes(k)) this[k] = a[k];
      }
      if (name === "BCEWithLogitsLoss") this.register_buffer("pos_weight", a.pos_weight ?? null);
    }
    override forward(input: T, target: T): T {
      return fn(this, input, target);
    }
  };
  return pyclass(cls, name);
}

export const NLLLoss = weightedLoss(
  "NLLLoss",
  [["weight", null], ["size_average", null], ["ignore_index", -100], ["reduce", null], ["reduction", "mean"]],
  (s, x, y) => F.nll_loss(x, y, { weight: s.weight, ignore_index: s.ignore_index, reduction: s.reduction }),
);
export const CrossEntropyLoss = weightedLoss(
  "CrossEntropyLoss",
  [["weight", null], ["size_average", null], ["ignore_index", -100], ["reduce", null], ["reduction", "mean"], ["label_smoothing", 0.0]],
  (s, x, y) => F.cross_entropy(x, y, { weight: s.weight, ignore_index: s.ignore_index, reduction: s.reduction, label_smoothing: s.label_smoothing }),
);
export const BCELoss = weightedLoss(
  "BCELoss",
  [["weight", null], ["size_average", null], ["reduce", null], ["reduction", "mean"]],
  (s, x, y) => F.binary_cross_entropy(x, y, { weight: s.weight, reduction: s.reduction }),
);
export const BCEWithLogitsLoss = weightedLoss(
  "BCEWithLogitsLoss",
  [["weight", null], ["size_average", null], ["reduce", null], ["reduction", "mean"], ["pos_weight", null]],
  (s, x, y) => F.binary_cross_entropy_with_logits(x, y, { weight: s.weight, reduction: s.reduction, pos_weight: s.pos_weight }),
);
