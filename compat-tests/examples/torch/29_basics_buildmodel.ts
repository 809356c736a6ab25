// The PyTorch "Learn the Basics" build-model tutorial, then a module with ModuleList, ModuleDict,
// a buffer and a bare Parameter: printing, state_dict, named_* iterators, zero_grad.
import torch, { nn } from "@tsgrad/torch";
import type { Tensor } from "@tsgrad/torch";
import { print, f, repr, len, list, tuple, sum, type } from "@tsgrad/py";

torch.manual_seed(0);
const device = torch.cuda.is_available() ? "cuda" : "cpu";
print(f`Using ${device} device`);

class NeuralNetwork extends nn.Module {
  constructor() {
    super();
    this.flatten = nn.Flatten();
    this.linear_relu_stack = nn.Sequential(
      nn.Linear(28 * 28, 512),
      nn.ReLU(),
      nn.Linear(512, 512),
      nn.ReLU(),
      nn.Linear(512, 10),
    );
  }

  override forward(x: Tensor) {
    x = this.flatten(x);
    const logits = this.linear_relu_stack(x);
    return logits;
  }
}

const model = new NeuralNetwork().to(device);
print(model);
const X = torch.rand(1, 28, 28, { device: device });
let logits = model(X);
let pred_probab = nn.Softmax({ dim: 1 })(logits);
const y_pred = pred_probab.argmax(1);
print(f`Predicted class: ${y_pred}`);
let input_image = torch.rand(3, 28, 28);
print(input_image.size());
const flatten = nn.Flatten();
const flat_image = flatten(input_image);
print(flat_image.size());
const layer1 = nn.Linear({ in_features: 28 * 28, out_features: 20 });
let hidden1 = layer1(flat_image);
print(hidden1.size());
print(f`Before ReLU: ${hidden1}\n\n`);
hidden1 = nn.ReLU()(hidden1);
print(f`After ReLU: ${hidden1}`);
const seq_modules = nn.Sequential(
  flatten,
  layer1,
  nn.ReLU(),
  nn.Linear(20, 10),
);
input_image = torch.rand(3, 28, 28);
logits = seq_modules(input_image);
const softmax = nn.Softmax({ dim: 1 });
pred_probab = softmax(logits);
print(pred_probab);
print(pred_probab.sum(1));
print(f`Model structure: ${model}\n\n`);
for (const [name, param] of model.named_parameters()) {
  print(f`Layer: ${name} | Size: ${param.size()} | Values : ${param.at(":2")} \n`);
}

for (const [name, child] of model.named_children()) {
  print(name, type(child).__name__);
}
for (const [name, m] of model.named_modules()) {
  print(repr(name), m.__class__.__name__);
}
print(len(list(model.modules())), len(list(model.children())));
print(model.training, model.eval().training, model.linear_relu_stack[0].training);
print(model.train());

class TinyNet extends nn.Module {
  constructor(n_in: number, n_hidden: number, n_out: number) {
    super();
    this.layers = nn.ModuleList([nn.Linear(n_in, n_hidden), nn.Linear(n_hidden, n_out)]);
    this.heads = nn.ModuleDict({ a: nn.Linear(n_out, 1), b: nn.Identity() });
    this.act = nn.Tanh();
    this.register_buffer("running", torch.zeros(n_out));
    this.scale = nn.Parameter(torch.ones(1));
  }

  override forward(x: Tensor) {
    for (const layer of this.layers) {
      x = this.act(layer(x));
    }
    return this.heads["a"](x.mul(this.scale)).add(this.heads["b"](x).sum(1, { keepdim: true }));
  }
}

const net = new TinyNet(3, 4, 2);
print(net);
print(net.state_dict());
for (const [k, v] of net.state_dict().items()) {
  print(k, tuple((v as Tensor).shape));
}
print([...net.named_parameters()].map(([n, _]) => n));
print([...net.named_buffers()].map(([n, _]) => n));
const out = net(torch.ones(5, 3));
print(out);
print(out.shape);
net.zero_grad();
out.sum().backward();
print(net.scale.grad);
print(net.layers[0].weight.grad);
net.zero_grad();
print(net.scale.grad);
print(net.layers[1]);
print(net.heads["a"].weight);
print(sum([...net.parameters()].map((p) => p.numel())));
