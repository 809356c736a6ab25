// A softmax classifier (nn.Linear + CrossEntropyLoss) on three seeded Gaussian blobs.
import torch from "@tsgrad/torch";
import nn from "@tsgrad/torch/nn";
import { print, f, fmt, len, range } from "@tsgrad/py";

torch.manual_seed(0);
const n = 60;
const centers = torch.tensor([[2.0, 2.0], [-2.0, 2.0], [0.0, -2.0]]);
const X = torch.cat([...centers].map((c) => torch.randn(n, 2).mul(0.8).add(c)));
const y = torch.cat([...range(3)].map((i) => torch.full([n], BigInt(i), { dtype: torch.long })));
print(X.shape, y.shape, y.dtype);
print(y.at("::30"));

const model = nn.Linear(2, 3);
const loss_fn = nn.CrossEntropyLoss();
const optimizer = torch.optim.SGD(model.parameters(), { lr: 0.5 });
for (const epoch of range(50)) {
  const logits = model(X);
  const loss = loss_fn(logits, y);
  optimizer.zero_grad();
  loss.backward();
  optimizer.step();
  if (epoch % 10 === 0) {
    const acc = logits.argmax({ dim: 1 }).eq(y).float().mean();
    print(f`epoch ${fmt(epoch, "2d")} loss ${fmt(loss.item(), ".4f")} acc ${fmt(acc, ".3f")}`);
  }
}

const [logits, correct] = torch.no_grad(() => {
  const logits = model(X);
  const pred = logits.argmax(1);
  const correct = pred.eq(y).sum().item();
  return [logits, correct];
});
print(f`Accuracy: ${fmt(100 * correct / len(y), ".1f")}% (${correct}/${len(y)})`);
const probs = torch.softmax(logits.at(":3"), { dim: 1 });
print(probs);
print(nn.functional.cross_entropy(logits.at(":5"), y.at(":5")));
print(nn.CrossEntropyLoss({ reduction: "none" })(logits.at(":4"), y.at(":4")));
print(nn.functional.log_softmax(torch.tensor([[1.0, 2.0, 3.0]]), { dim: 1 }));
print(nn.NLLLoss()(torch.log_softmax(logits.at(":4"), 1), y.at(":4")));
