// torch functions written in Python (or as CompositeImplicit ATen code) in PyTorch 1.13 that are
// not tensor methods: meshgrid (functional.py + TensorShape.cpp), is_nonzero's function form.

import { Tensor, ops } from "@tsgrad/core";
import { RuntimeError, warnings, UserWarning } from "@tsgrad/py";

type T = Tensor;
let meshgridWarned = false;

/** torch.meshgrid(*tensors, indexing=None): ATen's meshgrid, the indexing warning once per process. */
export function meshgrid(...args: unknown[]): T[] {
  let indexing: string | null = null;
  const last = args[args.length - 1];
  if (last !== null && typeof last === "object" && !(last instanceof Tensor) && !Array.isArray(last)) {
    indexing = ((last as { indexing?: string }).indexing ?? null) as string | null;
    args = args.slice(0, -1);
  }
  const tensors = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as T[];
  if (indexing === null) {
    if (!meshgridWarned) {
      meshgridWarned = true;
      warnings.warn(
        "torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument. (Triggered internally at  ./aten/src/ATen/native/TensorShape.cpp:3190.)",
        UserWarning,
      );
    }
    indexing = "ij";
  }
  const n = tensors.length;
  if (n === 0) throw new RuntimeError("meshgrid expects a non-empty TensorList");
  for (let i = 0; i < n - 1; i++) {
    if (tensors[i].dtype !== tensors[i + 1].dtype) throw new RuntimeError("meshgrid expects all tensors to have the same dtype");
  }
  for (const t of tensors) if (t._shape.length > 1) throw new RuntimeError(`torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ${t}`);
  if (indexing !== "ij" && indexing !== "xy") throw new RuntimeError(`torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${indexing}`);
  const swap = indexing === "xy" && n >= 2;
  const ts = swap ? [tensors[1], tensors[0], ...tensors.slice(2)] : tensors;
  const shape = ts.map((t) => t.numel());
  const out = ts.map((t, i) => {
    const view = shape.map((_, j) => (j === i ? -1 : 1));
    return t.view(view).expand(shape);
  });
  // ATen swaps the first two inputs for "xy" and swaps the first two grids back
  return swap ? [out[1], out[0], ...out.slice(2)] : out;
}

export function is_nonzero(x: T): boolean {
  return (ops.is_nonzero.call(x) as unknown) as boolean;
}
