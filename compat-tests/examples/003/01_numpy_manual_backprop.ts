// Seed 003 (a newer OneFlow release), "numpy 手工实现反向传播": manual backprop in numpy (w starts from unseeded np.random.rand).
import np, { type NDArray } from "@tsgrad/numpy";
import { print, f, range } from "@tsgrad/py";

const ITER_COUNT = 500;
const LR = 0.01;

// forward pass
function forward(x: NDArray, w: NDArray) {
  return np.matmul(x, w);
}

// loss: (0.5*(y_pred-y)**2).sum()
function loss(y_pred: NDArray, y: NDArray) {
  return y_pred.sub(y).pow(2).__rmul__(0.5).sum();
}

// gradient of the loss with respect to w
function gradient(x: NDArray, y: NDArray, y_pred: NDArray) {
  return np.matmul(x.T, y_pred.sub(y));
}

// target: Y = 2*X1 + 3*X2 (Python ints in data, made float32 by dtype=)
const x = np.array([[1n, 2n], [2n, 3n], [4n, 6n], [3n, 1n]], { dtype: np.float32 });
const y = np.array([[8n], [13n], [26n], [9n]], { dtype: np.float32 });

const w = np.random.rand(2, 1);
// training loop
for (const i of range(0, ITER_COUNT)) {
  const y_pred = forward(x, w);
  const l = loss(y_pred, y);
  if ((i + 1) % 50 === 0) print(f`${i + 1}/${500} loss:${l}`);

  const grad = gradient(x, y, y_pred);
  w.__isub__(grad.__rmul__(LR)); // w -= LR*grad: in place, float64
}

print(f`w:${w}`);
