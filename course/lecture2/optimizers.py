"""SGD, SGD with momentum, RMSprop and Adam from one start on one loss surface (the book's
chapter 10), each path recorded step by step.

The surface is a long, narrow valley, ``L(w₁, w₂) = c₁·w₁² + c₂·w₂²`` with ``c₁ ≪ c₂``: steep
across, shallow along — where the optimizers differ most. The settings are the book's.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.spec import BeatScript, Key, SceneSpec
from nnmath.descent import QuadraticLoss, contour_trace, descent_trace, descent_verdict
from nnmath.display import format_number
from nnmath.errors import ShapeError
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.optimizers import SGD, Adam, RMSprop
from nnmath.values import NUMBER, VECTOR, Count

__all__ = ["SPEC", "SCHEMA", "OPTIMIZERS", "compute", "script"]

SCHEMA = {
    "curvatures": Key(VECTOR, "c₁, c₂ in the surface L(w₁, w₂) = c₁·w₁² + c₂·w₂²"),
    "start": Key(VECTOR, "the weights (w₁, w₂) every optimizer starts from"),
    "steps": Key(Count(1, 500), "how many updates each optimizer takes"),
    "sgd_learning_rate": Key(NUMBER, "SGD's learning rate, with and without momentum"),
    "sgd_decay": Key(NUMBER, "SGD's learning-rate decay"),
    "momentum": Key(NUMBER, "the share of the last step SGD with momentum keeps"),
    "rmsprop_learning_rate": Key(NUMBER, "RMSprop's learning rate (the book's default 0.001)"),
    "rmsprop_decay": Key(NUMBER, "RMSprop's learning-rate decay"),
    "rmsprop_rho": Key(NUMBER, "how much of its cache RMSprop keeps each step"),
    "adam_learning_rate": Key(NUMBER, "Adam's learning rate"),
    "adam_decay": Key(NUMBER, "Adam's learning-rate decay"),
}
#: The built-in values: the [optimizers] table of `nnanim values --lecture 2`.
VALUES = """
[optimizers]
# The loss: L(w₁, w₂) = c₁·w₁² + c₂·w₂², a long narrow valley; every optimizer starts at `start`.
curvatures = [0.01, 0.9]
start = [-3.0, 1.0]
steps = 100
# The book's chapter-10 settings (its RMSprop first runs at the default learning rate 0.001).
sgd_learning_rate = 1.0
sgd_decay = 0.001
momentum = 0.9
rmsprop_learning_rate = 0.001
rmsprop_decay = 0.0001
rmsprop_rho = 0.9
adam_learning_rate = 0.05
adam_decay = 5e-7
"""

#: The four runs, in the order the scene plays them: (key, name on screen).
OPTIMIZERS = (("sgd", "SGD"), ("momentum", "SGD + momentum"), ("rmsprop", "RMSprop"), ("adam", "Adam"))
#: The contours drawn, as shares of the loss at the start.
CONTOUR_SHARES = (1.0, 0.5, 0.25, 0.1, 0.03)


def _optimizers(v: Mapping[str, object]) -> dict[str, object]:
    return {
        "sgd": SGD(learning_rate=float(v["sgd_learning_rate"]), decay=float(v["sgd_decay"])),
        "momentum": SGD(learning_rate=float(v["sgd_learning_rate"]), decay=float(v["sgd_decay"]), momentum=float(v["momentum"])),
        "rmsprop": RMSprop(learning_rate=float(v["rmsprop_learning_rate"]), decay=float(v["rmsprop_decay"]), rho=float(v["rmsprop_rho"])),
        "adam": Adam(learning_rate=float(v["adam_learning_rate"]), decay=float(v["adam_decay"])),
    }


def compute(v: Mapping[str, object]) -> Explanation:
    """The surface and its contours (section 0), then one run per optimizer."""
    curvatures = np.asarray(v["curvatures"], dtype=float)
    if curvatures.shape != (2,):
        raise ShapeError(f"curvatures has shape {curvatures.shape}: the surface is drawn for two weights, give two")
    loss = QuadraticLoss(curvatures, [0.0, 0.0], 0.0)
    start = np.asarray(v["start"], dtype=float)
    start_loss = float(loss.value(start))
    contours = contour_trace(loss, [share * start_loss for share in CONTOUR_SHARES])
    sections = [Section("the surface", (contours,))]
    quantities = {"start loss": Quantity(start_loss, "L(w₀)")}
    for key, optimizer in _optimizers(v).items():
        run = descent_trace(loss, start, optimizer, int(v["steps"]))
        sections.append(Section(key, (run,)))
        quantities[f"{key} distance"] = Quantity(run.intermediates["distances"][-1], "‖w − minimum‖ after the last step")
        quantities[f"{key} loss"] = Quantity(run.intermediates["losses"][-1], "L after the last step")
        quantities[f"{key} verdict"] = Quantity(descent_verdict(run), "how far it ended, against where it began")
    return Explanation("optimizers", "Optimizers", tuple(sections), quantities, objects={"loss": loss, "settings": dict(v)})


def _n(value: object, digits: int = 3) -> str:
    return format_number(float(value), digits).replace("-", "−")


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The surface, one beat per optimizer, then all four side by side."""
    loss, settings = e.objects["loss"], e.objects["settings"]
    c1, c2 = (_n(c, 4) for c in loss.curvatures)
    start = ", ".join(_n(w) for w in settings["start"])
    steps = int(settings["steps"])
    far = {key: _n(e.quantities[f"{key} distance"].value) for key, _ in OPTIMIZERS}
    lr = {"sgd": _n(settings["sgd_learning_rate"]), "rmsprop": _n(settings["rmsprop_learning_rate"], 6), "adam": _n(settings["adam_learning_rate"], 6)}
    steep, shallow = ("w₂", "w₁") if loss.curvatures[1] > loss.curvatures[0] else ("w₁", "w₂")
    ranked = sorted(OPTIMIZERS, key=lambda item: e.quantities[f"{item[0]} distance"].value)
    return (
        BeatScript(
            "surface",
            f"L(w₁, w₂) = {c1}·w₁² + {c2}·w₂²: a long, narrow valley, steep along {steep} and shallow along {shallow}; every optimizer starts at ({start})",
        ),
        BeatScript("sgd", f"SGD, lr {lr['sgd']}: w ← w − lr·g bounces across the valley and creeps along it: {far['sgd']} from the minimum after {steps} steps"),
        BeatScript(
            "momentum",
            f"Momentum {_n(settings['momentum'])}: each step keeps {_n(settings['momentum'])} of the last one and builds speed along the valley: {far['momentum']} from the minimum",
        ),
        BeatScript(
            "rmsprop",
            f"RMSprop, lr {lr['rmsprop']}: each weight's step divided by √(its mean g²), so both directions move alike — but lr {lr['rmsprop']} is small: {far['rmsprop']} from the minimum",
        ),
        BeatScript("adam", f"Adam, lr {lr['adam']}: momentum and RMSprop's scaling together: {far['adam']} from the minimum"),
        BeatScript(
            "compare",
            f"One start, {steps} steps each — distance from the minimum: " + ", ".join(f"{name} {far[key]}" for key, name in ranked),
        ),
    )


SPEC = SceneSpec(
    "optimizers",
    "Optimizers",
    "SGD, momentum, RMSprop and Adam from one start on one loss surface",
    compute,
    "scenes.optimizers:Optimizers",
    SCHEMA,
    script,
    values=VALUES,
    place=60,
)
