// Paddle's Python-visible errors (src/errors.ts): exact class and text in both version profiles,
// and every input left as it was. Texts come from Paddle's enforce messages (sources and printouts
// cited in errors.ts); "(at file:line)" is the location table's, line 0 where no printout exists.
import { describe, expect, it, afterEach } from "vitest";
import paddle from "@tsgrad/paddle";
import { tensorFromData } from "@tsgrad/core";
import { str, ValueError, IndexError, TypeError as PyTypeError } from "@tsgrad/py";

afterEach(() => paddle.__version_profile__("2.0"));

const BROADCAST =
  "(InvalidArgument) Broadcast dimension mismatch. Operands could not be broadcast together with the shape of X = [2, 3] and the shape of Y = [4]. Received [3] in X is not equal to [4] in Y at i:1.\n" +
  "  [Hint: Expected x_dims_array[i] == y_dims_array[i] || x_dims_array[i] <= 1 || y_dims_array[i] <= 1 == true, but received x_dims_array[i] == y_dims_array[i] || x_dims_array[i] <= 1 || y_dims_array[i] <= 1:0 != true:1.]";
const STACK_HINT = "  [Hint: If you need C++ stacktraces for debugging, please set `FLAGS_call_stack_level=2`.]\n";

/** Run `f`, expecting class `cls`; return str(e). Tensors' values, shapes, versions must not change. */
function raised(cls: any, f: () => unknown, ...inputs: any[]): string {
  const before = inputs.map((t) => ({ v: JSON.stringify(t.tolist()), s: t.shape.join(), ver: t._version, sg: t.stop_gradient }));
  let err: unknown = null;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(cls);
  expect((err as Error).name).toBe(cls.name);
  inputs.forEach((t, i) => expect({ v: JSON.stringify(t.tolist()), s: t.shape.join(), ver: t._version, sg: t.stop_gradient }).toEqual(before[i]));
  return str(err);
}

