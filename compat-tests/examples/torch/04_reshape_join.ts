// Reshaping and joining: reshape/view/permute/transpose/flatten/squeeze, cat/stack/chunk/split.
import torch from "@tsgrad/torch";
import { print, tuple } from "@tsgrad/py";

const x = torch.arange(12n);
print(x.reshape(3, 4));
print(x.view(2, -1));
print(x.view(-1, 6).shape);
const y = x.reshape(2, 3, 2);
print(y.permute(2, 0, 1).shape);
print(y.transpose(0, 1));
print(y.flatten());
print(y.flatten(1));
const a = torch.zeros(1, 3, 1);
print(a.squeeze().shape, a.squeeze(0).shape, a.unsqueeze(0).shape);
const X = torch.arange(12n, { dtype: torch.float32 }).reshape(tuple([3, 4]));
const Y = torch.tensor([[2.0, 1n, 4n, 3n], [1n, 2n, 3n, 4n], [4n, 3n, 2n, 1n]]);
print(torch.cat(tuple([X, Y]), { dim: 0 }));
print(torch.cat(tuple([X, Y]), { dim: 1 }));
print(torch.stack([X, Y]).shape);
print(torch.stack([X.at(0), Y.at(0)], { dim: 1 }));
print(torch.hstack([X.at(0), Y.at(0)]));
print(torch.vstack([X.at(0), Y.at(0)]));
print(X.t());
print(X.T.contiguous().view(-1));
const chunks = torch.chunk(torch.arange(10n), 3);
print(chunks);
print(torch.split(torch.arange(10n), 4));
print(torch.arange(6n).reshape(2, 3).repeat(2, 1));
print(torch.tensor([1n, 2n, 3n]).expand(2, 3));
print(torch.arange(4n).flip(0));
print(X.unbind(0));
try {
  X.T.view(-1);
} catch (e) {
  if (!(e instanceof torch.RuntimeError)) throw e;
  print(e);
}
