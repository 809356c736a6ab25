// Seed 001 (OneFlow d2l 2.5.4), cell 11: differentiate through f; the cell prints nothing.
import flow, { type Tensor } from "@tsgrad/oneflow";

// --- earlier cells of section 2.5.4 (this part uses none of 2.5.1-2.5.3), re-run silently ---
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

// --- this cell ---
const a = flow.randn(1, { requires_grad: true });
const d = f(a);
d.backward();
