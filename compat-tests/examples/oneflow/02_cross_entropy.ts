// OneFlow v0.8.0 docstring of flow.nn.CrossEntropyLoss (python/oneflow/nn/modules/loss.py),
// a doctest; the input requires grad here, so each result also names its node.
import flow from "@tsgrad/oneflow";
import np from "@tsgrad/numpy";
import { print } from "@tsgrad/py";

const input = flow.tensor(
  [[-0.1664078, -1.7256707, -0.14690138],
   [-0.21474946, 0.53737473, 0.99684894],
   [-1.135804, -0.50371903, 0.7645404]], { dtype: flow.float32 });
const target = flow.tensor(np.array([0n, 1n, 2n]), { dtype: flow.int32 });
const out = flow.nn.CrossEntropyLoss({ reduction: "none" })(input, target);
print(out);
const out_sum = flow.nn.CrossEntropyLoss({ reduction: "sum" })(input, target);
print(out_sum);
const out_mean = flow.nn.CrossEntropyLoss({ reduction: "mean" })(input, target);
print(out_mean);
input.requires_grad_(true);
print(flow.nn.CrossEntropyLoss()(input, target));
print(flow.nn.CrossEntropyLoss({ reduction: "sum" })(input, target));
print(flow.nn.CrossEntropyLoss({ reduction: "none" })(input, target));
