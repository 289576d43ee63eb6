"""The notebook's plain-numpy code prints exactly what ``nnanim explain`` computes.

Each scene's code cells (:mod:`nnanim.notebook.cells`) are run here in-process, as a student's
kernel would run them, with the lecture's values and with values of other shapes. Every printed
``label = value`` is parsed and compared, in order, with the number nnmath computes for it:
to numpy's printed precision, and as ``nnanim explain`` writes it (4 decimals).
``tests/nnanim/test_notebook.py`` applies the same check to the outputs of a written, executed notebook.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import course
from course import explain, load_values
from nnanim.notebook.cells import CODE, IMPORTS, code_cells
from nnanim.notebook.lecture1 import PLAYGROUND_POINTS
from nnanim.notebook.literals import literal
from nnmath.display import format_number
from nnmath.lecture import Explanation
from nnmath.losses import negative_log_trace
from nnmath.playground.network import ACTIVATIONS, Params, feature_columns, square_loss
from nnmath.playground.network import forward as playground_forward
from nnmath.spiral import spiral_model
from nnmath.values import LectureValues
from course.lecture2.optimizers import OPTIMIZERS

LECTURE_1 = course.lecture(1).slugs
OTHER_SHAPES = Path(__file__).parents[1] / "data" / "notebook" / "other-shapes.toml"
_NUMBER = re.compile(r"True|False|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


# --- reading what the cells print -------------------------------------------------------------


def printed(text: str) -> list[tuple[str, str]]:
    """``(label, value text)`` for every ``label = value`` the cells printed; numpy continues a
    matrix on lines starting with a space, and a matrix printed as ``label =`` starts on the next
    line. Anything else printed fails the test."""
    records: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.startswith((" ", "[")) and records:
            label, value = records[-1]
            records[-1] = (label, value + "\n" + line)
            continue
        if line.endswith(" ="):
            records.append((line.removesuffix(" ="), ""))
            continue
        assert " = " in line, f"printed a line that is not 'label = value': {line!r}"
        label, value = line.rsplit(" = ", 1)
        records.append((label, value))
    return records


def numbers(text: str) -> np.ndarray:
    """Every number in a printed value, in reading order (True/False as 1/0, shapes as counts)."""
    words = {"True": 1.0, "False": 0.0}
    return np.array([words[t] if t in words else float(t) for t in _NUMBER.findall(text)])


def assert_prints(slug: str, output: str, explanation: Explanation, values: LectureValues) -> None:
    """What scene ``slug``'s cells printed (``output``) is, label by label, what nnmath computed."""
    got = printed(output)
    want = EXPECTED[slug](explanation, values[slug])
    assert [label for label, _ in got] == [label for label, _ in want], f"{slug}: printed labels differ"
    for (label, text), (_, value) in zip(got, want):
        if isinstance(value, list) and value and isinstance(value[0], str):  # class names
            assert ast.literal_eval(text) == value, f"{slug}: {label}"
            continue
        if isinstance(value, str):  # a shape as the lecture writes it: "3×4", "(3,)"
            value = [float(n) for n in re.findall(r"\d+", value)]
        expected = np.ravel(np.asarray(value, dtype=np.float64))
        shown = numbers(text)
        assert shown.shape == expected.shape, f"{slug}: {label} printed {text!r}, nnmath has {expected}"
        # numpy prints 8 decimals of an array (every digit of a scalar) ...
        np.testing.assert_allclose(shown, expected, rtol=1e-7, atol=1e-8, err_msg=f"{slug}: {label}")
        # ... and to explain's precision the two are the same text.
        assert [format_number(x, 4) for x in shown] == [format_number(x, 4) for x in expected], f"{slug}: {label}"


def run_cells(slug: str, values: LectureValues) -> str:
    """Run the imports and scene ``slug``'s cells in a fresh namespace; what they printed."""
    namespace: dict[str, object] = {}
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(IMPORTS, namespace)  # noqa: S102 — the generated code under test
        for source in code_cells(slug, values[slug], explain(slug, values)):
            exec(compile(source, f"<{slug}>", "exec"), namespace)  # noqa: S102
    return buffer.getvalue()


# --- what each scene's cells must print, from nnmath ------------------------------------------


