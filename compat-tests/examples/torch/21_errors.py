import torch

def attempt(fn):
    try:
        fn()
    except (RuntimeError, IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)

attempt(lambda: torch.ones(2, 3) + torch.ones(4, 3))
attempt(lambda: torch.ones(2, 3) @ torch.ones(2, 3))
attempt(lambda: torch.ones(2, 3).view(4))
attempt(lambda: torch.ones(2, 3)[5])
attempt(lambda: torch.ones(2, 3)[:, 3])
attempt(lambda: torch.ones(3).item())
attempt(lambda: torch.cat([torch.ones(2, 3), torch.ones(2, 4)]))
attempt(lambda: torch.ones(2, 3).reshape(5, -1))
attempt(lambda: torch.ones(2).sum(dim=1))
attempt(lambda: torch.ones(2, 2).backward())
attempt(lambda: torch.ones(2, requires_grad=True).sum().backward(torch.ones(2)))
attempt(lambda: torch.ones(2, requires_grad=True).add_(1))
attempt(lambda: torch.tensor([[1, 2], [3]]))
attempt(lambda: torch.ones(2, 3).permute(0))
attempt(lambda: torch.ones(2, 3).transpose(0, 2))
attempt(lambda: torch.stack([torch.ones(2), torch.ones(3)]))
attempt(lambda: float(torch.ones(2)))
attempt(lambda: torch.mv(torch.ones(2, 3), torch.ones(2)))
attempt(lambda: torch.dot(torch.ones(2), torch.ones(3)))
attempt(lambda: torch.nn.Linear(3, 2)(torch.ones(4, 2)))
attempt(lambda: torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0.0, 1.0])))
attempt(lambda: torch.tensor([1, 2]).mean())
attempt(lambda: torch.arange(6).reshape(2, 3).squeeze(2))
attempt(lambda: torch.zeros(2, 2).expand(3, 3))
attempt(lambda: torch.nn.MSELoss()(torch.ones(2, 1), torch.ones(2, 1, dtype=torch.long)))
