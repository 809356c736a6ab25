// Common mistakes caught and printed: shape mismatches, bad views, out-of-range indices, autograd misuse.
import torch from "@tsgrad/torch";
import { print, float, type } from "@tsgrad/py";

function attempt(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof torch.RuntimeError || e instanceof torch.IndexError || e instanceof torch.ValueError || e instanceof torch.TypeError)) throw e;
    print(type(e).__name__ + ":", e);
  }
}

attempt(() => torch.ones(2, 3).add(torch.ones(4, 3)));
attempt(() => torch.ones(2, 3).matmul(torch.ones(2, 3)));
attempt(() => torch.ones(2, 3).view(4));
attempt(() => torch.ones(2, 3).at(5));
attempt(() => torch.ones(2, 3).at(":", 3));
attempt(() => torch.ones(3).item());
attempt(() => torch.cat([torch.ones(2, 3), torch.ones(2, 4)]));
attempt(() => torch.ones(2, 3).reshape(5, -1));
attempt(() => torch.ones(2).sum({ dim: 1 }));
attempt(() => torch.ones(2, 2).backward());
attempt(() => torch.ones(2, { requires_grad: true }).sum().backward(torch.ones(2)));
attempt(() => torch.ones(2, { requires_grad: true }).add_(1n));
attempt(() => torch.tensor([[1n, 2n], [3n]]));
attempt(() => torch.ones(2, 3).permute(0));
attempt(() => torch.ones(2, 3).transpose(0, 2));
attempt(() => torch.stack([torch.ones(2), torch.ones(3)]));
attempt(() => float(torch.ones(2)));
attempt(() => torch.mv(torch.ones(2, 3), torch.ones(2)));
attempt(() => torch.dot(torch.ones(2), torch.ones(3)));
attempt(() => torch.nn.Linear(3, 2)(torch.ones(4, 2)));
attempt(() => torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0.0, 1.0])));
attempt(() => torch.tensor([1n, 2n]).mean());
attempt(() => torch.arange(6n).reshape(2, 3).squeeze(2));
attempt(() => torch.zeros(2, 2).expand(3, 3));
attempt(() => torch.nn.MSELoss()(torch.ones(2, 1), torch.ones(2, 1, { dtype: torch.long })));
