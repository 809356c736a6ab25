// OneFlow dialect: grad_fn names, dtype/device printing, numpy interop and error wording.
// Every expectation comes from OneFlow's public source (v0.8.0 unless said otherwise) or from
// its documentation; the file and function are named beside each test. docs/oneflow.md has
// the whole mapping with links.
import { describe, expect, it } from "vitest";
import flow from "@tsgrad/oneflow";
import { repr, str, f } from "@tsgrad/py";

const gradName = (t: any): string => t.grad_fn.name();
const x = () => flow.tensor([[1.0, 2.0], [3.0, 4.0]], { requires_grad: true });

describe("grad_fn names: `<op_type_name>_backward` (op_interpreter.cpp AutogradInterpreter::Apply)", () => {
  it("binary arithmetic follows binary_functor.cpp / math_functor.cpp", () => {
    const a = x();
    const v = flow.tensor([1.0, 2.0]);
    // AddFunctor: add_n for equal shapes, broadcast_add otherwise; ScalarAdd for a number
    expect(gradName(a.add(a))).toBe("add_n_backward");
    expect(gradName(a.add(v))).toBe("broadcast_add_backward");
    expect(gradName(a.add(2))).toBe("scalar_add_backward");
    expect(gradName(a.__radd__(2))).toBe("scalar_add_backward");
    // SubFunctor is broadcast_sub; ScalarSub is ScalarAdd(x, -s); ScalarSub2 is ScalarAdd(-x, s)
    expect(gradName(a.sub(a))).toBe("broadcast_sub_backward");
    expect(gradName(a.sub(2))).toBe("scalar_add_backward");
    expect(gradName(a.__rsub__(2))).toBe("scalar_add_backward");
    // MulFunctor is broadcast_mul; ScalarMul / ScalarMul2 are scalar_mul (seed 001: 2 * flow.sum(x * x))
    expect(gradName(a.mul(a))).toBe("broadcast_mul_backward");
    expect(gradName(a.mul(2))).toBe("scalar_mul_backward");
    expect(gradName(a.__rmul__(2))).toBe("scalar_mul_backward");
    // DivFunctor is broadcast_div; ScalarDiv is scalar_div; ScalarDiv2 is ReciprocalNoNan + ScalarMul
    expect(gradName(a.div(a))).toBe("broadcast_div_backward");
    expect(gradName(a.div(2))).toBe("scalar_div_backward");
    expect(gradName(a.__rtruediv__(2))).toBe("scalar_mul_backward");
    // a 0-dim tensor operand is a Tensor, so it takes the broadcast op
    expect(gradName(a.mul(flow.tensor(2.0)))).toBe("broadcast_mul_backward");
  });

  it("pow: ScalarPow, ScalarReversePow, pow, broadcast_pow (functional_api.yaml, PowFunctor)", () => {
    const a = x();
    expect(gradName(a.pow(2))).toBe("scalar_pow_backward");
    expect(gradName(a.__rpow__(2))).toBe("scalar_reverse_pow_backward");
    expect(gradName(a.pow(a))).toBe("pow_backward");
    expect(gradName(a.pow(flow.tensor([1.0, 2.0])))).toBe("broadcast_pow_backward");
  });

  it("unary ops are named after their user op (unary_functor.cpp, activation_functor.cpp)", () => {
    const a = x();
    expect(gradName(a.exp())).toBe("exp_backward");
    expect(gradName(a.log())).toBe("log_backward");
    expect(gradName(a.sqrt())).toBe("sqrt_backward");
    expect(gradName(a.tanh())).toBe("tanh_backward");
    expect(gradName(a.relu())).toBe("relu_backward");
    expect(gradName(a.neg())).toBe("negative_backward");
    // v0.8.0's FLOAT_UNARY_FUNC_SEQ maps Sigmoid to the sigmoid_v2 op (v0.9 renamed it sigmoid)
    expect(gradName(a.sigmoid())).toBe("sigmoid_v2_backward");
    expect(gradName(a.softmax(1))).toBe("softmax_backward");
    expect(gradName(a.log_softmax(1))).toBe("log_softmax_backward");
  });

  it("reductions: ReduceSum, ReduceMean = ReduceSum + ScalarMul(1/n), Max = ReduceMax", () => {
    const a = x();
    expect(gradName(a.sum())).toBe("reduce_sum_backward");
    expect(gradName(a.sum(0))).toBe("reduce_sum_backward");
    expect(gradName(a.mean())).toBe("scalar_mul_backward");
    expect(gradName(a.mean(1))).toBe("scalar_mul_backward");
    // ReduceMeanFunctor returns the sum itself when it reduces one element
    expect(gradName(flow.tensor([3.0], { requires_grad: true }).mean())).toBe("reduce_sum_backward");
    expect(gradName(a.max())).toBe("reduce_max_backward");
    expect(gradName(a.max(1)[0])).toBe("reduce_max_backward");
  });

  it("views of non-empty tensors are view:: nodes (tensor_methods.cpp), the user op otherwise", () => {
    const a = x();
    expect(gradName(a.reshape(4))).toBe("view::reshape_backward");
    expect(gradName(a.view(4))).toBe("view::reshape_backward");
    expect(gradName(a.T)).toBe("view::transpose_backward");
    expect(gradName(a.permute(1, 0))).toBe("view::transpose_backward");
    expect(gradName(a.transpose(0, 1))).toBe("view::transpose_backward");
    expect(gradName(a.unsqueeze(0))).toBe("view::unsqueeze_backward");
    expect(gradName(a.unsqueeze(0).squeeze(0))).toBe("view::squeeze_backward");
    expect(gradName(a.at(0, null).expand(2, 2))).toBe("view::expand_backward");
    expect(gradName(a.narrow(0, 0, 1))).toBe("view::narrow_backward");
    // TensorGetItem: a slice is view::slice, an integer index reshapes the slice
    expect(gradName(a.at("0:1"))).toBe("view::slice_backward");
    expect(gradName(a.at(0))).toBe("view::reshape_backward");
    // a reshape no stride fits dispatches the reshape op
    expect(gradName(a.T.reshape(4))).toBe("reshape_backward");
    const e = flow.zeros(0, 2, { requires_grad: true });
    expect(gradName(e.reshape(2, 0))).toBe("reshape_backward");
    expect(gradName(e.unsqueeze(0))).toBe("expand_dims_backward");
  });

  it("matmul: matmul, batch_matmul, broadcast_matmul (nn_functor.cpp MatMulFunctor)", () => {
    const a = x();
    expect(gradName(a.matmul(a))).toBe("matmul_backward");
    const b3 = flow.ones(3, 2, 2, { requires_grad: true });
    expect(gradName(b3.matmul(b3))).toBe("batch_matmul_backward");
    expect(gradName(b3.matmul(a))).toBe("broadcast_matmul_backward");
  });

  it("concat, stack, clone, cast", () => {
    const a = x();
    expect(gradName(flow.cat([a, a]))).toBe("concat_backward");
    expect(gradName(flow.stack([a, a]))).toBe("stack_backward");
    expect(gradName(a.clone())).toBe("copy_backward"); // MirroredTensor::clone is functional::Copy
    expect(gradName(a.to(flow.float64))).toBe("cast_backward");
  });

  it("nn: Linear is matmul then `res += bias` (nn/modules/linear.py); losses (nn_functor.cpp)", () => {
    flow.manual_seed(0);
    const lin = flow.nn.Linear(2, 3);
    const a = x();
    expect(gradName(lin(a))).toBe("broadcast_add_backward");
    expect(gradName(flow.nn.Linear(2, 3, { bias: false })(a))).toBe("matmul_backward");
    const y = flow.tensor([[0.0, 1.0], [1.0, 0.0]]);
    // MseLossFunctor: Sub, Square, then ReduceMean / ReduceSum (seed 000: scalar_mul_backward)
    expect(gradName(flow.nn.MSELoss()(a, y))).toBe("scalar_mul_backward");
    expect(gradName(flow.nn.MSELoss({ reduction: "sum" })(a, y))).toBe("reduce_sum_backward");
    expect(gradName(flow.nn.MSELoss({ reduction: "none" })(a, y))).toBe("square_backward");
    // CrossEntropyFunctor / NLLLossFunctor: nll, reshape to the target, ReduceSum, Div by total weight
    const t = flow.tensor([0n, 1n]);
    expect(gradName(flow.nn.CrossEntropyLoss()(a, t))).toBe("broadcast_div_backward");
    expect(gradName(flow.nn.CrossEntropyLoss({ reduction: "sum" })(a, t))).toBe("reduce_sum_backward");
    expect(gradName(flow.nn.CrossEntropyLoss({ reduction: "none" })(a, t))).toBe("view::reshape_backward");
    expect(gradName(flow.nn.functional.nll_loss(a.log_softmax(1), t, { reduction: "none" }))).toBe("nll_backward");
  });

  it("a leaf shows accumulate_grad once it joined a graph (autograd_engine.cpp AddAccumulateFunctionNode; seed 003)", () => {
    const w = new flow.nn.Parameter(flow.tensor([[2.0], [3.0]]));
    expect(repr(w)).toBe("tensor([[2.],\n        [3.]], dtype=oneflow.float32, requires_grad=True)");
    flow.matmul(flow.ones(1, 2), w);
    expect(repr(w)).toBe("tensor([[2.],\n        [3.]], dtype=oneflow.float32, grad_fn=<accumulate_grad>)");
  });
});

