import torch
from torch import nn

torch.manual_seed(1)
true_w = torch.tensor([2, -3.4])
true_b = 4.2
X = torch.normal(0, 1, (1000, 2))
y = torch.matmul(X, true_w) + true_b
y += torch.normal(0, 0.01, y.shape)
labels = y.reshape((-1, 1))

net = nn.Sequential(nn.Linear(2, 1))
print(net)
print(net[0].weight.data.normal_(0, 0.01))
print(net[0].bias.data.fill_(0))
loss = nn.MSELoss()
trainer = torch.optim.SGD(net.parameters(), lr=0.03)
print(trainer)
num_epochs = 3
for epoch in range(num_epochs):
    perm = torch.randperm(1000)
    for i in range(0, 1000, 10):
        idx = perm[i:i + 10]
        l = loss(net(X[idx]), labels[idx])
        trainer.zero_grad()
        l.backward()
        trainer.step()
    l = loss(net(X), labels)
    print(f'epoch {epoch + 1}, loss {l:f}')
w = net[0].weight.data
print('w的估计误差：', true_w - w.reshape(true_w.shape))
b = net[0].bias.data
print('b的估计误差：', true_b - b)
print(net.state_dict())
