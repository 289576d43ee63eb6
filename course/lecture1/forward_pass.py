"""forward-pass: the flower example's full forward pass, Linear → ReLU → Linear → Softmax, with and without layer norm."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.lecture1.common import class_names
from course.spec import SceneSpec
from nnmath.display import format_number
from nnmath.layers import Layer, forward_trace
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.limits import per_class
from nnmath.regions import DEFAULT_RESOLUTION, ClassRegions, class_regions
from nnmath.values import BATCH, CLASSES, MATRIX, VECTOR

__all__ = ["SCHEMA", "compute", "network", "regions", "SPEC"]

SCHEMA = {"classes": CLASSES, "features": BATCH, "w1": MATRIX, "b1": VECTOR, "w2": MATRIX, "b2": VECTOR}
#: One table column per class.
LIMITS = per_class({"classes": "class"})


def network(v: Mapping[str, object], *, layer_norm: bool = False) -> list[Layer]:
    """The scene's network from its values: Linear → ReLU → Linear → Softmax (with ``layer_norm``,
    a layer norm after the ReLU)."""
    return [Layer(v["w1"], v["b1"], layer_norm=layer_norm), Layer(v["w2"], v["b2"], activation="softmax")]


def regions(v: Mapping[str, object], *, resolution: int = DEFAULT_RESOLUTION) -> ClassRegions:
    """The flower network's predicted class over the (length, width) plane, f1, f2, ... marked,
    from the ``[forward-pass]`` table (``features``, ``w1``, ``b1``, ``w2``, ``b2``)."""
    return class_regions(v["features"], network(v), resolution=resolution)


def compute(v: Mapping[str, object]) -> Explanation:
    plain = forward_trace(v["features"], network(v))
    normed = forward_trace(v["features"], network(v, layer_norm=True))
    classes = class_names(v, "forward-pass", plain.output.shape[-1])
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


SPEC = SceneSpec(
    "forward-pass",
    "A full forward pass",
    "the flower example: Linear → ReLU → Linear → Softmax",
    compute,
    "scenes.forward_pass:ForwardPass",
    SCHEMA,
    limits=LIMITS,
)
