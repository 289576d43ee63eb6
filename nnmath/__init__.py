"""nnmath: the forward and backward pass of a neural network, every step kept so it can be shown.

Plain numpy; never imports manim. The functions here take numbers, lists or arrays and return
plain numpy values. Each has a traced twin (``*_trace``) that returns a :class:`Step` or a
:class:`Trace` recording inputs, intermediate values, output and shapes — what the scenes draw.

>>> import nnmath
>>> nnmath.dot([1, 2, 3], [[4, 5, 6], [7, 8, 9], [10, 11, 12]])
array([48., 54., 60.])
>>> nnmath.dot_trace([1, 2, 3], [4, 5, 6]).intermediates["products"].ravel()
array([ 4., 10., 18.])
"""

from __future__ import annotations

from nnmath.activations import (
    ACTIVATIONS,
    Activation,
    activation_trace,
    get_activation,
    layer_norm,
    layer_norm_trace,
    linear,
    relu,
    sigmoid,
    softmax,
    softmax_trace,
    step,
    tanh,
)
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
from nnmath.calculus import (
    FUNCTIONS,
    chain_rule_trace,
    neuron_chain_rule_trace,
    numerical_derivative,
    secant_trace,
)
from nnmath.display import format_array, format_number
from nnmath.errors import InputError, NNMathError, ShapeError
from nnmath.layers import Layer, compose_linear_trace, dense, dense_trace, forward_trace
from nnmath.linalg import add_trace, dot, dot_trace, transpose, transpose_trace
from nnmath.losses import (
    accuracy,
    accuracy_trace,
    binary_cross_entropy,
    binary_cross_entropy_trace,
    categorical_cross_entropy,
    categorical_cross_entropy_trace,
    mse,
    mse_trace,
    negative_log_trace,
    one_hot,
    one_hot_trace,
)
from nnmath.optimizers import SGD, Adagrad, Adam, Optimizer, RMSprop
from nnmath.sine_fit import SineFit, sine_fit
from nnmath.spiral import spiral_data, spiral_model
from nnmath.trace import Cell, ProductStep, Step, Trace, ancestors
from nnmath.training import TrainingHistory, predict, predict_grid, train

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "Adagrad",
    "Adam",
    "Cell",
    "FUNCTIONS",
    "InputError",
    "Layer",
    "NNMathError",
    "Optimizer",
    "ProductStep",
    "RMSprop",
    "SGD",
    "ShapeError",
    "SineFit",
    "Step",
    "Trace",
    "TrainingHistory",
    "accuracy",
    "accuracy_trace",
    "activation_trace",
    "add_trace",
    "ancestors",
    "binary_cross_entropy",
    "binary_cross_entropy_trace",
    "categorical_cross_entropy",
    "categorical_cross_entropy_backward",
    "categorical_cross_entropy_backward_trace",
    "categorical_cross_entropy_trace",
    "chain_rule_trace",
    "compose_linear_trace",
    "dense",
    "dense_backward",
    "dense_backward_trace",
    "dense_trace",
    "dot",
    "dot_trace",
    "format_array",
    "format_number",
    "forward_trace",
    "get_activation",
    "layer_norm",
    "layer_norm_trace",
    "linear",
    "mse",
    "mse_trace",
    "negative_log_trace",
    "neuron_chain_rule_trace",
    "numerical_derivative",
    "one_hot",
    "one_hot_trace",
    "predict",
    "predict_grid",
    "relu",
    "relu_backward",
    "relu_backward_trace",
    "secant_trace",
    "sigmoid",
    "sine_fit",
    "softmax",
    "softmax_backward",
    "softmax_backward_trace",
    "softmax_cross_entropy_backward",
    "softmax_cross_entropy_backward_trace",
    "softmax_jacobian",
    "softmax_jacobian_trace",
    "softmax_trace",
    "spiral_data",
    "spiral_model",
    "step",
    "tanh",
    "train",
    "transpose",
    "transpose_trace",
]