describe("Paddle error messages", () => {
  const x = () => paddle.to_tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], { stop_gradient: false });
  const y = () => paddle.to_tensor([1.0, 2.0, 3.0, 4.0]);

  it("broadcast mismatch, 2.0: elementwise_op_function.h, the stack hint and the operator line", () => {
    const a = x(), b = y();
    const at = " (at /paddle/paddle/fluid/operators/elementwise/elementwise_op_function.h:160)\n";
    expect(raised(ValueError, () => paddle.add(a, b), a, b)).toBe(BROADCAST + at + STACK_HINT + "  [operator < elementwise_add > error]");
    expect(raised(ValueError, () => a.__sub__(b), a, b)).toBe(BROADCAST + at + STACK_HINT + "  [operator < elementwise_sub > error]");
    expect(raised(ValueError, () => a.multiply(b), a, b)).toBe(BROADCAST + at + STACK_HINT + "  [operator < elementwise_mul > error]");
    expect(raised(ValueError, () => paddle.divide(a, b), a, b)).toBe(BROADCAST + at + STACK_HINT + "  [operator < elementwise_div > error]");
    // the reflected operator puts the other tensor first (X), as Python's b.__radd__(a) = a + b
    expect(raised(ValueError, () => b.__radd__(a), a, b)).toBe(BROADCAST + at + STACK_HINT + "  [operator < elementwise_add > error]");
    // the shorter shape is aligned right; the first mismatching position is reported
    const c = paddle.ones([3, 2]);
    expect(raised(ValueError, () => paddle.add(a, c), a, c)).toContain("the shape of X = [2, 3] and the shape of Y = [3, 2]. Received [2] in X is not equal to [3] in Y at i:0.");
    // broadcastable shapes still work
    expect(paddle.add(a, paddle.ones([1, 3])).shape).toEqual([2, 3]);
  });

  it("broadcast mismatch, 2.4 (eager): common_shape.h:84, no operator line, ends with a newline", () => {
    paddle.__version_profile__("2.4");
    const a = x(), b = y();
    expect(raised(ValueError, () => a.__add__(b), a, b)).toBe(BROADCAST + " (at /paddle/paddle/phi/kernels/funcs/common_shape.h:84)\n");
  });

  it("reshape with the wrong number of elements (reshape2)", () => {
    const a = x();
    const msg20 = raised(ValueError, () => paddle.reshape(a, [4, 2]), a);
    expect(msg20).toBe(
      "(InvalidArgument) The 'shape' in ReshapeOp is invalid. The input tensor X'size must be equal to the capacity of 'shape'. But received X's shape = [2, 3], X's size = 6, 'shape' is [4, 2], the capacity of 'shape' is 8.\n" +
        "  [Hint: Expected capacity == in_size, but received capacity:8 != in_size:6.] (at /paddle/paddle/fluid/operators/reshape_op.cc:222)\n" +
        STACK_HINT +
        "  [operator < reshape2 > error]",
    );
    // a -1 whose known product does not divide the size: capacity is negative, as Paddle prints it
    expect(raised(ValueError, () => a.reshape([-1, 4]), a)).toContain(
      "The 'shape' attribute in ReshapeOp is invalid. The input tensor X'size must be divisible by known capacity of 'shape'. But received X's shape = [2, 3], X's size = 6, 'shape' is [-1, 4], known capacity of 'shape' is -4.\n  [Hint: Expected output_shape[unk_dim_idx] * capacity == -in_size, but received output_shape[unk_dim_idx] * capacity:-4 != -in_size:-6.]",
    );
    // 0 copies the input's dim, and the message shows the shape as given
    expect(raised(ValueError, () => a.reshape([0, 2]), a)).toContain("'shape' is [0, 2], the capacity of 'shape' is 4.");
    paddle.__version_profile__("2.4");
    expect(raised(ValueError, () => a.reshape([4, 2]), a)).toMatch(/capacity:8 != in_size:6\.\] \(at \/paddle\/paddle\/fluid\/operators\/reshape_op\.cc:230\)\n$/);
  });

  it("matmul with mismatched inner sizes (matmul_v2)", () => {
    const a = x(), b = paddle.ones([2, 4]);
    expect(raised(ValueError, () => paddle.matmul(a, b), a, b)).toBe(
      "(InvalidArgument) Input(Y) has error dim.Y'dims[0] must be equal to 3But received Y'dims[0] is 2\n" +
        "  [Hint: Expected y_dims[y_ndim - 2] == K, but received y_dims[y_ndim - 2]:2 != K:3.] (at /paddle/paddle/fluid/operators/matmul_v2_op.h:0)\n" +
        STACK_HINT +
        "  [operator < matmul_v2 > error]",
    );
    paddle.__version_profile__("2.4");
    expect(raised(ValueError, () => a.matmul(b, { transpose_y: true }), a, b)).toBe(
      "(InvalidArgument) Input(Y) has error dim.Y'dims[1] must be equal to 3But received Y'dims[1] is 4\n" +
        "  [Hint: Expected y_dims[y_ndim - 1] == K, but received y_dims[y_ndim - 1]:4 != K:3.] (at /paddle/phi/kernels/impl/matmul_kernel_impl.h:315)\n".replace("/paddle/phi", "/paddle/paddle/phi"),
    );
  });

  it("concat with mismatched shapes", () => {
    const a = x(), b = paddle.ones([2, 2]), c = paddle.ones([6]);
    expect(raised(ValueError, () => paddle.concat([a, b], 0), a, b)).toContain(
      "(InvalidArgument) The 1-th dimension of input[0] and input[1] is expected to be equal.But received input[0]'s shape = [2, 3], input[1]'s shape = [2, 2].\n  [Hint: Expected inputs_dims[0][j] == inputs_dims[i][j], but received inputs_dims[0][j]:3 != inputs_dims[i][j]:2.] (at /paddle/paddle/fluid/operators/concat_op.h:0)",
    );
    expect(raised(ValueError, () => paddle.concat([a, c]), a, c)).toContain(
      "The shape of input[0] and input[1] is expected to be equal.But received input[0]'s shape = [2, 3], input[1]'s shape = [6].\n  [Hint: Expected inputs_dims[i].size() == out_dims.size(), but received inputs_dims[i].size():1 != out_dims.size():2.]",
    );
    expect(paddle.concat([a, b], 1).shape).toEqual([2, 5]);
  });

  it("sum/mean with an axis out of range (reduce ops)", () => {
    const a = x();
    expect(raised(ValueError, () => paddle.sum(a, 2), a)).toBe(
      "(InvalidArgument) The reduce dim index 0 should be in the range [-dimension(X), dimension(X)] which dimesion = 2. But received dim index = 2.\n" +
        "  [Hint: Expected dims[i] < x_rank, but received dims[i]:2 >= x_rank:2.] (at /paddle/paddle/fluid/operators/reduce_ops/reduce_op.h:0)\n" +
        STACK_HINT +
        "  [operator < reduce_sum > error]",
    );
    expect(raised(ValueError, () => a.mean([0, -3]), a)).toContain(
      "The reduce dim index 1 should be in the range [-dimension(X), dimension(X)] which dimesion = 2. But received dim index = -3.\n  [Hint: Expected dims[i] >= -x_rank, but received dims[i]:-3 < -x_rank:-2.]",
    );
    expect(raised(ValueError, () => a.mean(5), a)).toMatch(/\[operator < reduce_mean > error\]$/);
    paddle.__version_profile__("2.4");
    expect(raised(ValueError, () => a.sum(-3), a)).toBe(
      "(InvalidArgument) The reduce dim index 0 should be in the range [-dimension(X), dimension(X)] which dimesion = 2. But received dim index = -3.\n" +
        "  [Hint: Expected axis[i] >= -x_rank, but received axis[i]:-3 < -x_rank:-2.] (at /paddle/paddle/phi/infermeta/unary.cc:0)\n",
    );
  });

  it("transpose with a bad perm (transpose2)", () => {
    const a = x();
    expect(raised(ValueError, () => paddle.transpose(a, [0, 1, 2]), a)).toContain(
      "(InvalidArgument) The input tensor's dimension should be equal to the axis's size. But received input tensor's dimension is 2, axis's size is 3\n  [Hint: Expected x_rank == axis_size, but received x_rank:2 != axis_size:3.]",
    );
    expect(raised(ValueError, () => a.transpose([1, 1]), a)).toContain(
      "But received axis[1] is 1, axis_size is 2, count[axis[1]] is 2\n  [Hint: Expected axis[i] < static_cast<int>(axis_size) && ++count[axis[i]] == 1 == true, but received axis[i] < static_cast<int>(axis_size) && ++count[axis[i]] == 1:0 != true:1.]",
    );
    expect(raised(ValueError, () => a.transpose([0, 2]), a)).toMatch(/\[operator < transpose2 > error\]$/);
  });

  it("integer index out of range: IndexError from pybind's slice parser, same in both profiles", () => {
    const a = x();
    const msg = "The starting index 5 of slice is out of bounds in tensor 0-th axis, it shound be in the range of [-2, 2)";
    expect(raised(IndexError, () => a.at(5), a)).toBe(msg);
    expect(raised(IndexError, () => a.__getitem__(5), a)).toBe(msg);
    // a slice advances the axis; the check is against axis 1 (size 3)
    expect(raised(IndexError, () => a.at(":", -4), a)).toBe("The starting index -4 of slice is out of bounds in tensor 1-th axis, it shound be in the range of [-3, 3)");
    paddle.__version_profile__("2.4");
    expect(raised(IndexError, () => a.at(2), a)).toBe("The starting index 2 of slice is out of bounds in tensor 0-th axis, it shound be in the range of [-2, 2)");
    expect(a.at(-1).tolist()).toEqual([4, 5, 6]);
  });

  it("to_tensor / cast with an unknown dtype: data_feeder.convert_dtype's TypeError", () => {
    const a = x();
    const msg = "dtype must be any of [bool, float16, uint16, float32, float64, int8, int16, int32, int64, uint8, complex64, complex128], but received float";
    expect(raised(PyTypeError, () => paddle.to_tensor([1.0, 2.0], { dtype: "float" }))).toBe(msg);
    expect(raised(PyTypeError, () => a.astype("float"), a)).toBe(msg);
  });

  it("split that does not divide the axis", () => {
    const a = x();
    expect(raised(ValueError, () => paddle.split(a, 2, { axis: 1 }), a)).toBe(
      "(InvalidArgument) The input's size along the split dimension must be evenly divisible by Attr(num_or_sections). But received Attr(num_or_sections) = 2, input(X)'s shape = [2, 3], Attr(dim) = 1.\n" +
        "  [Hint: Expected input_axis_dim % num == 0, but received input_axis_dim % num:1 != 0:0.] (at /paddle/paddle/fluid/operators/split_op.h:0)\n" +
        STACK_HINT +
        "  [operator < split > error]",
    );
  });

  it("tensors of other dialects keep the core's (PyTorch's) errors", () => {
    const a = tensorFromData([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], null), b = tensorFromData([1.0, 2.0, 3.0, 4.0], null);
    expect(() => a.add(b)).toThrow(/The size of tensor a \(3\) must match the size of tensor b \(4\)/);
  });
});
