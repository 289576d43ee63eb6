"""The lecture, scene by scene: what each scene computes from its values.

:data:`CATALOGUE` lists the scenes in lecture order. :func:`explain` runs one scene's
computations on the lecture's values (or a lecturer's) and returns an :class:`Explanation`: the
traced steps in the order the scene shows them, grouped in sections, plus named
``quantities`` that the errata table and the scenes' captions refer to. Scenes draw from it and
from nothing else.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np

from nnmath.activations import activation_trace, exp_overflow_trace, softmax_trace
from nnmath.calculus import function_curve_trace, neuron_chain_rule_trace, secant_trace
from nnmath.display import format_array, format_number, format_shape_x, shown_indices
from nnmath.errors import InputError, NNMathError, ShapeError
from nnmath.layers import Layer, compose_linear_trace, dense_trace, forward_trace
from nnmath.linalg import add_trace, dot_trace, transpose_trace
from nnmath.losses import CLIP, categorical_cross_entropy_trace, clipped_text, mse_trace, negative_log_trace, one_hot_trace
from nnmath.sine_fit import sine_fit, target
from nnmath.trace import Cell, ProductStep, Step
from nnmath.values import Erratum, LectureValues, load_values

__all__ = ["Quantity", "Section", "Explanation", "SceneInfo", "CATALOGUE", "explain", "errata", "ErratumRow", "scene_table", "verdict"]

# Curves drawn on axes are sampled at this many points; −log p from this p up to 1.
_CURVE_SAMPLES = 101
_CURVE_P_MIN = 0.02


@dataclass(frozen=True)
class Quantity:
    """A named computed value: ``value`` (a number, an array, or a text such as a shape) and
    ``how`` it was computed, in the lecture's notation."""

    value: object
    how: str = ""
    #: For one entry of a product's output, the entry's index in it.
    index: tuple[int, ...] | None = None
    #: The inputs this value is computed from (an entry's row and column, one p of a table): an
    #: erratum about it applies while they are the notes' own, whatever else a lecturer changed.
    about: tuple[object, ...] = ()

    def text(self, digits: int = 3) -> str:
        if isinstance(self.value, str):
            return self.value
        return format_array(np.asarray(self.value), digits)


@dataclass(frozen=True)
class ErratumRow:
    """One row of the errata table: what the notes wrote and what nnmath computes."""

    erratum: Erratum
    computed: str
    how: str
    #: The values the erratum is about (:attr:`Quantity.about`) are the lecture's own: what the
    #: notes wrote is about these numbers. Reports and scenes show only the rows that apply.
    applies: bool = True
    #: The output entry the erratum is about, when it is one entry of a product.
    index: tuple[int, ...] | None = None

    @property
    def differs(self) -> bool:
        return self.computed != self.erratum.notes


@dataclass(frozen=True)
class Section:
    """A beat's worth of steps under a heading."""

    heading: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Explanation:
    """Everything one scene shows, computed."""

    slug: str
    title: str
    sections: tuple[Section, ...]
    quantities: Mapping[str, Quantity]
    objects: Mapping[str, object] = field(default_factory=dict)
    errata: tuple[ErratumRow, ...] = ()

    @property
    def errata_that_apply(self) -> tuple[ErratumRow, ...]:
        """The errata rows about values that are still the notes' own (what a report prints)."""
        return tuple(row for row in self.errata if row.applies)

    @property
    def steps(self) -> list[Step]:
        return [step for section in self.sections for step in section.steps]

    def step(self, label: str) -> Step:
        """The step labelled ``label``."""
        for step in self.steps:
            if step.label == label:
                return step
        raise KeyError(f"{self.slug} has no step {label!r}; it has {[s.label for s in self.steps]}")

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict of the sections, their steps and the quantities."""
        return {
            "slug": self.slug,
            "title": self.title,
            "sections": [
                {"heading": s.heading, "steps": [_step_dict(step) for step in s.steps]} for s in self.sections
            ],
            "quantities": {
                name: {"value": jsonable(q.value), "text": q.text(), "how": q.how}
                for name, q in self.quantities.items()
            },
            "errata": [
                {"where": r.erratum.where, "notes": r.erratum.notes, "computed": r.computed, "how": r.how}
                for r in self.errata_that_apply
            ],
        }


def jsonable(value: object) -> object:
    """A value of the lecture as JSON data: text stays text, arrays and name lists become lists."""
    return value if isinstance(value, str) else np.asarray(value).tolist()


def _step_dict(step: Step) -> dict[str, object]:
    record = step.to_dict()
    if isinstance(step, ProductStep):
        # The entries the screen writes; the others' products are in the intermediates.
        record["cells"] = [
            {
                "index": list(cell.index),
                "row": cell.row,
                "column": cell.column,
                "left": cell.left.tolist(),
                "right": cell.right.tolist(),
                "products": cell.products.tolist(),
                "value": cell.value,
            }
            for cell in shown_cells(step)
        ]
    return record


def _shape_text(array: np.ndarray) -> str:
    """Shapes as the lecture writes them: ``3×4`` for a matrix, numpy's ``(3,)`` for a vector."""
    shape = tuple(np.shape(array))
    return f"({shape[0]},)" if len(shape) == 1 else format_shape_x(shape)


