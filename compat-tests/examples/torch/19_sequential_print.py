import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(
    nn.Flatten(),
    nn.Linear(28 * 28, 512),
    nn.ReLU(),
    nn.Linear(512, 512),
    nn.ReLU(),
    nn.Linear(512, 10),
)
print(net)
print(net[1])
print(net[-1].weight.shape)
for name, param in net.named_parameters():
    print(f"Layer: {name} | Size: {param.size()} | Values : {param[:2].shape} \n")
for p in net.parameters():
    print(p.shape, p.requires_grad)
print(list(net.state_dict().keys()))
print(net.state_dict().keys())
print(sum(p.numel() for p in net.parameters()))
print(sum(p.numel() for p in net.parameters() if p.requires_grad))
small = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
print(small[2].state_dict())
print(small[0].bias)
print(*[(name, param.shape) for name, param in small.named_parameters()])
X = torch.rand(2, 4)
print(small(X))
print(nn.Sequential(nn.Conv2d(1, 6, 5), nn.MaxPool2d(2), nn.Dropout(0.5), nn.BatchNorm1d(10), nn.Sigmoid(), nn.Softmax(dim=1), nn.Tanh(), nn.LeakyReLU(0.2)))
print(type(small[0].weight))
print(small[0].weight.dtype)