def _first(count: int) -> range:
    return range(min(2, count))


def _neuron(e, v):
    weighted = e.sections[0].steps[0]
    q = e.quantities
    return [
        ("xᵢ·wᵢ", weighted.cell().products),
        ("Σ xᵢwᵢ", q["weighted sum"].value),
        ("z = b + Σ xᵢwᵢ", q["z"].value),
        (f"ŷ = {v['activation']}(z)", q["output"].value),
    ]


def _dot_product(e, v):
    return [
        ("a * b", e.sections[0].steps[0].cell().products),
        ("np.dot(a, b)", e.quantities["a·b"].value),
        ("np.dot(b, a)", e.quantities["b·a"].value),
    ]


def _vector_matrix(e, v):
    product = e.sections[0].steps[0]
    entries = [(f"a * B[:, {j}]", product.cell(j).products) for j in _first(product.output.size)]
    return [*entries, ("np.dot(a, B)", e.quantities["output"].value), ("shape", e.quantities["shape output"].value)]


def _matrix_vector(e, v):
    product = e.sections[1].steps[0]
    return [
        ("aᵀ", e.sections[0].steps[0].output),
        *((f"B[{j}] * a", product.cell(j).products) for j in _first(product.output.size)),
        ("np.dot(B, a)", e.quantities["output"].value),
        ("np.dot(a, B)", e.quantities["np.dot(a, B)"].value),
    ]


def _transpose(e, v):
    q = e.quantities
    return [
        ("B.shape", q["shape B"].value),
        ("B.T", e.sections[0].steps[0].output),
        ("B.T.shape", q["shape Bᵀ"].value),
        ("a.T", e.sections[1].steps[0].output),
        ("a.T.shape", q["shape aᵀ"].value),
    ]


def _matrix_matrix(e, v):
    product = e.sections[1].steps[0]
    return [
        ("B.T", e.sections[0].steps[0].output),
        *((f"A[0] * B[{j}]", product.cell(0, j).products) for j in _first(product.output.shape[1])),
        ("np.dot(A, B.T)", e.quantities["output"].value),
        ("shape", e.quantities["shape output"].value),
    ]


def _layers(e, v):
    q = e.quantities
    return [
        *((f"{name}.shape", q[f"shape {name}"].value) for name in ("X", "w1", "b1", "w2", "b2")),
        ("np.dot(X, w1.T)", e.sections[0].steps[1].output),
        ("f1 = np.dot(X, w1.T) + b1", q["f1"].value),
        ("np.dot(f1, w2.T)", e.sections[1].steps[1].output),
        ("output = np.dot(f1, w2.T) + b2", q["output"].value),
    ]


def _activations(e, v):
    points, two_layers, one_layer = e.sections[1].steps, e.sections[2].steps, e.sections[3].steps
    return [
        *((f"{step.op}(points)", step.output) for step in points),
        ("layer 1: f1", [s for s in two_layers if s.op == "add"][0].output),
        ("layer 2: output", e.quantities["two linear layers"].value),
        ("W = np.dot(w2, w1)", one_layer[0].output),
        ("b = np.dot(w2, b1) + b2", one_layer[2].output),
        ("one layer: np.dot(x, W.T) + b", e.quantities["one linear layer"].value),
    ]


def _why_activations(e, v):
    return [
        ("max error with ReLU", e.quantities["max error"].value),
        ("best straight line's max error", e.quantities["best line max error"].value),
    ]


def _softmax(e, v):
    stable = e.sections[0].steps[0]
    raw = [s.steps[0] for s in e.sections if s.heading.startswith("without subtracting")]
    shifted, overflow, big = e.sections[-1].steps
    without = [("e^z", raw[0].intermediates["exp"]), ("sum", raw[0].intermediates["sum"]), ("softmax(z)", raw[0].output)]
    return [
        *(without if raw else []),
        ("e^(z - max(z))", stable.intermediates["exp"]),
        ("sum", stable.intermediates["sum"]),
        ("softmax(z)", stable.output),
        ("sum of the probabilities", e.quantities["sum"].value),
        ("z + shift", shifted.output),
        ("ln(largest float64)", e.quantities["exp limit"].value),
        ("overflows", overflow.output),
        ("softmax(z + shift)", big.output),
    ]


