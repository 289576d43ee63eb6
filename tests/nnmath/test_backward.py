"""The backward pass: every gradient against a central-difference numerical gradient, the book's
printed examples (chapter 9), the traced twins against the plain functions, and bad input.

A numerical gradient perturbs one entry by ±h and divides the change of a scalar by 2h; its error is
O(h²) times the third derivative plus rounding (ε·|f|/h), so it is compared with a tolerance of
about 1e-6 relative to the size of the terms. Every function here is smooth where it is tested
(ReLU away from its kink, probabilities away from 0), so a wrong sign, a swapped axis, a missing
1/n or a transposed matrix fails by far more.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnmath
from nnmath.backward import (
    categorical_cross_entropy_backward,
    categorical_cross_entropy_backward_trace,
    dense_backward,
    dense_backward_trace,
    relu_backward,
    relu_backward_trace,
    softmax_backward,
    softmax_backward_trace,
    softmax_cross_entropy_backward,
    softmax_cross_entropy_backward_trace,
    softmax_jacobian,
    softmax_jacobian_trace,
)

H = 1e-6
DIMS = st.integers(1, 5)
VALUES = st.floats(-3, 3, allow_nan=False, allow_infinity=False)


def fast(n: int = 60):
    return settings(max_examples=n, deadline=None, database=None)


def arrays(shape, elements=VALUES):
    return hnp.arrays(np.float64, shape, elements=elements)


def numerical_gradient(f, x: np.ndarray, h: float = H) -> np.ndarray:
    """∂f/∂x by central differences, entry by entry (f maps an array like x to a number)."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(*x.shape):
        saved = x[index]
        x[index] = saved + h
        up = f(x.copy())
        x[index] = saved - h
        down = f(x.copy())
        x[index] = saved
        grad[index] = (up - down) / (2 * h)
    return grad


def assert_gradient(analytic, numeric, scale=1.0):
    analytic, numeric = np.asarray(analytic), np.asarray(numeric)
    assert analytic.shape == numeric.shape, (analytic.shape, numeric.shape)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-6 * max(1.0, float(scale)))


def test_numerical_gradient_itself_recovers_a_known_gradient():
    # The checker must be right for the comparisons below to mean anything: ∂(Σ x³)/∂x = 3x².
    x = np.array([[0.5, -1.0], [2.0, 0.1]])
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**3), x), 3 * x**2, rtol=1e-8)


# --------------------------------------------------------------------------------------------
# Gradients against numerical gradients, random shapes
# --------------------------------------------------------------------------------------------


@st.composite
def dense_case(draw):
    layout = draw(st.sampled_from(nnmath.layers.LAYOUTS))
    batch, n_in, n_out = draw(DIMS), draw(DIMS), draw(DIMS)
    single = draw(st.booleans())
    x_shape = (n_in,) if single else (batch, n_in)
    w_shape = (n_out, n_in) if layout == "neurons_inputs" else (n_in, n_out)
    out_shape = (n_out,) if single else (batch, n_out)
    return layout, draw(arrays(x_shape)), draw(arrays(w_shape)), draw(arrays((n_out,))), draw(arrays(out_shape))


@fast(80)
@given(case=dense_case())
def test_dense_backward_matches_numerical_gradient(case):
    layout, x, w, b, upstream = case
    # L = Σ upstream ⊙ dense(x, w, b) has ∂L/∂output = upstream.
    def loss(x_, w_, b_):
        return float(np.sum(upstream * nnmath.dense(x_, w_, b_, weights_layout=layout)))

    dinputs, dweights, dbiases = dense_backward(upstream, x, w, layout)
    scale = np.abs(upstream).sum() * (1 + np.abs(x).max() + np.abs(w).max())
    assert_gradient(dinputs, numerical_gradient(lambda v: loss(v, w, b), x), scale)
    assert_gradient(dweights, numerical_gradient(lambda v: loss(x, v, b), w), scale)
    assert_gradient(dbiases, numerical_gradient(lambda v: loss(x, w, v), b), scale)
    assert dweights.shape == w.shape and dbiases.shape == b.shape and dinputs.shape == x.shape


