// Broadcasting between shapes, and the error when shapes do not broadcast.
import torch from "@tsgrad/torch";
import { print, tuple } from "@tsgrad/py";

const a = torch.arange(3n).reshape(tuple([3, 1]));
const b = torch.arange(2n).reshape(tuple([1, 2]));
print(a, b);
print(a.add(b));
const x = torch.ones(5, 3);
const y = torch.tensor([1.0, 2.0, 3.0]);
print(x.mul(y));
print(x.add(1n));
print(torch.arange(4n).mul(0.5));
print(torch.arange(6n).reshape(2, 3).sub(torch.tensor([[10n], [20n]])));
const m = torch.rand(2, 3, { generator: torch.Generator().manual_seed(42) });
print(m);
print(m.sub(m.mean({ dim: 0 })));
print(m.div(m.sum({ dim: 1, keepdim: true })));
print(torch.broadcast_tensors(torch.ones(2, 1), torch.zeros(3))[0].shape);
try {
  torch.ones(2, 3).add(torch.ones(3, 2));
} catch (e) {
  if (!(e instanceof torch.RuntimeError)) throw e;
  print(e);
}
