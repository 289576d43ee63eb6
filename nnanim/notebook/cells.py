"""The plain-numpy code of each scene, as a student would type it beside the video.

One small function per scene, in lecture order, registered in :data:`CODE` (the playground
scene, a re-run of TensorFlow Playground's training, has none: its notebook section is the video). Each takes the
scene's values table and its :class:`~nnmath.lecture.Explanation` and returns the sources of
its code cells. The values are written into the code as literals, so a ``--values`` file
changes the code's numbers; the explanation is read only to choose the code's *form* (a batch
or one sample, which sections the scene has), never for a number: every number the cells
print is computed by the cell itself, with numpy, and ``tests/test_notebook_cells.py`` holds
each printed number to what ``nnanim explain`` computes.

The code is the book's (*Neural Networks from Scratch in Python*): ``np.dot(inputs,
weights.T) + biases``, no import of nnmath or nnanim. Each print reads ``label = value`` so
that a student sees what the number is (and the tests can find it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from nnmath.lecture import Explanation

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


def _assignments(v: Values, *names: str, rename: Mapping[str, str] | None = None) -> str:
    rename = rename or {}
    return "\n".join(_assign(rename.get(n, n), v[n]) for n in names)


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
        lines += [f'print("{show} =", exp_values)', f'print("sum =", np.sum(exp_values{_axis(ndim)}))']
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
                   first: Callable[[int], tuple[str, str]], count: int, product: str, after: Sequence[str] = ()) -> list[str]:
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
            f'print("{product} =", output)',
            *after,
        )
    ]


def _vector_matrix(v: Values, e: Explanation) -> list[str]:
    return _product_cells(v, ("a", "B"), entry="entry [j] is a against column j of B",
                          first=lambda j: ("a", f"B[:, {j}]"), count=np.shape(v["B"])[1],
                          product="np.dot(a, B)", after=['print("shape =", output.shape)'])


def _matrix_vector(v: Values, e: Explanation) -> list[str]:
    return _product_cells(v, ("a", "B"), before=['print("aᵀ =", a.reshape(-1, 1))'],
                          entry="a as a column, aᵀ: each row of B meets it",
                          first=lambda j: (f"B[{j}]", "a"), count=np.shape(v["B"])[0],
                          product="np.dot(B, a)", after=['print("np.dot(a, B) =", np.dot(a, B))  # not the same'])


def _transpose(v: Values, e: Explanation) -> list[str]:
    return [
        _lines(
            _assignments(v, "B"),
            "",
            'print("B.shape =", B.shape)',
            'print("B.T =", B.T)  # rows become columns',
            'print("B.T.shape =", B.T.shape)',
        ),
        _lines(
            f"a = np.array([{_row(np.asarray(v['a']), 11)}])  # a row vector, 1×{np.size(v['a'])}",
            "",
            'print("a.T =", a.T)',
            'print("a.T.shape =", a.T.shape)',
        ),
    ]


def _matrix_matrix(v: Values, e: Explanation) -> list[str]:
    return _product_cells(v, ("A", "B"), before=['print("B.T =", B.T)'], entry="entry [0, j] is row A[0] · row B[j]",
                          first=lambda j: ("A[0]", f"B[{j}]"), count=np.shape(v["B"])[0],
                          product="np.dot(A, B.T)", after=['print("shape =", output.shape)'])


def _layers(v: Values, e: Explanation) -> list[str]:
    return [
        _lines(
            _assignments(v, "X", "w1", "b1", "w2", "b2"),
            "",
            "# what shape will the weights be? one row of w per neuron",
            *(f'print("{n}.shape =", {n}.shape)' for n in ("X", "w1", "b1", "w2", "b2")),
        ),
        _lines(
            'print("np.dot(X, w1.T) =", np.dot(X, w1.T))',
            "f1 = np.dot(X, w1.T) + b1",
            'print("f1 = np.dot(X, w1.T) + b1 =", f1)',
            'print("np.dot(f1, w2.T) =", np.dot(f1, w2.T))',
            "output = np.dot(f1, w2.T) + b2",
            'print("output = np.dot(f1, w2.T) + b2 =", output)',
        ),
    ]


def _activations(v: Values, e: Explanation) -> list[str]:
    curves = [f'print("{name}(points) =", {_apply(name, "points")})' for name in v["functions"]]
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
            'print("layer 1: f1 =", f1)',
            "output = np.dot(f1, w2.T) + b2",
            'print("layer 2: output =", output)',
            "",
            "# ... are one layer",
            "W = np.dot(w2, w1)",
            "b = np.dot(w2, b1) + b2",
            'print("W = np.dot(w2, w1) =", W)',
            'print("b = np.dot(w2, b1) + b2 =", b)',
            'print("one layer: np.dot(x, W.T) + b =", np.dot(x, W.T) + b)',
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
            'print("softmax(z) =", probabilities)',
        )
        if any(h.startswith("without subtracting") for h in headings)
        else _lines(_assign("z", v["z"]), "", "# e^z overflows for these scores: subtract max(z) first"),
        _lines(
            "# the book subtracts each row's maximum first: the same probabilities, and e^x cannot overflow",
            *_softmax("z", "probabilities", ndim, show="e^(z - max(z))"),
            'print("softmax(z) =", probabilities)',
            f'print("sum of the probabilities =", np.sum(probabilities{_axis(ndim).replace(", keepdims=True", "")}))',
        ),
        _lines(
            f"shifted = z + {literal(v['overflow_shift'])}",
            'print("z + shift =", shifted)',
            "limit = np.log(np.finfo(np.float64).max)  # e^x is infinite above this",
            'print("ln(largest float64) =", limit)',
            'print("overflows =", shifted > limit)',
            *_softmax("shifted", "probabilities", ndim),
            'print("softmax(z + shift) =", probabilities)',
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
            'print("z1 = np.dot(X, w1.T) + b1 =", z1)',
            "a1 = np.maximum(0, z1)",
            'print("a1 = relu(z1) =", a1)',
            "z2 = np.dot(a1, w2.T) + b2",
            'print("z2 = np.dot(a1, w2.T) + b2 =", z2)',
            *_softmax("z2", "probabilities", ndim),
            'print("probabilities =", probabilities)',
            f"predicted = np.argmax(probabilities{axis})",
            'print("predicted =", predicted)',
            'print("predicted classes =", [classes[k] for k in np.atleast_1d(predicted)])',
        ),
        _lines(
            "# with layer norm after the ReLU",
            f"mean = np.mean(a1{_axis(ndim)})",
            f"variance = np.var(a1{_axis(ndim)})",
            'print("mean =", mean)',
            'print("variance =", variance)',
            "normed = (a1 - mean) / np.sqrt(variance + 1e-5)",
            'print("layer_norm(a1) =", normed)',
            "z2 = np.dot(normed, w2.T) + b2",
            *_softmax("z2", "probabilities", ndim),
            'print("probabilities with layer norm =", probabilities)',
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
            'print("one-hot =", one_hot)',
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
            'print("-true · log(predicted) =", -(targets * np.log(clipped)))',
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
    "derivatives": _derivatives,
}


def code_cells(slug: str, values: Values, explanation: Explanation) -> list[str]:
    """The sources of scene ``slug``'s code cells for its values table ``values``; none for a scene
    without numpy code here (the notebook then says where its numbers are)."""
    return CODE[slug](values, explanation) if slug in CODE else []
