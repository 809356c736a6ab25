import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.hidden = nn.Linear(20, 256)
        self.out = nn.Linear(256, 10)

    def forward(self, X):
        return self.out(F.relu(self.hidden(X)))

torch.manual_seed(0)
net = Net()
print(net)
X = torch.rand(2, 20)
print(net(X).shape)
print(net(X)[0, :3])
params = list(net.parameters())
print(len(params))
print(params[0].size())

class MySequential(nn.Module):
    def __init__(self, *args):
        super().__init__()
        for idx, module in enumerate(args):
            self._modules[str(idx)] = module

    def forward(self, X):
        for block in self._modules.values():
            X = block(X)
        return X

net2 = MySequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10))
print(net2)
print(net2(X).shape)

class FixedHiddenMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.rand_weight = torch.rand((20, 20), requires_grad=False)
        self.linear = nn.Linear(20, 20)

    def forward(self, X):
        X = self.linear(X)
        X = F.relu(torch.mm(X, self.rand_weight) + 1)
        X = self.linear(X)
        while X.abs().sum() > 1:
            X /= 2
        return X.sum()

net3 = FixedHiddenMLP()
print(net3(X))
print(net3)
print(net.hidden.weight.grad)
out = net(X).sum()
out.backward()
print(net.out.bias.grad)
print(net.state_dict()['out.bias'].shape)
def init_normal(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, mean=0, std=0.01)
        nn.init.zeros_(m.bias)
net.apply(init_normal)
print(net.hidden.weight[0, :4], net.hidden.bias[0])
def init_constant(m):
    if type(m) == nn.Linear:
        nn.init.constant_(m.weight, 1)
        nn.init.zeros_(m.bias)
net.apply(init_constant)
print(net.hidden.weight.data[0], net.hidden.bias.data[0])
nn.init.xavier_uniform_(net.out.weight)
print(net.out.weight[0, :3])
