import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(42)
X = torch.randn(100, 1)
y = 3 * X + 2 + 0.1 * torch.randn(100, 1)

model = nn.Linear(1, 1)
print(model)
print(model.weight, model.bias)
criterion = nn.MSELoss()
optimizer = optim.SGD(model.parameters(), lr=0.1)

for epoch in range(100):
    optimizer.zero_grad()
    outputs = model(X)
    loss = criterion(outputs, y)
    loss.backward()
    optimizer.step()
    if (epoch + 1) % 10 == 0:
        print(f'Epoch [{epoch+1}/100], Loss: {loss.item():.4f}')

print(f'weight: {model.weight.item():.3f}, bias: {model.bias.item():.3f}')
for name, param in model.named_parameters():
    print(name, param.data)
with torch.no_grad():
    pred = model(torch.tensor([[4.0]]))
print(pred)
print(model(torch.tensor([[1.0], [2.0]])))
