"""Property tests: every nnmath operation against plain numpy on random shapes and values.

Values are float64 in a moderate range ([-1e3, 1e3] unless a formula needs less), shapes up to 6.
Where nnmath and numpy may sum in a different order, the absolute tolerance is scaled by the
size of the terms being summed (e.g. ``|a|·|b|`` for a product), so cancellation cannot make a
correct result look wrong, while a wrong term, a wrong sign or a swapped axis still fails.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnmath
from numpy_oracles import (
    DIMS, FLOATS, NUMPY_ACTIVATIONS, NUMPY_DERIVATIVES, PROBABILITIES, arrays, assert_close, fast,
)


@st.composite
def product_operands(draw, kind=None):
    """Two operands whose np.dot is defined: 1-D·1-D, 1-D·2-D, 2-D·1-D or 2-D·2-D."""
    kind = kind or draw(st.sampled_from(["dot", "vector_matrix", "matrix_vector", "matrix_matrix"]))
    m, n, p = draw(DIMS), draw(DIMS), draw(DIMS)
    left_shape = (n,) if kind in ("dot", "vector_matrix") else (m, n)
    right_shape = (n,) if kind in ("dot", "matrix_vector") else (n, p)
    return kind, draw(arrays(left_shape)), draw(arrays(right_shape))


# --------------------------------------------------------------------------------------------
# dot, dot_trace, transpose
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["dot", "vector_matrix", "matrix_vector", "matrix_matrix"])
@fast(120)
@given(data=st.data())
def test_dot_matches_np_dot(kind, data):
    _, a, b = data.draw(product_operands(kind))
    result = nnmath.dot(a, b)
    assert isinstance(result, np.ndarray)
    assert result.dtype == np.float64
    assert_close(result, np.dot(a, b), scale=np.dot(np.abs(a), np.abs(b)))


@fast(120)
@given(data=st.data())
def test_dot_accepts_nested_lists_like_arrays(data):
    _, a, b = data.draw(product_operands())
    assert_close(nnmath.dot(a.tolist(), b.tolist()), nnmath.dot(a, b))


@fast(160)
@given(operands=product_operands())
def test_dot_trace_invariants(operands):
    kind, a, b = operands
    step = nnmath.dot_trace(a, b)
    assert step.op == kind
    left = step.intermediates["left_view"]
    right = step.intermediates["right_view"]
    products = step.intermediates["products"]
    running = step.intermediates["running_sum"]

    # the lecture's 2-D view: a 1-D left operand is one row, a 1-D right operand one column
    np.testing.assert_array_equal(left, a.reshape(1, -1) if a.ndim == 1 else a)
    np.testing.assert_array_equal(right, b.reshape(-1, 1) if b.ndim == 1 else b)
    m, n = left.shape
    p = right.shape[1]
    assert products.shape == (m, p, n)
    assert running.shape == (m, p, n)
    for i in range(m):
        for j in range(p):
            for k in range(n):
                assert products[i, j, k] == left[i, k] * right[k, j]
    np.testing.assert_array_equal(running, np.cumsum(products, axis=-1))
    np.testing.assert_array_equal(running[..., -1].reshape(step.output.shape), step.output)
    assert step.output.shape == np.dot(a, b).shape

    cells = list(step.cells())
    assert len(cells) == step.output.size
    for cell, index in zip(cells, np.ndindex(*step.output.shape)):
        assert cell.index == index
        assert step.cell(*index).value == cell.value
        expected_row, expected_column = {
            "dot": (0, 0),
            "vector_matrix": (0, index[0] if index else 0),
            "matrix_vector": (index[0] if index else 0, 0),
            "matrix_matrix": index,
        }[kind]
        assert (cell.row, cell.column) == (expected_row, expected_column)
        np.testing.assert_array_equal(cell.left, left[cell.row])
        np.testing.assert_array_equal(cell.right, right[:, cell.column])
        np.testing.assert_array_equal(cell.products, cell.left * cell.right)
        assert cell.value == float(step.output[index])
        assert_close(cell.value, np.sum(cell.products), scale=np.sum(np.abs(cell.products)))


@fast(120)
@given(shape=st.one_of(st.tuples(DIMS), st.tuples(DIMS, DIMS)), data=st.data())
def test_transpose(shape, data):
    m = data.draw(arrays(shape))
    result = nnmath.transpose(m)
    expected = m.reshape(-1, 1) if m.ndim == 1 else m.T
    np.testing.assert_array_equal(result, expected)
    assert result.shape == expected.shape

    step = nnmath.transpose_trace(m)
    matrix = m.reshape(1, -1) if m.ndim == 1 else m
    source = step.intermediates["source_index"]
    assert source.shape == result.shape + (2,)
    for i, j in np.ndindex(*result.shape):
        assert result[i, j] == matrix[tuple(source[i, j])]
    # transposing twice gives back the matrix (the 2-D view of a vector)
    np.testing.assert_array_equal(nnmath.transpose(result), matrix)


# --------------------------------------------------------------------------------------------
# dense layers
# --------------------------------------------------------------------------------------------


@st.composite
def dense_operands(draw):
    n_inputs, neurons = draw(DIMS), draw(DIMS)
    batched = draw(st.booleans())
    x_shape = (draw(DIMS), n_inputs) if batched else (n_inputs,)
    return draw(arrays(x_shape)), draw(arrays((neurons, n_inputs))), draw(arrays((neurons,)))


def dense_scale(x, w_neurons_inputs, b):
    return np.dot(np.abs(x), np.abs(w_neurons_inputs).T) + np.abs(b)


@fast(160)
@given(operands=dense_operands())
def test_dense_neurons_inputs_layout(operands):
    x, w, b = operands
    result = nnmath.dense(x, w, b, weights_layout="neurons_inputs")
    assert_close(result, np.dot(x, w.T) + b, scale=dense_scale(x, w, b))
    # the default layout is the lecture's (neurons, inputs)
    np.testing.assert_array_equal(nnmath.dense(x, w, b), result)


@fast(160)
@given(operands=dense_operands())
def test_dense_inputs_neurons_layout(operands):
    x, w, b = operands
    w_in = np.ascontiguousarray(w.T)  # (inputs, neurons)
    result = nnmath.dense(x, w_in, b, weights_layout="inputs_neurons")
    assert_close(result, np.dot(x, w_in) + b, scale=dense_scale(x, w, b))


@fast(160)
@given(operands=dense_operands())
def test_dense_layouts_agree_when_weights_are_transposed(operands):
    x, w, b = operands
    lecture = nnmath.dense(x, w, b, weights_layout="neurons_inputs")
    book = nnmath.dense(x, w.T, b, weights_layout="inputs_neurons")
    assert_close(lecture, book, scale=dense_scale(x, w, b))
    # the book's (1, neurons) biases mean the same as (neurons,)
    assert_close(nnmath.dense(x, w, b.reshape(1, -1)), lecture, scale=dense_scale(x, w, b))


@fast(80)
@given(operands=dense_operands())
def test_dense_trace_steps(operands):
    x, w, b = operands
    trace = nnmath.dense_trace(x, w, b)
    assert [s.op for s in trace] == ["transpose", "matrix_matrix" if x.ndim == 2 else "vector_matrix", "add"]
    np.testing.assert_array_equal(trace[0].output, w.T)
    np.testing.assert_array_equal(trace.output, trace[1].output + b)
    book = nnmath.dense_trace(x, w.T, b, weights_layout="inputs_neurons")
    assert [s.op for s in book] == ["matrix_matrix" if x.ndim == 2 else "vector_matrix", "add"]


# --------------------------------------------------------------------------------------------
# activations
# --------------------------------------------------------------------------------------------

SHAPES = st.one_of(st.just(()), st.tuples(DIMS), st.tuples(DIMS, DIMS))




def test_activation_table_is_the_five_activations():
    assert set(nnmath.ACTIVATIONS) == set(NUMPY_ACTIVATIONS)


@pytest.mark.parametrize("name", sorted(NUMPY_ACTIVATIONS))
@fast(100)
@given(shape=SHAPES, data=st.data())
def test_activation_matches_numpy(name, shape, data):
    x = data.draw(arrays(shape))
    function = getattr(nnmath, name)
    result = function(x)
    assert result.shape == x.shape
    assert_close(result, NUMPY_ACTIVATIONS[name](x))
    # the Activation object and the traced step give the same values
    assert_close(nnmath.ACTIVATIONS[name](x), result)
    step = nnmath.activation_trace(name, x)
    assert_close(step.output, result)
    assert_close(step.intermediates["derivative"], nnmath.ACTIVATIONS[name].derivative(x))


@fast(100)
@given(x=arrays(st.one_of(st.tuples(DIMS), st.tuples(DIMS, DIMS))))
def test_activation_ranges(x):
    assert np.all((nnmath.sigmoid(x) >= 0) & (nnmath.sigmoid(x) <= 1))
    assert np.all(np.abs(nnmath.tanh(x)) <= 1)
    assert np.all(nnmath.relu(x) >= 0)
    assert set(np.unique(nnmath.step(x))) <= {0.0, 1.0}
    # tanh(x) = 2·sigmoid(2x) − 1
    assert_close(nnmath.tanh(x), 2 * nnmath.sigmoid(2 * x) - 1, atol=1e-12)


def central_difference(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


@pytest.mark.parametrize("name", sorted(NUMPY_ACTIVATIONS))
@fast(100)
@given(x=arrays(st.tuples(DIMS), st.floats(-30, 30, allow_nan=False)))
def test_activation_derivative_matches_numerical_derivative(name, x):
    if name in ("relu", "step"):
        assume(np.all(np.abs(x) > 1e-3))  # away from the kink at 0
    derivative = nnmath.ACTIVATIONS[name].derivative(x)
    assert derivative.shape == x.shape
    numerical = central_difference(NUMPY_ACTIVATIONS[name], x)
    np.testing.assert_allclose(derivative, numerical, rtol=1e-6, atol=1e-7)
    assert_close(derivative, NUMPY_DERIVATIVES[name](x))


def test_derivatives_at_the_kink_follow_the_book():
    assert nnmath.ACTIVATIONS["relu"].derivative(np.array([0.0]))[0] == 0.0
    assert nnmath.ACTIVATIONS["step"].derivative(np.array([0.0]))[0] == 0.0
    assert nnmath.relu([0.0])[0] == 0.0
    assert nnmath.step([0.0])[0] == 0.0


# --------------------------------------------------------------------------------------------
# softmax and layer norm
# --------------------------------------------------------------------------------------------

ROWS = st.one_of(st.tuples(DIMS), st.tuples(DIMS, DIMS))


@fast(160)
@given(z=arrays(ROWS))
def test_softmax_rows_are_probabilities(z):
    s = nnmath.softmax(z)
    assert s.shape == z.shape
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=0, atol=1e-12)
    # the largest input gets the largest probability
    np.testing.assert_array_equal(
        np.take_along_axis(s, np.argmax(z, axis=-1)[..., None], axis=-1)[..., 0], s.max(axis=-1)
    )


@fast(160)
@given(z=arrays(ROWS), data=st.data())
def test_softmax_is_unchanged_by_adding_a_constant_to_each_row(z, data):
    shift = data.draw(arrays(z.shape[:-1] + (1,)))
    shifted = z + shift
    scale = np.max(np.abs(z)) + np.max(np.abs(shift))
    assert_close(nnmath.softmax(shifted), nnmath.softmax(z), scale=scale, rtol=1e-12 * max(1, scale))


@fast(160)
@given(z=arrays(ROWS, st.floats(-50, 50, allow_nan=False)))
def test_softmax_matches_plain_formula_for_moderate_z(z):
    exps = np.exp(z)
    expected = exps / exps.sum(axis=-1, keepdims=True)
    assert_close(nnmath.softmax(z), expected, rtol=1e-12)
    step = nnmath.softmax_trace(z, subtract_max=False)
    assert_close(step.output, expected)
    shifted = nnmath.softmax_trace(z)
    np.testing.assert_array_equal(shifted.intermediates["max"], z.max(axis=-1))
    np.testing.assert_array_equal(shifted.intermediates["shifted"], z - z.max(axis=-1, keepdims=True))


def np_layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


@st.composite
def layer_norm_operands(draw):
    features = draw(DIMS)
    x = draw(arrays(draw(st.sampled_from([(features,), (draw(DIMS), features)]))))
    gamma = draw(arrays((features,), st.floats(-10, 10, allow_nan=False)))
    beta = draw(arrays((features,), st.floats(-10, 10, allow_nan=False)))
    return x, gamma, beta


@fast(160)
@given(operands=layer_norm_operands())
def test_layer_norm_matches_manual_formula(operands):
    x, gamma, beta = operands
    scale = np.sqrt(x.shape[-1]) * np.max(np.abs(gamma)) + np.max(np.abs(beta))
    assert_close(nnmath.layer_norm(x, gamma, beta), np_layer_norm(x, gamma, beta), scale=scale, rtol=1e-9)
    # defaults are gamma = 1, beta = 0
    ones, zeros = np.ones(x.shape[-1]), np.zeros(x.shape[-1])
    assert_close(nnmath.layer_norm(x), np_layer_norm(x, ones, zeros), scale=np.sqrt(x.shape[-1]), rtol=1e-9)


@fast(160)
@given(x=arrays(st.tuples(DIMS, st.integers(2, 6))))
def test_layer_norm_rows_have_mean_zero_and_variance_near_one(x):
    variance = x.var(axis=-1)
    assume(np.all(variance > 1e-6))  # rows that are not constant
    out = nnmath.layer_norm(x)
    features = x.shape[-1]
    np.testing.assert_allclose(out.mean(axis=-1), 0.0, atol=1e-9 * features)
    eps = 1e-5
    # exactly var / (var + eps), which is within eps / var of 1
    np.testing.assert_allclose(out.var(axis=-1), variance / (variance + eps), rtol=1e-6)
    assert np.all(np.abs(out.var(axis=-1) - 1.0) <= eps / variance + 1e-6)
    step = nnmath.layer_norm_trace(x)
    assert_close(step.intermediates["mean"], x.mean(axis=-1), scale=np.max(np.abs(x)))
    assert_close(step.intermediates["variance"], variance, scale=np.max(x**2), rtol=1e-9)


@fast(60)
@given(row=arrays(st.tuples(DIMS)), data=st.data())
def test_layer_norm_of_a_constant_row_is_beta(row, data):
    constant = np.full_like(row, row[0])
    beta = data.draw(arrays(row.shape, st.floats(-10, 10, allow_nan=False)))
    # x − mean is 0 up to the rounding of the mean, which 1/√eps magnifies
    rounding = 4 * row.size * np.spacing(abs(row[0])) / np.sqrt(1e-5)
    np.testing.assert_allclose(nnmath.layer_norm(constant, None, beta), beta, rtol=0, atol=max(rounding, 1e-15))
    step = nnmath.layer_norm_trace(constant, None, beta)
    assert step.intermediates["variance"][()] <= (row.size * np.spacing(abs(row[0]))) ** 2


# --------------------------------------------------------------------------------------------
# losses, accuracy, one-hot
# --------------------------------------------------------------------------------------------


@st.composite
def classification(draw, elements=PROBABILITIES):
    """(predictions (n, k) or (k,), integer labels (n,) or ())."""
    k = draw(DIMS)
    if draw(st.booleans()):
        n = draw(DIMS)
        predictions = draw(arrays((n, k), elements))
        labels = draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, k - 1)))
    else:
        predictions = draw(arrays((k,), elements))
        labels = np.int64(draw(st.integers(0, k - 1)))
    return predictions, labels


def np_categorical_cross_entropy(p, y):
    p2 = np.atleast_2d(p)
    y1 = np.atleast_1d(y)
    return -np.mean(np.log(np.clip(p2[np.arange(len(y1)), y1], 1e-7, 1 - 1e-7)))


@fast(160)
@given(case=classification())
def test_categorical_cross_entropy(case):
    p, y = case
    loss = nnmath.categorical_cross_entropy(p, y)
    assert loss >= 0
    expected = np_categorical_cross_entropy(p, y)
    assert_close(loss, expected)
    one_hot = np.eye(p.shape[-1])[y]
    assert_close(nnmath.categorical_cross_entropy(p, one_hot), loss)
    assert_close(nnmath.categorical_cross_entropy(p.tolist(), y.tolist()), loss)
    step = nnmath.categorical_cross_entropy_trace(p, y)
    np.testing.assert_array_equal(step.inputs["targets"], one_hot)
    assert_close(step.intermediates["sample_losses"], -np.log(np.clip(np.atleast_2d(p)[np.arange(np.size(y)), np.atleast_1d(y)], 1e-7, 1 - 1e-7)))


def test_categorical_cross_entropy_of_a_perfect_prediction_is_the_clip():
    assert_close(nnmath.categorical_cross_entropy([[0.0, 1.0]], [1]), -np.log(1 - 1e-7))
    assert_close(nnmath.categorical_cross_entropy([[0.0, 1.0]], [0]), -np.log(1e-7))


@fast(160)
@given(shape=SHAPES, data=st.data())
def test_binary_cross_entropy(shape, data):
    y_true = data.draw(arrays(shape, st.sampled_from([0.0, 1.0])))
    y_pred = data.draw(arrays(shape, PROBABILITIES))
    p = np.clip(y_pred, 1e-7, 1 - 1e-7)
    expected = -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))
    loss = nnmath.binary_cross_entropy(y_true, y_pred)
    assert loss >= 0
    assert_close(loss, expected, rtol=1e-12)


@fast(160)
@given(shape=SHAPES, data=st.data())
def test_mse(shape, data):
    y_true = data.draw(arrays(shape))
    y_pred = data.draw(arrays(shape))
    expected = np.mean((y_true - y_pred) ** 2)
    result = nnmath.mse(y_true, y_pred)
    assert result >= 0
    assert_close(result, expected, rtol=1e-12)
    assert nnmath.mse(y_true, y_true) == 0
    assert_close(nnmath.mse(y_pred, y_true), result)


@fast(160)
@given(case=classification(FLOATS))
def test_accuracy(case):
    scores, y = case
    expected = np.mean(np.atleast_1d(np.argmax(scores, axis=-1) == y))
    assert nnmath.accuracy(scores, y) == expected
    assert nnmath.accuracy(scores, np.eye(scores.shape[-1])[y]) == expected
    assert 0 <= nnmath.accuracy(scores, y) <= 1


@fast(160)
@given(n_classes=st.integers(1, 8), data=st.data())
def test_one_hot(n_classes, data):
    labels = data.draw(st.lists(st.integers(0, n_classes - 1), min_size=1, max_size=6))
    result = nnmath.one_hot(labels, n_classes)
    np.testing.assert_array_equal(result, np.eye(n_classes)[labels])
    assert result.shape == (len(labels), n_classes)
    np.testing.assert_array_equal(nnmath.one_hot(labels[0], n_classes), np.eye(n_classes)[labels[0]])
    np.testing.assert_array_equal(result.argmax(axis=-1), labels)


# --------------------------------------------------------------------------------------------
# compose_linear_trace
# --------------------------------------------------------------------------------------------


@st.composite
def two_linear_layers(draw):
    n_in, hidden, n_out = draw(DIMS), draw(DIMS), draw(DIMS)
    x = draw(arrays(draw(st.sampled_from([(n_in,), (draw(DIMS), n_in)]))))
    return (
        x,
        draw(arrays((hidden, n_in))),
        draw(arrays((hidden,))),
        draw(arrays((n_out, hidden))),
        draw(arrays((n_out,))),
    )


@fast(160)
@given(case=two_linear_layers())
def test_two_linear_layers_are_one(case):
    x, w1, b1, w2, b2 = case
    trace = nnmath.compose_linear_trace(w1, b1, w2, b2)
    weights = trace[0].output
    biases = trace.output
    assert_close(weights, np.dot(w2, w1), scale=np.dot(np.abs(w2), np.abs(w1)))
    assert_close(trace[1].output, np.dot(w2, b1), scale=np.dot(np.abs(w2), np.abs(b1)))
    assert_close(biases, np.dot(w2, b1) + b2, scale=np.dot(np.abs(w2), np.abs(b1)) + np.abs(b2))

    two_layers = nnmath.dense(nnmath.dense(x, w1, b1), w2, b2)
    one_layer = nnmath.dense(x, weights, biases)
    scale = np.dot(np.dot(np.abs(x), np.abs(w1).T) + np.abs(b1), np.abs(w2).T) + np.abs(b2)
    assert_close(one_layer, two_layers, scale=scale, rtol=1e-10)
    assert_close(two_layers, np.dot(np.dot(x, w1.T) + b1, w2.T) + b2, scale=scale, rtol=1e-10)
