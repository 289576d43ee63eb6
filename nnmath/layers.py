"""Dense layers and whole forward passes, traced step by step.

Two weight layouts, both in use in the class:

* ``"neurons_inputs"`` — one row per neuron, shape (neurons, inputs); the layer is
  ``np.dot(X, W.T) + b``, as the lecture writes it;
* ``"inputs_neurons"`` — shape (inputs, neurons); the layer is ``np.dot(X, W) + b``, as the
  book's ``Layer_Dense`` stores it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from nnmath.activations import activation_trace, get_activation, layer_norm_trace, softmax_trace
from nnmath.errors import InputError, ShapeError
from nnmath.linalg import add_trace, dot_trace, transpose_trace
from nnmath.trace import Step, Trace, check_finite
from nnmath.validate import as_array, format_shape

__all__ = [
    "WeightsLayout",
    "LAYOUTS",
    "dense_trace",
    "dense",
    "Layer",
    "forward_trace",
    "ForwardPass",
    "compose_linear_trace",
]

WeightsLayout = Literal["neurons_inputs", "inputs_neurons"]
LAYOUTS: tuple[str, ...] = ("neurons_inputs", "inputs_neurons")


def _check_layout(layout: str) -> None:
    if layout not in LAYOUTS:
        raise InputError(f"unknown weights_layout {layout!r}; use one of {', '.join(LAYOUTS)}")


def _check_biases(biases: np.ndarray, neurons: int, biases_name: str) -> np.ndarray:
    """Biases are one per neuron: shape (neurons,), or the book's (1, neurons)."""
    if biases.shape == (neurons,):
        return biases
    if biases.shape == (1, neurons):
        return biases.reshape(neurons)
    if biases.shape == (neurons, 1) and neurons > 1:
        raise ShapeError(
            f"{biases_name} has shape {format_shape(biases.shape)}, a column: added to a batch it would "
            f"broadcast every bias across every neuron. Give one bias per neuron as shape ({neurons},)"
        )
    raise ShapeError(
        f"{biases_name} has shape {format_shape(biases.shape)}; a layer of {neurons} neurons needs "
        f"one bias per neuron, shape ({neurons},)"
    )


