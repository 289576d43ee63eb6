"""cross-entropy: categorical cross-entropy: only the true class survives; the forward pass's own prediction; why the log."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from course.lecture1 import forward_pass
from course.lecture1.common import CURVE_SAMPLES, class_names
from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import format_array, format_number
from nnmath.errors import NNMathError
from nnmath.layers import forward_trace
from nnmath.lecture import ErratumRow, Explanation, Quantity, Section
from nnmath.limits import per_class
from nnmath.losses import CLIP, categorical_cross_entropy_trace, clipped_text, negative_log_trace
from nnmath.trace import Step
from nnmath.values import BATCH, CLASSES, VECTOR

__all__ = ["SCHEMA", "TOWARD_ZERO", "DIGITS", "compute", "verdict", "Parts", "parts", "script", "SPEC"]

SCHEMA = {
    "classes": Key(CLASSES, "the class names, one per column"),
    "predictions": Key(
        BATCH,
        "the predicted probabilities, one row per sample; 0 and 1 are clipped to [1e−7, 1 "
        "− 1e−7] as the book does, and the scene shows the clip"
    ),
    "targets": Key(BATCH, "the one-hot true values, the same shape as `predictions`"),
    "table": Key(
        VECTOR,
        'the probabilities p of the "−ln p" table, each above 0 and at most 1 (−ln 1 = 0; '
        "−ln 0 is infinite)"
    ),
}
#: The built-in values: the [cross-entropy] table of `nnanim values`.
VALUES = """
[cross-entropy]
classes = ["rose", "daisy", "tulip"]
predictions = [0.2, 0.6, 0.2]
targets = [0, 1, 0]
# The "−log p" table of the notes.
table = [0.9, 0.5, 0.1]
"""

#: One bar and one table column per class.
LIMITS = per_class({"classes": "class", "predictions": "class", "targets": "class"})
#: The tables this scene also computes from: the forward pass's network and one-hot's first sample.
READS = ("forward-pass", "one-hot")

#: Probabilities of the true class ever closer to 0, to show −ln p growing without bound.
TOWARD_ZERO = (0.01, 0.001, 0.0001)
#: −ln p is drawn from this p up to 1.
CURVE_P_MIN = 0.02


def compute(v: Mapping[str, object]) -> Explanation:
    loss = categorical_cross_entropy_trace(v["predictions"], v["targets"])
    classes = class_names(v, "cross-entropy", loss.inputs["predictions"].shape[-1])
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
    curve = negative_log_trace(np.linspace(CURVE_P_MIN, 1.0, CURVE_SAMPLES))
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


def verdict(p: float) -> str:
    """The notes' word for a predicted probability ``p`` of the true class, as in their table
    (0.9 good, 0.5 uncertain, 0.1 bad): at least 0.75 is "good", above 0.25 "uncertain", else "bad"."""
    if p >= 0.75:
        return "good"
    return "uncertain" if p > 0.25 else "bad"


def _loss_under_the_forward_pass(v: Mapping[str, object]) -> Step | None:
    """The loss of one-hot's first sample (s₁ = rose, [10, 5]) under the forward-pass scene's own
    network: the prediction it makes, and −ln of its probability for the true class.

    None when a lecturer's values no longer connect the two scenes (s₁'s label is not one of the
    network's classes, or its features do not fit the network's first layer): there is then no
    "own prediction" to show, and the scene leaves that beat out.
    """
    network = {k.split(".", 1)[1]: value for k, value in v.items() if k.startswith("forward-pass.")}
    label = v["one-hot.labels"][0]
    classes = tuple(network["classes"])
    features = np.atleast_2d(v["one-hot.features"])[0]
    if label not in classes or features.shape[0] != np.shape(network["w1"])[-1]:
        return None
    try:
        probabilities = forward_trace(features, forward_pass.network(network)).output
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


#: Decimals of every number, as the notes write them (0.105, 0.693, 2.303).
DIGITS = 3


@dataclass(frozen=True)
class Parts:
    """What the scene reads of its explanation, as its captions and its drawing both use it."""

    loss: Step
    table: Step
    toward_zero: Step
    curve: Step
    #: The loss of one-hot's s₁ under the forward pass's network; ``None`` when the values no
    #: longer connect the two scenes.
    network: Step | None
    classes: tuple[str, ...]
    verdicts: tuple[str, ...]
    batch: bool
    #: Where the (first) one-hot target holds its 1: the class whose term survives.
    true_index: int
    was_clipped: bool
    #: The notes' errata that apply to these values and differ from what is computed.
    errata: tuple[ErratumRow, ...]

    def first(self, array: object) -> np.ndarray:
        """The first sample of a batch, or the one sample."""
        return np.asarray(array)[0] if self.batch else np.asarray(array)

    def erratum_for(self, quantity: str) -> ErratumRow | None:
        """The erratum about the named quantity (``loss``, ``-log 0.1``), if one is shown."""
        return next((row for row in self.errata if row.erratum.quantity == quantity), None)

    @staticmethod
    def fmt(value: float) -> str:
        """A number for a caption, with a typographic minus."""
        return format_number(float(value), DIGITS).replace("-", "−")

    def p_text(self, value: float) -> str:
        """A probability as the loss used it: a clipped end is written as the clip, never as 0 or 1."""
        return clipped_text(value) if value in (CLIP, 1 - CLIP) and self.was_clipped else self.fmt(value)


def parts(e: Explanation) -> Parts:
    loss = e.step("CE(predictions, targets)")
    table, toward_zero, curve = [s for s in e.steps if s.label == "−ln(p)"]
    batch = loss.inputs["predictions"].ndim == 2
    targets = np.asarray(loss.inputs["targets"])
    return Parts(
        loss=loss,
        table=table,
        toward_zero=toward_zero,
        curve=curve,
        network=next((s for s in e.steps if s.label == "CE of s₁ under the forward pass"), None),
        classes=tuple(e.objects["classes"]),
        verdicts=tuple(e.objects["verdicts"]),
        batch=batch,
        true_index=int(np.flatnonzero((targets[0] if batch else targets) == 1)[0]),
        was_clipped="clipped" in e.quantities,
        # The notes' numbers are about the lecture's values: with others there is nothing to correct.
        errata=tuple(row for row in e.errata if row.applies and row.differs),
    )


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The prediction, its terms, the surviving one, the forward pass's own prediction (when the
    values connect the scenes), then why the minus, why the log, and −ln p toward 0."""
    p = parts(e)
    loss, fmt = p.loss, p.fmt
    predicted = format_array(p.first(loss.inputs["predictions"]), DIGITS).replace("-", "−")
    sample = f"Sample 1 of {loss.shapes['predictions'][0]}: " if p.batch else "The network "
    terms = "Each term is −true · ln(predicted): every class but the true one has true = 0, so its term is 0"
    if p.was_clipped:
        terms += (
            f"; predictions of 0 or 1 are clipped to [{clipped_text(CLIP)}, {clipped_text(1 - CLIP)}] first, "
            "because ln 0 = −∞"
        )
    surviving = p.p_text(loss.intermediates["surviving"][0])
    survives = f"Only the true class's term survives: −ln({surviving}) = {fmt(loss.intermediates['sample_losses'][0])}"
    if p.batch:
        survives += f"; CE is the mean over the samples, {fmt(loss.output)}"
    row = p.erratum_for("loss")
    if row is not None:
        survives += f" (the notes' {row.erratum.notes} is −log₁₀ {surviving})"
    beats = [
        BeatScript("predictions", f"{sample}predicted {predicted} for {', '.join(p.classes)}; the true class is {p.classes[p.true_index]}"),
        BeatScript("terms", terms),
        BeatScript("survives", survives),
    ]
    if p.network is not None:
        step = p.network
        features = format_array(step.inputs["features"], DIGITS)
        probabilities = format_array(step.intermediates["probabilities"], DIGITS)
        beats.append(
            BeatScript(
                "network",
                f"Sample s₁, a {e.objects['true class']} with features {features}: the forward pass predicts {probabilities}; "
                f"CE = −ln({fmt(step.intermediates['surviving'][0])}) = {fmt(step.output)}",
            )
        )
    log = fmt(p.first(loss.intermediates["log"])[p.true_index])
    table = ", ".join(f"−ln({fmt(q)}) = {fmt(v)} ({word})" for q, v, word in zip(p.table.inputs["p"], p.table.output, p.verdicts))
    toward = ", ".join(f"−ln({format_number(q, 4)}) = {fmt(v)}" for q, v in zip(p.toward_zero.inputs["p"], p.toward_zero.output))
    beats += [
        BeatScript("why-minus", f"Why the minus: ln({surviving}) = {log} is negative, and a loss should be positive"),
        BeatScript("why-log", f"Why the log: ln 1 = 0, no loss for a sure right answer; {table}"),
        BeatScript(
            "curve",
            f"−ln p is 0 at p = 1 and grows without bound as p → 0 ({toward}): a confident wrong answer costs the most",
        ),
    ]
    return tuple(beats)


SPEC = SceneSpec(
    "cross-entropy",
    "Categorical cross-entropy",
    "CE = −Σ true · ln(predicted); only the true class survives",
    compute,
    "scenes.cross_entropy:CrossEntropy",
    SCHEMA,
    script,
    limits=LIMITS,
    reads=READS,
    values=VALUES,
    place=130,
)