def _forward_pass(e, v):
    plain, normed = e.sections[0].steps, e.sections[1].steps
    adds = [s for s in plain if s.op == "add"]
    classes = list(e.objects["classes"])
    # the plain network's predictions (the layer-norm variant's are named "... with layer norm")
    predicted = [q.value for name, q in e.quantities.items() if name.startswith("predicted f") and "layer norm" not in name]
    norm = [s for s in normed if s.op == "layer_norm"][0]
    return [
        ("z1 = np.dot(X, w1.T) + b1", adds[0].output),
        ("a1 = relu(z1)", [s for s in plain if s.op == "relu"][0].output),
        ("z2 = np.dot(a1, w2.T) + b2", adds[1].output),
        ("probabilities", plain[-1].output),
        ("predicted", [classes.index(name) for name in predicted]),
        ("predicted classes", predicted),
        ("mean", norm.intermediates["mean"]),
        ("variance", norm.intermediates["variance"]),
        ("layer_norm(a1)", norm.output),
        ("probabilities with layer norm", normed[-1].output),
    ]


def _one_hot(e, v):
    step = e.step("one_hot(labels)")
    return [("labels as indices", step.inputs["labels"]), ("one-hot", step.output), ("shape", step.output.shape)]


def _cross_entropy(e, v):
    loss, table = e.step("CE(predictions, targets)"), next(s for s in e.steps if s.label == "−ln(p)")
    surviving = loss.intermediates["surviving"]
    return [
        ("-true · log(predicted)", loss.intermediates["terms"]),
        ("the true class's probability", surviving),
        ("CE", e.quantities["loss"].value),
        ("-log10 of it instead", negative_log_trace(surviving).intermediates["negative_log10"]),
        ("-log(p)", table.output),
    ]


def _mse(e, v):
    return [("MSE of each example", [q.value for name, q in e.quantities.items() if name.startswith("mse[")])]


def _derivatives(e, v):
    secant = e.sections[0].steps[1]
    z, y, _ = e.sections[1].steps
    g, q = v["chain_activation"], e.quantities
    return [
        ("f(x + h)", secant.intermediates["f_x_plus_h"]),
        ("secant slopes", secant.intermediates["slopes"]),
        ("f'(x)", secant.output),
        ("z = w·x + b", z.output),
        (f"y = {g}(z)", y.output),
        (f"{g}'(z)", y.intermediates["derivative"]),
        ("∂y/∂w = g'(z)·x", q["dy/dw"].value),
        ("∂y/∂x = g'(z)·w", q["dy/dx"].value),
        ("∂y/∂b = g'(z)·1", q["dy/db"].value),
    ]


def _playground(e, v):
    run, config = e.objects["run"], e.objects["config"]
    points = run.train[:PLAYGROUND_POINTS]
    inputs, labels = feature_columns(points[:, 0], points[:, 1], config.features), points[:, 2]
    hidden, output = ACTIVATIONS[config.activation], ACTIVATIONS["linear" if config.problem == "regression" else "tanh"]
    sizes = (len(config.features), *config.network_shape, 1)
    records = []
    for name, weights, biases in (
        ("before training", run.initial_weights, run.initial_biases),
        (f"after {run.epochs} epochs", run.final.weights, run.final.biases),
    ):
        params = Params(sizes, np.concatenate([w.ravel() for w in weights]), np.concatenate(biases), np.zeros(sum(w.size for w in weights), bool))
        out = playground_forward(params, inputs, hidden, output)[-1][:, 0]
        records += [
            (f"output {name}", out),
            ("½(output − label)²", 0.5 * (out - labels) ** 2),
            (f"mean loss on these points {name}", square_loss(params, inputs, labels, hidden, output)),
        ]
    return records


# --- lecture 2 ------------------------------------------------------------------------------------


