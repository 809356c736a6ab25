// Products: dot, mv, mm, matmul (@), bmm, outer, norms, and the `out=` form.
import torch from "@tsgrad/torch";
import { print, type, float } from "@tsgrad/py";

const A = torch.arange(20n, { dtype: torch.float32 }).reshape(5, 4);
const x = torch.arange(4n, { dtype: torch.float32 });
let y = torch.ones(4, { dtype: torch.float32 });
print(x, y, torch.dot(x, y));
print(torch.sum(x.mul(y)));
print(A.shape, x.shape, torch.mv(A, x));
const B = torch.ones(4, 3);
print(torch.mm(A, B));
print(A.matmul(B));
print(torch.matmul(A, x));
print(A.matmul(B).shape);
const u = torch.tensor([3.0, -4.0]);
print(torch.norm(u));
print(torch.abs(u).sum());
print(torch.norm(torch.ones([4, 9])));
torch.manual_seed(1);
const b1 = torch.randn(2, 3, 4);
const b2 = torch.randn(2, 4, 2);
print(torch.bmm(b1, b2));
print(torch.outer(torch.tensor([1n, 2n]), torch.tensor([3n, 4n, 5n])));
const tensor = torch.ones(4, 4);
tensor.__setitem__([":", 1], 0n);
const y1 = tensor.matmul(tensor.T);
const y2 = tensor.matmul(tensor.T);
const y3 = torch.rand_like(y1);
torch.matmul(tensor, tensor.T, { out: y3 });
print(y1, y2, y3, { sep: "\n" });
const z1 = tensor.mul(tensor);
const z3 = torch.rand_like(tensor);
torch.mul(tensor, tensor, { out: z3 });
print(z1.equal(z3));
const agg = tensor.sum();
const agg_item = float(agg.item());
print(agg_item, type(agg_item));
try {
  torch.mm(A, torch.ones(3, 3));
} catch (e) {
  if (!(e instanceof torch.RuntimeError)) throw e;
  print(e);
}
