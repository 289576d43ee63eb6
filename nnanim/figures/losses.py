"""The losses: the −ln p curve of cross-entropy, and the squared-error parabolas of the age example."""

from __future__ import annotations

from matplotlib.figure import Figure

from course import explain
from nnanim.figures.common import mark_point, number, section_steps
from nnanim.figures.style import new_figure
from nnmath.values import LectureValues
from scenes.theme import Theme

__all__ = ["draw_cross_entropy", "draw_mse"]

#: Marked points right of this p are labelled above them, so the label stays on the figure.
_LABEL_ABOVE_OF = 0.7
#: An example whose squared error is below this share of the largest one is labelled off the curves.
_SMALL_ERROR_SHARE = 0.2


def draw_cross_entropy(values: LectureValues, theme: Theme) -> Figure:
    """−ln p for p in (0, 1], the values' table (0.9, 0.5, 0.1) marked, and the example's true class.

    Artists for tests: line ``curve``; dots and labels ``table`` (one per table entry) and
    ``example`` (the predicted probability of the true class and its loss).
    """
    explanation = explain("cross-entropy", values)
    [loss] = section_steps(explanation, "only the true class survives")
    table, _, curve = section_steps(explanation, "why the log: −ln p")
    figure, ax = new_figure()
    ax.plot(curve.inputs["p"], curve.output, color=theme.product, linewidth=3.5, label="−ln p", gid="curve")
    for p, value in zip(table.inputs["p"], table.output):
        offset = (0, 22) if p > _LABEL_ABOVE_OF else (14, 10)
        mark_point(ax, p, value, f"−ln {number(p)} = {number(value, 3)}", theme=theme, color=theme.right, offset=offset, gid="table")
    p_true, example_loss = loss.intermediates["surviving"][0], loss.intermediates["sample_losses"][0]
    classes = explanation.objects["classes"]
    true_class = classes[int(loss.inputs["targets"].reshape(-1, len(classes))[0].argmax())]
    mark_point(
        ax,
        p_true,
        example_loss,
        f"{true_class}: −ln {number(p_true, 3)} = {number(example_loss, 3)}",
        theme=theme,
        color=theme.result,
        offset=(-16, -14),
        gid="example",
    )
    ax.set_xlim(0, 1.02)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("p, the predicted probability of the true class")
    ax.set_ylabel("loss  −ln p")
    ax.set_title("Cross-entropy: only the true class's −ln p counts", loc="left")
    return figure


def draw_mse(values: LectureValues, theme: Theme) -> Figure:
    """(y − ŷ)² against the prediction ŷ for each example, the minimum at the truth, ŷ marked.

    Artists for tests: one line ``curve:i`` per example; dots and labels ``prediction:i``.
    """
    explanation = explain("mse", values)
    colors = [theme.right, theme.product, theme.bias, theme.left]
    figure, ax = new_figure()
    low_labels = 0  # labels moved off the curves so far: each next one goes higher
    # One section per example (its error and its parabola); a last one holds the batch of them all.
    examples = [s for s in explanation.sections if any(step.op == "squared_error_curve" for step in s.steps)]
    for i, section in enumerate(examples):
        error, curve = section.steps
        color = colors[i % len(colors)]
        truth, prediction = error.inputs["y_true"], error.inputs["y_pred"]
        ax.plot(curve.inputs["y_pred"], curve.output, color=color, label=f"true age {number(truth)}", gid=f"curve:{i}")
        # The truth sits at the parabola's minimum, on the axis.
        ax.plot([truth], [0], marker="^", color=color, markersize=14, clip_on=False, zorder=5, gid=f"truth:{i}")
        # A negative prediction in parentheses: (−65 − (−48))², never (−65 − −48)².
        subtracted = f"({number(prediction)})" if prediction < 0 else number(prediction)
        text = f"({number(truth)} − {subtracted})² = {number(error.output)}"
        # Small errors sit low, among the other parabolas: their label goes up-left, with a leader.
        small = error.output < _SMALL_ERROR_SHARE * max(float(s.steps[0].output) for s in examples)
        offset, arrow = ((-40, 60 + 28 * low_labels), True) if small else ((14, 4), False)
        low_labels += small
        mark_point(ax, prediction, error.output, text, theme=theme, color=color, offset=offset, arrow=arrow, gid=f"prediction:{i}")
    ax.set_ylim(bottom=0)
    ax.set_xlabel("predicted age ŷ")
    ax.set_ylabel("squared error (y − ŷ)²")
    batch = explanation.quantities.get("mse batch")
    # The batch's mean, (25 + 1) / 2, is the scene's; the title names its value.
    ax.set_title(f"Squared errors; the batch's mean: {number(batch.value)}" if batch is not None else "MSE: the error of a number, squared", loc="left")
    ax.legend(loc="best")
    return figure
