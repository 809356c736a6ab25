# nn.Linear (matmul, then `res += bias`: python/oneflow/nn/modules/linear.py) trained one SGD step.
import oneflow as flow
m = flow.nn.Linear(2, 1)
with flow.no_grad():
    m.weight.copy_(flow.tensor([[1.0, -1.0]]))
    m.bias.fill_(0.5)
print(m)
x = flow.tensor([[1.0, 2.0], [3.0, 5.0]])
y = flow.tensor([[0.0], [1.0]])
out = m(x)
print(out)
loss = flow.nn.MSELoss()(out, y)
print(loss)
opt = flow.optim.SGD(m.parameters(), lr=0.1)
loss.backward()
print(m.weight.grad, m.bias.grad)
opt.step()
print(m.weight)
print(m.bias)