def _backprop_neuron(e, v):
    q = {name: quantity.value for name, quantity in e.quantities.items()}
    return [
        ("xᵢ·wᵢ", q["products"]),
        ("z = Σ xᵢwᵢ + b", q["z"]),
        ("y = relu(z)", q["y"]),
        ("dz = ∂L/∂y · relu′(z)", q["dz"]),
        ("∂L/∂(xᵢwᵢ)", q["dproducts"]),
        ("dx = dz·w", q["dx"]),
        ("dw = dz·x", q["dw"]),
        ("db = dz", q["db"]),
        ("w′ = w − lr·dw", q["w_new"]),
        ("b′ = b − lr·db", q["b_new"]),
        ("xᵢ·wᵢ′", q["products_new"]),
        ("z′ = Σ xᵢwᵢ′ + b′", q["z_new"]),
        ("y′ = relu(z′)", q["y_new"]),
    ]


def _backprop_layer(e, v):
    q = {name: quantity.value for name, quantity in e.quantities.items()}
    return [
        ("inputs.shape", q["X"].shape),
        ("weights.shape", q["W"].shape),
        ("biases.shape", q["b"].shape),
        ("dvalues.shape", q["dvalues"].shape),
        ("output = np.dot(inputs, weights) + biases", q["output"]),
        ("inputs.T", q["Xᵀ"]),
        ("dweights = np.dot(inputs.T, dvalues)", q["dweights"]),
        ("dweights.shape", q["dweights"].shape),
        ("dbiases = np.sum(dvalues, axis=0)", q["dbiases"]),
        ("weights.T", q["Wᵀ"]),
        ("dinputs = np.dot(dvalues, weights.T)", q["dinputs"]),
        ("dinputs.shape", q["dinputs"].shape),
    ]


def _relu_backward(e, v):
    return [("mask (z > 0)", e.quantities["mask"].value), ("drelu", e.quantities["drelu"].value)]


def _softmax_cce_gradient(e, v):
    q = {name: quantity.value for name, quantity in e.quantities.items()}
    jacobian = e.sections[0].steps[0]
    return [
        ("np.diagflat(s)", jacobian.intermediates["diag"]),
        ("np.dot(s, s.T)", jacobian.intermediates["outer"]),
        ("jacobian", q["jacobian"]),
        ("y_true (one-hot)", q["one_hot"]),
        ("dcce = −y/ŷ / n", q["dcce"]),
        ("through softmax", q["separate"]),
        ("ŷ − y", q["difference"]),
        ("(ŷ − y) / n", q["combined"]),
        ("the same numbers", np.allclose(q["separate"], q["combined"])),
    ]


def _gradient_descent(e, v):
    q = e.quantities
    runs = [section.steps[0] for section in e.sections[1:-1]]
    schedules = e.sections[-1].steps
    return [
        ("L(w₀)", q["start loss"].value),
        ("∂L/∂w at w₀", q["start slope"].value),
        *(
            record
            for run in runs
            for record in (
                ("learning rate", run.intermediates["learning_rates"][0]),
                ("w after each step", run.intermediates["path"]),
                ("L(w) after each step", run.intermediates["losses"]),
            )
        ),
        *(
            record
            for schedule in schedules
            for record in (
                ("decay", schedule.inputs["decay"]),
                (f"lr after {int(schedule.intermediates['iterations'][-1])} updates", schedule.output),
            )
        ),
    ]


def _optimizers(e, v):
    q = e.quantities
    runs = {section.heading: section.steps[0] for section in e.sections[1:]}
    return [
        ("L(w₀)", q["start loss"].value),
        *(
            record
            for key, name in OPTIMIZERS
            for record in (
                (f"{name}: w", runs[key].output),
                (f"{name}: L(w)", q[f"{key} loss"].value),
                (f"{name}: distance to the minimum", q[f"{key} distance"].value),
            )
        ),
    ]


def _training(e, v):
    history, s = e.objects["history"], e.objects["settings"]
    _, _, layers = spiral_model(s["samples"], s["classes"], s["hidden"], s["seed"])
    # eleven epochs from the first to the last (a choice of the cell's, not a number it computes)
    shown = np.unique(np.linspace(0, len(history) - 1, 11).round().astype(int))
    return [
        ("X.shape", e.objects["X"].shape),
        ("weights1.shape", layers[0].weights.shape),
        ("weights2.shape", layers[1].weights.shape),
        *((f"epoch {k:5d}: loss, accuracy, lr", [history[k][key] for key in ("loss", "accuracy", "learning_rate")]) for k in shown),
    ]


