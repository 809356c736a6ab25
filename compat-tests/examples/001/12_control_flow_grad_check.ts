// Seed 001 (OneFlow d2l 2.5.4), cell 12: f is piecewise linear, f(a) = k*a, so a.grad == d/a.
import flow, { type Tensor } from "@tsgrad/oneflow";
import { print } from "@tsgrad/py";

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
const a = flow.randn(1, { requires_grad: true });
const d = f(a);
d.backward();

// --- this cell ---
print(a.grad!.eq(d.div(a))); // a.grad == d / a; the notebook displays the cell's last expression (its repr)
