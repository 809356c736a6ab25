// @tsgrad/optim: torch.optim / flow.optim (PyTorch 1.13's optimizers and lr schedulers).
//
//   import { optim } from "@tsgrad/torch";    optim.SGD(model.parameters(), 0.01)
//   torch.optim.Adam(params, { lr: 1e-3 });   torch.optim.lr_scheduler.StepLR(opt, 30)

import lr_scheduler from "./lr_scheduler.ts";
import { Optimizer, required } from "./optimizer.ts";
import { SGD } from "./sgd.ts";
import { Adam, AdamW } from "./adam.ts";
import { RMSprop } from "./rmsprop.ts";
import { Adagrad } from "./adagrad.ts";

export { Optimizer, required, SGD, Adam, AdamW, RMSprop, Adagrad, lr_scheduler };
export { DefaultDict, Counter } from "./dicts.ts";

const optim = { Optimizer, SGD, Adam, AdamW, RMSprop, Adagrad, lr_scheduler };
export default optim;
