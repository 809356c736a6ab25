// Which Paddle 2.x release the dialect behaves as. The document of seed 004 was written for
// Paddle 2.0; later 2.x releases (eager mode, 2.3/2.4) changed what users see:
//
//                              "2.0" (default)                 "2.4"
//   x.grad                     numpy array (`[2. 4. 6.]`)      Tensor (`Tensor(shape=[3], ...)`)
//   grads of intermediates     kept (every stop_gradient=False  not kept (leaves only; use
//                              tensor on the path)              retain_grads())
//   place in Tensor printing   CPUPlace                        Place(cpu)
//   paddle.__version__         2.0.0                           2.4.2

import { paddleDialect } from "@tsgrad/core";
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
