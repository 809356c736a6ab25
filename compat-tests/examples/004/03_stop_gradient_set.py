# Seed 004, part 3.1: setting stop_gradient (re-runs the previous block's `a` silently).
import paddle
a = paddle.to_tensor([1.0, 2.0, 3.0])

a.stop_gradient = False
print(a.stop_gradient)
