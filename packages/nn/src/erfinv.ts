// The erf family moved to the core (kernels/erf.ts), where torch.erf/erfinv use it too.
export { erf, erff, erfinvFloat, erfinvDouble, fmaf } from "@tsgrad/core";
