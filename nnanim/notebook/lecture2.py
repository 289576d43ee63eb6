"""The notebook's code cells of lecture 2's scenes: the backward pass, gradient descent and the
optimizers, and the training of the book's spiral network.

One function per scene, in lecture order, in :data:`CELLS` by slug (see
:mod:`nnanim.notebook.cells` for what such a function takes and returns).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from nnanim.notebook.formulas import DECAYED_LEARNING_RATE, optimizer_settings, optimizer_state, update_lines
from nnanim.notebook.literals import Values, assign, assign_list, assignments, join_lines, literal, print_call
from nnmath.lecture import Explanation
from nnmath.optimizers import Optimizer

if TYPE_CHECKING:
    from nnanim.notebook.cells import CellsFunction

__all__ = ["CELLS"]


def _backprop_neuron(v: Values, e: Explanation) -> list[str]:
    return [
        join_lines(
            assignments(v, "x", "w", "b"),
            "",
            "# forward: each input times its weight, the sum with the bias, then ReLU",
            'print("xᵢ·wᵢ =", x * w)',
            "z = np.dot(x, w) + b",
            'print("z = Σ xᵢwᵢ + b =", z)',
            "y = np.maximum(0, z)",
            'print("y = relu(z) =", y)',
        ),
        join_lines(
            f"dvalue = {literal(v['upstream'])}  # ∂L/∂y, the gradient arriving from above",
            "",
            "# backward, node by node (the chain rule): ReLU's slope is 1 where z > 0, else 0",
            "dz = dvalue * (1.0 if z > 0 else 0.0)",
            'print("dz = ∂L/∂y · relu′(z) =", dz)',
            "# a sum's slope is 1 for each input: every product and the bias receive dz",
            'print("∂L/∂(xᵢwᵢ) =", dz * np.ones_like(x))',
            "# a product's slope is the other factor",
            "dx = dz * w",
            "dw = dz * x",
            "db = dz",
            'print("dx = dz·w =", dx)',
            'print("dw = dz·x =", dw)',
            'print("db = dz =", db)',
        ),
        join_lines(
            f"learning_rate = {literal(v['learning_rate'])}",
            "",
            "# one step against the gradient",
            "w_new = w - learning_rate * dw",
            "b_new = b - learning_rate * db",
            'print("w′ = w − lr·dw =", w_new)',
            'print("b′ = b − lr·db =", b_new)',
            "",
            "# forward again",
            'print("xᵢ·wᵢ′ =", x * w_new)',
            "z_new = np.dot(x, w_new) + b_new",
            'print("z′ = Σ xᵢwᵢ′ + b′ =", z_new)',
            'print("y′ = relu(z′) =", np.maximum(0, z_new))',
        ),
    ]


def _backprop_layer(v: Values, e: Explanation) -> list[str]:
    shapes = ("inputs", "weights", "biases", "dvalues")
    return [
        join_lines(
            "# a batch: one row per sample; the book's weights, one column per neuron (inputs × neurons)",
            assignments(v, "inputs", "weights", "biases"),
            "# the gradient arriving from the next layer: one row per sample, one column per neuron",
            assignments(v, "dvalues"),
            "",
            *(f'print("{n}.shape =", {n}.shape)' for n in shapes),
            "output = np.dot(inputs, weights) + biases",
            print_call("output = np.dot(inputs, weights) + biases", "output", rows=True),
        ),
        join_lines(
            "# dweights: each weight's input times its neuron's gradient, summed over the batch",
            print_call("inputs.T", "inputs.T", rows=True),
            "dweights = np.dot(inputs.T, dvalues)",
            print_call("dweights = np.dot(inputs.T, dvalues)", "dweights", rows=True),
            'print("dweights.shape =", dweights.shape)  # the shape of weights',
            "",
            "# dbiases: each bias adds 1 · its neuron's gradient per sample, so the column sums",
            "dbiases = np.sum(dvalues, axis=0)",
            'print("dbiases = np.sum(dvalues, axis=0) =", dbiases)',
            "",
            "# dinputs: what flows back to the layer before",
            print_call("weights.T", "weights.T", rows=True),
            "dinputs = np.dot(dvalues, weights.T)",
            print_call("dinputs = np.dot(dvalues, weights.T)", "dinputs", rows=True),
            'print("dinputs.shape =", dinputs.shape)  # the shape of inputs',
        ),
    ]


def _relu_backward(v: Values, e: Explanation) -> list[str]:
    return [
        join_lines(
            "# z: what ReLU was given; dvalues: the gradient arriving from after it",
            assignments(v, "z", "dvalues"),
            "",
            print_call("mask (z > 0)", "z > 0", rows=True),
            "drelu = dvalues.copy()",
            "drelu[z <= 0] = 0  # the gradient stops where z ≤ 0",
            print_call("drelu", "drelu", rows=True),
        )
    ]


def _softmax_cce_gradient(v: Values, e: Explanation) -> list[str]:
    sample = int(v["sample"])
    return [
        join_lines(
            assign("softmax_outputs", v["outputs"]),
            assign("class_targets", np.asarray(v["targets"], dtype=int)),
            "",
            f"# softmax's Jacobian at sample {sample}: diag(s) − s·sᵀ",
            f"s = softmax_outputs[{sample}].reshape(-1, 1)",
            print_call("np.diagflat(s)", "np.diagflat(s)", rows=True),
            print_call("np.dot(s, s.T)", "np.dot(s, s.T)", rows=True),
            print_call("jacobian", "np.diagflat(s) - np.dot(s, s.T)", rows=True),
        ),
        join_lines(
            "samples = len(softmax_outputs)",
            "y_true = np.eye(len(softmax_outputs[0]))[class_targets]",
            print_call("y_true (one-hot)", "y_true", rows=True),
            "",
            "# the cross-entropy's gradient −y/ŷ over the n samples of the mean: y is 1 at the true class and",
            "# 0 elsewhere, so only that entry is not 0 (the book writes -y_true / softmax_outputs / samples)",
            "dcce = np.zeros_like(softmax_outputs)",
            "dcce[range(samples), class_targets] = -1 / softmax_outputs[range(samples), class_targets]",
            "dcce = dcce / samples",
            print_call("dcce = −y/ŷ / n", "dcce", rows=True),
            "",
            "# then back through softmax: each sample's Jacobian times its row of the gradient",
            "dinputs_separate = np.empty_like(dcce)",
            "for index, (single_output, single_dvalues) in enumerate(zip(softmax_outputs, dcce)):",
            "    single_output = single_output.reshape(-1, 1)",
            "    jacobian_matrix = np.diagflat(single_output) - np.dot(single_output, single_output.T)",
            "    dinputs_separate[index] = np.dot(jacobian_matrix, single_dvalues)",
            print_call("through softmax", "dinputs_separate", rows=True),
        ),
        join_lines(
            "# the shortcut: softmax and cross-entropy together have the gradient (ŷ − y) / n",
            "dinputs = softmax_outputs.copy()",
            "dinputs[range(samples), class_targets] -= 1",
            print_call("ŷ − y", "dinputs", rows=True),
            "dinputs = dinputs / samples",
            print_call("(ŷ − y) / n", "dinputs", rows=True),
            'print("the same numbers =", np.allclose(dinputs, dinputs_separate))',
        ),
    ]


def _gradient_descent(v: Values, e: Explanation) -> list[str]:
    return [
        join_lines(
            assignments(v, "curvature", "center", "floor"),
            "",
            "def loss(w):",
            "    return curvature * (w - center) ** 2 + floor",
            "",
            "def gradient(w):  # ∂L/∂w",
            "    return 2 * curvature * (w - center)",
            "",
            assign("start", v["start"]),
            'print("L(w₀) =", loss(start))',
            'print("∂L/∂w at w₀ =", gradient(start))',
        ),
        join_lines(
            assign_list("learning_rates", v["learning_rates"]),
            assign("steps", v["steps"]),
            "",
            "for learning_rate in learning_rates:",
            "    w = start",
            "    path = [w]",
            "    for step in range(steps):",
            "        w = w - learning_rate * gradient(w)  # against the slope",
            "        path.append(w)",
            '    print("learning rate =", learning_rate)',
            '    print("w after each step =", np.array(path))',
            '    print("L(w) after each step =", loss(np.array(path)))',
        ),
        join_lines(
            "# decay: each update's learning rate is lr · 1 / (1 + decay · updates so far)",
            assign("learning_rate", v["decay_learning_rate"]),
            assign("iterations", v["decay_iterations"]),
            assign_list("decays", v["decays"]),
            "for decay in decays:",
            "    current_learning_rate = learning_rate * (1. / (1. + decay * iterations))",
            '    print("decay =", decay)',
            '    print(f"lr after {iterations} updates =", current_learning_rate)',
        ),
    ]


def _build_optimizer_cell(name: str, optimizer: Optimizer) -> str:
    """The optimizers scene's cell of one optimizer: its settings, then ``steps`` updates of ``w``
    from the start, and where they end."""
    names = {"p": "w", "g": "g", "m": "momentums", "c": "cache"}
    return join_lines(
        f"# {name}",
        *optimizer_settings(optimizer),
        "",
        "w = np.array(start, dtype=float)",
        *(f"{names[k]} = np.zeros_like(w)" for k in optimizer_state(optimizer)),
        "for iteration in range(steps):",
        f"    {DECAYED_LEARNING_RATE}",
        "    g = gradient(w)",
        *update_lines(optimizer, "    ", **names),
        f'print("{name}: w =", w)',
        f'print("{name}: L(w) =", loss(w))',
        f'print("{name}: distance to the minimum =", np.linalg.norm(w))',
    )


def _optimizers(v: Values, e: Explanation) -> list[str]:
    # the scene's own optimizers (lecture 2's module builds them from the values), for their settings
    from course.lecture2.optimizers import OPTIMIZERS
    from course.lecture2.optimizers import _optimizers as optimizers_of

    valley = join_lines(
        "# a long, narrow valley: steep across, shallow along; its minimum is at (0, 0)",
        assignments(v, "curvatures", "start", "steps"),
        "",
        "def loss(w):",
        "    return np.sum(curvatures * w ** 2, axis=-1)",
        "",
        "def gradient(w):",
        "    return 2 * curvatures * w",
        "",
        'print("L(w₀) =", loss(start))',
    )
    return [valley, *(_build_optimizer_cell(name, optimizer)
                      for (_, name), optimizer in zip(OPTIMIZERS, optimizers_of(v).values()))]


def _build_spiral_cell(v: Values) -> str:
    """The training scene's data and network: the book's spiral data, seeded, and small random
    weights (inputs × neurons, as the book)."""
    return join_lines(
        "# the book's spiral data (nnfs's spiral_data; nnfs.init() seeds numpy): one arm per class",
        f"np.random.seed({int(v['seed'])})",
        assignments(v, "samples", "classes", "hidden"),
        "X = np.zeros((samples * classes, 2))",
        "y = np.zeros(samples * classes, dtype='uint8')",
        "for class_number in range(classes):",
        "    ix = range(samples * class_number, samples * (class_number + 1))",
        "    r = np.linspace(0.0, 1, samples)  # the radius",
        "    t = np.linspace(class_number * 4, (class_number + 1) * 4, samples) + np.random.randn(samples) * 0.2",
        "    X[ix] = np.c_[r * np.sin(t * 2.5), r * np.cos(t * 2.5)]",
        "    y[ix] = class_number",
        "",
        "# a 2 → hidden → classes network: small random weights (inputs × neurons, as the book), zero biases",
        "weights1 = 0.01 * np.random.randn(2, hidden)",
        "biases1 = np.zeros((1, hidden))",
        "weights2 = 0.01 * np.random.randn(hidden, classes)",
        "biases2 = np.zeros((1, classes))",
        'print("X.shape =", X.shape)',
        'print("weights1.shape =", weights1.shape)',
        'print("weights2.shape =", weights2.shape)',
    )


def _build_training_cell(v: Values, optimizer: Optimizer) -> str:
    """The training loop: each epoch forward, loss and accuracy, backward, and one update of every
    parameter by ``optimizer``; then the history at eleven epochs."""
    state = optimizer_state(optimizer)
    lists = {"m": "momentums", "c": "caches"}
    names = {"p": "param", "g": "grad", "m": "param_momentums", "c": "param_cache"}
    return join_lines(
        f"# {optimizer.name}, the book's settings",
        *optimizer_settings(optimizer),
        assign("epochs", v["epochs"]),
        "",
        "params = [weights1, biases1, weights2, biases2]",
        *(f"{lists[k]} = [np.zeros_like(p) for p in params]" for k in state),
        "history = []  # each epoch's loss, accuracy and learning rate, where the book prints them",
        "current_learning_rate = learning_rate",
        "for epoch in range(epochs + 1):",
        "    # forward: dense, ReLU, dense, softmax",
        "    z1 = np.dot(X, weights1) + biases1",
        "    a1 = np.maximum(0, z1)",
        "    z2 = np.dot(a1, weights2) + biases2",
        "    exp_values = np.exp(z2 - np.max(z2, axis=1, keepdims=True))",
        "    probabilities = exp_values / np.sum(exp_values, axis=1, keepdims=True)",
        "    # the mean cross-entropy and the accuracy",
        "    correct_confidences = np.clip(probabilities[range(len(X)), y], 1e-7, 1 - 1e-7)",
        "    loss = np.mean(-np.log(correct_confidences))",
        "    accuracy = np.mean(np.argmax(probabilities, axis=1) == y)",
        "    history.append((loss, accuracy, current_learning_rate))",
        "    if epoch == epochs:",
        "        break",
        "",
        "    # backward: softmax with cross-entropy together, (ŷ − y) / n, then each layer",
        "    dz2 = probabilities.copy()",
        "    dz2[range(len(X)), y] -= 1",
        "    dz2 = dz2 / len(X)",
        "    dweights2 = np.dot(a1.T, dz2)",
        "    dbiases2 = np.sum(dz2, axis=0, keepdims=True)",
        "    dz1 = np.dot(dz2, weights2.T)",
        "    dz1[z1 <= 0] = 0  # ReLU",
        "    dweights1 = np.dot(X.T, dz1)",
        "    dbiases1 = np.sum(dz1, axis=0, keepdims=True)",
        "",
        "    # one update of every parameter",
        "    iteration = epoch  # the updates made so far",
        f"    {DECAYED_LEARNING_RATE}",
        "    grads = [dweights1, dbiases1, dweights2, dbiases2]",
        f"    for {', '.join([names['p'], names['g'], *(names[k] for k in state)])} in zip("
        f"{', '.join(['params', 'grads', *(lists[k] for k in state)])}):",
        *update_lines(optimizer, "        ", **names),
        "",
        "# the book prints every 100th epoch; here eleven epochs from the first to the last",
        "history = np.array(history)",
        "for epoch in np.unique(np.linspace(0, epochs, 11).round().astype(int)):",
        '    print(f"epoch {epoch:5d}: loss, accuracy, lr =", history[epoch])',
    )


def _training(v: Values, e: Explanation) -> list[str]:
    from course.lecture2.training import OPTIMIZERS

    optimizer = OPTIMIZERS[str(v["optimizer"])](learning_rate=float(v["learning_rate"]), decay=float(v["decay"]))
    return [_build_spiral_cell(v), _build_training_cell(v, optimizer)]


#: The code of each scene of lecture 2, by slug, in lecture order.
CELLS: Mapping[str, CellsFunction] = {
    "backprop-neuron": _backprop_neuron,
    "backprop-layer": _backprop_layer,
    "relu-backward": _relu_backward,
    "softmax-cce-gradient": _softmax_cce_gradient,
    "gradient-descent": _gradient_descent,
    "optimizers": _optimizers,
    "training": _training,
}