def _sum_of_products(cell_left: np.ndarray, cell_right: np.ndarray) -> str:
    """``10·1 + 11·2 + 12·3``; a long sum elided as the screen writes it: ``a·b + … + y·z``."""
    return " + ".join(
        "…" if i is None else f"{format_number(cell_left[i])}·{format_number(cell_right[i])}"
        for i in shown_indices(len(cell_left))
    )


def shown_cells(step: ProductStep) -> list[Cell]:
    """The entries of a product the screen writes out (each axis elided past
    :data:`~nnmath.display.MAX_SHOWN`), in reading order: all 9 of a 3×3, 25 of a 100×100."""
    axes = [[i for i in shown_indices(n) if i is not None] for n in step.output.shape]
    return [step.cell(*index) for index in itertools.product(*axes)]


def _entries(step: ProductStep, name: str = "output") -> dict[str, Quantity]:
    """``output``, and ``output[i]`` / ``output[i, j]`` with the sum of products behind each, for
    the entries the screen shows (a 100×100 product names 25, not 10 000)."""
    quantities = {name: Quantity(step.output, step.label)}
    for cell in shown_cells(step):
        if cell.index:
            key = f"{name}[{', '.join(str(i) for i in cell.index)}]"
            quantities[key] = Quantity(
                cell.value, _sum_of_products(cell.left, cell.right), index=cell.index, about=(cell.left, cell.right)
            )
    return quantities


# --- one function per scene, in lecture order -------------------------------------------------


def _neuron(v: Mapping[str, object]) -> Explanation:
    weighted = dot_trace(v["inputs"], v["weights"], a_name="x", b_name="w", label="Σ xᵢwᵢ")
    z = add_trace(weighted.output, v["bias"], x_name="Σ xᵢwᵢ", y_name="b", label="z = b + Σ xᵢwᵢ", parents=(weighted,))
    y = activation_trace(v["activation"], z.output, x_name="z", parents=(z,))
    return Explanation(
        "neuron",
        "A neuron",
        (Section("inputs times weights", (weighted,)), Section("plus the bias", (z,)), Section("the non-linearity", (y,))),
        {
            "weighted sum": Quantity(weighted.output, _sum_of_products(v["inputs"], v["weights"])),
            "z": Quantity(z.output, "b + Σ xᵢwᵢ"),
            "output": Quantity(y.output, f"ŷ = {v['activation']}(z)"),
        },
    )


def _dot_product(v: Mapping[str, object]) -> Explanation:
    ab = dot_trace(v["a"], v["b"])
    ba = dot_trace(v["b"], v["a"], a_name="b", b_name="a")
    return Explanation(
        "dot-product",
        "The dot product",
        (Section("term by term", (ab,)), Section("the order does not matter", (ba,))),
        {
            "a·b": Quantity(ab.output, _sum_of_products(v["a"], v["b"])),
            "b·a": Quantity(ba.output, _sum_of_products(v["b"], v["a"])),
        },
    )


def _vector_matrix(v: Mapping[str, object]) -> Explanation:
    product = dot_trace(v["a"], v["B"], b_name="B")
    return Explanation(
        "vector-matrix",
        "A vector times a matrix",
        (Section("a against each column of B", (product,)),),
        {**_entries(product), "shape output": Quantity(_shape_text(product.output), "1×n · n×p -> p")},
    )


