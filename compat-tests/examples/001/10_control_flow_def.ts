// Seed 001 (OneFlow d2l 2.5.4), cell 10: f goes through a data-dependent while and if.
import flow, { type Tensor } from "@tsgrad/oneflow";

// --- this cell ---
function f(a: Tensor): Tensor {
  let b = a.mul(2);
  while (b.norm().lt(1000).__bool__()) {
    b = b.mul(2);
  }
  let c: Tensor;
  if (b.sum().gt(0).__bool__()) {
    c = b;
  } else {
    c = b.__rmul__(100);
  }
  return c;
}
