// The everyday ops of tutorials and blog posts: linspace + sin, where/clamp/clip, argmax/topk/
// sort/max with dim, one_hot, unique with counts, gather, stack/chunk/split, .T/.mT, aliases
// (multiply, greater, ...), accuracy as (pred == y).float().mean() with format specs, in-place
// updates through index assignment, softmax/normalize, einsum.
import torch from "@tsgrad/torch";
import F from "@tsgrad/torch/nn/functional";
import { print, f, fmt, tuple } from "@tsgrad/py";

torch.manual_seed(1);
const x = torch.linspace(-3, 3, { steps: 7 });
print(x, torch.sin(x));
print(torch.where(x.gt(0), x, torch.zeros_like(x)));
print(torch.where(x.gt(0), x, 0.0));
print(torch.clamp(x, { min: -1, max: 2 }), torch.clip(x, -0.5, 0.5));
print(x.clamp({ min: 0 }));
const scores = torch.randn(3, 5);
print(scores);
print(torch.argmax(scores, { dim: 1 }), scores.argmax({ dim: 0, keepdim: true }));
const [vals, idx] = torch.topk(scores, 2, { dim: 1 });
print(vals, idx);
print(torch.sort(scores.at(0), { descending: true }));
print(torch.max(scores, { dim: 1 }));
print(torch.max(scores, 1).indices);
print(torch.maximum(scores.at(0), scores.at(1)));
const labels = torch.tensor([2n, 0n, 1n, 2n, 2n]);
print(F.one_hot(labels), F.one_hot(labels, { num_classes: 4 }).float());
print(torch.unique(labels), labels.unique({ return_counts: true }));
const [values, counts] = torch.unique(torch.tensor([5n, 3n, 5n, 5n, 1n]), { return_counts: true });
print(values.tolist(), counts.tolist());
print(torch.gather(scores, 1, torch.tensor([[0n], [4n], [2n]])));
print(scores.gather(1, labels.at(":3").unsqueeze(1)).squeeze(1));
print(torch.stack([labels, labels.mul(10n)], { dim: 1 }));
const [a, b] = torch.chunk(torch.arange(10n), 2);
print(a, b);
print(torch.split(torch.arange(10n), [3, 7]));
for (const part of torch.arange(7n).split(3)) {
  print(part);
}
const y = torch.arange(6n).view(2, 3);
print(y.T, y.T.shape, y.mT);
print(torch.cat([y, y], { dim: 0 }).shape, torch.cat(tuple([y, y]), 1));
print(torch.multiply(y, 2n), torch.subtract(y, 1n), torch.divide(y, 4n));
print(torch.greater(y, 2n), torch.less_equal(y, 2n), torch.not_equal(y, 3n));
print(y.float().mean(), y.sum({ dim: 0 }), y.sum(1, { keepdim: true }));
const pred = torch.tensor([1n, 0n, 2n, 2n]);
const target = torch.tensor([1n, 1n, 2n, 0n]);
print(pred.eq(target).float().mean(), pred.eq(target).sum().item());
const acc = pred.eq(target).float().mean();
print(f`accuracy: ${fmt(acc, ".2%")}`, f`${fmt(acc.item(), ".3f")}`, f`${fmt(acc.__rmul__(100), ">5.1f")}%`);
print(torch.flatten(torch.ones(2, 3, 4), { start_dim: 1 }).shape);
const z = torch.zeros(3, 4);
z.__setitem__([1, ":"], 1);
z.__setitem__([":", 2], z.at(":", 2).__iadd__(5));
z.add_(torch.ones(4));
z.mul_(2).sub_(1);
print(z);
print(z.numel(), z.dim(), z.ndim, z.size(1), tuple(z.shape));
print(torch.randperm(6), torch.randint({ low: 0, high: 3, size: tuple([2, 3]) }));
const m = torch.tensor([[1.0, 2.0], [3.0, 4.0]]);
print(m.matmul(m), m.matmul(m), torch.mm(m, m.T), m.mul(m));
print(torch.softmax(m, { dim: 1 }), m.softmax(-1).sum(1));
print(F.normalize(m, { dim: 1 }));
print(torch.log_softmax(m, { dim: 0 }));
print(torch.einsum("ij,jk->ik", m, m));