def _matrix_vector(v: Mapping[str, object]) -> Explanation:
    column = transpose_trace(v["a"], name="a")
    product = dot_trace(v["B"], v["a"], a_name="B", b_name="a")
    sections = [Section("a as a column", (column,)), Section("each row of B against a", (product,))]
    quantities = dict(_entries(product))
    (n,), (rows, cols) = np.shape(v["a"]), np.shape(v["B"])
    if rows == n:
        other = dot_trace(v["a"], v["B"], b_name="B")
        sections.append(Section("np.dot(B, a) ≠ np.dot(a, B)", (other,)))
        quantities.update(_entries(other, "np.dot(a, B)"))
    else:
        # A B that is not square has np.dot(B, a) but no np.dot(a, B): the comparison shows why.
        quantities["np.dot(a, B)"] = Quantity(
            "no product", f"(1×{n}) · ({rows}×{cols}): the inner dimensions {n} and {rows} differ"
        )
    return Explanation("matrix-vector", "A matrix times a vector", tuple(sections), quantities)


def _transpose(v: Mapping[str, object]) -> Explanation:
    matrix = transpose_trace(v["B"], name="B")
    vector = transpose_trace(v["a"], name="a")
    return Explanation(
        "transpose",
        "Transpose",
        (Section("rows become columns", (matrix,)), Section("a row vector becomes a column", (vector,))),
        {
            "shape B": Quantity(_shape_text(v["B"])),
            "shape Bᵀ": Quantity(_shape_text(matrix.output)),
            "shape aᵀ": Quantity(_shape_text(vector.output)),
        },
    )


def _matrix_matrix(v: Mapping[str, object]) -> Explanation:
    transposed = transpose_trace(v["B"], name="B")
    product = dot_trace(v["A"], transposed.output, a_name="A", b_name="Bᵀ", parents=(transposed,))
    return Explanation(
        "matrix-matrix",
        "A matrix times a matrix",
        (Section("transpose B", (transposed,)), Section("row Aᵢ · row Bⱼ", (product,))),
        {**_entries(product), "shape output": Quantity(_shape_text(product.output))},
    )


def _layers(v: Mapping[str, object]) -> Explanation:
    first = dense_trace(v["X"], v["w1"], v["b1"], inputs_name="X", weights_name="w1", biases_name="b1")
    second = dense_trace(
        first.output, v["w2"], v["b2"], inputs_name="f1", weights_name="w2", biases_name="b2", parents=(first[-1],)
    )
    shapes = {f"shape {k}": Quantity(_shape_text(v[k])) for k in ("X", "w1", "b1", "w2", "b2")}
    shapes["shape b1"] = Quantity(
        shapes["shape b1"].value,
        "numpy shape: one bias per neuron, added to every sample's row",
        about=(np.shape(v["b1"]),),  # the notes' "3×1" is about three biases, whatever their values
    )
    shapes["shape b2"] = Quantity(shapes["shape b2"].value, shapes["shape b1"].how)
    samples = np.shape(v["X"])[0] if np.ndim(v["X"]) == 2 else 1
    shapes["shape X"] = Quantity(
        shapes["shape X"].value,
        f"{samples} sample{'s' if samples != 1 else ''} of {np.shape(v['X'])[-1]} features",
        about=(v["X"],),
    )
    return Explanation(
        "layers",
        "Adding more layers",
        (Section("layer 1: np.dot(X, w1ᵀ) + b1", tuple(first)), Section("layer 2: np.dot(f1, w2ᵀ) + b2", tuple(second))),
        {**shapes, "f1": Quantity(first.output, "np.dot(X, w1ᵀ) + b1"), "output": Quantity(second.output, "np.dot(f1, w2ᵀ) + b2")},
    )


def _activations(v: Mapping[str, object]) -> Explanation:
    low, high = float(v["x_min"]), float(v["x_max"])
    if not low < high:
        raise InputError(f"activations.x_min must be below x_max, got {low} and {high}")
    grid = np.linspace(low, high, v["samples"])
    curves = tuple(activation_trace(name, grid) for name in v["functions"])
    points = tuple(activation_trace(name, v["points"], x_name="points") for name in v["functions"])
    composed = compose_linear_trace(v["stack_w1"], v["stack_b1"], v["stack_w2"], v["stack_b2"])
    two_layers = forward_trace(
        v["stack_x"],
        [Layer(v["stack_w1"], v["stack_b1"], activation="linear"), Layer(v["stack_w2"], v["stack_b2"], activation="linear")],
    ).trace
    one_layer = dense_trace(v["stack_x"], composed[0].output, composed[-1].output, weights_name="w2·w1", biases_name="w2·b1 + b2")
    quantities = {
        f"{step.op}({format_number(x)})": Quantity(y, step.note) for step in points for x, y in zip(step.inputs["points"], step.output)
    }
    quantities["two linear layers"] = Quantity(two_layers.output, "w2·(w1·x + b1) + b2")
    quantities["one linear layer"] = Quantity(one_layer.output, "(w2·w1)·x + (w2·b1 + b2)")
    return Explanation(
        "activations",
        "Activation functions",
        (
            Section("the curves", curves),
            Section("points on the curves", points),
            Section("two linear layers ...", tuple(two_layers)),
            Section("... are one linear layer", (*composed, *one_layer)),
        ),
        quantities,
    )


