"""Gradient descent in one weight: w ← w − lr·∂L/∂w with a learning rate too small, about right
and too large, then the book's learning-rate decay.

The loss is a bowl, ``L(w) = curvature·(w − center)² + floor``, so its slope at every step can be
read off the curve; each run starts at the same ``start`` and takes the same number of steps.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.spec import BeatScript, Key, SceneSpec
from nnmath.descent import QuadraticLoss, decay_trace, descent_trace, descent_verdict, loss_curve_trace, tangent_trace
from nnmath.display import format_number
from nnmath.errors import InputError
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.optimizers import SGD
from nnmath.values import NUMBER, VECTOR, Count

__all__ = ["SPEC", "SCHEMA", "MAX_RATES", "compute", "script"]

SCHEMA = {
    "curvature": Key(NUMBER, "c in the loss L(w) = c·(w − center)² + floor"),
    "center": Key(NUMBER, "where the loss is lowest"),
    "floor": Key(NUMBER, "the loss at its minimum"),
    "start": Key(NUMBER, "the weight every run starts from"),
    "learning_rates": Key(VECTOR, "one run, and one beat, per rate: too small, about right, too large (at most 4)"),
    "steps": Key(Count(1, 30), "how many updates each run takes"),
    "decay_learning_rate": Key(NUMBER, "the starting rate of the decay chart"),
    "decays": Key(VECTOR, "the decay values drawn, lr·1/(1 + decay·t) (at most 3)"),
    "decay_iterations": Key(Count(1, 1_000_000), "how many updates the decay chart spans"),
}
#: The built-in values: the [gradient-descent] table of `nnanim values --lecture 2`.
VALUES = """
[gradient-descent]
# The loss: L(w) = curvature·(w − center)² + floor, one weight.
curvature = 1.0
center = 3.0
floor = 1.0
start = -1.0
# A learning rate too small, about right, and too large; each run takes `steps` updates.
learning_rates = [0.05, 0.4, 1.05]
steps = 8
# Learning-rate decay, the book's: lr·1/(1 + decay·t) from decay_learning_rate, up to decay_iterations updates.
decay_learning_rate = 1.0
decays = [0.01, 0.001]
decay_iterations = 1000
"""

#: The scene plays one beat per learning rate and draws each run in its own colour.
MAX_RATES = 4
#: Decay curves drawn on one chart.
MAX_DECAYS = 3


def _loss(v: Mapping[str, object]) -> QuadraticLoss:
    return QuadraticLoss([float(v["curvature"])], [float(v["center"])], float(v["floor"]))


def compute(v: Mapping[str, object]) -> Explanation:
    """One descent per learning rate (sections ``lr = …``), and the decay schedules."""
    rates = np.asarray(v["learning_rates"], dtype=float)
    decays = np.asarray(v["decays"], dtype=float)
    if not 1 <= rates.size <= MAX_RATES:
        raise InputError(f"learning_rates has {rates.size} rates: the scene plays one beat per rate, at most {MAX_RATES}")
    if not 1 <= decays.size <= MAX_DECAYS:
        raise InputError(f"decays has {decays.size} values: the decay chart has room for at most {MAX_DECAYS}")
    loss = _loss(v)
    start = [float(v["start"])]
    sections, quantities = [], {}
    quantities["start slope"] = Quantity(loss.gradient(start)[0], "∂L/∂w = 2·curvature·(w₀ − center)")
    quantities["start loss"] = Quantity(loss.value(start), "L(w₀)")
    for k, rate in enumerate(rates):
        run = descent_trace(loss, start, SGD(learning_rate=float(rate)), int(v["steps"]))
        sections.append(Section(f"lr = {format_number(rate)}", (run,)))
        quantities[f"run {k} verdict"] = Quantity(descent_verdict(run), "how far from the minimum it ended, against where it began")
        quantities[f"run {k} last w"] = Quantity(run.output[0], f"w after {int(v['steps'])} steps")
        quantities[f"run {k} last loss"] = Quantity(run.intermediates["losses"][-1], "L at the last w")
    # The curve spans every run's path with a margin; the tangent shows the first slope.
    paths = np.concatenate([s.steps[0].intermediates["path"].ravel() for s in sections])
    margin = 0.08 * (paths.max() - paths.min()) + 0.5
    curve = loss_curve_trace(loss, paths.min() - margin, paths.max() + margin)
    tangent = tangent_trace(loss, start[0], 0.12 * (paths.max() - paths.min()) + 0.3)
    sections.insert(0, Section("the loss", (curve, tangent)))
    schedules = tuple(decay_trace(float(v["decay_learning_rate"]), float(d), int(v["decay_iterations"])) for d in decays)
    sections.append(Section("learning-rate decay", schedules))
    for k, schedule in enumerate(schedules):
        quantities[f"decay {k} last rate"] = Quantity(schedule.output, f"lr after {int(v['decay_iterations'])} updates")
    return Explanation("gradient-descent", "Gradient descent", tuple(sections), quantities, objects={"loss": loss})


def _n(value: object, digits: int = 3) -> str:
    """A number as the scene writes it: hand rounding, a typographic minus."""
    return format_number(float(value), digits).replace("-", "−")


def _is(value: object, digits: int = 3) -> str:
    """``= x`` when the written number is the value, ``≈ x`` when rounding changed it."""
    written = _n(value, digits)
    return f"= {written}" if float(written.replace("−", "-")) == float(value) else f"≈ {written}"


def _formula(loss: QuadraticLoss) -> str:
    c, m, f = (_n(x) for x in (loss.curvatures[0], loss.center[0], loss.floor))
    scale = "" if c == "1" else f"{c}·"
    floor = "" if f == "0" else f" + {f}" if float(loss.floor) > 0 else f" − {_n(-float(loss.floor))}"
    return f"L(w) = {scale}(w − {m})²{floor}".replace("w − −", "w + ")


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The beats: the loss and its slope, one run per learning rate, the decay."""
    loss = e.objects["loss"]
    runs = [s.steps[0] for s in e.sections[1:-1]]
    schedules = e.sections[-1].steps
    start, slope = runs[0].inputs["w₀"][0], e.quantities["start slope"].value
    way = "right" if slope < 0 else "left"
    beats = [
        BeatScript(
            "the-loss",
            f"{_formula(loss)}: at w₀ = {_n(start)} the slope is {_n(slope)}, so step {way}, against the slope: w ← w − lr·∂L/∂w",
        )
    ]
    words = {"too slow": "too small: it creeps", "converges": "about right: it settles", "diverges": "too large: it overshoots, further each step"}
    for k, run in enumerate(runs):
        rate = _n(run.intermediates["learning_rates"][0])
        verdict = e.quantities[f"run {k} verdict"].value
        steps = len(run.intermediates["gradients"])
        beats.append(
            BeatScript(
                f"rate-{k + 1}",
                f"lr = {rate} is {words[verdict]} — after {steps} steps w {_is(run.output[0])}, the minimum is at {_n(loss.center[0])}",
            )
        )
    ends = ", ".join(f"lr {_is(s.output)} with decay {_n(s.inputs['decay'])}" for s in schedules)
    first = schedules[0]
    beats.append(
        BeatScript(
            "decay",
            f"Decay shrinks the steps as training goes on: lr·1/(1 + decay·t) from {_n(first.inputs['learning_rate'])} "
            f"after {_n(first.intermediates['iterations'][-1])} updates: {ends}",
        )
    )
    return tuple(beats)


SPEC = SceneSpec(
    "gradient-descent",
    "Gradient descent",
    "w ← w − lr·∂L/∂w: a learning rate too small, about right, too large; decay",
    compute,
    "scenes.gradient_descent:GradientDescent",
    SCHEMA,
    script,
    values=VALUES,
    place=50,
)
