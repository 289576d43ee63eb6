"""one-hot: one-hot encoding: each sample's label becomes a row of ones and zeros."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.lecture1.common import label_indices
from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import format_array, format_shape_x, subscripted
from nnmath.errors import ShapeError
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.limits import per_class
from nnmath.losses import one_hot_trace
from nnmath.trace import Step
from nnmath.values import BATCH, CLASSES, Names

__all__ = ["SCHEMA", "compute", "script", "SPEC"]

SCHEMA = {
    "classes": Key(
        CLASSES,
        "the class names, one column each (at most 24 characters; a name with a space is "
        "wrapped onto two lines)"
    ),
    "labels": Key(Names(), "each sample's class, by name (each one of `classes`)"),
    "features": Key(
        BATCH,
        "each sample's features (length, width), one row per label; the first sample is "
        "also the one cross-entropy sends through the forward pass"
    ),
}
#: The built-in values: the [one-hot] table of `nnanim values`.
VALUES = """
[one-hot]
classes = ["rose", "daisy", "tulip"]
labels = ["rose", "tulip"]
features = [[10.0, 5.0], [20.0, 10.0]]
"""

#: One column per class.
LIMITS = per_class({"classes": "class"})


def compute(v: Mapping[str, object]) -> Explanation:
    classes = tuple(v["classes"])
    labels = tuple(v["labels"])
    features = np.atleast_2d(v["features"])
    if features.shape[0] != len(labels):
        raise ShapeError(
            f"one-hot.features has {features.shape[0]} row{'s' if features.shape[0] != 1 else ''} but one-hot.labels "
            f"names {len(labels)} sample{'s' if len(labels) != 1 else ''}: give each sample one row of features"
        )
    encoded = one_hot_trace(label_indices(labels, classes, "one-hot"), len(classes))
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


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The beats as words: the classes, the labelled samples, their rows, the matrix they make."""
    step = e.step("one_hot(labels)")
    classes = tuple(e.objects["classes"])
    labels = np.atleast_1d(step.inputs["labels"])
    rows = np.atleast_2d(step.output)
    features = np.atleast_2d(e.step("samples").inputs["features"])
    names = [classes[int(k)] for k in labels]
    listed_classes = ", ".join(f"{subscripted('C', j + 1)} = {name}" for j, name in enumerate(classes))
    listed_samples = ", ".join(
        f"{subscripted('s', i + 1)} = {name} with {format_array(x)}" for i, (name, x) in enumerate(zip(names, features))
    )
    listed_rows = ", ".join(f"{name} → {format_array(row)}" for name, row in zip(names, rows))
    return (
        BeatScript("classes", f"{len(classes)} classes, one column each: {listed_classes}"),
        BeatScript(
            "labels",
            f"Each sample has its features (length, width) and is labelled with its class: {listed_samples}; "
            f"as indices, labels = {format_array(labels)}",
        ),
        BeatScript("vectors", f"A 1 in the label's column, 0 elsewhere: {listed_rows}"),
        BeatScript(
            "matrix",
            f"Stacked, the rows make a {format_shape_x(step.shapes['output'])} matrix, one row per sample: "
            "the 'true' values of the loss",
        ),
    )


SPEC = SceneSpec(
    "one-hot",
    "One-hot encoding",
    "labels to vectors: rose, daisy, tulip",
    compute,
    "scenes.one_hot:OneHot",
    SCHEMA,
    script,
    limits=LIMITS,
    values=VALUES,
    place=120,
)