def _dense_operands(
    inputs: object,
    weights: object,
    biases: object,
    weights_layout: str,
    inputs_name: str = "X",
    weights_name: str = "W",
    biases_name: str = "b",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The checked operands of a dense layer: float64 arrays, inner dimensions that match, and
    biases of shape (neurons,); the errors say which shape is wrong and why."""
    _check_layout(weights_layout)
    x = as_array(inputs, inputs_name, ndim=(1, 2))
    w = as_array(weights, weights_name, ndim=(2,))
    b = as_array(biases, biases_name, ndim=(1, 2))
    n_inputs, neurons = (w.shape[1], w.shape[0]) if weights_layout == "neurons_inputs" else w.shape
    features = x.shape[-1]
    if features != n_inputs:
        written = f"{weights_name}ᵀ" if weights_layout == "neurons_inputs" else weights_name
        raise ShapeError(
            f"np.dot({inputs_name}, {written}): {inputs_name} {format_shape(x.shape)} has {features} "
            f"features but {weights_name} {format_shape(w.shape)} ({weights_layout}) takes {n_inputs} "
            f"inputs per neuron: inner dimensions {features} and {n_inputs} differ",
            left_shape=tuple(x.shape),
            right_shape=tuple(w.shape),
            left_dim=features,
            right_dim=n_inputs,
        )
    return x, w, _check_biases(b, neurons, biases_name)


def _dense_kernel(x: np.ndarray, w: np.ndarray, b: np.ndarray, weights_layout: str) -> np.ndarray:
    """``np.dot(x, w.T) + b`` (or ``np.dot(x, w) + b``) on checked operands: the layer itself."""
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported by the caller
        return np.dot(x, w.T if weights_layout == "neurons_inputs" else w) + b


def dense_trace(
    inputs: object,
    weights: object,
    biases: object,
    *,
    weights_layout: WeightsLayout = "neurons_inputs",
    inputs_name: str = "X",
    weights_name: str = "W",
    biases_name: str = "b",
    parents: tuple[Step, ...] = (),
) -> Trace:
    """A dense layer on one sample or a batch.

    Parameters
    ----------
    inputs : array of shape (inputs,) or (batch, inputs)
    weights : array of shape (neurons, inputs) or (inputs, neurons), per ``weights_layout``
    biases : array of shape (neurons,) (the book's (1, neurons) is accepted)

    Returns
    -------
    Trace
        For ``"neurons_inputs"``: the transpose of ``weights``, the product, the bias addition;
        for ``"inputs_neurons"``: the product and the bias addition. The output has shape
        (neurons,) or (batch, neurons).

    Raises
    ------
    ShapeError
        The inputs' feature count is not the weights' input count, or biases not one per neuron.
    """
    x, w, b = _dense_operands(inputs, weights, biases, weights_layout, inputs_name, weights_name, biases_name)
    steps: list[Step] = []
    if weights_layout == "neurons_inputs":
        transposed = transpose_trace(w, name=weights_name)
        steps.append(transposed)
        product = dot_trace(
            x,
            transposed.output,
            a_name=inputs_name,
            b_name=f"{weights_name}ᵀ",
            parents=(*parents, transposed),
        )
    else:
        product = dot_trace(x, w, a_name=inputs_name, b_name=weights_name, parents=parents)
    steps.append(product)
    steps.append(
        add_trace(
            product.output,
            b,
            x_name=product.label,
            y_name=biases_name,
            parents=(product,),
            note=f"{biases_name} {format_shape(b.shape)} is added to every sample's row",
        )
    )
    return Trace(steps)


def dense(
    inputs: object,
    weights: object,
    biases: object,
    *,
    weights_layout: WeightsLayout = "neurons_inputs",
) -> np.ndarray:
    """The output of a dense layer: ``np.dot(X, W.T) + b`` or, for ``"inputs_neurons"``, ``np.dot(X, W) + b``.

    The same checks as :func:`dense_trace`, at the cost of the numpy expression itself (no
    intermediates are kept): the one to call in a training loop. The traced layer sums each
    product term by term, as the lecture writes it; the two agree to float64 rounding.
    """
    x, w, b = _dense_operands(inputs, weights, biases, weights_layout)
    output = _dense_kernel(x, w, b, weights_layout)
    check_finite(output, "the layer's output")
    return output


@dataclass(frozen=True)
class Layer:
    """One layer of a network: dense weights and biases, an activation, then optional layer norm.

    The notes' order: Linear → ReLU → Layer-Norm, then the next layer.

    ``activation`` is one of the element-wise activations or ``"softmax"``.
    """

    weights: object
    biases: object
    activation: str = "relu"
    weights_layout: WeightsLayout = "neurons_inputs"
    layer_norm: bool = False


@dataclass(frozen=True)
class ForwardPass:
    """The steps of a forward pass, in order, and what it predicts."""

    trace: Trace

    @property
    def output(self) -> np.ndarray:
        return np.array(self.trace.output)

    @property
    def predicted(self) -> np.ndarray:
        """Index of the largest output of each sample (the predicted class)."""
        return np.argmax(self.trace.output, axis=-1)


def forward_trace(inputs: object, layers: Sequence[Layer], *, inputs_name: str = "X") -> ForwardPass:
    """Run ``inputs`` through ``layers``, keeping every step.

    Layer ``k`` (from 1) names its weights ``w{k}``, biases ``b{k}`` and output ``f{k}``, as the
    lecture does. Each layer adds its dense steps, then its activation (``softmax`` over each
    row, or an element-wise function), then ``layer_norm`` if asked.
    """
    if not layers:
        raise InputError("a forward pass needs at least one layer")
    steps: list[Step] = []
    current: object = inputs
    name = inputs_name
    parent: tuple[Step, ...] = ()
    for k, layer in enumerate(layers, start=1):
        if layer.activation != "softmax":
            get_activation(layer.activation)
        dense_steps = dense_trace(
            current,
            layer.weights,
            layer.biases,
            weights_layout=layer.weights_layout,
            inputs_name=name,
            weights_name=f"w{k}",
            biases_name=f"b{k}",
            parents=parent,
        )
        steps.extend(dense_steps)
        last = dense_steps[-1]
        if layer.activation == "softmax":
            last = softmax_trace(last.output, z_name=f"z{k}", parents=(last,))
        else:
            last = activation_trace(layer.activation, last.output, x_name=f"z{k}", parents=(last,))
        steps.append(last)
        if layer.layer_norm:
            last = layer_norm_trace(last.output, x_name=f"a{k}", parents=(last,))
            steps.append(last)
        current, name, parent = last.output, f"f{k}", (last,)
    return ForwardPass(Trace(steps))


def compose_linear_trace(w1: object, b1: object, w2: object, b2: object) -> Trace:
    """Two dense layers without an activation are one dense layer.

    ``w2·(w1·x + b1) + b2 = (w2·w1)·x + (w2·b1 + b2)``, weights in the (neurons, inputs) layout.

    Parameters
    ----------
    w1 : (hidden, inputs), b1 : (hidden,), w2 : (outputs, hidden), b2 : (outputs,)

    Returns
    -------
    Trace
        ``np.dot(w2, w1)`` — the combined weights (outputs, inputs) —, ``np.dot(w2, b1)``, and
        the combined biases ``np.dot(w2, b1) + b2`` (outputs,).
    """
    weights = dot_trace(w2, w1, a_name="w2", b_name="w1")
    carried = dot_trace(w2, b1, a_name="w2", b_name="b1")
    bias = add_trace(
        carried.output,
        as_array(b2, "b2", ndim=(1,)),
        x_name="np.dot(w2, b1)",
        y_name="b2",
        parents=(carried,),
        note="the first layer's biases, carried through the second layer, plus its own",
    )
    return Trace([weights, carried, bias])
