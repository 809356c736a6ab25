import torch

torch.manual_seed(0)
w = torch.tensor([1.0, -2.0], requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
for step in range(3):
    opt.zero_grad()
    loss = (w ** 2).sum()
    loss.backward()
    opt.step()
    print(step, loss.item(), w)
print(opt.state_dict()['param_groups'])
w2 = torch.tensor([1.0, -2.0], requires_grad=True)
adam = torch.optim.Adam([w2], lr=0.1)
print(adam)
for step in range(3):
    adam.zero_grad()
    loss = ((w2 - 3) ** 2).mean()
    loss.backward()
    adam.step()
print(w2)
print(w2.grad)
adam.zero_grad()
print(w2.grad)
model = torch.nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.01, weight_decay=1e-4)
print(opt.param_groups[0]['lr'], len(opt.param_groups[0]['params']))
for g in opt.param_groups:
    g['lr'] = 0.001
print(opt.param_groups[0]['lr'])
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
for epoch in range(5):
    opt.step()
    sched.step()
    print(epoch, sched.get_last_lr())
print(torch.optim.RMSprop([torch.zeros(1, requires_grad=True)], lr=0.01))
