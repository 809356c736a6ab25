// Seed 002, §2.4: y = (w + x) * (w + 1), backward with retain_graph=True.
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";
torch.manual_seed(10); //用于设置随机数 (sets the random seed)

const w = torch.tensor([1.0], { requires_grad: true }); //创建叶子张量，并设定requires_grad为True，因为需要计算梯度；(a leaf tensor; requires_grad=True because we need its gradient)
const x = torch.tensor([2.0], { requires_grad: true }); //创建叶子张量，并设定requires_grad为True，因为需要计算梯度；(a leaf tensor; requires_grad=True because we need its gradient)

const a = torch.add(w, x); //执行运算并搭建动态计算图 (compute, building the dynamic graph)
const b = torch.add(w, 1);
const y = torch.mul(a, b);

y.backward({ retain_graph: true });
print(w.grad); //输出为tensor([5.]) (prints tensor([5.]))
