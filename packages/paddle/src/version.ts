// Which Paddle 2.x release the dialect behaves as. The document of seed 004 was written for
// Paddle 2.0; later 2.x releases (eager mode, 2.3/2.4) changed what users see:
//
//                              "2.0" (default)                 "2.4"
//   x.grad                     numpy array (`[2. 4. 6.]`)      Tensor (`Tensor(shape=[3], ...)`)
//   grads of intermediates     kept (every stop_gradient=False  not kept (leaves only; use
//                              tensor on the path)              retain_grads())
//   place in Tensor printing   CPUPlace                        Place(cpu)
//   paddle.__version__         2.0.0                           2.4.2
//   print(x.dtype)             VarType.FP32                    paddle.float32
//     (Paddle PR #30682 renamed the printed dtype after 2.0.0; the 2.0 Tensor guide shows VarType.FP32)

import { paddleDialect, dtypeNaming, type DType } from "@tsgrad/core";
import { ValueError } from "@tsgrad/py";

export type PaddleVersion = "2.0" | "2.4";

export const versionInfo: Record<PaddleVersion, { version: string; place: string; gradAsNumpy: boolean; retainAllGrads: boolean }> = {
  "2.0": { version: "2.0.0", place: "CPUPlace", gradAsNumpy: true, retainAllGrads: true },
  "2.4": { version: "2.4.2", place: "Place(cpu)", gradAsNumpy: false, retainAllGrads: false },
};

export function profile() {
  return versionInfo[paddleDialect.version];
}

/** `paddle.__version_profile__("2.0" | "2.4")`: switch the dialect's release. */
export function __version_profile__(v: PaddleVersion): void {
  if (!(v in versionInfo)) throw new ValueError(`unknown Paddle version profile '${v}' (expected '2.0' or '2.4')`);
  paddleDialect.version = v;
}

const varType: Record<string, string> = {
  float32: "FP32", float64: "FP64", int64: "INT64", int32: "INT32", int16: "INT16", int8: "INT8", uint8: "UINT8", bool: "BOOL",
};

/** How dtype objects print once the program uses paddle (dtypes are shared objects: see core's dtypeNaming). */
export function paddleDtypeRepr(d: DType): string {
  return paddleDialect.version === "2.0" ? `VarType.${varType[d.name]}` : `paddle.${d.name}`;
}

export function usePaddleDtypeNames(): void {
  dtypeNaming.prefix = "paddle";
  dtypeNaming.format = paddleDtypeRepr;
}
