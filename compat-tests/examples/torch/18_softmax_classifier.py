import torch
import torch.nn as nn

torch.manual_seed(0)
n = 60
centers = torch.tensor([[2.0, 2.0], [-2.0, 2.0], [0.0, -2.0]])
X = torch.cat([torch.randn(n, 2) * 0.8 + c for c in centers])
y = torch.cat([torch.full((n,), i, dtype=torch.long) for i in range(3)])
print(X.shape, y.shape, y.dtype)
print(y[::30])

model = nn.Linear(2, 3)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(50):
    logits = model(X)
    loss = loss_fn(logits, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 10 == 0:
        acc = (logits.argmax(dim=1) == y).float().mean()
        print(f"epoch {epoch:2d} loss {loss.item():.4f} acc {acc:.3f}")

with torch.no_grad():
    logits = model(X)
    pred = logits.argmax(1)
    correct = (pred == y).sum().item()
print(f"Accuracy: {100 * correct / len(y):.1f}% ({correct}/{len(y)})")
probs = torch.softmax(logits[:3], dim=1)
print(probs)
print(nn.functional.cross_entropy(logits[:5], y[:5]))
print(nn.CrossEntropyLoss(reduction='none')(logits[:4], y[:4]))
print(nn.functional.log_softmax(torch.tensor([[1.0, 2.0, 3.0]]), dim=1))
print(nn.NLLLoss()(torch.log_softmax(logits[:4], 1), y[:4]))
