// Seed 004 (PaddlePaddle 2.0 autograd tutorial), part 2: vgg11 forward, cross_entropy, backward, Adam step.
//加载飞桨和相关类库 (load paddle and the libraries)
import paddle from "@tsgrad/paddle";
import { vgg11 } from "@tsgrad/paddle/vision/models";
import F from "@tsgrad/paddle/nn/functional";
import np from "@tsgrad/numpy";
import { print } from "@tsgrad/py";

print(paddle.__version__);

const model = vgg11();

const x = paddle.rand([1, 3, 224, 224]);
const label = paddle.randint(0, 1000);

// 前向传播 (forward)
const predicts = model(x);

// 计算损失 (the loss)
const loss: any = F.cross_entropy(predicts, label);

// 开始进行反向传播 (backward)
loss.backward();

// 设置优化器 (the optimizer)
void np; // imported by the document, unused
const optim = paddle.optimizer.Adam({ learning_rate: 0.001, parameters: model.parameters() });

// 更新参数 (update the parameters)
optim.step();
