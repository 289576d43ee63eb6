"""The plain-numpy code of each scene, as a student would type it beside the video.

One small function per scene, in course order, registered in :data:`CODE`. Each takes the
scene's values table and its :class:`~nnmath.lecture.Explanation` and returns the sources of
its code cells. The values are written into the code as literals, so a ``--values`` file
changes the code's numbers; the explanation is read to choose the code's *form* (a batch or one
sample, which sections the scene has) and, where the scene's inputs are themselves computed
(why-activations' hand-set weights, the playground's points and recorded weights), for those
inputs as literals. Every number the cells print is computed by the cell itself, with numpy,
and ``tests/nnanim/test_notebook_cells.py`` holds each printed number to what ``nnanim explain``
computes.

The code is the book's (*Neural Networks from Scratch in Python*, chapters 2–10):
``np.dot(inputs, weights.T) + biases``, its backward passes and optimizers, no import of nnmath
or nnanim. Each print reads ``label = value`` so that a student sees what the number is (and
the tests can find it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from nnmath.lecture import Explanation
from nnmath.optimizers import Optimizer

__all__ = ["CODE", "IMPORTS", "code_cells", "literal"]

#: The first code cell of every notebook.
IMPORTS = "import numpy as np"

# Whole numbers up to this size are written as Python ints (``[1, 2, 3]``, as the book does);
# larger ones as floats, so that no product of them can overflow numpy's int64.
_LARGEST_INT = 1e6
# Long literals wrap at about this many characters.
_WIDTH = 88

Values = Mapping[str, object]
CellsFunction = Callable[[Values, Explanation], list[str]]


# --- writing values as Python literals --------------------------------------------------------


def _number(x: float) -> str:
    """``2``, ``0.2``, ``-0.91``, ``1e-07``: the shortest text that reads back as the same float."""
    value = float(x)
    if value.is_integer() and abs(value) < _LARGEST_INT:
        return str(int(value))
    return repr(value)


def _row(values: Sequence[float], indent: int) -> str:
    """``[1, 2, 3]``, wrapped under its opening bracket when it is long."""
    items = [_number(x) for x in values]
    lines, line = [], "["
    for i, item in enumerate(items):
        piece = item + (", " if i < len(items) - 1 else "]")
        if len(line) + len(piece) > _WIDTH - indent and line != "[":
            lines.append(line.rstrip())
            line = " "
        line += piece
    lines.append(line if items else "[]")
    return ("\n" + " " * indent).join(lines)


def literal(value: object, indent: int = 0) -> str:
    """``value`` as Python source: a number, a list of names, or ``np.array([...])`` (a matrix one
    row per line, aligned as the book writes them). ``indent`` is the column the literal starts at."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (tuple, list)) and all(isinstance(v, str) for v in value):
        return "[" + ", ".join(repr(v) for v in value) + "]"
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        return _number(array)
    opening = "np.array("
    if array.ndim == 1:
        return opening + _row(array, indent + len(opening)) + ")"
    inner = indent + len(opening) + 1
    rows = [_row(row, inner) for row in array]
    return opening + "[" + (",\n" + " " * inner).join(rows) + "])"


def _assign(name: str, value: object) -> str:
    return f"{name} = {literal(value, indent=len(name) + 3)}"


def _list(name: str, values: object) -> str:
    """``name = [1, 2.5]``: a Python list, for values a loop goes through one by one."""
    return f"{name} = {_row(np.ravel(np.asarray(values, dtype=np.float64)), len(name) + 3)}"


def _assignments(v: Values, *names: str, rename: Mapping[str, str] | None = None) -> str:
    rename = rename or {}
    return "\n".join(_assign(rename.get(n, n), v[n]) for n in names)


def _print(label: str, expr: str, rows: bool = False) -> str:
    """``print("label =", expr)``; a matrix (``rows``) starts on the next line, so its rows align."""
    return f'print("{label} =", {expr}' + (', sep="\\n")' if rows else ")")


def _lines(*lines: str) -> str:
    return "\n".join(lines)


# --- formulas shared by several scenes --------------------------------------------------------

