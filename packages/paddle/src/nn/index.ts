// paddle.nn (import nn from "@tsgrad/paddle/nn"; also paddle.nn): layers, losses, functional.

import "../fast.ts";
import layers from "./layers.ts";
import F from "./functional.ts";
import { pyCallable } from "../args.ts";
import { Layer } from "./layers.ts";
import { Tensor } from "@tsgrad/core";

type T = Tensor;

/** paddle.nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', soft_label=False, axis=-1) */
class CrossEntropyLoss extends Layer {
  constructor(kw: Record<string, unknown> = {}) {
    super();
    this._kw = kw;
  }
  override forward(input: T, label: T): T {
    return F.cross_entropy(input, label, this._kw) as T;
  }
}
class MSELoss extends Layer {
  constructor(kw: Record<string, unknown> = {}) {
    super();
    this._kw = kw;
  }
  override forward(input: T, label: T): T {
    return F.mse_loss(input, label, this._kw) as T;
  }
}

const nn = { ...layers, CrossEntropyLoss: pyCallable(CrossEntropyLoss), MSELoss: pyCallable(MSELoss), functional: F };
export default nn;
export { F as functional };
