#!/usr/bin/python3
"""Golden fixtures for @tsgrad/core printing.

Run with the Debian python that has PyTorch 1.13 and numpy 1.24:
    /usr/bin/python3 compat-tests/golden/gen_printing.py
Writes printing.json (torch reprs) and numpy_printing.json (numpy
array2string / str / repr) next to this script. Tests read the JSON only.

Value encoding: flattened row-major JSON numbers; nan/inf/-inf/-0.0 as the
strings "nan", "inf", "-inf", "-0.0"; bools as 0/1.
"""
import json
import math
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def enc(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0 and math.copysign(1.0, v) < 0:
        return "-0.0"
    return v


def kind_of(dtype):
    if dtype == torch.bool:
        return "bool"
    return "float" if dtype.is_floating_point else "int"


# ----------------------------------------------------------------- torch

torch_cases = []
DEFAULT_OPTS = dict(precision=4, threshold=1000, edgeitems=3, linewidth=80, profile=None, sci_mode=None)


def tcase(name, t, opts=None, grad=None, default_dtype=None):
    """t: a tensor (or a function returning one, run after the options are set).
    grad: None, "leaf" (requires_grad leaf) or an op name applied to a leaf."""
    opts = opts or {}
    if default_dtype is not None:
        torch.set_default_dtype(getattr(torch, default_dtype))
    try:
        torch.set_printoptions(profile="default")
        torch.set_printoptions(**opts)
        if callable(t):
            t = t()
        if grad == "leaf":
            t = t.detach().requires_grad_(True)
        elif grad is not None:
            leaf = t.detach().requires_grad_(True)
            t = {
                "mul1": lambda x: x * 1,
                "add0": lambda x: x + 0,
                "clone": lambda x: x.clone(),
                "sum": lambda x: x.sum(),
                "mean": lambda x: x.mean(),
                "view": lambda x: x.view(-1),
                "pow2": lambda x: x ** 2,
            }[grad](leaf)
        expected = repr(t)
        flat = t.detach().reshape(-1).tolist()
        torch_cases.append(
            dict(
                name=name,
                values=[enc(v) for v in flat],
                shape=list(t.shape),
                dtype=str(t.dtype).replace("torch.", ""),
                kind=kind_of(t.dtype),
                default_dtype=str(torch.get_default_dtype()).replace("torch.", ""),
                requires_grad=bool(t.requires_grad and t.grad_fn is None),
                grad_fn=type(t.grad_fn).__name__ if t.grad_fn is not None else None,
                print_options=opts,
                expected=expected,
            )
        )
    finally:
        torch.set_printoptions(profile="default")
        torch.set_default_dtype(torch.float32)


T = torch.tensor
f32, f64 = torch.float32, torch.float64
nan, inf = float("nan"), float("inf")

# -- basic float formatting
tcase("int_mode_vector", T([1.0, 2.0, 3.0]))
tcase("int_mode_neg", T([-1.0, 20.0, -300.0]))
tcase("fixed_simple", T([2.0, 0.2, 0.02, 0.002]))
tcase("fixed_thirds", T([1 / 3, 2 / 3, 100 / 3]))
tcase("fixed_mixed_sign", T([-1.5, 2.25, -0.125]))
tcase("fixed_large_width", T([2.6666667, 100.0, 704.0]))
tcase("scalar_float", T(3.0))
tcase("scalar_fraction", T(13.333333))
tcase("scalar_negzero", T(-0.0))
tcase("scalar_zero", T(0.0))
tcase("scalar_nan", T(nan))
tcase("scalar_inf", T(inf))
tcase("scalar_neginf", T(-inf))
tcase("scalar_small", T(2.2268e-07))
tcase("scalar_large", T(1.5e10))
tcase("scalar_int", T(7))
tcase("scalar_bool", T(True))
tcase("scalar_f64", T(0.1, dtype=f64))
tcase("scalar_int8", T(-5, dtype=torch.int8))
tcase("scalar_uint8", T(200, dtype=torch.uint8))
tcase("scalar_int32", T(123456, dtype=torch.int32))
tcase("scalar_int16", T(-300, dtype=torch.int16))
tcase("scalar_bool_false", T(False))
tcase("scalar_f64_int", T(5.0, dtype=f64))

# -- sci mode decisions
tcase("sci_ratio", T([1.0, 1001.0, 0.5]))
tcase("sci_ratio_exact_1000", T([1.0, 1000.0, 0.5]) * 1)
tcase("ratio_1000_nonint", T([0.5, 500.0, 1.5]))
tcase("ratio_above_1000_nonint", T([0.5, 500.5, 1.5]))
tcase("int_ratio_1000", T([1.0, 1000.0]))
tcase("int_ratio_1001", T([1.0, 1001.0]))
tcase("int_large_1e8", T([1.0e8, 2.0e8 / 2]))
tcase("int_above_1e8", T([1.0, 2.0e8]) / 1)
tcase("int_big_1e8_only", T([100000000.0]))
tcase("int_big_1e9_only", T([1000000000.0]))
tcase("min_1e-4", T([1e-4, 0.5]))
tcase("min_1e-4_f64", T([1e-4, 0.5], dtype=f64))
tcase("min_9.99e-5", T([9.99e-5, 0.05]))
tcase("min_1.0001e-4", T([1.0001e-4, 0.05]))
tcase("max_1e8_frac", T([1.0e8, 1.5e7 + 0.5]))
tcase("max_above_1e8_frac", T([1.5e8, 1.0e8]) + 0.5)
tcase("small_values", T([1e-10, 2e-10, 3.5e-10]))
tcase("tiny_and_large", T([1e-30, 1e30]))
tcase("huge_f64", T([1e300, -1e-300], dtype=f64))
tcase("subnormal_f64", T([5e-324, 1.0], dtype=f64))
tcase("sci_negative_exp3", T([1.5e-100, 2.5e-120], dtype=f64))
tcase("sci_forced_true", T([1.0, 2.5, 3.0]), opts=dict(sci_mode=True))
tcase("sci_forced_true_int", T([1.0, 2.0, 30.0]), opts=dict(sci_mode=True))
tcase("sci_forced_false", T([1e-6, 1.0, 1e6]), opts=dict(sci_mode=False))
tcase("sci_forced_false_int_big", T([1.0, 1e10]), opts=dict(sci_mode=False))
tcase("sci_forced_true_zeros", T([0.0, 0.0]), opts=dict(sci_mode=True))
tcase("sci_forced_true_scalar", T(2.5), opts=dict(sci_mode=True))
tcase("sci_forced_false_scalar_small", T(1.2345e-7), opts=dict(sci_mode=False))

# -- precision
for p in (0, 1, 2, 6, 8, 10):
    tcase(f"precision_{p}", T([1.123456789, -22.5, 0.0078125]), opts=dict(precision=p))
tcase("precision_2_sci", T([1.23456e-8, 1.0]), opts=dict(precision=2))
tcase("precision_10_f64", T([1 / 3, 2 / 3], dtype=f64), opts=dict(precision=10))
tcase("precision_6_f32_digits", T([0.1, 0.2, 0.3]), opts=dict(precision=10))
tcase("profile_short", T([1.23456, 2.5]), opts=dict(profile="short"))
tcase("profile_full", torch.arange(1200.0), opts=dict(profile="full"))
tcase("profile_short_override", T([1.23456, 2.5]), opts=dict(profile="short", precision=3))

# -- rounding ties (binary-exact halves) and carries
tcase("tie_0.125_p2", T([0.125, 0.375, 0.625, 0.875]), opts=dict(precision=2))
tcase("tie_2.5_p0", T([0.5, 1.5, 2.5, 3.25]), opts=dict(precision=0))
tcase("tie_f64_p1", T([0.25, 0.75, 1.25], dtype=f64), opts=dict(precision=1))
tcase("carry_9.99995", T([9.99995, 0.5]))
tcase("carry_0.99995_f64", T([0.99995, 0.5], dtype=f64))
tcase("round_to_int_look", T([1.99999, 3.00001]))
tcase("tie_sci", T([1.25e-5, 3.75e-6]), opts=dict(precision=1))

# -- nan / inf / negative zero
tcase("nan_inf_int_mode", T([1.0, nan, inf, -inf]))
tcase("nan_inf_fixed", T([1.5, nan, -inf, 2.25]))
tcase("nan_inf_sci", T([1e-8, nan, inf]))
tcase("only_nonfinite", T([nan, inf, -inf]))
tcase("only_zeros", T([0.0, 0.0, 0.0]))
tcase("negzero_int_mode", T([-0.0, 1.0, 2.0]))
tcase("negzero_fixed", T([-0.0, 1.5]))
tcase("negzero_only", T([-0.0, 0.0]))
tcase("nan_and_zero", T([nan, 0.0]))
tcase("negative_rounding_to_zero", T([-0.00001, 1.5]), opts=dict(sci_mode=False))
tcase("nan_width_wider", T([nan, 1.0]))
tcase("neginf_sci", T([-inf, 1e10, 1.0]))

# -- ints and bools
tcase("int64_vector", T([1, 2, 3]))
tcase("int64_neg_width", T([-100, 2, 30]))
tcase("int32_vector", T([1, -2, 3], dtype=torch.int32))
tcase("int16_vector", T([1000, -2], dtype=torch.int16))
tcase("int8_vector", T([1, 1, 1, 1], dtype=torch.int8))
tcase("uint8_vector", T([0, 255, 17], dtype=torch.uint8))
tcase("int64_big", T([2**40, -(2**50)]))
tcase("bool_vector", T([True, False, True]))
tcase("bool_all_false", T([False, False]))
tcase("bool_matrix", T([[True, False], [False, True]]))
tcase("int_matrix", torch.arange(12).reshape(3, 4))
tcase("int8_matrix", torch.arange(-6, 6, dtype=torch.int8).reshape(3, 4))
tcase("comparison_result", T([1.0, 2.0]) == T([1.0, 3.0]))

# -- matrices and higher dims
tcase("matrix_int_mode", T([[1.0, 1.0], [1.0, 1.0]]))
tcase("matrix_fixed", T([[1.0, 0.1], [0.01, 0.001]]))
tcase("matrix_sci", T([[1.0, 0.1], [0.01, 0.0001]]))
tcase("matrix_col", T([[2.0], [3.0]]))
tcase("matrix_row", T([[2.5, 3.5, 4.5]]))
tcase("tensor3d", torch.arange(24.0).reshape(2, 3, 4))
tcase("tensor3d_frac", (torch.arange(24.0) / 7).reshape(2, 3, 4))
tcase("tensor4d", torch.arange(36.0).reshape(2, 3, 2, 3) - 10)
tcase("tensor4d_int", torch.arange(16).reshape(2, 2, 2, 2))
tcase("tensor5d_ones", torch.ones(1, 2, 1, 2, 1))
tcase("size1_dims", T([[[5.5]]]))

# -- line wrapping
tcase("wrap_default_30", torch.arange(30.0) / 3)
tcase("wrap_int_60", torch.arange(60))
tcase("wrap_linewidth_40", torch.arange(20.0) / 4, opts=dict(linewidth=40))
tcase("wrap_linewidth_120", torch.arange(40.0) / 4, opts=dict(linewidth=120))
tcase("wrap_linewidth_10", T([1.5, 2.5, 3.5]), opts=dict(linewidth=10))
tcase("wrap_matrix_wide", (torch.arange(48.0) / 3).reshape(2, 24))
tcase("wrap_matrix_wide_lw40", (torch.arange(30.0) * 1.5).reshape(3, 10), opts=dict(linewidth=40))
tcase("wrap_3d_wide", (torch.arange(60.0) / 9).reshape(2, 2, 15))
tcase("wrap_sci_vector", torch.logspace(-10, 10, 21))
tcase("wrap_bool_long", torch.arange(30) % 3 == 0)

# -- summarisation
torch.manual_seed(0)
R = torch.randn(2000)
tcase("summ_arange_1001", torch.arange(1001.0))
tcase("summ_arange_int", torch.arange(2000))
tcase("summ_randn", R)
tcase("summ_matrix", torch.arange(2000.0).reshape(40, 50))
tcase("summ_matrix_frac", (torch.arange(2000.0) / 3).reshape(50, 40))
tcase("summ_3d", torch.arange(3000.0).reshape(10, 10, 30))
tcase("summ_3d_int", torch.arange(1200).reshape(12, 10, 10))
tcase("summ_threshold_5", torch.arange(10), opts=dict(threshold=5))
tcase("summ_threshold_5_float", torch.arange(10.0) / 2, opts=dict(threshold=5))
tcase("summ_threshold_small_edge1", torch.arange(20.0).reshape(4, 5), opts=dict(threshold=10, edgeitems=1))
tcase("summ_edge2", torch.arange(100.0).reshape(10, 10), opts=dict(threshold=50, edgeitems=2))
tcase("summ_edge5", torch.arange(30.0), opts=dict(threshold=20, edgeitems=5))
tcase("summ_edge5_matrix", torch.arange(144.0).reshape(12, 12) / 5, opts=dict(threshold=100, edgeitems=5))
tcase("summ_edge0_vector", torch.arange(10.0), opts=dict(threshold=5, edgeitems=0))
tcase("summ_hidden_values_ignored", torch.cat([T([1.0, 2.0]), T([1e-9] * 10), T([3.0, 4.0])]), opts=dict(threshold=5, edgeitems=2))
tcase("summ_hidden_frac_ignored", torch.cat([T([1.0, 2.0]), T([0.5] * 10), T([3.0, 4.0])]), opts=dict(threshold=5, edgeitems=2))
tcase("summ_short_axis_not_cut", torch.arange(40.0).reshape(2, 20), opts=dict(threshold=10, edgeitems=3))
tcase("summ_4d", torch.arange(2 * 8 * 3 * 8.0).reshape(2, 8, 3, 8), opts=dict(threshold=100, edgeitems=2))
tcase("summ_bool", torch.arange(2000) % 2 == 0)
tcase("summ_wrap_ellipsis_counts", torch.arange(40.0) + 0.5, opts=dict(threshold=20, edgeitems=10))
tcase("summ_threshold_equal_not_summarised", torch.arange(10.0), opts=dict(threshold=10))
tcase("summ_threshold_float", torch.arange(10.0), opts=dict(threshold=9.5))

# -- empty tensors
tcase("empty_float", T([]))
tcase("empty_f64", torch.zeros(0, dtype=f64))
tcase("empty_int64", torch.zeros(0, dtype=torch.int64))
tcase("empty_bool", torch.zeros(0, dtype=torch.bool))
tcase("empty_0x3", torch.zeros(0, 3))
tcase("empty_2x0x3", torch.zeros(2, 0, 3))
tcase("empty_0x3_int32", torch.zeros(0, 3, dtype=torch.int32))
tcase("empty_3x0_uint8", torch.zeros(3, 0, dtype=torch.uint8))
tcase("empty_requires_grad", torch.zeros(0, 2), grad="leaf")

# -- dtype suffixes and default dtype
tcase("f64_vector", T([1.0, 2.5], dtype=f64))
tcase("f64_int_mode", T([1.0, 2.0], dtype=f64))
tcase("f64_default_dtype", T([1.0, 2.5], dtype=f64), default_dtype="float64")
tcase("f32_with_default_f64", T([1.0, 2.5], dtype=f32), default_dtype="float64")
tcase("empty_with_default_f64", torch.zeros(0, dtype=f64), default_dtype="float64")
tcase("empty_f32_with_default_f64", torch.zeros(0, dtype=f32), default_dtype="float64")
tcase("f16_vector", T([1.0, 2.5, 0.1], dtype=torch.float16))
tcase("f64_precision", T([0.1, 0.7], dtype=f64), opts=dict(precision=8))

# -- autograd suffixes
tcase("leaf_requires_grad", T([[1.0, 1.0], [1.0, 1.0]]), grad="leaf")
tcase("leaf_requires_grad_scalar", T(1.0), grad="leaf")
tcase("grad_fn_mul", T([[3.0, 3.0], [3.0, 3.0]]), grad="mul1")
tcase("grad_fn_add", T([1.5, 2.5]), grad="add0")
tcase("grad_fn_sum_scalar", T([13.333, 0.0]), grad="sum")
tcase("grad_fn_mean_scalar", T([27.0, 27.0]), grad="mean")
tcase("grad_fn_view", T([[2.0, 4.0], [6.0, 8.0]]), grad="view")
tcase("grad_fn_pow", T(1.0), grad="pow2")
tcase("grad_fn_clone_f64", T([1.0, 2.0], dtype=f64), grad="clone")
tcase("grad_fn_suffix_wraps", torch.arange(17.0) + 0.5, grad="mul1")
tcase("requires_grad_suffix_wraps", torch.arange(17.0) + 0.5, grad="leaf")
tcase("f64_grad_suffix_wraps", (torch.arange(13.0) + 0.5).double(), grad="mul1")
tcase("grad_multiline_matrix", (torch.arange(6.0) / 3).reshape(3, 2), grad="mul1")
tcase("dtype_suffix_wraps_lw40", T([1.5, 2.5, 3.5, 4.5], dtype=f64), opts=dict(linewidth=40), grad="leaf")

tcase("grad_fn_suffix_on_new_line", torch.arange(15.0) + 0.5, grad="mul1")
tcase("requires_grad_suffix_on_new_line", torch.arange(15.0) + 0.5, grad="leaf")
tcase("dtype_and_grad_on_new_lines", (torch.arange(15.0) + 0.5).double(), grad="mul1")
tcase("int_dtype_suffix_new_line", torch.arange(1000, 1019, dtype=torch.int32))

# -- random values of various scales (realistic prints)
torch.manual_seed(1)
for i, scale in enumerate([1e-3, 1.0, 50.0, 1e4, 1e7]):
    tcase(f"randn_scale_{i}", torch.randn(3, 4) * scale)
torch.manual_seed(2)
tcase("rand_f64", torch.rand(2, 5, dtype=f64))
tcase("randn_f64_sci", torch.randn(6, dtype=f64) * 1e-6)
tcase("randn_mixed_sign_sci", torch.randn(8) * torch.tensor([1e-3, 1e3] * 4))
tcase("rand_precision_6", torch.rand(4), opts=dict(precision=6))

torch.manual_seed(3)
for i in range(12):
    scale = 10.0 ** (i - 6)
    shape = [(7,), (3, 5), (2, 2, 4), (13,)][i % 4]
    tcase(f"fuzz_{i}", torch.randn(*shape) * scale, opts=dict(precision=[4, 2, 6][i % 3]))

# ----------------------------------------------------------------- python float formatting

py_values = [0.0, -0.0, 0.5, 1.5, 2.5, 0.125, 1 / 3, 2 / 3, 0.1, 0.2 + 0.1, 1e-4, 9.99e-5, 1e-5, 1e16, 1e15 + 0.5,
             123456789012345678.0, 1e22, 1e300, 5e-324, 2.2250738585072014e-308, 9.99995, 0.99995, 1.0000500000000001,
             float(np.float32(0.1)), float(np.float32(1e-4)), float(np.float32(13.333333)), -7.25, 1e8, 99999999.5]
rs = np.random.RandomState(5)
py_values += [float(x) for x in rs.randn(20) * 10.0 ** rs.randint(-12, 12, 20)]
py_values += [float(np.float32(x)) for x in rs.randn(10) * 10.0 ** rs.randint(-6, 6, 10)]
py_cases = [dict(value=enc(v), repr=repr(v), f4="{:.4f}".format(v), f0="{:.0f}".format(v), f10="{:.10f}".format(v),
                 e4="{:.4e}".format(v), e0="{:.0e}".format(v), e2="{:.2e}".format(v)) for v in py_values]

# ----------------------------------------------------------------- numpy

numpy_cases = []


def ncase(name, a, mode="array2string", **kw):
    """kw for array2string go to np.array2string; for str/repr, kw are numpy print options."""
    a = np.asarray(a)
    if mode == "array2string":
        expected = np.array2string(a, **kw)
    else:
        with np.printoptions(**kw):
            expected = str(a) if mode == "str" else repr(a)
    flat = a.reshape(-1).tolist()
    kind = "bool" if a.dtype == np.bool_ else ("float" if a.dtype.kind == "f" else "int")
    numpy_cases.append(
        dict(name=name, mode=mode, values=[enc(v) for v in flat], shape=list(a.shape), dtype=str(a.dtype), kind=kind, options=kw, expected=expected)
    )


f4 = np.float32
# oneflow's old printer: np.array2string(precision=4, separator=', ', prefix='tensor(')
OF = dict(precision=4, separator=", ", prefix="tensor(")
ncase("of_seed_grad", np.array([2.6666667, 100.0, 704.0], f4), **OF)
ncase("of_seed_grad2", np.array([0.6666667, 20.0, 110.0], f4), **OF)
ncase("of_scalar", np.array(396.66666, f4), **OF)
ncase("of_scalar_small", np.array(0.0004, f4), **OF)
ncase("of_scalar_sci", np.array(2.2268e-07, f4), **OF)
ncase("of_ints_as_float", np.array([1.0, 2.0, 3.0], f4), **OF)
ncase("of_column", np.array([[2.0], [3.0]], f4), **OF)
ncase("of_column_close", np.array([[1.9999999], [3.0000002]], f4), **OF)
ncase("of_matrix_mixed", np.array([[1.5, -2.25], [100.0, 0.001]], f4), **OF)
ncase("of_long_wrap", (np.arange(30, dtype=f4) / 3), **OF)
ncase("of_int8", np.array([1, 1, 1, 1], np.int8), **OF)
ncase("of_bool", np.array([True, False]), **OF)
ncase("of_summarised", np.arange(2000, dtype=f4) / 7, **OF)
ncase("of_3d", np.arange(24, dtype=f4).reshape(2, 3, 4) / 4, **OF)
ncase("of_nan_inf", np.array([1.5, np.nan, -np.inf], f4), **OF)
ncase("of_1e-4_f32", np.array([1e-4, 0.5], f4), **OF)
ncase("of_1e8_f32", np.array([1e8, 1.0], f4), **OF)
ncase("of_ratio_1000_f32", np.array([0.5, 500.0], f4), **OF)
ncase("of_ratio_f32_rounding", np.array([0.3, 300.0], f4), **OF)

# plain numpy printing (print(ndarray), repr)
ncase("str_seed_w", np.array([[2.00000001], [2.99999999]]), mode="str")
ncase("str_seed_w_int", np.array([[2.0], [3.0]]), mode="str")
ncase("str_float64_vec", np.array([0.1, 0.25, 1.0 / 3]), mode="str")
ncase("str_float32_vec", np.array([0.1, 0.25, 1.0 / 3], f4), mode="str")
ncase("str_int_vec", np.array([1, -20, 300]), mode="str")
ncase("str_bool_vec", np.array([True, False]), mode="str")
ncase("str_scalar_f64", np.array(0.1), mode="str")
ncase("str_scalar_f64_int", np.array(2.0), mode="str")
ncase("str_scalar_f64_small", np.array(1.5e-5), mode="str")
ncase("str_scalar_f64_big", np.array(1e16), mode="str")
ncase("str_scalar_f32", np.array(0.1, f4), mode="str")
ncase("str_scalar_f32_1e-4", np.array(1e-4, f4), mode="str")
ncase("str_scalar_f32_big", np.array(1.5e20, f4), mode="str")
ncase("str_scalar_int", np.array(42), mode="str")
ncase("str_scalar_bool", np.array(True), mode="str")
ncase("str_sci", np.array([1e-5, 1.0, 123.0]), mode="str")
ncase("str_sci_minDigits", np.array([1e-5, 1.5e-5, 2.25e-3]), mode="str")
ncase("str_sci_f32", np.array([1e-5, 1.0, 123.0], f4), mode="str")
ncase("str_big", np.array([1e8, 1.0]), mode="str")
ncase("str_big_exp3", np.array([1e100, 1e-100]), mode="str")
ncase("str_nan_inf", np.array([np.nan, 1.0, -np.inf]), mode="str")
ncase("str_only_nan", np.array([np.nan, np.nan]), mode="str")
ncase("str_only_inf", np.array([np.inf, -np.inf]), mode="str")
ncase("str_zeros", np.zeros(3), mode="str")
ncase("str_negzero", np.array([-0.0, 1.0]), mode="str")
ncase("str_long_wrap", np.arange(40.0) / 3, mode="str")
ncase("str_int_wrap", np.arange(100), mode="str")
ncase("str_matrix", np.arange(12.0).reshape(3, 4) / 4, mode="str")
ncase("str_3d", np.arange(24).reshape(2, 3, 4), mode="str")
ncase("str_4d", np.arange(16.0).reshape(2, 2, 2, 2) - 8, mode="str")
ncase("str_summarised", np.arange(2000), mode="str")
ncase("str_summarised_2d", np.arange(2000.0).reshape(40, 50) / 3, mode="str")
ncase("str_summarised_3d", np.arange(3000).reshape(10, 10, 30), mode="str")
ncase("str_threshold_edge1", np.arange(20.0).reshape(4, 5), mode="str", threshold=10, edgeitems=1)
ncase("str_threshold_edge2", np.arange(100), mode="str", threshold=10, edgeitems=2)
ncase("str_precision_3", np.array([1.23456, 2.5, 100.0]), mode="str", precision=3)
ncase("str_linewidth_40", np.arange(30.0) / 7, mode="str", linewidth=40)
ncase("str_empty", np.zeros(0), mode="str")
ncase("str_empty_2d", np.zeros((0, 3)), mode="str")
ncase("str_tie_rounding", np.array([0.125, 0.375, 1.0]), mode="str", precision=2)
ncase("str_f32_1e-4", np.array([1e-4, 0.5], f4), mode="str")
ncase("str_f32_precise", np.array([16777216.0, 0.5], f4), mode="str")
ncase("str_large_int_float", np.array([12345678.9, 1.0]), mode="str")
ncase("str_uint8", np.array([0, 255], np.uint8), mode="str")

ncase("repr_f64", np.array([1.0, 2.5]), mode="repr")
ncase("repr_f32", np.array([1.0, 2.5], f4), mode="repr")
ncase("repr_int64", np.array([1, 2, 3]), mode="repr")
ncase("repr_int32", np.array([1, 2, 3], np.int32), mode="repr")
ncase("repr_int8", np.array([-1, 2], np.int8), mode="repr")
ncase("repr_bool", np.array([True, False]), mode="repr")
ncase("repr_scalar_f64", np.array(1.5), mode="repr")
ncase("repr_scalar_f32", np.array(1.5, f4), mode="repr")
ncase("repr_scalar_int", np.array(3), mode="repr")
ncase("repr_scalar_bool", np.array(False), mode="repr")
ncase("repr_empty", np.zeros(0), mode="repr")
ncase("repr_empty_int", np.zeros(0, np.int64), mode="repr")
ncase("repr_empty_2d", np.zeros((0, 3)), mode="repr")
ncase("repr_empty_3d_f32", np.zeros((2, 0, 3), f4), mode="repr")
ncase("repr_matrix", np.array([[1, 2], [2, 3], [4, 6], [3, 1]], f4), mode="repr")
ncase("repr_matrix_f64", np.arange(6.0).reshape(2, 3) / 3, mode="repr")
ncase("repr_long_wrap", np.arange(30.0) / 3, mode="repr")
ncase("repr_long_wrap_f32", np.arange(30.0, dtype=f4) / 3, mode="repr")
ncase("repr_dtype_newline", np.arange(17.0, dtype=f4) + 0.5, mode="repr")
ncase("repr_summarised", np.arange(2000.0), mode="repr")
ncase("repr_summarised_f32", np.arange(2000.0, dtype=f4), mode="repr")
ncase("repr_3d_int16", np.arange(24, dtype=np.int16).reshape(2, 3, 4), mode="repr")
ncase("repr_sci", np.array([1e-10, 1.0]), mode="repr")

ncase("a2s_default", np.array([1.0, 2.5, 3.25]))
ncase("a2s_sep_prefix", np.arange(20.0) / 3, separator=", ", prefix="x = ")
ncase("a2s_max_line_width_30", np.arange(20.0) / 3, max_line_width=30)
ncase("a2s_suffix", np.arange(20.0) / 3, separator=", ", suffix=")")
ncase("a2s_floatmode_fixed", np.array([1.0, 2.5, 3.125]), floatmode="fixed", precision=3)
ncase("a2s_floatmode_unique", np.array([0.1, 1 / 3]), floatmode="unique")
ncase("a2s_floatmode_maxprec_equal", np.array([0.1, 0.25, 1 / 3]), floatmode="maxprec_equal", precision=4)
ncase("a2s_sign_plus", np.array([1.0, -2.5, np.nan]), sign="+")
ncase("a2s_sign_space", np.array([1.0, 2.5]), sign=" ")
ncase("a2s_suppress", np.array([1e-10, 1.0, 2.5]), suppress_small=True)
ncase("a2s_precision_10", np.array([np.pi, np.e]), precision=10)
ncase("a2s_precision_0", np.array([0.5, 1.5, 2.5]), precision=0)
ncase("a2s_threshold", np.arange(30.0), threshold=10, edgeitems=2)
ncase("a2s_threshold_edge5", np.arange(30).reshape(3, 10), threshold=10, edgeitems=5)
ncase("a2s_subnormal", np.array([5e-324, 1.0]))
ncase("a2s_f32_subnormal", np.array([1e-45, 1.0], f4))
ncase("a2s_f32_rand", np.random.RandomState(0).randn(3, 4).astype(f4))
ncase("a2s_f64_rand", np.random.RandomState(1).randn(3, 4))
ncase("a2s_f64_rand_sci", np.random.RandomState(2).randn(6) * 1e-6)
ncase("a2s_f32_big_ints", np.array([33554436.0, 1.0], f4))
rs = np.random.RandomState(7)
for i in range(12):
    scale = 10.0 ** (i - 5)
    dt = [f4, np.float64][i % 2]
    ncase(f"fuzz_a2s_{i}", (rs.randn([5, 3, 4][i % 3]) * scale).astype(dt))
    ncase(f"fuzz_repr_{i}", (rs.randn(2, 3) * scale).astype(dt), mode="repr")


def dump(path, header, sections):
    """One case per line: small diffs when a case is added or changes."""
    with open(path, "w") as f:
        f.write("{\n")
        for k, v in header.items():
            f.write(f"{json.dumps(k)}: {json.dumps(v)},\n")
        for i, (key, rows) in enumerate(sections.items()):
            f.write(f"{json.dumps(key)}: [\n")
            f.write(",\n".join(json.dumps(r) for r in rows))
            f.write("\n]" + ("," if i < len(sections) - 1 else "") + "\n")
        f.write("}\n")


def main():
    dump(os.path.join(HERE, "printing.json"), dict(generator="gen_printing.py", torch=torch.__version__),
         dict(cases=torch_cases, python_float_format=py_cases))
    dump(os.path.join(HERE, "numpy_printing.json"), dict(generator="gen_printing.py", numpy=np.__version__),
         dict(cases=numpy_cases))
    print(f"{len(torch_cases)} torch cases, {len(numpy_cases)} numpy cases, {len(py_cases)} float-format cases")


main()