@fast(80)
@given(data=st.data())
def test_relu_backward_matches_numerical_gradient(data):
    shape = data.draw(st.sampled_from([(data.draw(DIMS),), (data.draw(DIMS), data.draw(DIMS))]))
    z = data.draw(arrays(shape))
    assume(np.all(np.abs(z) > 1e-3))  # away from the kink, where the derivative is defined
    upstream = data.draw(arrays(shape))
    numeric = numerical_gradient(lambda v: float(np.sum(upstream * nnmath.relu(v))), z)
    assert_gradient(relu_backward(upstream, z), numeric, np.abs(upstream).max())


@fast(80)
@given(data=st.data())
def test_softmax_jacobian_matches_numerical_jacobian(data):
    z = data.draw(arrays((data.draw(DIMS),)))
    s = nnmath.softmax(z)
    numeric = np.stack([numerical_gradient(lambda v, i=i: float(nnmath.softmax(v)[i]), z) for i in range(len(z))])
    assert_gradient(softmax_jacobian(s), numeric)


@fast(80)
@given(data=st.data())
def test_softmax_backward_matches_numerical_gradient(data):
    single = data.draw(st.booleans())
    k = data.draw(DIMS)
    shape = (k,) if single else (data.draw(DIMS), k)
    z, upstream = data.draw(arrays(shape)), data.draw(arrays(shape))
    numeric = numerical_gradient(lambda v: float(np.sum(upstream * nnmath.softmax(v))), z)
    assert_gradient(softmax_backward(upstream, nnmath.softmax(z)), numeric, np.abs(upstream).max())


@st.composite
def classification(draw, probabilities=True):
    """Predictions (samples, k) and targets, sparse or one-hot; softmax outputs of random scores."""
    samples, k = draw(DIMS), draw(st.integers(2, 5))
    z = draw(arrays((samples, k)))
    labels = draw(hnp.arrays(np.int64, (samples,), elements=st.integers(0, k - 1)))
    one_hot = draw(st.booleans())
    targets = np.eye(k)[labels] if one_hot else labels
    return z, labels, targets


@fast(80)
@given(case=classification())
def test_categorical_cross_entropy_backward_matches_numerical_gradient(case):
    z, _, targets = case
    y_pred = nnmath.softmax(z)
    assume(y_pred.min() > 1e-3)  # far from the clip at 1e-7, where the loss is flat
    numeric = numerical_gradient(lambda v: float(nnmath.categorical_cross_entropy(v, targets)), y_pred)
    assert_gradient(categorical_cross_entropy_backward(y_pred, targets), numeric, 1 / y_pred.min())


@fast(80)
@given(case=classification())
def test_softmax_cross_entropy_backward_matches_numerical_gradient(case):
    z, _, targets = case
    assume(nnmath.softmax(z).min() > 1e-6)
    numeric = numerical_gradient(lambda v: float(nnmath.categorical_cross_entropy(nnmath.softmax(v), targets)), z)
    assert_gradient(softmax_cross_entropy_backward(nnmath.softmax(z), targets), numeric)


@fast(100)
@given(case=classification())
def test_separate_and_combined_softmax_cross_entropy_gradients_are_equal(case):
    z, labels, targets = case
    y_pred = nnmath.softmax(z)
    assume(y_pred.min() > 1e-9)
    separate = softmax_backward(categorical_cross_entropy_backward(y_pred, targets), y_pred)
    combined = softmax_cross_entropy_backward(y_pred, targets)
    np.testing.assert_allclose(separate, combined, rtol=1e-9, atol=1e-12)
    # and sparse or one-hot targets give the same gradients
    np.testing.assert_array_equal(combined, softmax_cross_entropy_backward(y_pred, labels))


# --------------------------------------------------------------------------------------------
# The book's printed examples (chapter 9)
# --------------------------------------------------------------------------------------------


def test_book_single_neuron_gradients_and_update():
    x, w, b = np.array([1.0, -2.0, 3.0]), np.array([-3.0, -1.0, 2.0]), 1.0
    z = nnmath.dense(x, w[None], [b])  # one neuron: weights as a 1×3 row
    assert z.tolist() == [6.0]
    dz = relu_backward([1.0], z)  # the upstream gradient 1 through ReLU at z = 6 > 0
    dx, dw, db = dense_backward(dz, x, w[None])
    assert dx.tolist() == [-3.0, -1.0, 2.0]  # dx = w
    assert dw.tolist() == [[1.0, -2.0, 3.0]]  # dw = x
    assert db.tolist() == [1.0]  # db = 1
    w_new, b_new = w + -0.001 * dw[0], b + -0.001 * db[0]
    np.testing.assert_allclose(w_new, [-3.001, -0.998, 1.997])
    assert nnmath.relu(nnmath.dense(x, w_new[None], [b_new]))[0] == pytest.approx(5.985, abs=1e-12)


