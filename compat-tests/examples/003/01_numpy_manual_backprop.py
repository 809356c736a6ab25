# Seed 003 (a newer OneFlow release), "numpy 手工实现反向传播": manual backprop in numpy (w starts from unseeded np.random.rand).
import numpy as np

ITER_COUNT = 500
LR = 0.01

# 前向传播
def forward(x, w):
    return np.matmul(x, w)

# 损失函数
def loss(y_pred, y):
    return (0.5*(y_pred-y)**2).sum()

# 计算梯度
def gradient(x, y, y_pred):
    return np.matmul(x.T, (y_pred-y))

if __name__ == "__main__":
    # 训练目标: Y = 2*X1 + 3*X2
    x = np.array([[1, 2], [2, 3], [4, 6], [3, 1]], dtype=np.float32)
    y = np.array([[8], [13], [26], [9]], dtype=np.float32)

    w = np.random.rand(2, 1)
    # 训练循环
    for i in range(0, ITER_COUNT):
        y_pred = forward(x, w)
        l = loss(y_pred, y)
        if (i+1) % 50 == 0: print(f"{i+1}/{500} loss:{l}")

        grad = gradient(x, y, y_pred)
        w -= LR*grad

    print(f"w:{w}")