# Each activation (and each function of the derivatives scene) as a numpy expression of {x},
# and its derivative. The binary step's derivative is 0 everywhere and ReLU'(0) = 0, as in nnmath.
_FUNCTIONS: dict[str, tuple[str, str]] = {
    "relu": ("np.maximum(0, {x})", "np.where({x} > 0, 1.0, 0.0)"),
    "sigmoid": ("1 / (1 + np.exp(-{x}))", "(1 / (1 + np.exp(-{x}))) * (1 - 1 / (1 + np.exp(-{x})))"),
    "tanh": ("np.tanh({x})", "1 - np.tanh({x}) ** 2"),
    "step": ("np.where({x} > 0, 1.0, 0.0)", "np.zeros_like({x} * 1.0)"),
    "linear": ("{x}", "np.ones_like({x} * 1.0)"),
    "square": ("{x} ** 2", "2 * {x}"),
    "cube": ("{x} ** 3", "3 * {x} ** 2"),
    "sin": ("np.sin({x})", "np.cos({x})"),
    "exp": ("np.exp({x})", "np.exp({x})"),
}


def _apply(name: str, x: str) -> str:
    return _FUNCTIONS[name][0].format(x=x)


def _derivative(name: str, x: str) -> str:
    return _FUNCTIONS[name][1].format(x=x)


def _axis(ndim: int) -> str:
    """The reduction arguments that work on one sample (a vector) or on each row of a batch."""
    return ", axis=1, keepdims=True" if ndim == 2 else ""


def _softmax(z: str, out: str, ndim: int, *, subtract_max: bool = True, show: str = "") -> list[str]:
    """The book's softmax of ``z`` into ``out``: exponentiate (after subtracting the maximum), sum,
    normalise; ``show`` prints the exponentials and their sum under that name."""
    shifted = f"{z} - np.max({z}{_axis(ndim)})" if subtract_max else z
    lines = [f"exp_values = np.exp({shifted})"]
    if show:
        lines += [_print(show, "exp_values", ndim == 2), _print("sum", f"np.sum(exp_values{_axis(ndim)})", ndim == 2)]
    lines.append(f"{out} = exp_values / np.sum(exp_values{_axis(ndim)})")
    return lines


# --- one function per scene, in lecture order -------------------------------------------------


def _neuron(v: Values, e: Explanation) -> list[str]:
    g = v["activation"]
    return [
        _lines(
            _assignments(v, "inputs", "weights", "bias"),
            "",
            "# each input times its weight, then the sum",
            'print("xᵢ·wᵢ =", np.multiply(inputs, weights))',
            "weighted_sum = np.dot(inputs, weights)",
            'print("Σ xᵢwᵢ =", weighted_sum)',
            "z = weighted_sum + bias",
            'print("z = b + Σ xᵢwᵢ =", z)',
            f"output = {_apply(g, 'z')}  # the non-linearity g = {g}",
            f'print("ŷ = {g}(z) =", output)',
        )
    ]