def _why_activations(v: Mapping[str, object]) -> Explanation:
    fit = sine_fit(v["pairs"], v["x_min"], v["x_max"])
    grid = np.linspace(float(v["x_min"]), float(v["x_max"]), v["samples"])
    construction = Step(
        op="sine_fit",
        label="the constructed weights",
        inputs={"x_min": fit.knots[0], "x_max": fit.knots[-1]},
        output=np.array(fit.max_error),
        intermediates={
            "knots": fit.knots,
            "knot_values": fit.knot_values,
            "w1": fit.w1,
            "b1": fit.b1,
            "w2": fit.w2,
            "b2": fit.b2,
            "w3": fit.w3,
            "b3": fit.b3,
            "slopes": fit.slopes,
        },
        note="pair i acts on [tᵢ, tᵢ₊₁]; output = the maximum error against sin(2πx)",
    )
    contributions = tuple(
        Step(
            op="pair_contribution",
            label=f"pair {i + 1}",
            inputs={"x": grid, "area_of_effect": fit.areas_of_effect[i]},
            output=fit.pair_contribution(grid, i),
            note=f"what neuron pair {i + 1} adds to the output",
        )
        for i in range(fit.pairs)
    )
    partial_fits = tuple(
        Step(
            op="partial_fit",
            label=f"first {k} pairs",
            inputs={"x": grid},
            output=fit.predict(grid, active_pairs=k),
            note=f"the network's output with pairs 1 to {k} switched on",
        )
        for k in range(1, fit.pairs + 1)
    )
    with_relu = fit.forward(grid)
    without = fit.forward(grid, relu=False)
    sine = Step(op="target", label="sin(2πx)", inputs={"x": grid}, output=target(grid), note="the curve to draw")
    best_line = Step(
        op="best_line",
        label="the best straight line",
        inputs={"x": grid},
        output=fit.best_line(grid),
        note="least squares against sin(2πx): the most any network without activations could draw",
    )
    return Explanation(
        "why-activations",
        "Why activation functions",
        (
            Section("the target", (sine,)),
            Section("the weights", (construction,)),
            Section("pair by pair", contributions),
            Section("the fit growing pair by pair", partial_fits),
            Section("the fit", (with_relu[-1],)),
            Section("the best straight line", (best_line,)),
            Section("without ReLU: a straight line", (without[-1],)),
        ),
        {
            "max error": Quantity(fit.max_error, f"max |network(x) − sin(2πx)| with {fit.pairs} pairs"),
            "no-ReLU max error": Quantity(fit.no_relu_max_error, "max |network without ReLU(x) − sin(2πx)|: the line it draws"),
            "best line max error": Quantity(fit.linear_max_error, "the best straight line's maximum error"),
        },
        objects={"fit": fit},
    )


def _softmax(v: Mapping[str, object]) -> Explanation:
    stable = softmax_trace(v["z"])
    sections = [Section("exponentiate, sum, normalise", (stable,))]
    try:
        raw = softmax_trace(v["z"], subtract_max=False)
        sections.append(Section("without subtracting max(z): the same result", (raw,)))
    except InputError:
        pass  # e^z overflows: only the stable version can be shown
    shifted = add_trace(v["z"], v["overflow_shift"], x_name="z", y_name="shift", label="z + shift")
    overflow = exp_overflow_trace(shifted.output, z_name="z + shift", parents=(shifted,))
    big = softmax_trace(shifted.output, z_name="z + shift", parents=(shifted,))
    sections.append(Section("why subtract max(z): e^z overflows", (shifted, overflow, big)))
    quantities = {"output": Quantity(stable.output, "e^{zᵢ − max z} / Σⱼ e^{zⱼ − max z}")}
    quantities["sum"] = Quantity(np.sum(stable.output, axis=-1), "Σ σ(z)ᵢ")
    quantities["exp limit"] = Quantity(overflow.intermediates["limit"], "ln(largest float64): e^x overflows above it")
    quantities["output of z + shift"] = Quantity(big.output, "the same probabilities: softmax ignores a shift")
    return Explanation("softmax", "Softmax", tuple(sections), quantities)


