# OneFlow v0.8.0 docstring of flow.nn.MSELoss (python/oneflow/nn/modules/loss.py), a doctest.
import oneflow as flow
input = flow.tensor(
    [[-0.02557137, 0.03101675, 1.37493674],
     [0.25599439, -1.08372561, -0.21006816]], dtype=flow.float32)
target = flow.tensor(
    [[-1.53105064, -0.68137555, 0.5931354],
     [-0.49158347, 0.93673637, 0.1324141]], dtype=flow.float32)
for reduction in ["none", "mean", "sum"]:
    m = flow.nn.MSELoss(reduction=reduction)
    out = m(input, target)
    print(out)