def _dot_product(v: Values, e: Explanation) -> list[str]:
    return [
        _lines(
            _assignments(v, "a", "b"),
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
        _lines(
            _assignments(v, *names),
            "",
            *before,
            f"# {entry}",
            *(f'print("{left} * {right} =", {left} * {right})' for left, right in terms),
            f"output = {product}",
            _print(product, "output", rows),
            *after,
        )
    ]


def _vector_matrix(v: Values, e: Explanation) -> list[str]:
    return _product_cells(v, ("a", "B"), entry="entry [j] is a against column j of B",
                          first=lambda j: ("a", f"B[:, {j}]"), count=np.shape(v["B"])[1],
                          product="np.dot(a, B)", after=['print("shape =", output.shape)'])


def _matrix_vector(v: Values, e: Explanation) -> list[str]:
    return _product_cells(v, ("a", "B"), before=[_print("aᵀ", "a.reshape(-1, 1)", rows=True)],
                          entry="a as a column, aᵀ: each row of B meets it",
                          first=lambda j: (f"B[{j}]", "a"), count=np.shape(v["B"])[0],
                          product="np.dot(B, a)", after=['print("np.dot(a, B) =", np.dot(a, B))  # not the same'])


def _transpose(v: Values, e: Explanation) -> list[str]:
    return [
        _lines(
            _assignments(v, "B"),
            "",
            'print("B.shape =", B.shape)',
            _print("B.T", "B.T", rows=True) + "  # rows become columns",
            'print("B.T.shape =", B.T.shape)',
        ),
        _lines(
            f"a = np.array([{_row(np.asarray(v['a']), 11)}])  # a row vector, 1×{np.size(v['a'])}",
            "",
            _print("a.T", "a.T", rows=True),
            'print("a.T.shape =", a.T.shape)',
        ),
    ]


def _matrix_matrix(v: Values, e: Explanation) -> list[str]:
    return _product_cells(v, ("A", "B"), before=[_print("B.T", "B.T", rows=True)], entry="entry [0, j] is row A[0] · row B[j]",
                          first=lambda j: ("A[0]", f"B[{j}]"), count=np.shape(v["B"])[0],
                          product="np.dot(A, B.T)", after=['print("shape =", output.shape)'], rows=True)


def _layers(v: Values, e: Explanation) -> list[str]:
    rows = np.ndim(v["X"]) == 2
    return [
        _lines(
            _assignments(v, "X", "w1", "b1", "w2", "b2"),
            "",
            "# what shape will the weights be? one row of w per neuron",
            *(f'print("{n}.shape =", {n}.shape)' for n in ("X", "w1", "b1", "w2", "b2")),
        ),
        _lines(
            _print("np.dot(X, w1.T)", "np.dot(X, w1.T)", rows),
            "f1 = np.dot(X, w1.T) + b1",
            _print("f1 = np.dot(X, w1.T) + b1", "f1", rows),
            _print("np.dot(f1, w2.T)", "np.dot(f1, w2.T)", rows),
            "output = np.dot(f1, w2.T) + b2",
            _print("output = np.dot(f1, w2.T) + b2", "output", rows),
        ),
    ]


def _activations(v: Values, e: Explanation) -> list[str]:
    curves = [f'print("{name}(points) =", {_apply(name, "points")})' for name in v["functions"]]
    rows = np.ndim(v["stack_x"]) == 2
    return [
        _lines(
            _assign("points", v["points"]),
            "",
            *curves,
        ),
        _lines(
            "# two layers without an activation ...",
            _assignments(v, "stack_x", "stack_w1", "stack_b1", "stack_w2", "stack_b2",
                         rename={k: k.removeprefix("stack_") for k in v}),
            "",
            "f1 = np.dot(x, w1.T) + b1",
            _print("layer 1: f1", "f1", rows),
            "output = np.dot(f1, w2.T) + b2",
            _print("layer 2: output", "output", rows),
            "",
            "# ... are one layer",
            "W = np.dot(w2, w1)",
            "b = np.dot(w2, b1) + b2",
            _print("W = np.dot(w2, w1)", "W", rows=True),
            'print("b = np.dot(w2, b1) + b2 =", b)',
            _print("one layer: np.dot(x, W.T) + b", "np.dot(x, W.T) + b", rows),
        ),
    ]


def _why_activations(v: Values, e: Explanation) -> list[str]:
    fit = e.objects["fit"]
    pairs = fit.pairs
    first, last = float(fit.knots[0]), float(fit.knots[-1])
    return [
        _lines(
            f"# A 1 → {pairs} → {pairs} → 1 network whose weights are set by hand, not trained:",
            f"# neuron pair i owns the segment [t_i, t_i+1] of [{_number(first)}, {_number(last)}].",
            f"w1 = np.ones(({pairs}, 1))    # layer 1: relu(x - t_i)",
            _assign("b1", fit.b1),
            f"w2 = -np.eye({pairs})         # layer 2: relu(d_i - h1_i), d_i the segment's width",
            _assign("b2", fit.b2),
            _assign("w3", fit.w3),
            _assign("b3", fit.b3),
        ),
        _lines(
            f"x = np.linspace({_number(first)}, {_number(last)}, 2001).reshape(-1, 1)",
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


def _softmax_scene(v: Values, e: Explanation) -> list[str]:
    ndim = np.ndim(v["z"])
    headings = [s.heading for s in e.sections]
    cells = [
        _lines(
            _assign("z", v["z"]),
            "",
            *_softmax("z", "probabilities", ndim, subtract_max=False, show="e^z"),
            _print("softmax(z)", "probabilities", ndim == 2),
        )
        if any(h.startswith("without subtracting") for h in headings)
        else _lines(_assign("z", v["z"]), "", "# e^z overflows for these scores: subtract max(z) first"),
        _lines(
            "# the book subtracts each row's maximum first: the same probabilities, and e^x cannot overflow",
            *_softmax("z", "probabilities", ndim, show="e^(z - max(z))"),
            _print("softmax(z)", "probabilities", ndim == 2),
            f'print("sum of the probabilities =", np.sum(probabilities{_axis(ndim).replace(", keepdims=True", "")}))',
        ),
        _lines(
            f"shifted = z + {literal(v['overflow_shift'])}",
            _print("z + shift", "shifted", ndim == 2),
            "limit = np.log(np.finfo(np.float64).max)  # e^x is infinite above this",
            'print("ln(largest float64) =", limit)',
            _print("overflows", "shifted > limit", ndim == 2),
            *_softmax("shifted", "probabilities", ndim),
            _print("softmax(z + shift)", "probabilities", ndim == 2),
        ),
    ]
    return cells


def _forward_pass(v: Values, e: Explanation) -> list[str]:
    ndim = np.ndim(v["features"])
    axis = ", axis=1" if ndim == 2 else ""
    return [
        _lines(
            _assign("classes", v["classes"]),
            _assignments(v, "features", "w1", "b1", "w2", "b2", rename={"features": "X"}),
        ),
        _lines(
            "# Linear -> ReLU -> Linear -> Softmax",
            "z1 = np.dot(X, w1.T) + b1",
            _print("z1 = np.dot(X, w1.T) + b1", "z1", ndim == 2),
            "a1 = np.maximum(0, z1)",
            _print("a1 = relu(z1)", "a1", ndim == 2),
            "z2 = np.dot(a1, w2.T) + b2",
            _print("z2 = np.dot(a1, w2.T) + b2", "z2", ndim == 2),
            *_softmax("z2", "probabilities", ndim),
            _print("probabilities", "probabilities", ndim == 2),
            f"predicted = np.argmax(probabilities{axis})",
            'print("predicted =", predicted)',
            'print("predicted classes =", [classes[k] for k in np.atleast_1d(predicted)])',
        ),
        _lines(
            "# with layer norm after the ReLU",
            f"mean = np.mean(a1{_axis(ndim)})",
            f"variance = np.var(a1{_axis(ndim)})",
            _print("mean", "mean", ndim == 2),
            _print("variance", "variance", ndim == 2),
            "normed = (a1 - mean) / np.sqrt(variance + 1e-5)",
            _print("layer_norm(a1)", "normed", ndim == 2),
            "z2 = np.dot(normed, w2.T) + b2",
            *_softmax("z2", "probabilities", ndim),
            _print("probabilities with layer norm", "probabilities", ndim == 2),
        ),
    ]


def _one_hot(v: Values, e: Explanation) -> list[str]:
    return [
        _lines(
            _assign("classes", v["classes"]),
            _assign("labels", v["labels"]),
            "",
            "indices = np.array([classes.index(label) for label in labels])",
            'print("labels as indices =", indices)',
            "one_hot = np.eye(len(classes))[indices]",
            _print("one-hot", "one_hot", rows=True),
            'print("shape =", one_hot.shape)',
        )
    ]


def _cross_entropy(v: Values, e: Explanation) -> list[str]:
    predictions, targets = np.asarray(v["predictions"]), np.asarray(v["targets"])
    sparse = targets.ndim < predictions.ndim
    return [
        _lines(
            _assign("classes", v["classes"]),
            _assignments(v, "predictions", "targets"),
            *(["targets = np.eye(len(classes))[targets]  # class indices to one-hot rows"] if sparse else []),
            "",
            "clipped = np.clip(predictions, 1e-7, 1 - 1e-7)  # log(0) never happens",
            _print("-true · log(predicted)", "-(targets * np.log(clipped))", predictions.ndim == 2),
            f"correct_confidences = np.sum(clipped * targets{', axis=1' if predictions.ndim == 2 else ''})",
            'print("the true class\'s probability =", correct_confidences)',
            "loss = np.mean(-np.log(correct_confidences))",
            'print("CE =", loss)',
            'print("-log10 of it instead =", -np.log10(correct_confidences))',
        ),
        _lines(
            "# why the log: -ln(p) is 0 at p = 1 and grows without bound as p -> 0",
            _assign("table", v["table"]),
            'print("-log(p) =", -np.log(table))',
        ),
    ]


def _mse(v: Values, e: Explanation) -> list[str]:
    return [
        _lines(
            _assignments(v, "y_true", "y_pred"),
            "",
            "# each pair is one example, n = 1: its MSE is (y - ŷ)²",
            'print("MSE of each example =", (y_true - y_pred) ** 2)',
        )
    ]


def _derivatives(v: Values, e: Explanation) -> list[str]:
    f, g = v["function"], v["chain_activation"]
    return [
        _lines(
            "def f(x):",
            f"    return {_apply(f, 'x')}",
            "",
            _assignments(v, "x", "hs"),
            "slopes = (f(x + hs) - f(x)) / hs  # the secants' slopes",
            'print("f(x + h) =", f(x + hs))',
            'print("secant slopes =", slopes)',
            f"print(\"f'(x) =\", {_derivative(f, 'x')})  # the tangent's slope",
        ),
        _lines(
            f"# the chain rule on one neuron: y = {g}(w·x + b)",
            _assignments(v, "chain_x", "chain_w", "chain_b", rename={"chain_x": "x", "chain_w": "w", "chain_b": "b"}),
            "z = w * x + b",
            'print("z = w·x + b =", z)',
            f"y = {_apply(g, 'z')}",
            f'print("y = {g}(z) =", y)',
            f"dy_dz = {_derivative(g, 'z')}",
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

    def weights(name: str, ws, bs) -> str:
        layers = len(ws)
        return _lines(
            f"# the weights {name} (rows: a layer's nodes; columns: the nodes before it)",
            *(_assign(f"w{k}", w) for k, w in enumerate(ws, start=1)),
            *(_assign(f"b{k}", b) for k, b in enumerate(bs, start=1)),
            f"weights = [{', '.join(f'w{k}' for k in range(1, layers + 1))}]",
            f"biases = [{', '.join(f'b{k}' for k in range(1, layers + 1))}]",
            "",
            "output = forward(inputs, weights, biases)",
            f'print("output {name} =", output)',
            'print("½(output − label)² =", 0.5 * (output - labels) ** 2)',
            f'print("mean loss on these points {name} =", np.mean(0.5 * (output - labels) ** 2))',
        )

    return [
        _lines(
            f"# the network of the link: {', '.join(config.features)} → {sizes}, {hidden} in the hidden layers,",
            f"# {output} at the output; its first {len(points)} training points: x, y and the label"
            + (" (+1 or −1)" if config.problem == "classification" else ""),
            _assign("points", points),
            "x, y, labels = points[:, 0], points[:, 1], points[:, 2]",
            f"inputs = np.stack([{', '.join(_FEATURES[f] for f in config.features)}], axis=-1)  # the features",
            "",
            "def forward(inputs, weights, biases):",
            "    a = inputs",
            "    for w, b in zip(weights[:-1], biases[:-1]):",
            "        z = np.dot(a, w.T) + b",
            f"        a = {_apply(hidden, 'z')}",
            "    z = (np.dot(a, weights[-1].T) + biases[-1])[:, 0]  # one output node",
            f"    return {_apply(output, 'z')}",
        ),
        weights("before training", run.initial_weights, run.initial_biases),
        weights(f"after {run.epochs} epochs", run.final.weights, run.final.biases),
    ]


# --- lecture 2 -------------------------------------------------------------------------------


def _backprop_neuron(v: Values, e: Explanation) -> list[str]:
    return [
        _lines(
            _assignments(v, "x", "w", "b"),
            "",
            "# forward: each input times its weight, the sum with the bias, then ReLU",
            'print("xᵢ·wᵢ =", x * w)',
            "z = np.dot(x, w) + b",
            'print("z = Σ xᵢwᵢ + b =", z)',
            "y = np.maximum(0, z)",
            'print("y = relu(z) =", y)',
        ),
        _lines(
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
        _lines(
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
        _lines(
            "# a batch: one row per sample; the book's weights, one column per neuron (inputs × neurons)",
            _assignments(v, "inputs", "weights", "biases"),
            "# the gradient arriving from the next layer: one row per sample, one column per neuron",
            _assignments(v, "dvalues"),
            "",
            *(f'print("{n}.shape =", {n}.shape)' for n in shapes),
            "output = np.dot(inputs, weights) + biases",
            _print("output = np.dot(inputs, weights) + biases", "output", rows=True),
        ),
        _lines(
            "# dweights: each weight's input times its neuron's gradient, summed over the batch",
            _print("inputs.T", "inputs.T", rows=True),
            "dweights = np.dot(inputs.T, dvalues)",
            _print("dweights = np.dot(inputs.T, dvalues)", "dweights", rows=True),
            'print("dweights.shape =", dweights.shape)  # the shape of weights',
            "",
            "# dbiases: each bias adds 1 · its neuron's gradient per sample, so the column sums",
            "dbiases = np.sum(dvalues, axis=0)",
            'print("dbiases = np.sum(dvalues, axis=0) =", dbiases)',
            "",
            "# dinputs: what flows back to the layer before",
            _print("weights.T", "weights.T", rows=True),
            "dinputs = np.dot(dvalues, weights.T)",
            _print("dinputs = np.dot(dvalues, weights.T)", "dinputs", rows=True),
            'print("dinputs.shape =", dinputs.shape)  # the shape of inputs',
        ),
    ]


def _relu_backward(v: Values, e: Explanation) -> list[str]:
    return [
        _lines(
            "# z: what ReLU was given; dvalues: the gradient arriving from after it",
            _assignments(v, "z", "dvalues"),
            "",
            _print("mask (z > 0)", "z > 0", rows=True),
            "drelu = dvalues.copy()",
            "drelu[z <= 0] = 0  # the gradient stops where z ≤ 0",
            _print("drelu", "drelu", rows=True),
        )
    ]


def _softmax_cce_gradient(v: Values, e: Explanation) -> list[str]:
    sample = int(v["sample"])
    return [
        _lines(
            _assign("softmax_outputs", v["outputs"]),
            _assign("class_targets", np.asarray(v["targets"], dtype=int)),
            "",
            f"# softmax's Jacobian at sample {sample}: diag(s) − s·sᵀ",
            f"s = softmax_outputs[{sample}].reshape(-1, 1)",
            _print("np.diagflat(s)", "np.diagflat(s)", rows=True),
            _print("np.dot(s, s.T)", "np.dot(s, s.T)", rows=True),
            _print("jacobian", "np.diagflat(s) - np.dot(s, s.T)", rows=True),
        ),
        _lines(
            "samples = len(softmax_outputs)",
            "y_true = np.eye(len(softmax_outputs[0]))[class_targets]",
            _print("y_true (one-hot)", "y_true", rows=True),
            "",
            "# the cross-entropy's gradient −y/ŷ over the n samples of the mean: y is 1 at the true class and",
            "# 0 elsewhere, so only that entry is not 0 (the book writes -y_true / softmax_outputs / samples)",
            "dcce = np.zeros_like(softmax_outputs)",
            "dcce[range(samples), class_targets] = -1 / softmax_outputs[range(samples), class_targets]",
            "dcce = dcce / samples",
            _print("dcce = −y/ŷ / n", "dcce", rows=True),
            "",
            "# then back through softmax: each sample's Jacobian times its row of the gradient",
            "dinputs_separate = np.empty_like(dcce)",
            "for index, (single_output, single_dvalues) in enumerate(zip(softmax_outputs, dcce)):",
            "    single_output = single_output.reshape(-1, 1)",
            "    jacobian_matrix = np.diagflat(single_output) - np.dot(single_output, single_output.T)",
            "    dinputs_separate[index] = np.dot(jacobian_matrix, single_dvalues)",
            _print("through softmax", "dinputs_separate", rows=True),
        ),
        _lines(
            "# the shortcut: softmax and cross-entropy together have the gradient (ŷ − y) / n",
            "dinputs = softmax_outputs.copy()",
            "dinputs[range(samples), class_targets] -= 1",
            _print("ŷ − y", "dinputs", rows=True),
            "dinputs = dinputs / samples",
            _print("(ŷ − y) / n", "dinputs", rows=True),
            'print("the same numbers =", np.allclose(dinputs, dinputs_separate))',
        ),
    ]


def _gradient_descent(v: Values, e: Explanation) -> list[str]:
    return [
        _lines(
            _assignments(v, "curvature", "center", "floor"),
            "",
            "def loss(w):",
            "    return curvature * (w - center) ** 2 + floor",
            "",
            "def gradient(w):  # ∂L/∂w",
            "    return 2 * curvature * (w - center)",
            "",
            _assign("start", v["start"]),
            'print("L(w₀) =", loss(start))',
            'print("∂L/∂w at w₀ =", gradient(start))',
        ),
        _lines(
            _list("learning_rates", v["learning_rates"]),
            _assign("steps", v["steps"]),
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
        _lines(
            "# decay: each update's learning rate is lr · 1 / (1 + decay · updates so far)",
            _assign("learning_rate", v["decay_learning_rate"]),
            _assign("iterations", v["decay_iterations"]),
            _list("decays", v["decays"]),
            "for decay in decays:",
            "    current_learning_rate = learning_rate * (1. / (1. + decay * iterations))",
            '    print("decay =", decay)',
            '    print(f"lr after {iterations} updates =", current_learning_rate)',
        ),
    ]


# Each optimizer's update of one parameter {p} with gradient {g} at update number `iteration`, in
# place, as the book's chapter 10 writes it ({m} the momentums, {c} the cache, kept between updates).
_UPDATES: dict[str, tuple[str, ...]] = {
    "sgd": ("{p} += -current_learning_rate * {g}",),
    "momentum": ("{m}[:] = momentum * {m} - current_learning_rate * {g}", "{p} += {m}"),
    "adagrad": ("{c} += {g} ** 2", "{p} += -current_learning_rate * {g} / (np.sqrt({c}) + epsilon)"),
    "rmsprop": (
        "{c}[:] = rho * {c} + (1 - rho) * {g} ** 2",
        "{p} += -current_learning_rate * {g} / (np.sqrt({c}) + epsilon)",
    ),
    "adam": (
        "{m}[:] = beta_1 * {m} + (1 - beta_1) * {g}",
        "{c}[:] = beta_2 * {c} + (1 - beta_2) * {g} ** 2",
        "{m}_corrected = {m} / (1 - beta_1 ** (iteration + 1))",
        "{c}_corrected = {c} / (1 - beta_2 ** (iteration + 1))",
        "{p} += -current_learning_rate * {m}_corrected / (np.sqrt({c}_corrected) + epsilon)",
    ),
}
# What each optimizer keeps per parameter between updates, as named in _UPDATES.
_STATE: dict[str, tuple[str, ...]] = {"sgd": (), "momentum": ("m",), "adagrad": ("c",), "rmsprop": ("c",), "adam": ("m", "c")}
_DECAYED = "current_learning_rate = learning_rate * (1. / (1. + decay * iteration))"


def _optimizer_kind(optimizer: Optimizer) -> str:
    return "momentum" if getattr(optimizer, "momentum", 0.0) else optimizer.name


def _optimizer_settings(optimizer: Optimizer) -> list[str]:
    """The optimizer's hyper-parameters as assignments, the book's names, from the nnmath optimizer
    the scene runs (so the code's defaults are nnmath's)."""
    names = ("learning_rate", "decay", "momentum", "epsilon", "rho", "beta_1", "beta_2")
    kept = [n for n in names if hasattr(optimizer, n) and (n != "momentum" or optimizer.momentum)]
    return [_assign(n, getattr(optimizer, n)) for n in kept]


def _update(optimizer: Optimizer, indent: str, **names: str) -> list[str]:
    return [indent + line.format(**names) for line in _UPDATES[_optimizer_kind(optimizer)]]


def _optimizers(v: Values, e: Explanation) -> list[str]:
    # the scene's own optimizers (lecture 2's module builds them from the values), for their settings
    from course.lecture2.optimizers import OPTIMIZERS
    from course.lecture2.optimizers import _optimizers as optimizers_of

    cells = [
        _lines(
            "# a long, narrow valley: steep across, shallow along; its minimum is at (0, 0)",
            _assignments(v, "curvatures", "start", "steps"),
            "",
            "def loss(w):",
            "    return np.sum(curvatures * w ** 2, axis=-1)",
            "",
            "def gradient(w):",
            "    return 2 * curvatures * w",
            "",
            'print("L(w₀) =", loss(start))',
        )
    ]
    for (key, name), optimizer in zip(OPTIMIZERS, optimizers_of(v).values()):
        names = {"p": "w", "g": "g", "m": "momentums", "c": "cache"}
        cells.append(
            _lines(
                f"# {name}",
                *_optimizer_settings(optimizer),
                "",
                "w = np.array(start, dtype=float)",
                *(f"{names[k]} = np.zeros_like(w)" for k in _STATE[_optimizer_kind(optimizer)]),
                "for iteration in range(steps):",
                f"    {_DECAYED}",
                "    g = gradient(w)",
                *_update(optimizer, "    ", **names),
                f'print("{name}: w =", w)',
                f'print("{name}: L(w) =", loss(w))',
                f'print("{name}: distance to the minimum =", np.linalg.norm(w))',
            )
        )
    return cells


def _training(v: Values, e: Explanation) -> list[str]:
    from course.lecture2.training import OPTIMIZERS

    optimizer = OPTIMIZERS[str(v["optimizer"])](learning_rate=float(v["learning_rate"]), decay=float(v["decay"]))
    state = _STATE[_optimizer_kind(optimizer)]
    lists = {"m": "momentums", "c": "caches"}
    names = {"p": "param", "g": "grad", "m": "param_momentums", "c": "param_cache"}
    return [
        _lines(
            "# the book's spiral data (nnfs's spiral_data; nnfs.init() seeds numpy): one arm per class",
            f"np.random.seed({int(v['seed'])})",
            _assignments(v, "samples", "classes", "hidden"),
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
        ),
        _lines(
            f"# {optimizer.name}, the book's settings",
            *_optimizer_settings(optimizer),
            _assign("epochs", v["epochs"]),
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
            f"    {_DECAYED}",
            "    grads = [dweights1, dbiases1, dweights2, dbiases2]",
            f"    for {', '.join([names['p'], names['g'], *(names[k] for k in state)])} in zip("
            f"{', '.join(['params', 'grads', *(lists[k] for k in state)])}):",
            *_update(optimizer, "        ", **names),
            "",
            "# the book prints every 100th epoch; here eleven epochs from the first to the last",
            "history = np.array(history)",
            "for epoch in np.unique(np.linspace(0, epochs, 11).round().astype(int)):",
            '    print(f"epoch {epoch:5d}: loss, accuracy, lr =", history[epoch])',
        ),
    ]


#: The code of each scene, by slug.
CODE: Mapping[str, CellsFunction] = {
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
    "backprop-neuron": _backprop_neuron,
    "backprop-layer": _backprop_layer,
    "relu-backward": _relu_backward,
    "softmax-cce-gradient": _softmax_cce_gradient,
    "gradient-descent": _gradient_descent,
    "optimizers": _optimizers,
    "training": _training,
}


def code_cells(slug: str, values: Values, explanation: Explanation) -> list[str]:
    """The sources of scene ``slug``'s code cells for its values table ``values``; none for a scene
    without numpy code here (the notebook then says where its numbers are)."""
    return CODE[slug](values, explanation) if slug in CODE else []
