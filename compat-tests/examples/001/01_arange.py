# Seed 001 (OneFlow d2l 2.5.1), cell 1: the vector x to differentiate against.
import oneflow as flow

x = flow.arange(4, dtype=flow.float32)  # 注意end参数是int类型
x
