// Comparisons and boolean masks: ==, <, where, masked_select, any/all, logical ops.
import torch from "@tsgrad/torch";
import { print, float, tuple } from "@tsgrad/py";

const X = torch.arange(12n, { dtype: torch.float32 }).reshape(tuple([3, 4]));
const Y = torch.tensor([[2.0, 1n, 4n, 3n], [1n, 2n, 3n, 4n], [4n, 3n, 2n, 1n]]);
print(X.eq(Y));
print(X.lt(Y));
print(X.eq(Y).sum());
print(X.gt(5n).float().mean());
const mask = X.gt(5n);
print(mask.dtype);
print(X.at(mask));
print(torch.where(X.gt(5n), X, torch.zeros_like(X)));
print(torch.where(X.gt(5n), 1.0, 0.0));
print(torch.masked_select(X, mask));
print(mask.any(), mask.all());
print(torch.eq(torch.tensor([1n, 2n]), torch.tensor([1n, 3n])));
print(torch.equal(X, X.clone()));
print(torch.allclose(X, X.add(1e-9)));
print(torch.isclose(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.1])));
print(mask.bitwise_not());
print(mask.bitwise_and(X.lt(10n)));
print(mask.bitwise_or(X.lt(1n)));
print(X.masked_fill(mask, -1n));
print(torch.nonzero(torch.tensor([0n, 1n, 0n, 2n])));
print(torch.tensor([1.0, float("nan")]).isnan());
print(torch.count_nonzero(mask));
print(X.gt(3n).nonzero().at(":3"));
