"""The backward pass: the gradient of the loss with respect to every input of every step.

Each operation comes twice, as in the forward pass:

* a plain function (``dense_backward``, ``relu_backward``, ...) that checks its arguments once
  and runs a bare-numpy kernel (the ``_..._kernel`` functions, which the training loop calls
  directly, so 10,000 epochs cost what numpy costs);
* a traced twin (``*_trace``) that runs the same kernel and returns :class:`Step` s recording what
  each gradient was made from — the matrix products of a dense layer cell by cell, the ReLU mask,
  each sample's softmax Jacobian — for the scenes and ``nnanim explain``.

``dvalues`` is always the gradient arriving from the step after (∂L/∂output), as in the book.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from nnmath.errors import InputError, ShapeError
from nnmath.layers import WeightsLayout, _check_layout
from nnmath.linalg import dot_trace, transpose_trace
from nnmath.losses import _probabilities, _targets_as_one_hot
from nnmath.trace import Step, Trace
from nnmath.validate import as_array, format_shape

__all__ = [
    "dense_backward",
    "dense_backward_trace",
    "relu_backward",
    "relu_backward_trace",
    "softmax_jacobian",
    "softmax_jacobian_trace",
    "softmax_backward",
    "softmax_backward_trace",
    "categorical_cross_entropy_backward",
    "categorical_cross_entropy_backward_trace",
    "softmax_cross_entropy_backward",
    "softmax_cross_entropy_backward_trace",
]


# --------------------------------------------------------------------------------------------
# Kernels: bare numpy, no checks. Arguments are float64 arrays of matching shapes.
# --------------------------------------------------------------------------------------------


def _dense_backward_kernel(
    dvalues: np.ndarray, inputs: np.ndarray, weights: np.ndarray, neurons_inputs: bool, need_dinputs: bool = True
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """(dinputs, dweights, dbiases) of ``inputs·Wᵀ + b`` (``neurons_inputs``) or ``inputs·W + b``.

    ``need_dinputs=False`` skips the product nobody reads (the first layer's, in training): dinputs is None.
    """
    if inputs.ndim == 1:  # one sample: a batch of one, its dinputs given back as a vector
        dinputs, dweights, dbiases = _dense_backward_kernel(dvalues[None], inputs[None], weights, neurons_inputs, need_dinputs)
        return (dinputs[0] if need_dinputs else None), dweights, dbiases
    dweights = np.dot(dvalues.T, inputs) if neurons_inputs else np.dot(inputs.T, dvalues)
    dinputs = (np.dot(dvalues, weights) if neurons_inputs else np.dot(dvalues, weights.T)) if need_dinputs else None
    return dinputs, dweights, dvalues.sum(axis=0)


def _relu_backward_kernel(dvalues: np.ndarray, z: np.ndarray) -> np.ndarray:
    # The book's convention: no gradient at z = 0 (ReLU'(0) = 0).
    return np.where(z > 0, dvalues, 0.0)


def _softmax_jacobian_kernel(s: np.ndarray) -> np.ndarray:
    """diag(s) − s·sᵀ for each row of ``s`` (shape (..., k) -> (..., k, k))."""
    return s[..., :, None] * np.eye(s.shape[-1]) - s[..., :, None] * s[..., None, :]


def _softmax_backward_kernel(dvalues: np.ndarray, s: np.ndarray) -> np.ndarray:
    # J·d with J = diag(s) − s·sᵀ is s ⊙ d − s (s·d): the Jacobian is never built.
    return s * (dvalues - np.sum(s * dvalues, axis=-1, keepdims=True))


def _samples(y_pred: np.ndarray) -> int:
    return y_pred.shape[0] if y_pred.ndim == 2 else 1


def _cce_backward_kernel(y_pred: np.ndarray, one_hot: np.ndarray) -> np.ndarray:
    # −y/ŷ only where y ≠ 0: the book's −0/0 for a class predicted 0 that is not the target is a
    # NaN there; its true value is 0 (that class's term is not in the loss).
    ratio = np.divide(one_hot, y_pred, out=np.zeros_like(y_pred), where=one_hot != 0)
    return -ratio / _samples(y_pred)


def _softmax_cce_backward_kernel(y_pred: np.ndarray, one_hot: np.ndarray) -> np.ndarray:
    return (y_pred - one_hot) / _samples(y_pred)


# --------------------------------------------------------------------------------------------
# Checks shared by the plain functions and their traced twins
# --------------------------------------------------------------------------------------------


def _dense_arguments(
    dvalues: object, inputs: object, weights: object, layout: str, names: tuple[str, str, str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    _check_layout(layout)
    dv_name, x_name, w_name = names
    dv = as_array(dvalues, dv_name, ndim=(1, 2))
    x = as_array(inputs, x_name, ndim=(1, 2))
    w = as_array(weights, w_name, ndim=(2,))
    n_inputs, neurons = (w.shape[1], w.shape[0]) if layout == "neurons_inputs" else w.shape
    if x.shape[-1] != n_inputs:
        raise ShapeError(
            f"{x_name} {format_shape(x.shape)} has {x.shape[-1]} features but {w_name} "
            f"{format_shape(w.shape)} ({layout}) takes {n_inputs} inputs per neuron"
        )
    expected = (*x.shape[:-1], neurons)
    if dv.shape != expected:
        raise ShapeError(
            f"{dv_name} {format_shape(dv.shape)} must have the shape of the layer's output, "
            f"{format_shape(expected)}: one gradient per sample and neuron"
        )
    return dv, x, w


def _same_shape(a: object, b: object, names: tuple[str, str], ndim: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    first = as_array(a, names[0], ndim=ndim)
    second = as_array(b, names[1], ndim=ndim)
    if first.shape != second.shape:
        raise ShapeError(
            f"{names[0]} {format_shape(first.shape)} and {names[1]} {format_shape(second.shape)} "
            "must have the same shape: one gradient per value"
        )
    return first, second


def _softmax_arguments(dvalues: object, s: object) -> tuple[np.ndarray, np.ndarray]:
    dv, _ = _same_shape(dvalues, s, ("dvalues", "softmax output"), (1, 2))
    return dv, _probabilities(s, "softmax output", (1, 2))


def _cce_arguments(y_pred: object, y_true: object) -> tuple[np.ndarray, np.ndarray, bool]:
    probs = _probabilities(y_pred, "y_pred", (1, 2))
    one_hot, sparse = _targets_as_one_hot(y_true, probs)
    zero = (one_hot != 0) & (probs == 0)
    if zero.any():
        index = tuple(int(i) for i in np.argwhere(zero)[0])
        raise InputError(
            f"y_pred gives the true class probability 0 at index {index if len(index) > 1 else index[0]}: "
            "the gradient −1/ŷ is infinite there"
        )
    return probs, one_hot, sparse


# --------------------------------------------------------------------------------------------
# Dense layer
# --------------------------------------------------------------------------------------------


def dense_backward(
    dvalues: object,
    inputs: object,
    weights: object,
    weights_layout: WeightsLayout = "neurons_inputs",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of a dense layer from the gradient of its output.

    Parameters
    ----------
    dvalues : (neurons,) or (batch, neurons), ∂L/∂output
    inputs : (inputs,) or (batch, inputs), what the layer was given
    weights : (neurons, inputs) for ``"neurons_inputs"`` (output ``X·Wᵀ + b``) or (inputs,
        neurons) for ``"inputs_neurons"`` (the book's ``X·W + b``)

    Returns
    -------
    (dinputs, dweights, dbiases)
        ``dinputs`` shaped like ``inputs``; ``dweights`` in the weights' own shape
        (``dvaluesᵀ·X`` or ``Xᵀ·dvalues``); ``dbiases`` the column sums of ``dvalues``, (neurons,).
    """
    dv, x, w = _dense_arguments(dvalues, inputs, weights, weights_layout, ("dvalues", "inputs", "weights"))
    return _dense_backward_kernel(dv, x, w, weights_layout == "neurons_inputs")


def dense_backward_trace(
    dvalues: object,
    inputs: object,
    weights: object,
    weights_layout: WeightsLayout = "neurons_inputs",
    *,
    dvalues_name: str = "dvalues",
    inputs_name: str = "X",
    weights_name: str = "W",
    parents: tuple[Step, ...] = (),
) -> Trace:
    """The traced :func:`dense_backward`: each gradient a step, matrix products cell by cell.

    Returns
    -------
    Trace
        Steps with ``op`` ``"transpose"`` (the operand turned), ``"dweights"`` (a product step,
        ``np.dot(Xᵀ, dvalues)`` or ``np.dot(dvaluesᵀ, X)``), ``"dbiases"`` (the column sums, with
        ``intermediates["rows"]``, the rows summed) and ``"dinputs"`` (``np.dot(dvalues, Wᵀ)`` or
        ``np.dot(dvalues, W)``). A single sample is a batch of one for ``dweights``.
    """
    names = (dvalues_name, inputs_name, weights_name)
    dv, x, w = _dense_arguments(dvalues, inputs, weights, weights_layout, names)
    dinputs, dweights, dbiases = _dense_backward_kernel(dv, x, w, weights_layout == "neurons_inputs")
    batch_dv, batch_x = np.atleast_2d(dv), np.atleast_2d(x)
    steps: list[Step] = []
    if weights_layout == "neurons_inputs":
        turned = transpose_trace(batch_dv, name=dvalues_name, parents=parents)
        weights_product = dot_trace(turned.output, batch_x, a_name=f"{dvalues_name}ᵀ", b_name=inputs_name, parents=(turned,))
        inputs_product = dot_trace(dv, w, a_name=dvalues_name, b_name=weights_name, parents=parents)
        steps.append(turned)
    else:
        turned = transpose_trace(batch_x, name=inputs_name)
        weights_product = dot_trace(turned.output, batch_dv, a_name=f"{inputs_name}ᵀ", b_name=dvalues_name, parents=(turned, *parents))
        turned_w = transpose_trace(w, name=weights_name)
        inputs_product = dot_trace(dv, turned_w.output, a_name=dvalues_name, b_name=f"{weights_name}ᵀ", parents=(*parents, turned_w))
        steps += [turned, turned_w]
    steps.append(
        replace(
            weights_product,
            op="dweights",
            output=dweights,
            note=f"∂L/∂{weights_name}, {format_shape(dweights.shape)} like {weights_name}: "
            f"each weight's input times the gradient of its neuron's output, summed over the batch",
        )
    )
    steps.append(
        Step(
            op="dbiases",
            label=f"Σ {dvalues_name} over the batch",
            inputs={dvalues_name: batch_dv},
            output=dbiases,
            intermediates={"rows": batch_dv},
            parents=parents,
            note=f"∂L/∂b: each bias adds 1·its neuron's gradient per sample, so the column sums, shape {format_shape(dbiases.shape)}",
        )
    )
    steps.append(
        replace(
            inputs_product,
            op="dinputs",
            output=dinputs,
            note=f"∂L/∂{inputs_name}, {format_shape(dinputs.shape)} like {inputs_name}: "
            "what flows back to the layer before",
        )
    )
    return Trace(steps)


# --------------------------------------------------------------------------------------------
# ReLU
# --------------------------------------------------------------------------------------------


def relu_backward(dvalues: object, z: object) -> np.ndarray:
    """∂L/∂z of ``relu(z)``: ``dvalues`` where z > 0, zero where z ≤ 0 (same shape as z)."""
    dv, values = _same_shape(dvalues, z, ("dvalues", "z"), (0, 1, 2))
    return _relu_backward_kernel(dv, values)


def relu_backward_trace(
    dvalues: object, z: object, *, z_name: str = "z", parents: tuple[Step, ...] = ()
) -> Step:
    """The traced :func:`relu_backward`; ``intermediates["mask"]`` is 1 where z > 0, else 0."""
    dv, values = _same_shape(dvalues, z, ("dvalues", z_name), (0, 1, 2))
    return Step(
        op="relu_backward",
        label=f"∂relu({z_name})",
        inputs={"dvalues": dv, z_name: values},
        output=_relu_backward_kernel(dv, values),
        intermediates={"mask": (values > 0).astype(np.float64)},
        parents=parents,
        note=f"the gradient passes where {z_name} > 0 and stops where {z_name} ≤ 0 (ReLU's slope is 1 or 0)",
    )


# --------------------------------------------------------------------------------------------
# Softmax
# --------------------------------------------------------------------------------------------


def softmax_jacobian(s: object) -> np.ndarray:
    """The Jacobian ∂sᵢ/∂zⱼ of softmax at one sample's output ``s`` (k,): diag(s) − s·sᵀ, (k, k)."""
    return _softmax_jacobian_kernel(_probabilities(s, "softmax output", (1,)))


def softmax_jacobian_trace(s: object, *, parents: tuple[Step, ...] = ()) -> Step:
    """The traced :func:`softmax_jacobian`: ``intermediates`` ``diag`` = diag(s), ``outer`` = s·sᵀ."""
    values = _probabilities(s, "softmax output", (1,))
    return Step(
        op="softmax_jacobian",
        label="diag(s) − s·sᵀ",
        inputs={"s": values},
        output=_softmax_jacobian_kernel(values),
        intermediates={"diag": np.diagflat(values), "outer": np.outer(values, values)},
        parents=parents,
        note="∂sᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ): sᵢ(1 − sᵢ) on the diagonal, −sᵢsⱼ elsewhere",
    )


def softmax_backward(dvalues: object, s: object) -> np.ndarray:
    """∂L/∂z of softmax, row by row: each sample's Jacobian times its ``dvalues``.

    Parameters
    ----------
    dvalues : (k,) or (batch, k), ∂L/∂s
    s : the softmax outputs, same shape
    """
    dv, values = _softmax_arguments(dvalues, s)
    return _softmax_backward_kernel(dv, values)


def softmax_backward_trace(dvalues: object, s: object, *, parents: tuple[Step, ...] = ()) -> Step:
    """The traced :func:`softmax_backward`; ``intermediates["jacobians"]`` (batch, k, k), one per sample."""
    dv, values = _softmax_arguments(dvalues, s)
    return Step(
        op="softmax_backward",
        label="∂softmax",
        inputs={"dvalues": dv, "s": values},
        output=_softmax_backward_kernel(dv, values),
        intermediates={"jacobians": _softmax_jacobian_kernel(np.atleast_2d(values))},
        parents=parents,
        note="each sample's Jacobian diag(s) − s·sᵀ times that sample's gradient",
    )


# --------------------------------------------------------------------------------------------
# Categorical cross-entropy, alone and after softmax
# --------------------------------------------------------------------------------------------


def categorical_cross_entropy_backward(y_pred: object, y_true: object) -> np.ndarray:
    """∂L/∂ŷ of the mean categorical cross-entropy: −y/ŷ divided by the number of samples.

    Parameters
    ----------
    y_pred : (k,) or (samples, k), predicted probabilities
    y_true : class indices (samples,) or one-hot rows shaped like ``y_pred``

    Raises
    ------
    InputError
        A true class is predicted with probability 0 (the gradient would be infinite).
    """
    probs, one_hot, _ = _cce_arguments(y_pred, y_true)
    return _cce_backward_kernel(probs, one_hot)


def categorical_cross_entropy_backward_trace(y_pred: object, y_true: object, *, parents: tuple[Step, ...] = ()) -> Step:
    """The traced :func:`categorical_cross_entropy_backward`.

    ``intermediates``: ``one_hot`` targets, ``ratio`` = −y/ŷ before the division, ``samples`` n.
    """
    probs, one_hot, sparse = _cce_arguments(y_pred, y_true)
    gradient = _cce_backward_kernel(probs, one_hot)
    samples = _samples(probs)
    return Step(
        op="cce_backward",
        label="∂CE/∂ŷ",
        inputs={"y_pred": probs, "y_true": one_hot},
        output=gradient,
        intermediates={"one_hot": one_hot, "ratio": gradient * samples, "samples": np.array(samples)},
        parents=parents,
        note=f"−y/ŷ: nonzero only at the true class; divided by the {samples} sample(s) of the mean"
        + (" (targets given as class indices)" if sparse else ""),
    )


def softmax_cross_entropy_backward(y_pred: object, y_true: object) -> np.ndarray:
    """∂L/∂z of softmax followed by the mean cross-entropy, in one step: (ŷ − y) / samples.

    ``y_pred`` are the softmax outputs (k,) or (samples, k); ``y_true`` class indices or one-hot.
    Equal to ``softmax_backward(categorical_cross_entropy_backward(ŷ, y), ŷ)`` when each row of
    ŷ sums to 1 — without the Jacobians or the division by ŷ.
    """
    probs, one_hot, _ = _softmax_cce_arguments(y_pred, y_true)
    return _softmax_cce_backward_kernel(probs, one_hot)


def _softmax_cce_arguments(y_pred: object, y_true: object) -> tuple[np.ndarray, np.ndarray, bool]:
    probs = _probabilities(y_pred, "y_pred", (1, 2))
    one_hot, sparse = _targets_as_one_hot(y_true, probs)
    return probs, one_hot, sparse


def softmax_cross_entropy_backward_trace(y_pred: object, y_true: object, *, parents: tuple[Step, ...] = ()) -> Step:
    """The traced :func:`softmax_cross_entropy_backward`.

    ``intermediates``: ``one_hot`` targets, ``difference`` ŷ − y, ``samples`` n.
    """
    probs, one_hot, sparse = _softmax_cce_arguments(y_pred, y_true)
    samples = _samples(probs)
    gradient = _softmax_cce_backward_kernel(probs, one_hot)
    return Step(
        op="softmax_cce_backward",
        label="(ŷ − y) / n",
        inputs={"y_pred": probs, "y_true": one_hot},
        output=gradient,
        intermediates={"one_hot": one_hot, "difference": probs - one_hot, "samples": np.array(samples)},
        parents=parents,
        note=f"softmax and cross-entropy together: subtract 1 at the true class, divide by the {samples} sample(s)"
        + (" (targets given as class indices)" if sparse else ""),
    )
