"""Every error path: the exception's type and what its message says.

nnmath's policy (nnmath/validate.py): shapes that do not line up and wrong ranks are a
ShapeError; non-numbers, NaN/inf, empty arrays, labels out of range and unknown names are an
InputError; both are ValueErrors, and every message names the argument at fault.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import nnmath
from nnmath import InputError, NNMathError, ShapeError

NAN = float("nan")
INF = float("inf")


def exact(text: str) -> str:
    """A ``match`` pattern for ``text`` literally, anywhere in the message."""
    return re.escape(text)


# --------------------------------------------------------------------------------------------
# the exception classes
# --------------------------------------------------------------------------------------------


def test_errors_are_value_errors():
    assert issubclass(NNMathError, ValueError)
    assert issubclass(ShapeError, NNMathError) and issubclass(ShapeError, ValueError)
    assert issubclass(InputError, NNMathError) and issubclass(InputError, ValueError)
    assert not issubclass(ShapeError, InputError) and not issubclass(InputError, ShapeError)


def test_callers_can_catch_value_error():
    with pytest.raises(ValueError, match="inner dimensions"):
        nnmath.dot([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="only finite numbers"):
        nnmath.relu([NAN])


def test_shape_error_attributes_default_to_none():
    error = ShapeError("message")
    assert str(error) == "message"
    assert (error.left_shape, error.right_shape, error.left_dim, error.right_dim) == (None, None, None, None)


# --------------------------------------------------------------------------------------------
# dot products: inner dimensions that differ
# --------------------------------------------------------------------------------------------


def test_vector_matrix_mismatch_message_and_attributes():
    with pytest.raises(ShapeError) as info:
        nnmath.dot([1, 2, 3], [[1, 2, 3]] * 4)
    error = info.value
    message = str(error)
    assert message.startswith("(1, 3) . (4, 3): inner dimensions 3 and 4 differ ")
    assert "a has shape (3,), a 1×3 row" in message
    assert message.endswith("the columns of a must match the rows of b")
    assert error.left_dim == 3
    assert error.right_dim == 4
    assert error.left_shape == (1, 3)
    assert error.right_shape == (4, 3)


def test_vector_vector_mismatch():
    with pytest.raises(ShapeError, match=exact("(1, 2) . (3, 1): inner dimensions 2 and 3 differ")) as info:
        nnmath.dot([1, 2], [1, 2, 3])
    message = str(info.value)
    assert "a has shape (2,), a 1×2 row; b has shape (3,), a 3×1 column" in message
    assert message.endswith("a and b must have the same length")
    assert (info.value.left_dim, info.value.right_dim) == (2, 3)


def test_matrix_matrix_mismatch():
    with pytest.raises(
        ShapeError,
        match=exact("(2, 3) . (4, 5): inner dimensions 3 and 4 differ: the columns of a must match the rows of b"),
    ) as info:
        nnmath.dot(np.ones((2, 3)), np.ones((4, 5)))
    error = info.value
    assert (error.left_shape, error.right_shape) == ((2, 3), (4, 5))
    assert (error.left_dim, error.right_dim) == (3, 4)
    assert "row" not in str(error).split(":")[1]  # no 1-D hint for two matrices


def test_matrix_vector_mismatch():
    with pytest.raises(
        ShapeError,
        match=exact("(2, 3) . (4, 1): inner dimensions 3 and 4 differ (b has shape (4,), a 4×1 column)"),
    ) as info:
        nnmath.dot([[1, 2, 3], [4, 5, 6]], [1, 2, 3, 4])
    assert (info.value.left_dim, info.value.right_dim) == (3, 4)
    assert str(info.value).endswith("the columns of a must match the rows of b")


def test_square_matrices_in_the_wrong_order_name_the_inner_dimensions():
    # (2, 3) . (2, 3) fails; (2, 3) . (3, 2) works: the message says which dimensions to compare
    with pytest.raises(ShapeError, match=exact("(2, 3) . (2, 3): inner dimensions 3 and 2 differ")):
        nnmath.dot(np.ones((2, 3)), np.ones((2, 3)))
    assert nnmath.dot(np.ones((2, 3)), np.ones((3, 2))).shape == (2, 2)


def test_dot_trace_uses_the_given_names():
    with pytest.raises(ShapeError, match=exact("the columns of inputs must match the rows of weights")):
        nnmath.dot_trace(np.ones((2, 3)), np.ones((4, 2)), a_name="inputs", b_name="weights")
    with pytest.raises(ShapeError, match=exact("inputs has shape (3,), a 1×3 row")):
        nnmath.dot_trace([1, 2, 3], np.ones((2, 2)), a_name="inputs", b_name="weights")


def test_compose_linear_trace_mismatch():
    with pytest.raises(
        ShapeError,
        match=exact("(1, 2) . (1, 2): inner dimensions 2 and 1 differ: the columns of w2 must match the rows of w1"),
    ):
        nnmath.compose_linear_trace([[1, 2]], [0], [[1, 2]], [0])


def test_add_trace_shapes_that_do_not_broadcast():
    with pytest.raises(ShapeError, match=exact("x (2,) + y (3,): shapes do not line up")):
        nnmath.add_trace([1, 2], [1, 2, 3], x_name="x", y_name="y")


# --------------------------------------------------------------------------------------------
# wrong ranks
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "text"),
    [
        (5, [1, 2], "a has shape () (rank 0); expected rank 1 or 2"),
        ([1, 2], 5.0, "b has shape () (rank 0); expected rank 1 or 2"),
        (np.ones((2, 2, 2)), [1, 2], "a has shape (2, 2, 2) (rank 3); expected rank 1 or 2"),
        ([1, 2], np.ones((2, 2, 2)), "b has shape (2, 2, 2) (rank 3); expected rank 1 or 2"),
    ],
)
def test_dot_wrong_rank(a, b, text):
    with pytest.raises(ShapeError, match=exact(text)):
        nnmath.dot(a, b)


def test_transpose_wrong_rank():
    with pytest.raises(ShapeError, match=exact("m has shape () (rank 0); expected rank 1 or 2")):
        nnmath.transpose(5)
    with pytest.raises(ShapeError, match=exact("m has shape (2, 2, 2) (rank 3); expected rank 1 or 2")):
        nnmath.transpose(np.ones((2, 2, 2)))


def test_dense_one_dimensional_weights():
    with pytest.raises(ShapeError, match=exact("W has shape (3,) (rank 1); expected rank 2")):
        nnmath.dense([1, 2, 3], [1, 2, 3], [0])


def test_dense_wrong_input_and_bias_ranks():
    with pytest.raises(ShapeError, match=exact("X has shape () (rank 0); expected rank 1 or 2")):
        nnmath.dense(3, [[1]], [0])
    with pytest.raises(ShapeError, match=exact("X has shape (1, 1, 2) (rank 3); expected rank 1 or 2")):
        nnmath.dense([[[1, 2]]], [[1, 2]], [0])
    with pytest.raises(ShapeError, match=exact("W has shape (1, 1, 2) (rank 3); expected rank 2")):
        nnmath.dense([[1, 2]], [[[1, 2]]], [0])
    with pytest.raises(ShapeError, match=exact("b has shape () (rank 0); expected rank 1 or 2")):
        nnmath.dense([[1, 2]], [[1, 2]], 0)


def test_softmax_and_layer_norm_wrong_rank():
    with pytest.raises(ShapeError, match=exact("z has shape () (rank 0); expected rank 1 or 2")):
        nnmath.softmax(5)
    with pytest.raises(ShapeError, match=exact("x has shape (1, 1, 2) (rank 3); expected rank 1 or 2")):
        nnmath.layer_norm([[[1, 2]]])
    with pytest.raises(ShapeError, match=exact("labels has shape (1, 2) (rank 2); expected rank 0 or 1")):
        nnmath.one_hot([[0, 1]], 3)


# --------------------------------------------------------------------------------------------
# dense layers
# --------------------------------------------------------------------------------------------


def test_dense_features_differ_from_weight_inputs_neurons_inputs():
    with pytest.raises(ShapeError) as info:
        nnmath.dense([[1, 2, 3]], [[1, 2], [3, 4]], [0, 0])
    error = info.value
    message = str(error)
    assert message.startswith("np.dot(X, Wᵀ): ")
    assert "X (1, 3) has 3 features" in message
    assert "W (2, 2) (neurons_inputs) takes 2 inputs per neuron" in message
    assert message.endswith("inner dimensions 3 and 2 differ")
    assert (error.left_dim, error.right_dim) == (3, 2)
    assert (error.left_shape, error.right_shape) == ((1, 3), (2, 2))


def test_dense_features_differ_from_weight_inputs_inputs_neurons():
    with pytest.raises(ShapeError) as info:
        nnmath.dense([1, 2, 3], [[1, 2, 3], [4, 5, 6]], [0, 0, 0], weights_layout="inputs_neurons")
    message = str(info.value)
    assert message.startswith("np.dot(X, W): ")
    assert "X (3,) has 3 features" in message
    assert "W (2, 3) (inputs_neurons) takes 2 inputs per neuron" in message
    assert (info.value.left_dim, info.value.right_dim) == (3, 2)


def test_dense_weights_in_the_other_layout_are_caught():
    # (inputs, neurons) weights passed as the default (neurons, inputs): 2 inputs, 3 neurons
    with pytest.raises(ShapeError, match=exact("X (4, 2) has 2 features but W (2, 3) (neurons_inputs) takes 3 inputs")):
        nnmath.dense(np.ones((4, 2)), np.ones((2, 3)), np.zeros(3))


def test_dense_column_biases():
    with pytest.raises(ShapeError) as info:
        nnmath.dense([[1, 2]], [[1, 2], [3, 4], [5, 6]], [[0], [0], [0]])
    message = str(info.value)
    assert message.startswith("b has shape (3, 1), a column")
    assert "would broadcast every bias across every neuron" in message
    assert message.endswith("Give one bias per neuron as shape (3,)")


def test_dense_biases_of_the_wrong_length():
    with pytest.raises(
        ShapeError, match=exact("b has shape (2,); a layer of 3 neurons needs one bias per neuron, shape (3,)")
    ):
        nnmath.dense([[1, 2]], [[1, 2], [3, 4], [5, 6]], [0, 0])
    with pytest.raises(ShapeError, match=exact("b has shape (2, 3); a layer of 3 neurons needs one bias per neuron")):
        nnmath.dense([[1, 2]], [[1, 2], [3, 4], [5, 6]], np.zeros((2, 3)))


def test_dense_unknown_weights_layout():
    with pytest.raises(InputError, match=exact("unknown weights_layout 'rows'; use one of neurons_inputs, inputs_neurons")):
        nnmath.dense([[1, 2]], [[1, 2]], [0], weights_layout="rows")
    with pytest.raises(InputError, match=exact("unknown weights_layout 'columns'")):
        nnmath.forward_trace([[1, 2]], [nnmath.Layer([[1, 2]], [0], weights_layout="columns")])


def test_forward_pass_names_each_layer_in_its_errors():
    layers = [nnmath.Layer(np.ones((3, 2)), np.zeros(3)), nnmath.Layer(np.ones((2, 4)), np.zeros(2))]
    with pytest.raises(ShapeError, match=exact("np.dot(f1, w2ᵀ): f1 (1, 3) has 3 features but w2 (2, 4)")):
        nnmath.forward_trace([[1, 2]], layers)
    with pytest.raises(InputError, match=exact("a forward pass needs at least one layer")):
        nnmath.forward_trace([[1, 2]], [])


# --------------------------------------------------------------------------------------------
# NaN and infinity
# --------------------------------------------------------------------------------------------

GOOD_BATCH = [[0.1, 0.9], [0.8, 0.2]]


def _calls_with_a_bad_value(bad):
    """(call, argument name, index) with ``bad`` placed in that argument."""
    return [
        (lambda: nnmath.dot([1, bad], [1, 2]), "a", "1"),
        (lambda: nnmath.dot([1, 2], [[1, 2], [3, bad]]), "b", "(1, 1)"),
        (lambda: nnmath.dot_trace([1, bad], [1, 2], a_name="x", b_name="w"), "x", "1"),
        (lambda: nnmath.transpose([[1, 2], [bad, 4]]), "m", "(1, 0)"),
        (lambda: nnmath.dense([[1, bad]], [[1, 2]], [0]), "X", "(0, 1)"),
        (lambda: nnmath.dense([[1, 2]], [[1, 2], [bad, 4]], [0, 0]), "W", "(1, 0)"),
        (lambda: nnmath.dense([[1, 2]], [[1, 2], [3, 4]], [0, bad]), "b", "1"),
        (lambda: nnmath.relu([0, 1, bad]), "x", "2"),
        (lambda: nnmath.sigmoid([[bad]]), "x", "(0, 0)"),
        (lambda: nnmath.tanh([bad, 1]), "x", "0"),
        (lambda: nnmath.step([1, bad]), "x", "1"),
        (lambda: nnmath.linear([1, bad]), "x", "1"),
        (lambda: nnmath.softmax([[1, 2], [3, bad]]), "z", "(1, 1)"),
        (lambda: nnmath.layer_norm([1, bad, 3]), "x", "1"),
        (lambda: nnmath.layer_norm([1, 2, 3], [1, bad, 1]), "gamma", "1"),
        (lambda: nnmath.layer_norm([1, 2, 3], None, [0, 0, bad]), "beta", "2"),
        (lambda: nnmath.categorical_cross_entropy([[0.5, bad]], [0]), "predictions", "(0, 1)"),
        (lambda: nnmath.categorical_cross_entropy(GOOD_BATCH, [0, bad]), "targets", "1"),
        (lambda: nnmath.binary_cross_entropy([1, bad], [0.5, 0.5]), "y_true", "1"),
        (lambda: nnmath.binary_cross_entropy([1, 0], [0.5, bad]), "y_pred", "1"),
        (lambda: nnmath.mse([1, bad], [1, 2]), "y_true", "1"),
        (lambda: nnmath.mse([1, 2], [bad, 2]), "y_pred", "0"),
        (lambda: nnmath.accuracy([[1, bad]], [0]), "predictions", "(0, 1)"),
        (lambda: nnmath.one_hot([0, bad], 3), "labels", "1"),
        (lambda: nnmath.compose_linear_trace([[1, 2]], [0], [[1]], [bad]), "b2", "0"),
    ]


@pytest.mark.parametrize("bad", [NAN, INF, -INF], ids=["nan", "inf", "-inf"])
def test_nan_and_inf_are_rejected_naming_argument_and_index(bad):
    for call, name, index in _calls_with_a_bad_value(bad):
        text = f"{name} holds {bad} at index {index}: only finite numbers can be computed and shown"
        with pytest.raises(InputError, match=exact(text)):
            call()


@pytest.mark.parametrize("bad", [NAN, INF, -INF], ids=["nan", "inf", "-inf"])
def test_nan_and_inf_scalars_are_rejected_without_an_index(bad):
    with pytest.raises(InputError, match=f"^{exact(f'x holds {bad}: only finite numbers')}"):
        nnmath.relu(bad)
    with pytest.raises(InputError, match=f"^{exact(f'x holds {bad}: only finite numbers')}"):
        nnmath.chain_rule_trace(bad, ["sin"])
    with pytest.raises(InputError, match=f"^{exact(f'x_min holds {bad}')}"):
        nnmath.sine_fit(4, bad, 1.0)
    with pytest.raises(InputError, match=f"^{exact(f'x_max holds {bad}')}"):
        nnmath.sine_fit(4, 0.0, bad)
    with pytest.raises(InputError, match=f"^{exact(f'w holds {bad}')}"):
        nnmath.neuron_chain_rule_trace(1.0, bad, 0.0)


def test_numpy_nan_arrays_are_rejected_too():
    a = np.arange(6, dtype=np.float64).reshape(2, 3)
    a[1, 2] = np.nan
    with pytest.raises(InputError, match=exact("a holds nan at index (1, 2)")):
        nnmath.dot(a, np.ones(3))
    with pytest.raises(InputError, match=exact("x holds nan")):
        nnmath.relu(np.float64("nan"))


def test_only_the_first_bad_entry_is_named():
    with pytest.raises(InputError, match=exact("x holds inf at index 1:")):
        nnmath.relu([0, INF, NAN])


def test_a_literal_too_large_for_float64_is_inf():
    # 1e309 is read by Python as inf
    with pytest.raises(InputError, match=exact("x holds inf at index 0")):
        nnmath.relu([1e309])


# --------------------------------------------------------------------------------------------
# empty arrays
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "text"),
    [
        (lambda: nnmath.dot([], [1]), "a is empty (shape (0,)): nothing to compute"),
        (lambda: nnmath.dot([1, 2], [[]]), "b is empty (shape (1, 0)): nothing to compute"),
        (lambda: nnmath.dot([], []), "a is empty (shape (0,))"),
        (lambda: nnmath.transpose(np.zeros((0, 3))), "m is empty (shape (0, 3))"),
        (lambda: nnmath.dense(np.zeros((0, 2)), [[1, 2]], [0]), "X is empty (shape (0, 2))"),
        (lambda: nnmath.dense([[1, 2]], np.zeros((0, 2)), [0]), "W is empty (shape (0, 2))"),
        (lambda: nnmath.relu([]), "x is empty (shape (0,))"),
        (lambda: nnmath.softmax([[]]), "z is empty (shape (1, 0))"),
        (lambda: nnmath.layer_norm([]), "x is empty (shape (0,))"),
        (lambda: nnmath.categorical_cross_entropy([], []), "predictions is empty (shape (0,))"),
        (lambda: nnmath.mse([], []), "y_true is empty (shape (0,))"),
        (lambda: nnmath.binary_cross_entropy([], []), "y_true is empty (shape (0,))"),
        (lambda: nnmath.accuracy([[]], [0]), "predictions is empty (shape (1, 0))"),
        (lambda: nnmath.one_hot([], 3), "labels is empty (shape (0,))"),
        (lambda: nnmath.secant_trace("sin", 1.0, []), "hs is empty (shape (0,))"),
    ],
)
def test_empty_arrays_are_rejected(call, text):
    with pytest.raises(InputError, match=exact(text)):
        call()


# --------------------------------------------------------------------------------------------
# non-numbers and ragged lists
# --------------------------------------------------------------------------------------------


def test_text_is_not_numbers():
    with pytest.raises(InputError, match=exact("x must be numbers, got the text 'abc'")):
        nnmath.relu("abc")
    with pytest.raises(InputError, match=exact("b must be numbers, got the text b'ab'")):
        nnmath.dot([1, 2], b"ab")


def test_strings_inside_lists():
    # The text itself is named, never numpy's "<U21".
    with pytest.raises(InputError, match=exact("b must be real numbers, got the text 'x' among them")):
        nnmath.dot([1, 2], [1, "x"])
    with pytest.raises(InputError, match=exact("a must be real numbers, got the text '1' among them")):
        nnmath.dot(np.array(["1", "2"]), [1, 2])


def test_none_is_not_a_number():
    with pytest.raises(InputError, match=exact("x must be real numbers, got NoneType None")):
        nnmath.relu(None)
    with pytest.raises(InputError, match=exact("b must be real numbers, got NoneType None")):
        nnmath.dot([1, 2], [1, None])
    with pytest.raises(InputError, match=exact("W must be real numbers, got NoneType None")):
        nnmath.dense([[1, 2]], [[1, 2], [3, None]], [0, 0])


def test_softmax_underflow_of_a_whole_row_is_an_error_not_nan():
    with pytest.raises(InputError, match=r"underflows to 0.*subtract max\(z\) first"):
        nnmath.softmax_trace([-1000, -1000], subtract_max=False)
    # the stable version handles it
    np.testing.assert_allclose(nnmath.softmax([-1000, -1000]), [0.5, 0.5])


def test_huge_label_is_named_as_given():
    with pytest.raises(InputError, match=exact("labels holds class 1e+20, outside 0..2 for 3 classes")):
        nnmath.one_hot([1e20], 3)


def test_integers_beyond_int64_are_numbers():
    assert nnmath.relu([2**70]).tolist() == [float(2**70)]


def test_results_that_overflow_are_an_error():
    with pytest.raises(InputError, match=r"np.dot\(a, b\): output overflows float64"):
        nnmath.dot([1e200], [1e200])
    with pytest.raises(InputError, match=r"overflows float64"):
        nnmath.mse([1e200], [-1e200])


def test_complex_numbers_are_not_real():
    with pytest.raises(InputError, match=exact("b must be real numbers, got complex numbers")):
        nnmath.dot([1, 2], [1, 2j])
    with pytest.raises(InputError, match=exact("x must be real numbers, got complex numbers")):
        nnmath.relu(np.array([1 + 0j]))


def test_other_objects_are_named_by_type():
    with pytest.raises(InputError, match=r"^b must be real numbers, got object <object object at "):
        nnmath.dot([1, 2], [object(), 1])
    with pytest.raises(InputError, match=exact("x must be real numbers, got dict {'a': 1}")):
        nnmath.relu([{"a": 1}, 1])
    with pytest.raises(InputError, match=exact("x must be real numbers, got values of type datetime64")):
        nnmath.relu(np.array(["2020-01-01"], dtype="datetime64[D]"))


def test_booleans_count_as_zero_and_one():
    # numpy's own rule, documented in validate.py: accepted, not an error
    assert float(nnmath.dot([True, False, True], [1, 2, 3])) == 4.0


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: nnmath.dot([[1, 2], [3]], [1, 2]), "a"),
        (lambda: nnmath.dot([1, 2], [[1, 2], [3]]), "b"),
        (lambda: nnmath.dense([[1, 2]], [[1, 2], [3]], [0, 0]), "W"),
        (lambda: nnmath.softmax([[1, 2], [3]]), "z"),
        (lambda: nnmath.mse([[1], [2, 3]], [[1], [2, 3]]), "y_true"),
        (lambda: nnmath.relu([1, [2, 3]]), "x"),
    ],
)
def test_ragged_lists(call, name):
    with pytest.raises(ShapeError, match=exact(f"{name} is ragged: its rows have different lengths")):
        call()


# --------------------------------------------------------------------------------------------
# softmax and layer norm
# --------------------------------------------------------------------------------------------


def test_softmax_without_subtracting_max_overflows():
    with pytest.raises(InputError, match="subtract max") as info:
        nnmath.softmax_trace([1000, 0], subtract_max=False)
    message = str(info.value)
    assert message.startswith("e^z overflows float64 for z above 709.78 (largest is 1000.0)")
    assert message.endswith("subtract max(z) first, which gives the same softmax")
    with pytest.raises(InputError, match=exact("e^z1 overflows float64 for z1 above 709.78 (largest is 710.0)")):
        nnmath.softmax_trace([[0, 1], [710, 2]], subtract_max=False, z_name="z1")
    # subtracting the max, the same values are fine
    np.testing.assert_allclose(nnmath.softmax([1000, 0]), [1.0, 0.0], atol=1e-300)


def test_layer_norm_parameter_errors():
    with pytest.raises(ShapeError, match=exact("gamma has shape (2,); layer norm of x with 3 features needs shape (3,)")):
        nnmath.layer_norm([1, 2, 3], [1, 1])
    with pytest.raises(ShapeError, match=exact("beta has shape (2,); layer norm of x with 3 features needs shape (3,)")):
        nnmath.layer_norm([1, 2, 3], None, [0, 0])
    with pytest.raises(ShapeError, match=exact("gamma has shape (1, 3) (rank 2); expected rank 1")):
        nnmath.layer_norm([1, 2, 3], [[1, 1, 1]])
    with pytest.raises(InputError, match=exact("eps must be positive, got 0")):
        nnmath.layer_norm([1, 2, 3], eps=0)
    with pytest.raises(InputError, match=exact("eps must be positive, got -1e-05")):
        nnmath.layer_norm([1, 2, 3], eps=-1e-5)
    with pytest.raises(InputError, match=exact("eps must be positive, got nan")):
        nnmath.layer_norm([1, 2, 3], eps=NAN)


# --------------------------------------------------------------------------------------------
# cross-entropy, accuracy, mse
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predictions", "bad"),
    [([[0.5, 1.2]], "1.2"), ([[0.5, -0.1]], "-0.1"), ([2.0, 0.0], "2.0"), ([[0.2, 0.3], [0.1, 1.0000001]], "1.0000001")],
)
def test_cross_entropy_predictions_outside_zero_one(predictions, bad):
    targets = [0] * len(predictions) if np.ndim(predictions) == 2 else 0
    with pytest.raises(InputError, match=exact(f"predictions must be probabilities in [0, 1]; it holds {bad}")):
        nnmath.categorical_cross_entropy(predictions, targets)


def test_probabilities_elsewhere_outside_zero_one():
    with pytest.raises(InputError, match=exact("y_pred must be probabilities in [0, 1]; it holds 1.5")):
        nnmath.binary_cross_entropy([1, 0], [0.5, 1.5])
    with pytest.raises(InputError, match=exact("p must be probabilities in [0, 1]; it holds -0.5")):
        nnmath.negative_log_trace(-0.5)


@pytest.mark.parametrize("loss", [nnmath.categorical_cross_entropy, nnmath.accuracy])
def test_targets_with_a_class_out_of_range(loss):
    with pytest.raises(InputError, match=exact("targets holds class 2, outside 0..1 for 2 classes")):
        loss([[0.5, 0.5]], [2])
    with pytest.raises(InputError, match=exact("targets holds class -1, outside 0..1 for 2 classes")):
        loss([[0.5, 0.5], [0.5, 0.5]], [0, -1])
    with pytest.raises(InputError, match=exact("targets holds class 3, outside 0..2 for 3 classes")):
        loss([0.2, 0.3, 0.5], 3)
    with pytest.raises(InputError, match=exact("targets must be whole-number class indices, got [0.5]")):
        loss([[0.5, 0.5]], [0.5])


@pytest.mark.parametrize("loss", [nnmath.categorical_cross_entropy, nnmath.accuracy])
@pytest.mark.parametrize("targets", [[[1, 1]], [[0.5, 0.5]], [[0, 0]], [[2, -1]]])
def test_one_hot_targets_that_are_not_one_hot(loss, targets):
    text = f"one-hot targets must hold a single 1 per sample and 0 elsewhere; got {np.asarray(targets, float).tolist()}"
    with pytest.raises(InputError, match=exact(text)):
        loss([[0.5, 0.5]], targets)


@pytest.mark.parametrize("loss", [nnmath.categorical_cross_entropy, nnmath.accuracy])
def test_targets_of_the_wrong_shape(loss):
    with pytest.raises(
        ShapeError, match=exact("targets (3,) give one label per sample, but predictions (2, 2) hold 2 samples")
    ):
        loss([[0.5, 0.5], [0.2, 0.8]], [0, 1, 1])
    with pytest.raises(
        ShapeError,
        match=exact(
            "targets (2, 3) fit neither way with predictions (2, 2): give class indices of shape (2,) "
            "or one-hot rows of shape (2, 2)"
        ),
    ):
        loss([[0.5, 0.5], [0.2, 0.8]], [[0, 1, 0], [1, 0, 0]])
    with pytest.raises(
        ShapeError,
        match=exact("targets (1, 2) fit neither way with predictions (2,): give class indices of shape () or one-hot rows"),
    ):
        loss([0.5, 0.5], [[0, 1]])
    with pytest.raises(ShapeError, match=exact("targets () fit neither way with predictions (2, 2)")):
        loss([[0.5, 0.5], [0.2, 0.8]], 1)


def test_binary_cross_entropy_errors():
    with pytest.raises(ShapeError, match=exact("y_true (2,) and y_pred (1,) differ in shape")):
        nnmath.binary_cross_entropy([1, 0], [0.5])
    with pytest.raises(InputError, match=exact("y_true must hold only 0 and 1; got [1.0, 2.0]")):
        nnmath.binary_cross_entropy([1, 2], [0.5, 0.5])
    with pytest.raises(InputError, match=exact("y_true must hold only 0 and 1; got [0.5]")):
        nnmath.binary_cross_entropy([0.5], [0.5])


def test_mse_shapes_that_differ():
    with pytest.raises(ShapeError, match=exact("y_true (2,) and y_pred (3,) differ in shape")):
        nnmath.mse([1, 2], [1, 2, 3])
    # no broadcasting: (1, 2) against (2,) is an error, not a silent mean over a broadcast
    with pytest.raises(ShapeError, match=exact("y_true (1, 2) and y_pred (2,) differ in shape")):
        nnmath.mse([[1, 2]], [1, 2])
    with pytest.raises(ShapeError, match=exact("y_true () and y_pred (1,) differ in shape")):
        nnmath.mse(1.0, [1.0])
    with pytest.raises(ShapeError, match=exact("y_true (3,) and y_pred (3, 1) differ in shape")):
        nnmath.mse([1, 2, 3], [[1], [2], [3]])


# --------------------------------------------------------------------------------------------
# one-hot
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("n_classes", "shown"), [(0, "0"), (-2, "-2"), (2.0, "2.0"), (True, "True"), ("3", "'3'")])
def test_one_hot_bad_n_classes(n_classes, shown):
    with pytest.raises(InputError, match=exact(f"n_classes must be a positive whole number, got {shown}")):
        nnmath.one_hot([0, 1], n_classes)


def test_one_hot_labels_out_of_range():
    with pytest.raises(InputError, match=exact("labels holds class 3, outside 0..2 for 3 classes")):
        nnmath.one_hot([0, 3], 3)
    with pytest.raises(InputError, match=exact("labels holds class -1, outside 0..2 for 3 classes")):
        nnmath.one_hot([0, -1], 3)
    with pytest.raises(InputError, match=exact("labels holds class 5, outside 0..2 for 3 classes")):
        nnmath.one_hot(5, 3)
    with pytest.raises(InputError, match=exact("labels holds class 1, outside 0..0 for 1 classes")):
        nnmath.one_hot([0, 1], 1)


def test_one_hot_labels_that_are_not_whole_numbers():
    with pytest.raises(InputError, match=exact("labels must be whole-number class indices, got [0.0, 1.5]")):
        nnmath.one_hot([0, 1.5], 3)
    with pytest.raises(InputError, match=exact("labels must be whole-number class indices, got 0.25")):
        nnmath.one_hot(0.25, 3)
    with pytest.raises(InputError, match=exact("labels must be numbers, got the text '1'")):
        nnmath.one_hot("1", 3)


# --------------------------------------------------------------------------------------------
# unknown names
# --------------------------------------------------------------------------------------------


def test_unknown_activation_lists_the_known_ones():
    known = "known: linear, relu, sigmoid, step, tanh"
    assert known == "known: " + ", ".join(sorted(nnmath.ACTIVATIONS))
    with pytest.raises(InputError, match=exact(f"unknown activation 'gelu'; {known}")):
        nnmath.get_activation("gelu")
    with pytest.raises(InputError, match=exact(f"unknown activation 'Relu'; {known}")):
        nnmath.activation_trace("Relu", [1.0])
    with pytest.raises(InputError, match=exact(f"unknown activation 'softplus'; {known}")):
        nnmath.forward_trace([[1.0]], [nnmath.Layer([[1.0]], [0.0], activation="softplus")])


def test_unknown_function_lists_the_known_ones():
    known = "known: cube, exp, linear, relu, sigmoid, sin, square, step, tanh"
    assert known == "known: " + ", ".join(sorted(nnmath.FUNCTIONS))
    with pytest.raises(InputError, match=exact(f"unknown function 'cosh'; {known}")):
        nnmath.chain_rule_trace(1.0, ["sin", "cosh"])
    with pytest.raises(InputError, match=exact(f"unknown function 'log'; {known}")):
        nnmath.secant_trace("log", 1.0, [0.1])
    with pytest.raises(InputError, match=exact(f"unknown function 'softplus'; {known}")):
        nnmath.neuron_chain_rule_trace(1.0, 2.0, 3.0, "softplus")


# --------------------------------------------------------------------------------------------
# calculus
# --------------------------------------------------------------------------------------------


def test_calculus_errors():
    with pytest.raises(InputError, match=exact("the chain rule needs at least one function")):
        nnmath.chain_rule_trace(1.0, [])
    with pytest.raises(InputError, match=exact("every h must be non-zero: a secant needs two different points")):
        nnmath.secant_trace("sin", 1.0, [0.1, 0.0])
    with pytest.raises(InputError, match=exact("h must be positive, got 0")):
        nnmath.numerical_derivative(np.sin, 1.0, 0)
    with pytest.raises(InputError, match=exact("h must be positive, got -0.001")):
        nnmath.numerical_derivative(np.sin, 1.0, -0.001)
    with pytest.raises(ShapeError, match=exact("x has shape (2,) (rank 1); expected rank 0")):
        nnmath.chain_rule_trace([1.0, 2.0], ["sin"])
    with pytest.raises(ShapeError, match=exact("hs has shape () (rank 0); expected rank 1")):
        nnmath.secant_trace("sin", 1.0, 0.1)


# --------------------------------------------------------------------------------------------
# sine_fit
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("pairs", "shown"), [(0, "0"), (-1, "-1"), (2.5, "2.5"), (True, "True"), (None, "None")])
def test_sine_fit_bad_pairs(pairs, shown):
    with pytest.raises(InputError, match=exact(f"pairs must be a positive whole number, got {shown}")):
        nnmath.sine_fit(pairs)


@pytest.mark.parametrize(("x_min", "x_max"), [(1.0, 1.0), (2.0, 1.0), (0.0, -0.5)])
def test_sine_fit_interval_must_be_increasing(x_min, x_max):
    with pytest.raises(InputError, match=exact(f"x_min must be below x_max, got {x_min} and {x_max}")):
        nnmath.sine_fit(4, x_min, x_max)


def test_sine_fit_active_pairs_out_of_range():
    fit = nnmath.sine_fit(2)
    with pytest.raises(InputError, match=exact("active_pairs must be between 0 and 2, got 5")):
        fit.layers(active_pairs=5)
    with pytest.raises(InputError, match=exact("active_pairs must be between 0 and 2, got -1")):
        fit.predict([0.5], active_pairs=-1)
    with pytest.raises(ShapeError, match=exact("x has shape (1, 1) (rank 2); expected rank 1")):
        fit.predict([[0.5]])
