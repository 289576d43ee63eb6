"""Lecture 2's descent figures: the gradient-descent runs on their loss, and the optimizers' paths
over the valley's contours. Every point plotted is one nnmath returned (``course.explain``)."""

from __future__ import annotations

from matplotlib.figure import Figure

import course
from nnanim.figures.common import number
from nnanim.figures.style import new_figure
from nnmath.values import LectureValues
from scenes.theme import Theme

__all__ = ["draw_gradient_descent", "draw_optimizers", "draw_training"]


def draw_gradient_descent(values: LectureValues, theme: Theme) -> Figure:
    """L(w) with every learning rate's run as dots joined step by step, one colour per run.

    Artists for tests: line ``curve``; one line ``run:k`` per learning rate (its path on the curve).
    """
    explanation = course.explain("gradient-descent", values)
    curve, _ = explanation.sections[0].steps
    figure, ax = new_figure()
    ax.plot(curve.inputs["w"], curve.output, color=theme.product, linewidth=3, label="L(w)", gid="curve")
    colors = [theme.left, theme.result, theme.wrong, theme.bias]
    top = float(curve.output.max())
    for k, section in enumerate(explanation.sections[1:-1]):
        run = section.steps[0]
        verdict = explanation.quantities[f"run {k} verdict"].value
        rate = number(run.intermediates["learning_rates"][0], 4)
        losses = run.intermediates["losses"].clip(max=top)
        ax.plot(
            run.intermediates["path"][:, 0], losses, "o-", color=colors[k % len(colors)], linewidth=1.8, markersize=6,
            label=f"lr {rate}: {verdict}", gid=f"run:{k}",
        )
    ax.set_ylim(0, top * 1.02)
    ax.set_xlabel("w")
    ax.set_ylabel("L(w)")
    ax.legend(loc="upper center")
    ax.set_title("Gradient descent: w ← w − lr·∂L/∂w", loc="left")
    return figure


def draw_optimizers(values: LectureValues, theme: Theme) -> Figure:
    """The valley's contours and the four optimizers' paths from one start, with their distances
    from the minimum in the legend.

    Artists for tests: lines ``contour:i``; one line ``path:<key>`` per optimizer.
    """
    from course.lecture2.optimizers import OPTIMIZERS

    explanation = course.explain("optimizers", values)
    contours = explanation.sections[0].steps[0]
    figure, ax = new_figure()
    for i, ring in enumerate(contours.output):
        ax.plot(ring[:, 0], ring[:, 1], color=theme.product, linewidth=1.2, alpha=0.6, gid=f"contour:{i}")
    colors = {"sgd": theme.left, "momentum": theme.result, "rmsprop": theme.right, "adam": theme.bias}
    runs = {s.heading: s.steps[0] for s in explanation.sections[1:]}
    paths = [run.intermediates["path"] for run in runs.values()]
    for key, name in OPTIMIZERS:
        distance = number(explanation.quantities[f"{key} distance"].value, 3)
        path = runs[key].intermediates["path"]
        ax.plot(path[:, 0], path[:, 1], color=colors[key], linewidth=2, label=f"{name}: {distance} left", gid=f"path:{key}")
    start = paths[0][0]
    ax.plot([start[0]], [start[1]], "o", color=theme.text, markersize=9, zorder=5)
    ax.plot([0], [0], "o", color=theme.product, markersize=7, zorder=5)
    # The view spans the paths with a margin; the contours continue beyond it.
    xs = [p[:, 0] for p in paths]
    ys = [p[:, 1] for p in paths]
    low_x, high_x = min(x.min() for x in xs), max(x.max() for x in xs)
    low_y, high_y = min(y.min() for y in ys), max(y.max() for y in ys)
    pad = 0.08 * max(high_x - low_x, high_y - low_y)
    ax.set_xlim(low_x - pad, high_x + pad)
    ax.set_ylim(low_y - pad, high_y + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("w₁")
    ax.set_ylabel("w₂")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
    ax.set_title(f"Optimizers: {len(paths[0]) - 1} steps each from one start", loc="left")
    return figure


def draw_training(values: LectureValues, theme: Theme) -> Figure:
    """The trained network's decision regions with the spiral data (left), and the loss and
    accuracy over the epochs (right).

    Artists for tests: image ``regions`` (the last snapshot's predicted class per grid point);
    lines ``loss`` and ``accuracy``; one scatter ``class:k`` per class.
    """
    from matplotlib.colors import ListedColormap

    explanation = course.explain("training", values)
    run = explanation.sections[0].steps[0]
    X, y, axis = explanation.objects["X"], explanation.objects["y"], explanation.objects["axis"]
    regions = explanation.objects["regions"][-1]
    classes = int(y.max()) + 1
    # The classes in the colours the training scene gives them (the course's class colours, cycling).
    colors = [theme.class_color(k) for k in range(classes)]
    figure, (left, right) = new_figure(ncols=2, gridspec_kw={"width_ratios": [1, 1.25]})
    extent = (float(axis[0]), float(axis[-1]), float(axis[0]), float(axis[-1]))
    left.imshow(regions, origin="lower", extent=extent, cmap=ListedColormap(colors), alpha=0.35, interpolation="nearest", gid="regions")
    for k in range(classes):
        points = X[y == k]
        left.scatter(points[:, 0], points[:, 1], s=10, color=colors[k], edgecolors="none", gid=f"class:{k}")
    left.set_aspect("equal")
    left.grid(False)
    left.set_title(f"after {explanation.quantities['epochs'].value} epochs", loc="left")
    epochs = list(range(len(run.intermediates["loss"])))
    right.plot(epochs, run.intermediates["loss"], color=theme.wrong, linewidth=2, label="loss", gid="loss")
    right.plot(epochs, run.intermediates["accuracy"], color=theme.result, linewidth=2, label="accuracy", gid="accuracy")
    right.set_xlabel("epoch")
    right.set_ylim(bottom=0)
    right.legend(loc="center right")
    loss_end = number(explanation.quantities["loss_end"].value, 3)
    accuracy_end = number(explanation.quantities["accuracy_end"].value, 3)
    right.set_title(f"loss {loss_end}, accuracy {accuracy_end}", loc="left")
    return figure
