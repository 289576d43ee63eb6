"""The notebook's code cells of lecture 1's scenes, as a student would type them beside the videos.

One function per scene, in lecture order, in :data:`CELLS` by slug (see
:mod:`nnanim.notebook.cells` for what such a function takes and returns): a neuron, the dot
product and the matrix products, layers, activations, softmax, the forward pass, one-hot,
cross-entropy, MSE, the playground and derivatives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from nnanim.notebook.formulas import apply, axis_arguments, derivative, softmax_lines
from nnanim.notebook.literals import (
    Values,
    assign,
    assignments,
    join_lines,
    literal,
    number_literal,
    print_call,
    row_literal,
)
from nnmath.lecture import Explanation

if TYPE_CHECKING:
    from nnanim.notebook.cells import CellsFunction

__all__ = ["CELLS", "PLAYGROUND_POINTS"]


def _neuron(v: Values, e: Explanation) -> list[str]:
    g = v["activation"]
    return [
        join_lines(
            assignments(v, "inputs", "weights", "bias"),
            "",
            "# each input times its weight, then the sum",
            'print("xᵢ·wᵢ =", np.multiply(inputs, weights))',
            "weighted_sum = np.dot(inputs, weights)",
            'print("Σ xᵢwᵢ =", weighted_sum)',
            "z = weighted_sum + bias",
            'print("z = b + Σ xᵢwᵢ =", z)',
            f"output = {apply(g, 'z')}  # the non-linearity g = {g}",
            f'print("ŷ = {g}(z) =", output)',
        )
    ]


def _dot_product(v: Values, e: Explanation) -> list[str]:
    return [
        join_lines(
            assignments(v, "a", "b"),
            "",
            'print("a * b =", a * b)  # term by term',
            'print("np.dot(a, b) =", np.dot(a, b))',
            'print("np.dot(b, a) =", np.dot(b, a))  # the order does not matter',
        )
    ]


def _product_cells(v: Values, names: tuple[str, str], *, before: Sequence[str] = (), entry: str,
                   first: Callable[[int], tuple[str, str]], count: int, product: str, after: Sequence[str] = (),
                   rows: bool = False) -> list[str]:
    """The cell of a product scene: the operands, what comes ``before``, the term-by-term products
    of its first two entries (``first(j)`` the two sides of entry j, of ``count``; the scenes show
    the first two, then "the others the same way"), then ``output = product``, and ``after``."""
    terms = [first(j) for j in range(min(2, count))]
    return [
        join_lines(
            assignments(v, *names),
            "",
            *before,
            f"# {entry}",
            *(f'print("{left} * {right} =", {left} * {right})' for left, right in terms),
            f"output = {product}",
            print_call(product, "output", rows),
            *after,
        )
    ]


def _vector_matrix(v: Values, e: Explanation) -> list[str]:
    return _product_cells(v, ("a", "B"), entry="entry [j] is a against column j of B",
                          first=lambda j: ("a", f"B[:, {j}]"), count=np.shape(v["B"])[1],
                          product="np.dot(a, B)", after=['print("shape =", output.shape)'])


def _matrix_vector(v: Values, e: Explanation) -> list[str]:
    return _product_cells(v, ("a", "B"), before=[print_call("aᵀ", "a.reshape(-1, 1)", rows=True)],
                          entry="a as a column, aᵀ: each row of B meets it",
                          first=lambda j: (f"B[{j}]", "a"), count=np.shape(v["B"])[0],
                          product="np.dot(B, a)", after=['print("np.dot(a, B) =", np.dot(a, B))  # not the same'])


def _transpose(v: Values, e: Explanation) -> list[str]:
    return [
        join_lines(
            assignments(v, "B"),
            "",
            'print("B.shape =", B.shape)',
            print_call("B.T", "B.T", rows=True) + "  # rows become columns",
            'print("B.T.shape =", B.T.shape)',
        ),
        join_lines(
            f"a = np.array([{row_literal(np.asarray(v['a']), 11)}])  # a row vector, 1×{np.size(v['a'])}",
            "",
            print_call("a.T", "a.T", rows=True),
            'print("a.T.shape =", a.T.shape)',
        ),
    ]


def _matrix_matrix(v: Values, e: Explanation) -> list[str]:
    return _product_cells(v, ("A", "B"), before=[print_call("B.T", "B.T", rows=True)], entry="entry [0, j] is row A[0] · row B[j]",
                          first=lambda j: ("A[0]", f"B[{j}]"), count=np.shape(v["B"])[0],
                          product="np.dot(A, B.T)", after=['print("shape =", output.shape)'], rows=True)


def _layers(v: Values, e: Explanation) -> list[str]:
    rows = np.ndim(v["X"]) == 2
    return [
        join_lines(
            assignments(v, "X", "w1", "b1", "w2", "b2"),
            "",
            "# what shape will the weights be? one row of w per neuron",
            *(f'print("{n}.shape =", {n}.shape)' for n in ("X", "w1", "b1", "w2", "b2")),
        ),
        join_lines(
            print_call("np.dot(X, w1.T)", "np.dot(X, w1.T)", rows),
            "f1 = np.dot(X, w1.T) + b1",
            print_call("f1 = np.dot(X, w1.T) + b1", "f1", rows),
            print_call("np.dot(f1, w2.T)", "np.dot(f1, w2.T)", rows),
            "output = np.dot(f1, w2.T) + b2",
            print_call("output = np.dot(f1, w2.T) + b2", "output", rows),
        ),
    ]


def _activations(v: Values, e: Explanation) -> list[str]:
    curves = [f'print("{name}(points) =", {apply(name, "points")})' for name in v["functions"]]
    rows = np.ndim(v["stack_x"]) == 2
    return [
        join_lines(
            assign("points", v["points"]),
            "",
            *curves,
        ),
        join_lines(
            "# two layers without an activation ...",
            assignments(v, "stack_x", "stack_w1", "stack_b1", "stack_w2", "stack_b2",
                         rename={k: k.removeprefix("stack_") for k in v}),
            "",
            "f1 = np.dot(x, w1.T) + b1",
            print_call("layer 1: f1", "f1", rows),
            "output = np.dot(f1, w2.T) + b2",
            print_call("layer 2: output", "output", rows),
            "",
            "# ... are one layer",
            "W = np.dot(w2, w1)",
            "b = np.dot(w2, b1) + b2",
            print_call("W = np.dot(w2, w1)", "W", rows=True),
            'print("b = np.dot(w2, b1) + b2 =", b)',
            print_call("one layer: np.dot(x, W.T) + b", "np.dot(x, W.T) + b", rows),
        ),
    ]


def _why_activations(v: Values, e: Explanation) -> list[str]:
    fit = e.objects["fit"]
    pairs = fit.pairs
    first, last = float(fit.knots[0]), float(fit.knots[-1])
    return [
        join_lines(
            f"# A 1 → {pairs} → {pairs} → 1 network whose weights are set by hand, not trained:",
            f"# neuron pair i owns the segment [t_i, t_i+1] of [{number_literal(first)}, {number_literal(last)}].",
            f"w1 = np.ones(({pairs}, 1))    # layer 1: relu(x - t_i)",
            assign("b1", fit.b1),
            f"w2 = -np.eye({pairs})         # layer 2: relu(d_i - h1_i), d_i the segment's width",
            assign("b2", fit.b2),
            assign("w3", fit.w3),
            assign("b3", fit.b3),
        ),
        join_lines(
            f"x = np.linspace({number_literal(first)}, {number_literal(last)}, 2001).reshape(-1, 1)",
            "target = np.sin(2 * np.pi * x)",
            "",
            "h1 = np.maximum(0, np.dot(x, w1.T) + b1)",
            "h2 = np.maximum(0, np.dot(h1, w2.T) + b2)",
            "y = np.dot(h2, w3.T) + b3",
            'print("max error with ReLU =", np.max(np.abs(y - target)))',
            "",
            "# without ReLU the same weights draw a straight line; the best any line can do:",
            "slope, intercept = np.polyfit(x[:, 0], target[:, 0], 1)",
            'print("best straight line\'s max error =", np.max(np.abs(slope * x + intercept - target)))',
        ),
    ]


def _build_unshifted_softmax_cell(v: Values, ndim: int, shown: bool) -> str:
    """Softmax's first cell: ``e^z`` as the notes write it when the scene shows it (``shown``),
    else only the scores and why the cell does not exponentiate them."""
    if not shown:
        return join_lines(assign("z", v["z"]), "", "# e^z overflows for these scores: subtract max(z) first")
    return join_lines(
        assign("z", v["z"]),
        "",
        *softmax_lines("z", "probabilities", ndim, subtract_max=False, show="e^z"),
        print_call("softmax(z)", "probabilities", ndim == 2),
    )


def _softmax_scene(v: Values, e: Explanation) -> list[str]:
    ndim = np.ndim(v["z"])
    headings = [s.heading for s in e.sections]
    return [
        _build_unshifted_softmax_cell(v, ndim, shown=any(h.startswith("without subtracting") for h in headings)),
        join_lines(
            "# the book subtracts each row's maximum first: the same probabilities, and e^x cannot overflow",
            *softmax_lines("z", "probabilities", ndim, show="e^(z - max(z))"),
            print_call("softmax(z)", "probabilities", ndim == 2),
            f'print("sum of the probabilities =", np.sum(probabilities{axis_arguments(ndim).replace(", keepdims=True", "")}))',
        ),
        join_lines(
            f"shifted = z + {literal(v['overflow_shift'])}",
            print_call("z + shift", "shifted", ndim == 2),
            "limit = np.log(np.finfo(np.float64).max)  # e^x is infinite above this",
            'print("ln(largest float64) =", limit)',
            print_call("overflows", "shifted > limit", ndim == 2),
            *softmax_lines("shifted", "probabilities", ndim),
            print_call("softmax(z + shift)", "probabilities", ndim == 2),
        ),
    ]


def _forward_pass(v: Values, e: Explanation) -> list[str]:
    ndim = np.ndim(v["features"])
    axis = ", axis=1" if ndim == 2 else ""
    return [
        join_lines(
            assign("classes", v["classes"]),
            assignments(v, "features", "w1", "b1", "w2", "b2", rename={"features": "X"}),
        ),
        join_lines(
            "# Linear -> ReLU -> Linear -> Softmax",
            "z1 = np.dot(X, w1.T) + b1",
            print_call("z1 = np.dot(X, w1.T) + b1", "z1", ndim == 2),
            "a1 = np.maximum(0, z1)",
            print_call("a1 = relu(z1)", "a1", ndim == 2),
            "z2 = np.dot(a1, w2.T) + b2",
            print_call("z2 = np.dot(a1, w2.T) + b2", "z2", ndim == 2),
            *softmax_lines("z2", "probabilities", ndim),
            print_call("probabilities", "probabilities", ndim == 2),
            f"predicted = np.argmax(probabilities{axis})",
            'print("predicted =", predicted)',
            'print("predicted classes =", [classes[k] for k in np.atleast_1d(predicted)])',
        ),
        join_lines(
            "# with layer norm after the ReLU",
            f"mean = np.mean(a1{axis_arguments(ndim)})",
            f"variance = np.var(a1{axis_arguments(ndim)})",
            print_call("mean", "mean", ndim == 2),
            print_call("variance", "variance", ndim == 2),
            "normed = (a1 - mean) / np.sqrt(variance + 1e-5)",
            print_call("layer_norm(a1)", "normed", ndim == 2),
            "z2 = np.dot(normed, w2.T) + b2",
            *softmax_lines("z2", "probabilities", ndim),
            print_call("probabilities with layer norm", "probabilities", ndim == 2),
        ),
    ]


def _one_hot(v: Values, e: Explanation) -> list[str]:
    return [
        join_lines(
            assign("classes", v["classes"]),
            assign("labels", v["labels"]),
            "",
            "indices = np.array([classes.index(label) for label in labels])",
            'print("labels as indices =", indices)',
            "one_hot = np.eye(len(classes))[indices]",
            print_call("one-hot", "one_hot", rows=True),
            'print("shape =", one_hot.shape)',
        )
    ]


def _cross_entropy(v: Values, e: Explanation) -> list[str]:
    predictions, targets = np.asarray(v["predictions"]), np.asarray(v["targets"])
    sparse = targets.ndim < predictions.ndim
    return [
        join_lines(
            assign("classes", v["classes"]),
            assignments(v, "predictions", "targets"),
            *(["targets = np.eye(len(classes))[targets]  # class indices to one-hot rows"] if sparse else []),
            "",
            "clipped = np.clip(predictions, 1e-7, 1 - 1e-7)  # log(0) never happens",
            print_call("-true · log(predicted)", "-(targets * np.log(clipped))", predictions.ndim == 2),
            f"correct_confidences = np.sum(clipped * targets{', axis=1' if predictions.ndim == 2 else ''})",
            'print("the true class\'s probability =", correct_confidences)',
            "loss = np.mean(-np.log(correct_confidences))",
            'print("CE =", loss)',
            'print("-log10 of it instead =", -np.log10(correct_confidences))',
        ),
        join_lines(
            "# why the log: -ln(p) is 0 at p = 1 and grows without bound as p -> 0",
            assign("table", v["table"]),
            'print("-log(p) =", -np.log(table))',
        ),
    ]


def _mse(v: Values, e: Explanation) -> list[str]:
    return [
        join_lines(
            assignments(v, "y_true", "y_pred"),
            "",
            "# each pair is one example, n = 1: its MSE is (y - ŷ)²",
            'print("MSE of each example =", (y_true - y_pred) ** 2)',
        )
    ]


def _derivatives(v: Values, e: Explanation) -> list[str]:
    f, g = v["function"], v["chain_activation"]
    return [
        join_lines(
            "def f(x):",
            f"    return {apply(f, 'x')}",
            "",
            assignments(v, "x", "hs"),
            "slopes = (f(x + hs) - f(x)) / hs  # the secants' slopes",
            'print("f(x + h) =", f(x + hs))',
            'print("secant slopes =", slopes)',
            f"print(\"f'(x) =\", {derivative(f, 'x')})  # the tangent's slope",
        ),
        join_lines(
            f"# the chain rule on one neuron: y = {g}(w·x + b)",
            assignments(v, "chain_x", "chain_w", "chain_b", rename={"chain_x": "x", "chain_w": "w", "chain_b": "b"}),
            "z = w * x + b",
            'print("z = w·x + b =", z)',
            f"y = {apply(g, 'z')}",
            f'print("y = {g}(z) =", y)',
            f"dy_dz = {derivative(g, 'z')}",
            f'print("{g}\'(z) =", dy_dz)',
            'print("∂y/∂w = g\'(z)·x =", dy_dz * x)',
            'print("∂y/∂x = g\'(z)·w =", dy_dz * w)',
            'print("∂y/∂b = g\'(z)·1 =", dy_dz * 1)',
        ),
    ]


# The playground's input features as numpy expressions of the points' x and y (its constructInput).
_FEATURES = {"x": "x", "y": "y", "xSquared": "x * x", "ySquared": "y * y", "xTimesY": "x * y", "sinX": "np.sin(x)", "sinY": "np.sin(y)"}
#: Training points the playground's cells run the network on (the scene trains on all of them).
PLAYGROUND_POINTS = 8


def _build_weights_cell(name: str, ws: Sequence, bs: Sequence) -> str:
    """A playground cell: the network's weights ``ws`` and biases ``bs`` (one per layer), then its
    output and loss on the points with them; ``name`` says which weights (``before training``)."""
    layers = len(ws)
    return join_lines(
        f"# the weights {name} (rows: a layer's nodes; columns: the nodes before it)",
        *(assign(f"w{k}", w) for k, w in enumerate(ws, start=1)),
        *(assign(f"b{k}", b) for k, b in enumerate(bs, start=1)),
        f"weights = [{', '.join(f'w{k}' for k in range(1, layers + 1))}]",
        f"biases = [{', '.join(f'b{k}' for k in range(1, layers + 1))}]",
        "",
        "output = forward(inputs, weights, biases)",
        f'print("output {name} =", output)',
        'print("½(output − label)² =", 0.5 * (output - labels) ** 2)',
        f'print("mean loss on these points {name} =", np.mean(0.5 * (output - labels) ** 2))',
    )


def _playground(v: Values, e: Explanation) -> list[str]:
    """The part of the playground a student types: its network's forward pass and loss, on the first
    training points, with the weights before and after training. The rest (the link's seeded data,
    its shuffle and its mini-batch training in the playground's order) is nnmath's re-run of the
    playground's TypeScript, too long for a cell: the weights and points are written in as numbers."""
    run, config = e.objects["run"], e.objects["config"]
    points = run.train[:PLAYGROUND_POINTS]
    hidden = config.activation
    output = "linear" if config.problem == "regression" else "tanh"
    sizes = " → ".join(str(n) for n in (*config.network_shape, 1))

    return [
        join_lines(
            f"# the network of the link: {', '.join(config.features)} → {sizes}, {hidden} in the hidden layers,",
            f"# {output} at the output; its first {len(points)} training points: x, y and the label"
            + (" (+1 or −1)" if config.problem == "classification" else ""),
            assign("points", points),
            "x, y, labels = points[:, 0], points[:, 1], points[:, 2]",
            f"inputs = np.stack([{', '.join(_FEATURES[f] for f in config.features)}], axis=-1)  # the features",
            "",
            "def forward(inputs, weights, biases):",
            "    a = inputs",
            "    for w, b in zip(weights[:-1], biases[:-1]):",
            "        z = np.dot(a, w.T) + b",
            f"        a = {apply(hidden, 'z')}",
            "    z = (np.dot(a, weights[-1].T) + biases[-1])[:, 0]  # one output node",
            f"    return {apply(output, 'z')}",
        ),
        _build_weights_cell("before training", run.initial_weights, run.initial_biases),
        _build_weights_cell(f"after {run.epochs} epochs", run.final.weights, run.final.biases),
    ]


#: The code of each scene of lecture 1, by slug, in lecture order.
CELLS: Mapping[str, CellsFunction] = {
    "neuron": _neuron,
    "dot-product": _dot_product,
    "vector-matrix": _vector_matrix,
    "matrix-vector": _matrix_vector,
    "transpose": _transpose,
    "matrix-matrix": _matrix_matrix,
    "layers": _layers,
    "activations": _activations,
    "why-activations": _why_activations,
    "softmax": _softmax_scene,
    "forward-pass": _forward_pass,
    "one-hot": _one_hot,
    "cross-entropy": _cross_entropy,
    "mse": _mse,
    "playground": _playground,
    "derivatives": _derivatives,
}