def _class_names(v: Mapping[str, object], slug: str, count: int) -> tuple[str, ...]:
    names = tuple(v["classes"])
    if len(names) != count:
        raise ShapeError(f"{slug}.classes names {len(names)} classes but the values give {count}")
    return names


def _forward_pass(v: Mapping[str, object]) -> Explanation:
    from nnmath.regions import forward_pass_layers

    plain = forward_trace(v["features"], forward_pass_layers(v))
    normed = forward_trace(v["features"], forward_pass_layers(v, layer_norm=True))
    classes = _class_names(v, "forward-pass", plain.output.shape[-1])
    probabilities = np.atleast_2d(plain.output)
    predicted = np.atleast_1d(plain.predicted)
    quantities = {}
    for i, (row, k) in enumerate(zip(probabilities, predicted), start=1):
        quantities[f"probabilities f{i}"] = Quantity(row, "softmax of the last layer")
        quantities[f"predicted f{i}"] = Quantity(classes[k], f"the largest probability, {format_number(row[k])}")
    for i, (row, k) in enumerate(zip(np.atleast_2d(normed.output), np.atleast_1d(normed.predicted)), start=1):
        quantities[f"probabilities f{i} with layer norm"] = Quantity(row, "Linear → ReLU → Layer-Norm → Linear → Softmax")
        quantities[f"predicted f{i} with layer norm"] = Quantity(classes[k], f"the largest probability, {format_number(row[k])}")
    return Explanation(
        "forward-pass",
        "A full forward pass",
        (Section("Linear → ReLU → Linear → Softmax", tuple(plain.trace)), Section("with layer norm", tuple(normed.trace))),
        quantities,
        objects={"classes": classes},
    )


def _label_indices(labels: tuple[str, ...], classes: tuple[str, ...], slug: str) -> list[int]:
    unknown = [name for name in labels if name not in classes]
    if unknown:
        raise InputError(f"{slug}.labels holds {unknown[0]!r}, not one of the classes {', '.join(classes)}")
    return [classes.index(name) for name in labels]


def _one_hot(v: Mapping[str, object]) -> Explanation:
    classes = tuple(v["classes"])
    labels = tuple(v["labels"])
    features = np.atleast_2d(v["features"])
    if features.shape[0] != len(labels):
        raise ShapeError(
            f"one-hot.features has {features.shape[0]} row{'s' if features.shape[0] != 1 else ''} but one-hot.labels "
            f"names {len(labels)} sample{'s' if len(labels) != 1 else ''}: give each sample one row of features"
        )
    encoded = one_hot_trace(_label_indices(labels, classes, "one-hot"), len(classes))
    samples = Step(
        op="samples",
        label="samples",
        inputs={"features": features},
        output=features,
        note="each sample's features (x₁, x₂: length and width) and, in labels, the flower it is",
    )
    quantities = {f"one-hot {name}": Quantity(row, f"1 at {name}'s index") for name, row in zip(labels, encoded.output)}
    for i, (name, row, x) in enumerate(zip(labels, np.atleast_2d(encoded.output), features), start=1):
        quantities[f"s{i} features"] = Quantity(x, f"sample s{i}'s features, labelled {name}")
        quantities[f"s{i} one-hot"] = Quantity(row, f"s{i} is a {name}: 1 at {name}'s index {classes.index(name)}")
    return Explanation(
        "one-hot",
        "One-hot encoding",
        (Section("samples: features and a label", (samples,)), Section("labels to vectors", (encoded,))),
        quantities,
        objects={"classes": classes, "labels": labels},
    )


#: Probabilities of the true class ever closer to 0, to show −ln p growing without bound.
TOWARD_ZERO = (0.01, 0.001, 0.0001)


def verdict(p: float) -> str:
    """The notes' word for a predicted probability ``p`` of the true class, as in their table
    (0.9 good, 0.5 uncertain, 0.1 bad): at least 0.75 is "good", above 0.25 "uncertain", else "bad"."""
    if p >= 0.75:
        return "good"
    return "uncertain" if p > 0.25 else "bad"


