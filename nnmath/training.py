"""Training a classifier: forward, loss, backward, update — the book's chapter-10 loop.

The loop runs on the bare-numpy kernels of :mod:`nnmath.backward` (no traced steps): the layers
are checked once, then each epoch is a handful of numpy calls, so 10,000 epochs of the spiral
network take about a second. The network is dense layers with element-wise activations, the last
one softmax, trained on the mean categorical cross-entropy (its gradient the combined
``(ŷ − y) / n``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from nnmath.activations import get_activation
from nnmath.backward import _dense_backward_kernel, _relu_backward_kernel, _softmax_cce_backward_kernel
from nnmath.errors import InputError, ShapeError
from nnmath.layers import Layer, _check_biases, _check_layout
from nnmath.losses import CLIP
from nnmath.optimizers import Optimizer
from nnmath.validate import as_array, as_labels, format_shape

__all__ = ["TrainingHistory", "train", "predict", "predict_grid"]


@dataclass
class _Dense:
    """A layer's parameters as writable float64 arrays, in the layer's own layout."""

    weights: np.ndarray
    biases: np.ndarray
    activation: str
    neurons_inputs: bool

    def layer(self) -> Layer:
        layout = "neurons_inputs" if self.neurons_inputs else "inputs_neurons"
        return Layer(self.weights.copy(), self.biases.copy(), activation=self.activation, weights_layout=layout)


def _network(layers: Sequence[Layer], features: int) -> list[_Dense]:
    """Check ``layers`` once (shapes chain from ``features``, softmax last) and copy their parameters."""
    if not layers:
        raise InputError("a network needs at least one layer")
    network = []
    for k, layer in enumerate(layers, start=1):
        if not isinstance(layer, Layer):
            raise InputError(f"layer {k} must be an nnmath.Layer, got {type(layer).__name__}")
        _check_layout(layer.weights_layout)
        last = k == len(layers)
        if last and layer.activation != "softmax":
            raise InputError(
                f"layer {k}, the last, must have activation 'softmax' (the loss is categorical "
                f"cross-entropy on class probabilities), got {layer.activation!r}"
            )
        if not last:
            if layer.activation == "softmax":
                raise InputError(f"layer {k}: softmax only as the last layer's activation")
            get_activation(layer.activation)
        if layer.layer_norm:
            raise InputError(f"layer {k} has layer_norm: training has no backward pass for layer norm")
        weights = as_array(layer.weights, f"w{k}", ndim=(2,)).copy()
        n_inputs, neurons = weights.shape[::-1] if layer.weights_layout == "neurons_inputs" else weights.shape
        if n_inputs != features:
            raise ShapeError(
                f"w{k} {format_shape(weights.shape)} ({layer.weights_layout}) takes {n_inputs} inputs, "
                f"but {'X has' if k == 1 else f'layer {k - 1} gives'} {features}"
            )
        biases = _check_biases(as_array(layer.biases, f"b{k}", ndim=(1, 2)), neurons, f"b{k}").copy()
        network.append(_Dense(weights, biases, layer.activation, layer.weights_layout == "neurons_inputs"))
        features = neurons
    return network


def _flatten(network: list[_Dense]) -> np.ndarray:
    """Move every parameter into one flat array and make the layers' arrays views of it.

    The optimizer then updates one vector instead of two arrays per layer: every rule is
    element-wise, so the numbers are the same, in a quarter of the numpy calls.
    """
    flat = np.concatenate([p.ravel() for dense in network for p in (dense.weights, dense.biases)])
    offset = 0
    for dense in network:
        for name in ("weights", "biases"):
            array = getattr(dense, name)
            setattr(dense, name, flat[offset : offset + array.size].reshape(array.shape))
            offset += array.size
    return flat


def _forward(X: np.ndarray, network: list[_Dense]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Each layer's input and pre-activation z (for ReLU, relu(z): see below); the last entry of
    the inputs is the softmax output."""
    inputs, zs = [], []
    a = X
    for dense in network:
        inputs.append(a)
        z = np.dot(a, dense.weights.T if dense.neurons_inputs else dense.weights)
        z += dense.biases
        zs.append(z)
        if dense.activation == "softmax":
            a = z - z.max(axis=-1, keepdims=True)  # minus the row's max: e^x cannot overflow
            np.exp(a, out=a)
            a /= a.sum(axis=-1, keepdims=True)
        elif dense.activation == "relu":
            # In place: a fresh array per layer costs more than the arithmetic (page faults on a
            # 200×200 grid). z is kept as relu(z), whose sign test z > 0 the backward pass needs
            # is the same.
            a = np.maximum(z, 0.0, out=z)
        else:
            a = get_activation(dense.activation).function(z)
    inputs.append(a)
    return inputs, zs


def _backward(network: list[_Dense], inputs: list[np.ndarray], zs: list[np.ndarray], one_hot: np.ndarray) -> np.ndarray:
    """The gradient of the mean cross-entropy, flat in the order of :func:`_flatten`."""
    grads: list[np.ndarray] = []
    dz = _softmax_cce_backward_kernel(inputs[-1], one_hot)
    for k in range(len(network) - 1, -1, -1):
        dense = network[k]
        dinputs, dweights, dbiases = _dense_backward_kernel(dz, inputs[k], dense.weights, dense.neurons_inputs, k > 0)
        grads[:0] = [dweights.ravel(), dbiases]
        if k:
            before = network[k - 1].activation
            dz = (
                _relu_backward_kernel(dinputs, zs[k - 1])
                if before == "relu"
                else dinputs * get_activation(before).derivative(zs[k - 1])
            )
    return np.concatenate(grads)


