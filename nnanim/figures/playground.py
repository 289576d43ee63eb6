"""The playground's run before and after training, side by side, with its loss curves."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from course import explain
from course.lecture1.playground import LOSS_DIGITS
from nnanim.figures.common import number
from nnanim.figures.style import new_figure
from nnmath.playground.network import GRID_DOMAIN
from nnmath.values import LectureValues
from scenes.theme import Theme

__all__ = ["draw_playground"]


def draw_playground(values: LectureValues, theme: Theme) -> Figure:
    """The output over [−6, 6]² at epoch 0 and after the last epoch, the training points over it,
    and the training and test loss of every epoch.

    Artists for tests: images ``boundary:0`` and ``boundary:N``; point sets ``points:0`` and
    ``points:N``; lines ``loss:train`` and ``loss:test``.
    """
    explanation = explain("playground", values)
    run = explanation.objects["run"]
    figure, axes = new_figure(ncols=3, gridspec_kw={"width_ratios": [1, 1, 1.35]})
    figure.set_size_inches(16, 6)
    low, high = GRID_DOMAIN
    for ax, snap in zip(axes[:2], (run.snapshots[0], run.final)):
        grid = snap.grids[run.output_id]
        # Row 0 of the grid is the top (y = 6): imshow's upper origin.
        ax.imshow(theme.scale.rgb(grid), extent=(low, high, low, high), origin="upper", interpolation="bilinear", gid=f"boundary:{snap.epoch}")
        colors = [theme.scale.color(label) for label in run.train[:, 2]]
        ax.scatter(run.train[:, 0], run.train[:, 1], c=colors, s=14, edgecolors="white", linewidths=0.5, gid=f"points:{snap.epoch}")
        ax.set_xlim(low, high)
        ax.set_ylim(low, high)
        ax.set_aspect("equal")
        train, test = run.train_loss[snap.epoch], run.test_loss[snap.epoch]
        ax.grid(False)
        ax.set_title(f"{'before' if snap.epoch == 0 else 'after'}: epoch {snap.epoch}\nloss: training {number(train, LOSS_DIGITS)}, test {number(test, LOSS_DIGITS)}", loc="left", fontsize="medium")
    epochs = np.arange(run.epochs + 1)
    loss_ax = axes[2]
    loss_ax.plot(epochs, run.train_loss, color=theme.muted, linewidth=2.5, label="training loss", gid="loss:train")
    loss_ax.plot(epochs, run.test_loss, color=theme.text, linewidth=2.5, label="test loss", gid="loss:test")
    loss_ax.set_xlim(0, max(run.epochs, 1))
    loss_ax.set_ylim(bottom=0)
    loss_ax.set_xlabel("epoch")
    loss_ax.set_ylabel("mean of ½(output − label)²")
    loss_ax.set_title("A Neural Network Playground\nloss per epoch", loc="left", fontsize="medium")
    loss_ax.legend(loc="upper right", labelcolor=theme.text, frameon=False)
    return figure