def _cross_entropy(v: Mapping[str, object]) -> Explanation:
    loss = categorical_cross_entropy_trace(v["predictions"], v["targets"])
    classes = _class_names(v, "cross-entropy", loss.inputs["predictions"].shape[-1])
    table = negative_log_trace(v["table"], name="cross-entropy.table")
    surviving = loss.intermediates["surviving"]
    p = format_number(surviving[0], 3)
    quantities = {
        "loss": Quantity(
            loss.output,
            f"−ln({p}) with the natural log; −log₁₀({p}) = "
            f"{format_number(negative_log_trace(surviving[0]).intermediates['negative_log10'], 3)}",
            about=(v["predictions"], v["targets"]),
        )
    }
    first = np.atleast_2d(loss.inputs["predictions"])[0]
    clipped = np.atleast_2d(loss.intermediates["clipped"])[0]
    if not np.array_equal(first, clipped):
        which = ", ".join(f"{format_number(a)} → {clipped_text(b)}" for a, b in zip(first, clipped) if a != b)
        quantities["clipped"] = Quantity(
            clipped,
            f"ŷ clipped to [{clipped_text(CLIP)}, {clipped_text(1 - CLIP)}] ({which}): ln 0 = −∞, and the book clips "
            "so that a loss is never infinite and a sure right answer still costs a little",
        )
    quantities.update(
        {
            f"-log {format_number(p_)}": Quantity(value, f"−ln({format_number(p_)})", about=(p_,))
            for p_, value in zip(table.inputs["p"], table.output)
        }
    )
    verdicts = tuple(verdict(float(p_)) for p_ in table.inputs["p"])
    toward_zero = negative_log_trace(np.array(TOWARD_ZERO))
    curve = negative_log_trace(np.linspace(_CURVE_P_MIN, 1.0, _CURVE_SAMPLES))
    sections = [Section("only the true class survives", (loss,))]
    objects: dict[str, object] = {"classes": classes, "verdicts": verdicts}
    network = _loss_under_the_forward_pass(v)
    if network is not None:
        quantities.update(
            {
                "forward-pass probabilities": Quantity(network.intermediates["probabilities"], "the forward pass of s₁'s features"),
                "forward-pass loss": Quantity(network.output, network.note),
            }
        )
        sections.append(Section("the forward pass's own prediction", (network,)))
        objects.update(
            {
                "sample": network.inputs["features"],
                "true class": str(v["one-hot.labels"][0]),
                "network classes": tuple(v["forward-pass.classes"]),
            }
        )
    sections.append(Section("why the log: −ln p", (table, toward_zero, curve)))
    return Explanation("cross-entropy", "Categorical cross-entropy", tuple(sections), quantities, objects=objects)


def _loss_under_the_forward_pass(v: Mapping[str, object]) -> Step | None:
    """The loss of one-hot's first sample (s₁ = rose, [10, 5]) under the forward-pass scene's own
    network: the prediction it makes, and −ln of its probability for the true class.

    None when a lecturer's values no longer connect the two scenes (s₁'s label is not one of the
    network's classes, or its features do not fit the network's first layer): there is then no
    "own prediction" to show, and the scene leaves that beat out.
    """
    from nnmath.regions import forward_pass_layers

    network = {k.split(".", 1)[1]: value for k, value in v.items() if k.startswith("forward-pass.")}
    label = v["one-hot.labels"][0]
    classes = tuple(network["classes"])
    features = np.atleast_2d(v["one-hot.features"])[0]
    if label not in classes or features.shape[0] != np.shape(network["w1"])[-1]:
        return None
    try:
        probabilities = forward_trace(features, forward_pass_layers(network)).output
    except NNMathError:
        return None  # the forward pass's own values do not compute: its scene says why
    loss = categorical_cross_entropy_trace(probabilities, classes.index(label))
    return Step(
        op="forward_pass_loss",
        label="CE of s₁ under the forward pass",
        inputs={"features": features, "targets": loss.inputs["targets"]},
        output=loss.output,
        intermediates={
            "probabilities": probabilities,
            "surviving": loss.intermediates["surviving"],
        },
        parents=(loss,),
        note=f"s₁ = {label} with {format_array(features)}: the forward pass predicts {format_array(probabilities, 3)}; "
        f"CE = −ln {format_number(loss.intermediates['surviving'][0], 3)} = {format_number(loss.output, 3)}",
    )


def _squared_error_curve(truth: float, grid: np.ndarray) -> Step:
    """(y − ŷ)² for every prediction ŷ of ``grid``: a parabola with its minimum at the truth."""
    curve = mse_trace(np.full_like(grid, truth), grid)
    return Step(
        op="squared_error_curve",
        label=f"({format_number(truth)} − ŷ)²",
        inputs={"y_true": np.array(truth), "y_pred": grid},
        output=curve.intermediates["squared"],
        parents=(curve,),
        note="the squared error for each prediction ŷ: a parabola with its minimum at the truth",
    )