class TrainingHistory(list):
    """The rows of a training run, one per epoch: ``{"epoch", "loss", "accuracy", "learning_rate"}``.

    Attributes
    ----------
    layers : the trained layers, as they were at the last row
    snapshots : {epoch: layers at that row} for each epoch asked for
    """

    def __init__(self, rows: Iterable[dict[str, float]], layers: list[Layer], snapshots: dict[int, list[Layer]]) -> None:
        super().__init__(rows)
        self.layers = layers
        self.snapshots = snapshots


def _labels(y: object, samples: int, classes: int) -> np.ndarray:
    raw = as_array(y, "y", ndim=(1, 2))
    if raw.shape[0] != samples:
        raise ShapeError(f"y {format_shape(raw.shape)} has {raw.shape[0]} labels for {samples} samples of X")
    if raw.ndim == 2:  # one-hot rows, as the book accepts
        if raw.shape[1] != classes or not np.isin(raw, (0.0, 1.0)).all() or not (raw.sum(axis=1) == 1).all():
            raise InputError(f"y given as rows must be one-hot rows of {classes} classes, one 1 per row")
        return raw.argmax(axis=1)
    return as_labels(raw, "y", n_classes=classes)


def train(
    X: object,
    y: object,
    layers: Sequence[Layer],
    optimizer: Optimizer,
    epochs: int,
    *,
    snapshots: Iterable[int] = (),
) -> TrainingHistory:
    """Train ``layers`` on ``(X, y)`` with ``optimizer`` for ``epochs`` full-batch updates.

    Epoch ``e`` is the forward pass after ``e`` updates (epoch 0 before any), as the book prints
    them; its ``learning_rate`` is the rate of the update that led to it (for epoch 0, the
    optimizer's starting rate) — the book's ``current_learning_rate`` at its print. The optimizer
    carries on from its own state: give a new one for a fresh run. ``layers`` are not changed.
    The optimizer sees the network's parameters as one flat vector (its rules are element-wise,
    so the numbers are those of updating each array on its own).

    Parameters
    ----------
    X : (samples, features)
    y : class indices (samples,) or one-hot rows (samples, classes)
    layers : dense layers, each with an element-wise activation, the last with ``"softmax"``
    optimizer : :class:`~nnmath.optimizers.SGD`, ``Adagrad``, ``RMSprop`` or ``Adam``
    epochs : updates to make, ≥ 0
    snapshots : epochs at which to keep a copy of the layers (``history.snapshots[e]``)

    Returns
    -------
    TrainingHistory
        ``epochs + 1`` rows, ``history.layers`` the layers at the last row.
    """
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise InputError(f"epochs must be a whole number ≥ 0, got {epochs!r}")
    if not isinstance(optimizer, Optimizer):
        raise InputError(f"optimizer must be an nnmath optimizer (SGD, Adagrad, RMSprop, Adam), got {type(optimizer).__name__}")
    data = as_array(X, "X", ndim=(2,))
    network = _network(layers, data.shape[1])
    classes = network[-1].biases.shape[0]
    labels = _labels(y, data.shape[0], classes)
    one_hot = np.eye(classes)[labels]
    keep = set()
    for e in snapshots:
        if isinstance(e, bool) or not isinstance(e, (int, np.integer)) or not 0 <= e <= epochs:
            raise InputError(f"snapshot epochs must be whole numbers in 0..{epochs}, got {e!r}")
        keep.add(int(e))

    params = [_flatten(network)]
    rows: list[dict[str, float]] = []
    kept: dict[int, list[Layer]] = {}
    samples = len(labels)
    rows_index = np.arange(samples)
    start = optimizer.iterations
    for epoch in range(int(epochs) + 1):
        inputs, zs = _forward(data, network)
        probabilities = inputs[-1]
        confidences = np.clip(probabilities[rows_index, labels], CLIP, 1 - CLIP)
        rows.append(
            {
                "epoch": epoch,
                # np.mean in full: the book's mean, so the printed losses agree to the last digit
                "loss": float(np.mean(-np.log(confidences))),
                "accuracy": np.count_nonzero(probabilities.argmax(axis=1) == labels) / samples,
                "learning_rate": optimizer.learning_rate_at(start + max(epoch - 1, 0)),
            }
        )
        if epoch in keep:
            kept[epoch] = [dense.layer() for dense in network]
        if epoch < epochs:
            optimizer.update(params, [_backward(network, inputs, zs, one_hot)])
    return TrainingHistory(rows, [dense.layer() for dense in network], kept)


#: Rows per forward pass in :func:`predict`: a 2048×64 hidden layer (1 MiB) stays in the CPU's
#: cache, which makes a 200×200 grid about 5x faster than one pass over all 40,000 points.
_CHUNK = 2048


def predict(X: object, layers: Sequence[Layer]) -> np.ndarray:
    """The network's output (class probabilities) for each sample of ``X`` (samples, features), untraced."""
    data = as_array(X, "X", ndim=(2,))
    network = _network(layers, data.shape[1])
    out = np.empty((len(data), network[-1].biases.shape[0]))
    for start in range(0, len(data), _CHUNK):
        out[start : start + _CHUNK] = _forward(data[start : start + _CHUNK], network)[0][-1]
    return out


def predict_grid(layers: Sequence[Layer], xs: object, ys: object) -> np.ndarray:
    """Class probabilities at every point (xs[j], ys[i]) of a grid: shape (len(ys), len(xs), classes)."""
    columns = as_array(xs, "xs", ndim=(1,))
    rows = as_array(ys, "ys", ndim=(1,))
    grid_x, grid_y = np.meshgrid(columns, rows)
    probabilities = predict(np.stack([grid_x.ravel(), grid_y.ravel()], axis=1), layers)
    return probabilities.reshape(len(rows), len(columns), -1)
