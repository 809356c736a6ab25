# The same program in PyTorch 1.13, for comparison: /usr/bin/python3 examples/train_classifier.py
# prints the lines train_classifier.ts prints (same seed, same RNG stream, same Adam steps).
import torch
from torch import nn, optim
def make_spiral(n, classes):
    xs, ys = [], []
    for c in range(classes):
        r = torch.linspace(0.05, 1, n)
        theta = torch.linspace(c * 4, (c + 1) * 4, n) + torch.randn(n) * 0.2
        xs.append(torch.stack([r * theta.sin(), r * theta.cos()], 1))
        ys.append(torch.full([n], c))
    return torch.cat(xs), torch.cat(ys)
def accuracy(model, X, y):
    with torch.no_grad():
        return model(X).argmax(1).eq(y).float().mean().item()
torch.manual_seed(0)
X, y = make_spiral(100, 3)
model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 3))
loss_fn = nn.CrossEntropyLoss()
optimizer = optim.Adam(model.parameters(), lr=0.01)
n = X.shape[0]; epochs = 20; bs = 30
for epoch in range(1, epochs + 1):
    perm = torch.randperm(n)
    total = 0
    for start in range(0, n, bs):
        idx = perm[start:start + bs]
        xb, yb = X[idx], y[idx]
        loss = loss_fn(model(xb), yb)
        optimizer.zero_grad(); loss.backward(); optimizer.step()
        total += loss.item() * xb.shape[0]
    print(f"epoch {epoch}/{epochs} loss {total / n:.4f} acc {accuracy(model, X, y):.4f}")
