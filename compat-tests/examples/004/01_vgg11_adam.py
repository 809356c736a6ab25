# Seed 004 (PaddlePaddle 2.0 autograd tutorial), part 2: vgg11 forward, cross_entropy, backward, Adam step.
#加载飞桨和相关类库
import paddle
from paddle.vision.models import vgg11
import paddle.nn.functional as F
import numpy as np

print(paddle.__version__)

model = vgg11()

x = paddle.rand([1,3,224,224])
label = paddle.randint(0,1000)

# 前向传播
predicts = model(x)

# 计算损失
loss = F.cross_entropy(predicts, label)

# 开始进行反向传播
loss.backward()

# 设置优化器
optim = paddle.optimizer.Adam(learning_rate=0.001, parameters=model.parameters())

# 更新参数
optim.step()