describe("printing (python/oneflow/framework/tensor_str.py _gen_tensor_str_template)", () => {
  it("dtype is always shown, integers and bools too", () => {
    expect(repr(flow.tensor([1n, 2n]))).toBe("tensor([1, 2], dtype=oneflow.int64)");
    expect(repr(flow.tensor([true, false]))).toBe("tensor([ True, False], dtype=oneflow.bool)");
    expect(repr(flow.tensor(3.0))).toBe("tensor(3., dtype=oneflow.float32)");
    expect(repr(flow.tensor([]))).toBe("tensor([], dtype=oneflow.float32)");
    expect(repr(flow.zeros(0, 2))).toBe("tensor([], size=(0, 2), dtype=oneflow.float32)");
    // comparisons are int8 (seed 001)
    expect(repr(flow.ones(2).eq(flow.ones(2)))).toBe("tensor([1, 1], dtype=oneflow.int8)");
  });

  it("dtype objects print as oneflow.<name> (api/python/framework/dtype.cpp: __str__ and __repr__ are name())", () => {
    const t = flow.ones(2);
    expect(t.dtype === flow.float32).toBe(true);
    expect(str(t.dtype)).toBe("oneflow.float32");
    expect(repr(flow.int64)).toBe("oneflow.int64");
    expect(str(t.shape)).toBe("oneflow.Size([2])");
  });

  it("device: repr device(type='cpu', index=0), str cpu:0 (framework/device.cpp ToRepr / ToString)", () => {
    const t = flow.ones(2);
    expect(repr(t.device)).toBe("device(type='cpu', index=0)");
    expect(str(t.device)).toBe("cpu:0");
  });

  it("f-strings format a 0-dim tensor as its Python number (framework/tensor.py _format; seed 003)", () => {
    expect(f`loss:${flow.tensor(0.5)}`).toBe("loss:0.5");
  });
});