BOOK_INPUTS = [[1, 2, 3, 2.5], [2.0, 5.0, -1.0, 2], [-1.5, 2.7, 3.3, -0.8]]
BOOK_WEIGHTS = np.array([[0.2, 0.8, -0.5, 1], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]).T
BOOK_DVALUES = [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0], [3.0, 3.0, 3.0]]


@pytest.mark.parametrize("layout", nnmath.layers.LAYOUTS)
def test_book_layer_gradients(layout):
    weights = BOOK_WEIGHTS if layout == "inputs_neurons" else BOOK_WEIGHTS.T
    dinputs, dweights, dbiases = dense_backward(BOOK_DVALUES, BOOK_INPUTS, weights, layout)
    # The book prints these (chapter 9): dinputs = dvalues·Wᵀ, dweights = Xᵀ·dvalues, dbiases = [[6, 6, 6]].
    np.testing.assert_allclose(
        dinputs, [[0.44, -0.38, -0.07, 1.37], [0.88, -0.76, -0.14, 2.74], [1.32, -1.14, -0.21, 4.11]], atol=1e-12
    )
    book_dweights = np.array([[0.5, 0.5, 0.5], [20.1, 20.1, 20.1], [10.9, 10.9, 10.9], [4.1, 4.1, 4.1]])
    np.testing.assert_allclose(dweights, book_dweights if layout == "inputs_neurons" else book_dweights.T, atol=1e-12)
    assert dbiases.tolist() == [6.0, 6.0, 6.0]


def test_book_relu_backward():
    z = [[1, 2, -3, -4], [2, -7, -1, 3], [-1, 2, 5, -1]]
    dvalues = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
    assert relu_backward(dvalues, z).tolist() == [[1, 2, 0, 0], [5, 0, 0, 8], [0, 10, 11, 0]]


def test_book_softmax_jacobian():
    # The book prints it from float32 values: [[0.20999999, -0.07, -0.14], [-0.07, 0.09, -0.02], [-0.14, -0.02, 0.16]].
    np.testing.assert_allclose(
        softmax_jacobian([0.7, 0.1, 0.2]), [[0.21, -0.07, -0.14], [-0.07, 0.09, -0.02], [-0.14, -0.02, 0.16]], atol=1e-7
    )


def test_book_softmax_cross_entropy_example_both_ways():
    outputs = [[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]]
    targets = [0, 1, 1]
    # Printed by the book: "combined loss and activation" and "separate loss and activation".
    book = [[-0.1, 0.03333333, 0.06666667], [0.03333333, -0.16666667, 0.13333333], [0.00666667, -0.03333333, 0.02666667]]
    combined = softmax_cross_entropy_backward(outputs, targets)
    separate = softmax_backward(categorical_cross_entropy_backward(outputs, targets), outputs)
    np.testing.assert_allclose(combined, book, atol=5e-9)
    np.testing.assert_allclose(separate, book, atol=5e-8)  # the book's separate row is float32: −0.09999999


# --------------------------------------------------------------------------------------------
# Traced twins: same numbers as the plain functions, and the record of how
# --------------------------------------------------------------------------------------------


@fast(60)
@given(case=dense_case())
def test_dense_backward_trace_records_the_products(case):
    layout, x, w, _, upstream = case
    trace = dense_backward_trace(upstream, x, w, layout)
    dinputs, dweights, dbiases = dense_backward(upstream, x, w, layout)
    np.testing.assert_array_equal(trace.find("dweights").output, dweights)
    np.testing.assert_array_equal(trace.find("dbiases").output, dbiases)
    np.testing.assert_array_equal(trace.find("dinputs").output, dinputs)
    # each entry of dweights is the sum of its cell's products (the matrix product, cell by cell)
    step = trace.find("dweights")
    for cell in step.cells():
        assert cell.products.sum() == pytest.approx(cell.value, abs=1e-9 * (1 + np.abs(cell.products).sum()))
    np.testing.assert_array_equal(trace.find("dbiases").intermediates["rows"], np.atleast_2d(upstream))
    assert "transpose" in [s.op for s in trace]


