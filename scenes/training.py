"""training: the spiral data and the network's decision regions as it learns, with its epoch,
loss, accuracy and learning rate; then the loss and accuracy curves. Every number and every
region is from the content module's Explanation (nnmath.train and nnmath.predict_grid).
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, Square, VGroup, VMobject, Write, config

from scenes.base import LectureScene
from scenes.lecture2_style import role
from scenes.mobjects import CurvePlot, Num

__all__ = ["Training"]

_PLANE = 5.6  # the plane's side, scene units
_OVERLAP = 0.25  # how far, in cells, a region's rectangle reaches beyond its cells on each side
#: How long each snapshot of the regions is on screen, seconds (whole frames at any quality).
_SNAPSHOT_SECONDS = 0.12


def _rectangles(boxes: list[tuple[float, float, float, float]]) -> np.ndarray:
    """The points of a VMobject drawing ``boxes`` (x0, y0, x1, y1) as closed rectangles, each a
    subpath of four straight cubic curves (manim's points: anchor, handle, handle, anchor)."""
    if not boxes:
        return np.zeros((0, 3))
    x0, y0, x1, y1 = np.array(boxes, dtype=float).T
    corners = np.stack([np.stack([x0, y0], -1), np.stack([x1, y0], -1), np.stack([x1, y1], -1), np.stack([x0, y1], -1)], 1)
    start, end = corners, np.roll(corners, -1, axis=1)  # each side, counter-clockwise
    t = np.array([0.0, 1 / 3, 2 / 3, 1.0])[None, None, :, None]
    points = start[:, :, None, :] + (end - start)[:, :, None, :] * t  # (boxes, sides, 4, 2)
    flat = points.reshape(-1, 2)
    return np.column_stack([flat, np.zeros(len(flat))])


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

    def _region_points(self, k: int) -> list[np.ndarray]:
        """Snapshot ``k``'s predicted class over the plane as one path per class: each grid row's
        runs of one class are rectangles, all of a class's rectangles subpaths of one path.

        One filled path per class has no seams where a class's rectangles meet (cairo fills the
        union; separate rectangles leave antialiased lines between rows), and its family never
        changes, so the regions can change between frames by their points alone. Each rectangle
        reaches ``_OVERLAP`` of a cell beyond its cells, so the classes' paths overlap instead of
        leaving a hairline of background between them. manim 0.22's camera cannot draw an
        ImageMobject with this Pillow (its full-frame paste builds a float array in mode RGBA),
        so the regions are vector paths.
        """
        regions = self.o["regions"][k]
        cell = _PLANE / len(self.o["axis"])
        left = self.plane_center[0] - _PLANE / 2
        bottom = self.plane_center[1] - _PLANE / 2
        boxes: list[list[tuple[float, float, float, float]]] = [[] for _ in self.tints]
        for i, row in enumerate(regions):  # row i is y = axis[i], from the bottom up
            starts = np.flatnonzero(np.diff(row, prepend=-1))
            ends = np.append(starts[1:], len(row))
            y0, y1 = bottom + (i - _OVERLAP) * cell, bottom + (i + 1 + _OVERLAP) * cell
            for start, end in zip(starts, ends):
                boxes[int(row[start])].append((left + (start - _OVERLAP) * cell, y0, left + (end + _OVERLAP) * cell, y1))
        return [_rectangles(b) for b in boxes]

    def _show_regions(self, k: int) -> None:
        for shape, points in zip(self.regions, self._region_points(k)):
            shape.set_points(points)

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
        # the labels' left edge fixed: centred, the block would jump sideways as the numbers' widths change
        return group.move_to(self.panel_center).set_x(self.panel_center[0] - 2.3, direction=LEFT)

    def beat_data(self) -> None:
        theme = self.theme
        self.heading = self.title("Training on the spiral")
        axis = self.o["axis"]
        # a grid point is the centre of its cell: the plane spans the grid and half a cell more
        scale = (_PLANE / len(axis)) / float(axis[1] - axis[0])
        self.plane_center = np.array([-3.3, -0.45, 0])
        self.panel_center = np.array([3.4, -0.45, 0])
        self.regions = VGroup(*(VMobject(fill_color=tint, fill_opacity=1.0, stroke_width=0) for tint in self.tints))
        self._show_regions(0)
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
        # One still per snapshot, each held for whole frames: a single play with an updater that
        # swapped the counters would leave the first ones drawn (manim's cairo renderer keeps the
        # moving mobjects' families as they were when the play began).
        frames = max(1, round(_SNAPSHOT_SECONDS * config.frame_rate))
        for k in range(1, len(self.o["snapshot_epochs"])):
            counters = self._counters(k)
            self._show_regions(k)
            self.remove(self.counters)
            self.add(counters)
            self.counters = counters
            self.wait(frames / config.frame_rate)

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
        # "epoch" at the smallest size, clear of the last tick label ("10000" reaches past the axis)
        plot.x_label.scale(theme.small_size / theme.label_size).set_color(theme.muted)
        plot.x_label.next_to(plot.x_tick_labels[-1], RIGHT, buff=0.2).align_to(plot.x_tick_labels[-1], DOWN)
        loss_curve = plot.add_curve(epochs[::every], np.minimum(loss[::every], top), color=role(theme, "loss"), stroke_width=3)
        accuracy_curve = plot.add_curve(epochs[::every], accuracy[::every], color=role(theme, "output"), stroke_width=3)
        names = VGroup(
            self.text("loss", size=theme.small_size, color=role(theme, "loss")),
            self.text("accuracy", size=theme.small_size, color=role(theme, "output")),
        ).arrange(RIGHT, buff=0.4).next_to(plot.axes, UP, buff=0.15)
        self.play(self.counters.animate.scale(0.8).move_to(self.panel_center + 1.75 * UP), run_time=0.6)
        self.play(FadeIn(VGroup(plot.axes, plot.tick_labels, plot.x_label, names)), run_time=0.6)
        self.play(Create(loss_curve), Create(accuracy_curve), run_time=2.0)