describe("numpy interop", () => {
  it("x.numpy() is an ndarray copy; flow.from_numpy makes a tensor of its dtype", () => {
    const a = flow.tensor([[1.0, 2.0], [3.0, 4.0]], { requires_grad: true });
    const n = a.numpy(); // framework/tensor.py _numpy: no requires_grad check
    expect(str(n)).toBe("[[1. 2.]\n [3. 4.]]");
    expect(repr(flow.from_numpy(n))).toBe("tensor([[1., 2.],\n        [3., 4.]], dtype=oneflow.float32)");
  });
});

describe("error wording", () => {
  const message = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      return (e as Error).message;
    }
    return "no error";
  };
  it("backward twice: autograd_engine.cpp FunctionNode::Apply", () => {
    const a = x();
    const y = a.mul(a).sum();
    y.backward();
    expect(message(() => y.backward())).toBe(
      "This FunctionNode with name `reduce_sum_backward` has been released.\nMaybe you try to backward through the node a second time. Specify retain_graph=True when calling .backward() or autograd.grad() the first time.",
    );
  });
  it("non-scalar backward and outputs without grad: api/python/autograd/autograd.cpp CheckAndInitOutGrads", () => {
    expect(message(() => x().mul(2).backward())).toBe("Grad can be implicitly created only for scalar outputs");
    expect(message(() => flow.ones(2).sum().backward())).toBe("All output tensors `.requires_grad` should be true");
    expect(message(() => flow.autograd.grad(x().mul(2), [x()]))).toBe("Grad can be implicitly created only for scalar outputs");
  });
  it("shape mismatch in broadcast ops: user/ops/math_binary_broadcast_ops.cpp (same words as PyTorch)", () => {
    expect(message(() => x().add(flow.ones(3)))).toBe("The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1");
  });
});
