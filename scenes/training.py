"""training: the spiral data and the network's decision regions as it learns, with its epoch,
loss, accuracy and learning rate; then the loss and accuracy curves. Every number and every
region is from the content module's Explanation (nnmath.train and nnmath.predict_grid).
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, Rectangle, Square, ValueTracker, VGroup, Write, linear

from scenes.base import LectureScene
from scenes.lecture2_style import role
from scenes.mobjects import CurvePlot, Num

__all__ = ["Training"]

_PLANE = 5.6  # the plane's side, scene units


class Training(LectureScene):
    """Regions over the plane, counters beside them, the curves at the end."""

    slug = "training"

    def setup(self) -> None:
        super().setup()
        self.o = self.explanation.objects
        theme = self.theme
        classes = int(self.o["settings"]["classes"])
        self.colors = [theme.class_color(k) for k in range(classes)]
        self.tints = [theme.region_color(k) for k in range(classes)]  # the theme's own region colours

    def _regions(self, k: int) -> VGroup:
        """Snapshot ``k``'s predicted class over the plane: each grid row as runs of one class, a
        rectangle per run (a few hundred rectangles instead of a cell per grid point).

        manim 0.22's camera cannot draw an ImageMobject with this Pillow (its full-frame paste
        builds a float array in mode RGBA), so the regions are vector rectangles.
        """
        regions = self.o["regions"][k]
        axis = self.o["axis"]
        cell = _PLANE / len(axis)
        left = self.plane_center[0] - _PLANE / 2
        bottom = self.plane_center[1] - _PLANE / 2
        runs = VGroup()
        for i, row in enumerate(regions):  # row i is y = axis[i], from the bottom up
            starts = np.flatnonzero(np.diff(row, prepend=-1))
            ends = np.append(starts[1:], len(row))
            for start, end in zip(starts, ends):
                runs.add(
                    # opaque, the class's colour mixed into the background: see-through rectangles
                    # darken where neighbouring rows overlap, striping the regions
                    Rectangle(
                        width=(end - start) * cell,
                        height=cell * 1.05,
                        stroke_width=0,
                        fill_color=self.tints[int(row[start])],
                        fill_opacity=1.0,
                    )
                    .move_to([left + (start + end) / 2 * cell, bottom + (i + 0.5) * cell, 0])
                )
        return runs

    def _counters(self, k: int) -> VGroup:
        """epoch, loss, accuracy and learning rate of snapshot ``k``, one per line."""
        theme = self.theme
        row = self.o["snapshot_rows"][k]
        lines = []
        for name, value, color, digits in (
            ("epoch", row["epoch"], theme.text, 0),
            ("loss", row["loss"], role(theme, "loss"), 3),
            ("accuracy", row["accuracy"], role(theme, "output"), 3),
            ("learning rate", row["learning_rate"], theme.muted, 5),
        ):
            label = self.text(f"{name}", size=theme.label_size, color=theme.muted)
            lines.append(VGroup(label, Num(value, theme, color=color, font_size=34, digits=digits)))
        group = VGroup(*lines)
        for label, num in lines:
            num.next_to(label, RIGHT, buff=0.3)
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        for label, num in lines:  # the numbers in one column
            num.set_x(lines[0][0].get_x() + 3.0, direction=LEFT)
        return group.move_to(self.panel_center)

    def beat_data(self) -> None:
        theme = self.theme
        self.heading = self.title("Training on the spiral")
        axis = self.o["axis"]
        extent = float(axis[-1])
        scale = _PLANE / (2 * extent)
        self.plane_center = np.array([-3.3, -0.45, 0])
        self.panel_center = np.array([3.4, -0.45, 0])
        self.regions = VGroup(*self._regions(0))
        frame = Square(side_length=_PLANE, color=theme.muted, stroke_width=2).move_to(self.plane_center)
        X, y = self.o["X"], self.o["y"]
        dots = VGroup(
            *(
                Dot(self.plane_center + scale * np.array([p[0], p[1], 0]), radius=0.045, color=self.colors[int(c)]).set_stroke(theme.background, width=1.2)
                for p, c in zip(X, y)
            )
        )
        self.counters = self._counters(0)
        self.play(Write(self.heading), run_time=0.8)
        self.play(FadeIn(frame), FadeIn(dots, lag_ratio=0.002), run_time=1.2)
        self.play(FadeIn(self.regions), FadeIn(self.counters), run_time=0.8)
        self.add(frame, dots)  # above the regions
        self.dots, self.frame = dots, frame

    def beat_training(self) -> None:
        count = len(self.o["snapshot_epochs"])
        tracker = ValueTracker(0)
        shown = {"k": 0}
        counters = self.counters

        def update(_: object) -> None:
            k = min(int(round(tracker.get_value())), count - 1)
            if k == shown["k"]:
                return
            shown["k"] = k
            self.regions.submobjects = list(self._regions(k))
            # counters are rebuilt only when the snapshot changes, not every frame; replaced, not
            # transformed, so each Num on screen is the one holding the value it shows
            counters.submobjects = list(self._counters(k))

        self.regions.add_updater(update)
        self.add(tracker)
        self.play(tracker.animate.set_value(count - 1), run_time=min(12.0, 0.12 * count), rate_func=linear)
        self.regions.remove_updater(update)
        self.remove(tracker)

    def beat_curves(self) -> None:
        theme = self.theme
        history = self.o["history"]
        epochs = np.array([row["epoch"] for row in history], dtype=float)
        loss = np.array([row["loss"] for row in history])
        accuracy = np.array([row["accuracy"] for row in history])
        every = max(1, len(epochs) // 400)  # a curve of about 400 points is smooth on screen
        # up to a little above the starting loss: Adam's rare spikes would squash the curves; they are cut at the top
        top = max(1.0, 1.1 * float(loss[0]))
        plot = CurvePlot(theme, x_range=(0.0, float(epochs[-1])), y_range=(0.0, top), width=4.6, height=2.4, x_label="epoch", y_label="")
        plot.move_to(self.panel_center + 1.55 * DOWN + 0.45 * LEFT)
        loss_curve = plot.add_curve(epochs[::every], np.minimum(loss[::every], top), color=role(theme, "loss"), stroke_width=3)
        accuracy_curve = plot.add_curve(epochs[::every], accuracy[::every], color=role(theme, "output"), stroke_width=3)
        names = VGroup(
            self.text("loss", size=theme.small_size, color=role(theme, "loss")),
            self.text("accuracy", size=theme.small_size, color=role(theme, "output")),
        ).arrange(RIGHT, buff=0.4).next_to(plot.axes, UP, buff=0.15)
        self.play(self.counters.animate.scale(0.8).move_to(self.panel_center + 1.75 * UP), run_time=0.6)
        self.play(FadeIn(VGroup(plot.axes, plot.tick_labels, plot.x_label, names)), run_time=0.6)
        self.play(Create(loss_curve), Create(accuracy_curve), run_time=2.0)