def test_dense_backward_trace_names_and_parents():
    trace = dense_backward_trace(BOOK_DVALUES, BOOK_INPUTS, BOOK_WEIGHTS, "inputs_neurons")
    step = trace.find("dweights")
    assert step.label == "np.dot(Xᵀ, dvalues)"
    assert step.parents[0].op == "transpose" and step.parents[0].output.shape == (4, 3)
    assert trace.find("dinputs").label == "np.dot(dvalues, Wᵀ)"
    assert "(4, 3) like W" in step.note


@fast(60)
@given(data=st.data())
def test_relu_backward_trace_mask(data):
    shape = (data.draw(DIMS), data.draw(DIMS))
    z, upstream = data.draw(arrays(shape)), data.draw(arrays(shape))
    step = relu_backward_trace(upstream, z)
    np.testing.assert_array_equal(step.output, relu_backward(upstream, z))
    np.testing.assert_array_equal(step.intermediates["mask"], (z > 0).astype(float))
    np.testing.assert_array_equal(step.output, upstream * step.intermediates["mask"] + 0.0)


@fast(60)
@given(data=st.data())
def test_softmax_traces_row_by_row(data):
    z = data.draw(arrays((data.draw(DIMS), data.draw(DIMS))))
    upstream = data.draw(arrays(z.shape))
    s = nnmath.softmax(z)
    step = softmax_backward_trace(upstream, s)
    np.testing.assert_array_equal(step.output, softmax_backward(upstream, s))
    for row, jacobian in enumerate(step.intermediates["jacobians"]):
        np.testing.assert_allclose(jacobian @ upstream[row], step.output[row], atol=1e-12)
        np.testing.assert_array_equal(jacobian, softmax_jacobian(s[row]))
    single = softmax_jacobian_trace(s[0])
    np.testing.assert_allclose(single.intermediates["diag"] - single.intermediates["outer"], single.output, atol=1e-15)


def test_cross_entropy_traces():
    outputs, targets = [[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]], [0, 1, 1]
    cce = categorical_cross_entropy_backward_trace(outputs, targets)
    np.testing.assert_array_equal(cce.output, categorical_cross_entropy_backward(outputs, targets))
    assert int(cce.intermediates["samples"]) == 3
    np.testing.assert_allclose(cce.intermediates["ratio"], [[-1 / 0.7, 0, 0], [0, -1 / 0.5, 0], [0, -1 / 0.9, 0]])
    combined = softmax_cross_entropy_backward_trace(outputs, targets)
    np.testing.assert_array_equal(combined.output, softmax_cross_entropy_backward(outputs, targets))
    np.testing.assert_allclose(combined.intermediates["difference"][0], [-0.3, 0.1, 0.2])
    assert "class indices" in combined.note


# --------------------------------------------------------------------------------------------
# Bad input: a clear message naming what is wrong
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: dense_backward([[1.0, 2.0, 3.0]], [[1.0, 2.0, 3.0]], np.ones((2, 3))), "must have the shape of the layer's output, (1, 2)"),
        (lambda: dense_backward([[1.0, 2.0]], [[1.0, 2.0]], np.ones((2, 3))), "has 2 features but weights (2, 3) (neurons_inputs) takes 3"),
        (lambda: dense_backward([[1.0]], [[1.0]], [[1.0]], "rows"), "unknown weights_layout 'rows'"),
        (lambda: relu_backward([1.0, 2.0], [1.0]), "dvalues (2,) and z (1,) must have the same shape"),
        (lambda: relu_backward([np.nan], [1.0]), "dvalues holds nan"),
        (lambda: softmax_jacobian([[0.5, 0.5]]), "rank 2"),
        (lambda: softmax_jacobian([1.5, -0.5]), "probabilities in [0, 1]"),
        (lambda: categorical_cross_entropy_backward([[0.0, 1.0]], [0]), "true class probability 0 at index (0, 0)"),
        (lambda: categorical_cross_entropy_backward([[0.5, 0.5]], [2]), "class 2, outside 0..1"),
        (lambda: softmax_cross_entropy_backward([[0.5, 0.5]], [[1.0, 1.0]]), "a single 1 per sample"),
    ],
)
def test_bad_input_is_refused_with_a_message(call, message):
    with pytest.raises(nnmath.NNMathError) as error:
        call()
    assert message in str(error.value)


def test_a_class_predicted_zero_that_is_not_the_target_has_gradient_zero_not_nan():
    gradient = categorical_cross_entropy_backward([[0.0, 1.0]], [1])
    assert gradient.tolist() == [[0.0, -1.0]]