def _prediction_grid(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """One range of ŷ for every example's parabola, holding each truth and prediction with room on
    both sides: drawn on one pair of axes, a squared error of 25 and one of 1 look as different as
    they are."""
    values = np.concatenate([np.ravel(y_true), np.ravel(y_pred)])
    margin = max(2.0, float(np.max(np.abs(np.ravel(y_true) - np.ravel(y_pred)))))
    return np.linspace(float(values.min()) - margin, float(values.max()) + margin, _CURVE_SAMPLES)


def _mse(v: Mapping[str, object]) -> Explanation:
    if np.shape(v["y_true"]) != np.shape(v["y_pred"]):
        raise ShapeError(f"mse.y_true {np.shape(v['y_true'])} and mse.y_pred {np.shape(v['y_pred'])} need the same length")
    grid = _prediction_grid(v["y_true"], v["y_pred"])
    examples = tuple(mse_trace(t, p) for t, p in zip(v["y_true"], v["y_pred"]))
    curves = tuple(_squared_error_curve(float(t), grid) for t in v["y_true"])
    sections = tuple(
        Section(f"true {format_number(s.inputs['y_true'])}, predicted {format_number(s.inputs['y_pred'])}", (s, c))
        for s, c in zip(examples, curves)
    )
    quantities = {
        f"mse[{i}]": Quantity(s.output, f"({format_number(s.inputs['y_true'])} − {format_number(s.inputs['y_pred'])})²")
        for i, s in enumerate(examples)
    }
    if len(examples) > 1:
        # Every example as one batch: the mean of their squared errors, where n is no longer 1.
        batch = mse_trace(v["y_true"], v["y_pred"])
        sections += (Section("the batch of every example", (batch,)),)
        squares = " + ".join(format_number(x) for x in batch.intermediates["squared"])
        quantities["mse batch"] = Quantity(batch.output, f"({squares}) / {int(batch.intermediates['n'])}")
    return Explanation("mse", "Mean squared error", sections, quantities)


def _derivatives(v: Mapping[str, object]) -> Explanation:
    secant = secant_trace(v["function"], v["x"], v["hs"])
    reach = max(1.0, 1.25 * float(np.max(np.abs(v["hs"]))))
    grid = np.linspace(float(v["x"]) - reach, float(v["x"]) + reach, _CURVE_SAMPLES)
    curve = function_curve_trace(v["function"], grid)
    chain = neuron_chain_rule_trace(v["chain_x"], v["chain_w"], v["chain_b"], v["chain_activation"])
    partials = chain[-1].output
    return Explanation(
        "derivatives",
        "Derivatives and the chain rule",
        (Section("the secant becomes the tangent", (curve, secant)), Section("the chain rule on a neuron", tuple(chain))),
        {
            "slope": Quantity(secant.output, secant.label),
            "dy/dw": Quantity(partials[0], "g'(z)·x"),
            "dy/dx": Quantity(partials[1], "g'(z)·w"),
            "dy/db": Quantity(partials[2], "g'(z)·1"),
        },
    )


def _playground(v: Mapping[str, object]) -> Explanation:
    from nnmath.playground.explain import explain_values  # it builds on this module's Explanation

    return explain_values(v)


@dataclass(frozen=True)
class SceneInfo:
    """A scene of the catalogue: its slug, title, one-line summary and what it computes."""

    slug: str
    title: str
    summary: str
    compute: Callable[[Mapping[str, object]], Explanation]
    #: Other scenes' tables this one computes from (cross-entropy: the forward pass's network and
    #: one-hot's first sample); :func:`scene_table` adds their keys as ``slug.key``.
    reads: tuple[str, ...] = ()


CATALOGUE: Mapping[str, SceneInfo] = MappingProxyType(
    {
        s.slug: s
        for s in (
            SceneInfo("neuron", "A neuron", "inputs, weights, sum, bias, non-linearity: ŷ = g(b + Σ xᵢwᵢ)", _neuron),
            SceneInfo("dot-product", "The dot product", "a·b term by term, and a·b = b·a", _dot_product),
            SceneInfo("vector-matrix", "A vector times a matrix", "np.dot(a, B): a against each column of B", _vector_matrix),
            SceneInfo("matrix-vector", "A matrix times a vector", "np.dot(B, a) ≠ np.dot(a, B): each row of B against a", _matrix_vector),
            SceneInfo("transpose", "Transpose", "rows become columns; why a layer uses Wᵀ", _transpose),
            SceneInfo("matrix-matrix", "A matrix times a matrix", "np.dot(A, Bᵀ): entry (i, j) is row Aᵢ · row Bⱼ", _matrix_matrix),
            SceneInfo("layers", "Adding more layers", "a batch through two dense layers, shapes first", _layers),
            SceneInfo("activations", "Activation functions", "ReLU, sigmoid, step, tanh; stacked linear layers stay linear", _activations),
            SceneInfo("why-activations", "Why activation functions", "a 1 → 8 → 8 → 1 ReLU network drawing a sine wave", _why_activations),
            SceneInfo("softmax", "Softmax", "exponentiate, sum, normalise; subtracting max(z) changes nothing", _softmax),
            SceneInfo("forward-pass", "A full forward pass", "the flower example: Linear → ReLU → Linear → Softmax", _forward_pass),
            SceneInfo("one-hot", "One-hot encoding", "labels to vectors: rose, daisy, tulip", _one_hot),
            SceneInfo(
                "cross-entropy",
                "Categorical cross-entropy",
                "CE = −Σ true · ln(predicted); only the true class survives",
                _cross_entropy,
                reads=("forward-pass", "one-hot"),
            ),
            SceneInfo("mse", "Mean squared error", "MSE = (1/n) Σ (y − ŷ)²: the age example", _mse),
            SceneInfo("playground", "A Neural Network Playground", "the notes' TensorFlow Playground run, before and after training", _playground),
            SceneInfo("derivatives", "Derivatives and the chain rule", "a secant becomes the tangent; the chain rule on relu(w·x + b)", _derivatives),
        )
    }
)


def explain(slug: str, values: LectureValues | None = None) -> Explanation:
    """Compute everything scene ``slug`` shows, from ``values`` (the lecture's by default).

    Raises
    ------
    KeyError
        ``slug`` is not in :data:`CATALOGUE`.
    NNMathError
        The values do not compute (shapes that do not line up, ...); the message names the scene.
    """
    if slug not in CATALOGUE:
        raise KeyError(slug)
    values = values or load_values()
    try:
        explanation = CATALOGUE[slug].compute(scene_table(slug, values))
    except NNMathError as exc:
        raise exc.within(slug) from None
    about_errata = [e for e in values.errata if e.scene == slug]
    if not about_errata:
        return explanation
    lecture = load_values()
    notes = explanation if values[slug] is lecture[slug] else CATALOGUE[slug].compute(scene_table(slug, lecture))
    rows = tuple(
        ErratumRow(
            e,
            quantity.text(3),
            quantity.how,
            applies=_about_the_same(quantity, notes.quantities.get(e.quantity), values[slug], lecture[slug]),
            index=quantity.index,
        )
        for e in about_errata
        # With other values a quantity may not exist (no third entry of a 2-vector): nothing to correct.
        if (quantity := explanation.quantities.get(e.quantity)) is not None
    )
    return replace(explanation, errata=rows)


def scene_table(slug: str, values: Mapping[str, Mapping[str, object]]) -> Mapping[str, object]:
    """Everything scene ``slug`` computes from: its own table, and the keys of the tables it
    :attr:`~SceneInfo.reads` as ``slug.key`` (``forward-pass.w1``). A render's cache key is made
    from this, so a change in the forward pass's weights re-renders cross-entropy too."""
    info = CATALOGUE[slug]
    if not info.reads:
        return values[slug]
    table = dict(values[slug])
    for other in info.reads:
        table.update({f"{other}.{key}": value for key, value in values[other].items()})
    return MappingProxyType(table)


def _about_the_same(
    ours: Quantity, notes: Quantity | None, our_values: Mapping[str, object], lecture: Mapping[str, object]
) -> bool:
    """Whether an erratum about ``ours`` still speaks of the notes' numbers: the inputs it is
    computed from (:attr:`Quantity.about`) are the lecture's, or — for a quantity that does not say
    — the scene's whole table is."""
    if notes is None:
        return False
    if ours.about or notes.about:
        return len(ours.about) == len(notes.about) and all(_same(a, b) for a, b in zip(ours.about, notes.about))
    return our_values.keys() == lecture.keys() and all(_same(our_values[k], lecture[k]) for k in our_values)


def _same(a: object, b: object) -> bool:
    if isinstance(a, (np.ndarray, float, int)) or isinstance(b, (np.ndarray, float, int)):
        return np.shape(a) == np.shape(b) and bool(np.array_equal(a, b))
    return a == b


def errata(values: LectureValues | None = None) -> list[ErratumRow]:
    """The errata table, computed live from ``values``."""
    values = values or load_values()
    scenes = dict.fromkeys(e.scene for e in values.errata)
    return [row for slug in scenes for row in explain(slug, values).errata]
