import torch

a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3 * a ** 3 - b ** 2
print(Q)
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
print(9 * a ** 2 == a.grad)
print(-2 * b == b.grad)
print(a.grad, b.grad)
x = torch.tensor(2.0, requires_grad=True)
ops = [x + 1, x - 1, x * 2, x / 2, x ** 2, -x, x.exp(), x.log(), x.sin(), x.sum(), x.mean(),
       x.view(1), x.reshape(1, 1), x.unsqueeze(0), torch.relu(x), torch.sigmoid(x), torch.tanh(x),
       x.abs(), x.sqrt(), x.clone(), x.pow(3), torch.stack([x, x]), torch.cat([x.view(1), x.view(1)]),
       x.expand(3), x.view(1)[0], x.view(1, 1).t(), x.max(), x.double(), x.view(1, 1).squeeze()]
for o in ops:
    print(type(o.grad_fn).__name__, o.grad_fn.name())
w = torch.randn(3, 2, requires_grad=True)
inp = torch.ones(1, 3)
out = inp @ w
print(out.grad_fn)
print(out.grad_fn.next_functions)
l = out.sum()
print(l.grad_fn.next_functions[0][0])
l.backward()
print(w.grad)
try:
    l.backward()
except RuntimeError as e:
    print(e)
try:
    out.backward()
except RuntimeError as e:
    print(e)
print(w.is_leaf, out.is_leaf)
