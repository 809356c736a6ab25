// A dialect is data: what differs between torch, oneflow and paddle when the same engine
// prints or names things. A tensor carries the dialect of the factory that made it and ops
// pass it on, so two dialects can live in one program.

import { bool, int8, type DType } from "./dtype.ts";

export interface Dialect {
  name: "torch" | "oneflow" | "paddle";
  /** Printed before dtype names: torch.float32, oneflow.float32. */
  dtypePrefix: string;
  /** Printed for shapes: torch.Size([2, 2]), oneflow.Size([2, 2]). */
  sizeName: string;
  /** OneFlow prints `dtype=oneflow.float32` even for the default dtype. */
  alwaysShowDtype: boolean;
  /** "numpy": the older OneFlow release printed through numpy's array2string. */
  printStyle: "torch" | "numpy";
  /** Result dtype of comparisons (OneFlow returned int8). */
  compareDtype: DType;
  /** OneFlow shows a leaf's AccumulateGrad node as its grad_fn once it joined a graph. */
  leafShowsAccumulateGrad: boolean;
  /** OneFlow's newer release formats a 0-dim tensor in f-strings as its Python float; the
   *  older one (and torch) show the tensor repr... torch formats 0-dim as the number too. */
  formatZeroDimAsNumber: boolean;
  /** Which column of an op's grad_fn names to use. */
  gradNames: "torch" | "oneflow" | "paddle";
  /**
   * How float32 matrix products sum below the onnxruntime threshold. "sequential": in k order,
   * every product and addition rounded to float32, addmm's bias first or last by sgemm's loop
   * (Debian's PyTorch calls the reference BLAS). "double": in double, rounded once — closer to
   * the blocked FMA BLAS (MKL, OpenBLAS) the OneFlow and Paddle documents were printed with
   * (seed 000's loss at step 100 is 2.2268e-07 there, 2.2327e-07 with reference BLAS).
   */
  productSums: "sequential" | "double";
}

export const torchDialect: Dialect = {
  name: "torch",
  dtypePrefix: "torch",
  sizeName: "torch.Size",
  alwaysShowDtype: false,
  printStyle: "torch",
  compareDtype: bool,
  leafShowsAccumulateGrad: false,
  formatZeroDimAsNumber: true,
  gradNames: "torch",
  productSums: "sequential",
};

export const oneflowDialect: Dialect = {
  name: "oneflow",
  dtypePrefix: "oneflow",
  sizeName: "oneflow.Size",
  alwaysShowDtype: true,
  printStyle: "torch",
  compareDtype: int8,
  leafShowsAccumulateGrad: true,
  formatZeroDimAsNumber: true,
  gradNames: "oneflow",
  productSums: "double",
};

/** PaddlePaddle 2.x. Its Tensor printing (`Tensor(shape=[3], dtype=float32, place=...,
 *  stop_gradient=True,\n       [1., 2., 3.])`), `stop_gradient`, `.grad` and backward rules are
 *  installed by @tsgrad/paddle, which also switches `version` ("2.0" | "2.4"). */
export const paddleDialect: Dialect & { version: "2.0" | "2.4" } = {
  name: "paddle",
  dtypePrefix: "paddle",
  sizeName: "paddle.Size",
  alwaysShowDtype: true,
  printStyle: "torch",
  compareDtype: bool,
  leafShowsAccumulateGrad: false,
  // Paddle's Tensor has no __format__: "{}".format(t) is str(t), the full repr.
  formatZeroDimAsNumber: false,
  gradNames: "paddle",
  productSums: "double",
  version: "2.0",
};

/** The dialect of tensors made where no dialect says otherwise (the core's own factories). */
export const dialectState: { current: Dialect } = { current: torchDialect };
