// @tsgrad/autograd: torch.autograd's public functions.
import { grad, backward } from "./grad.ts";
import { Function, FunctionCtx } from "./function.ts";
import { no_grad, enable_grad, set_grad_enabled, inference_mode } from "@tsgrad/core";

export { grad, backward, Function, FunctionCtx };
export { no_grad, enable_grad, set_grad_enabled, inference_mode };

const autograd = { grad, backward, Function, no_grad, enable_grad, set_grad_enabled, inference_mode };
export default autograd;