#: What each scene's cells print: the function above named after the slug (``_forward_pass``).
EXPECTED: dict[str, Callable[[Explanation, object], list[tuple[str, object]]]] = {
    slug: globals()["_" + slug.replace("-", "_")] for slug in CODE
}


# --- the tests ----------------------------------------------------------------------------------


def test_every_scene_of_the_course_has_code_and_a_check():
    assert list(CODE) == course.all_slugs() == list(EXPECTED)


# The lecture's 10,000 epochs of training are held to explain once, by the written lecture-2
# notebook (tests/nnanim/test_notebook.py), not run a second time here.
@pytest.mark.parametrize(
    ("slug", "values_file"),
    [
        pytest.param(slug, values_file, id=f"{slug}-{name}")
        for name, values_file in (("lecture", None), ("other-shapes", OTHER_SHAPES))
        for slug in CODE
        if (slug, values_file) != ("training", None)
    ],
)
def test_code_prints_what_explain_computes(slug, values_file):
    values = load_values(values_file)
    assert_prints(slug, run_cells(slug, values), explain(slug, values), values)


@pytest.mark.parametrize("optimizer", ["sgd", "adagrad"])
def test_training_code_for_the_other_optimizers_prints_what_explain_computes(tmp_path, optimizer):
    """The values choose the training's optimizer: the lecture's is Adam, the other shapes' RMSprop."""
    text = OTHER_SHAPES.read_text(encoding="utf-8")
    assert 'optimizer = "rmsprop"' in text
    values_file = tmp_path / "values.toml"
    values_file.write_text(text.replace('optimizer = "rmsprop"', f'optimizer = "{optimizer}"'), encoding="utf-8")
    values = load_values(values_file)
    assert values["training"]["optimizer"] == optimizer
    assert_prints("training", run_cells("training", values), explain("training", values), values)


def test_other_shapes_change_the_code_and_its_shapes():
    lecture, other = load_values(), load_values(OTHER_SHAPES)
    for slug in CODE:
        assert code_cells(slug, lecture[slug], explain(slug, lecture)) != code_cells(slug, other[slug], explain(slug, other)), slug
    # The values file really is of other shapes: the check above is not only about other numbers.
    assert np.shape(other["layers"]["X"]) != np.shape(lecture["layers"]["X"])
    assert np.ndim(other["softmax"]["z"]) == 2 and np.ndim(other["forward-pass"]["features"]) == 1


@pytest.mark.parametrize("slug", list(CODE))
def test_code_is_plain_numpy(slug):
    """No import but numpy's (in the first cell): this is the code a student types."""
    values = load_values(OTHER_SHAPES)
    sources = code_cells(slug, values[slug], explain(slug, values))
    for source in sources:
        tree = ast.parse(source)
        assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))], source
        assert "nnmath" not in source and "nnanim" not in source
    assert ast.parse(IMPORTS).body[0].names[0].name == "numpy"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2.0, "2"),
        (0.2, "0.2"),
        (-0.0, "0"),
        (1e-7, "1e-07"),
        (3e6, "3000000.0"),
        ([1.0, 2.5], "np.array([1, 2.5])"),
        ([[1.0, 2.0], [3.0, 4.0]], "np.array([[1, 2],\n          [3, 4]])"),
        (("rose", "daisy"), "['rose', 'daisy']"),
    ],
)
def test_literals_read_back_as_the_same_values(value, text):
    assert literal(value) == text
    if not isinstance(value, tuple):
        read = eval(text, {"np": np})  # noqa: S307 — our own literal
        np.testing.assert_array_equal(np.asarray(read, dtype=np.float64), np.asarray(value))


def test_long_literals_wrap_and_keep_every_digit():
    value = np.linspace(-1, 1, 40) / 3
    text = literal(value)
    assert max(len(line) for line in text.splitlines()) <= 88 and text.count("\n") >= 2
    np.testing.assert_array_equal(eval(text, {"np": np}), value)  # noqa: S307


def test_a_check_that_would_catch_a_wrong_number():
    """The comparison fails when a printed number is off by one in the 4th decimal."""
    values = load_values()
    output = run_cells("softmax", values).replace("0.09003057", "0.09013057", 1)
    with pytest.raises(AssertionError):
        assert_prints("softmax", output, explain("softmax", values), values)
