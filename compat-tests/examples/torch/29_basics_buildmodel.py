import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
print(f"Using {device} device")

class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, 10),
        )

    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits

model = NeuralNetwork().to(device)
print(model)
X = torch.rand(1, 28, 28, device=device)
logits = model(X)
pred_probab = nn.Softmax(dim=1)(logits)
y_pred = pred_probab.argmax(1)
print(f"Predicted class: {y_pred}")
input_image = torch.rand(3, 28, 28)
print(input_image.size())
flatten = nn.Flatten()
flat_image = flatten(input_image)
print(flat_image.size())
layer1 = nn.Linear(in_features=28 * 28, out_features=20)
hidden1 = layer1(flat_image)
print(hidden1.size())
print(f"Before ReLU: {hidden1}\n\n")
hidden1 = nn.ReLU()(hidden1)
print(f"After ReLU: {hidden1}")
seq_modules = nn.Sequential(
    flatten,
    layer1,
    nn.ReLU(),
    nn.Linear(20, 10)
)
input_image = torch.rand(3, 28, 28)
logits = seq_modules(input_image)
softmax = nn.Softmax(dim=1)
pred_probab = softmax(logits)
print(pred_probab)
print(pred_probab.sum(1))
print(f"Model structure: {model}\n\n")
for name, param in model.named_parameters():
    print(f"Layer: {name} | Size: {param.size()} | Values : {param[:2]} \n")

for name, child in model.named_children():
    print(name, type(child).__name__)
for name, m in model.named_modules():
    print(repr(name), m.__class__.__name__)
print(len(list(model.modules())), len(list(model.children())))
print(model.training, model.eval().training, model.linear_relu_stack[0].training)
print(model.train())

class TinyNet(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(n_in, n_hidden), nn.Linear(n_hidden, n_out)])
        self.heads = nn.ModuleDict({"a": nn.Linear(n_out, 1), "b": nn.Identity()})
        self.act = nn.Tanh()
        self.register_buffer("running", torch.zeros(n_out))
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x):
        for layer in self.layers:
            x = self.act(layer(x))
        return self.heads["a"](x * self.scale) + self.heads["b"](x).sum(1, keepdim=True)

net = TinyNet(3, 4, 2)
print(net)
print(net.state_dict())
for k, v in net.state_dict().items():
    print(k, tuple(v.shape))
print([n for n, _ in net.named_parameters()])
print([n for n, _ in net.named_buffers()])
out = net(torch.ones(5, 3))
print(out)
print(out.shape)
net.zero_grad()
out.sum().backward()
print(net.scale.grad)
print(net.layers[0].weight.grad)
net.zero_grad()
print(net.scale.grad)
print(net.layers[1])
print(net.heads["a"].weight)
print(sum(p.numel() for p in net.parameters()))
