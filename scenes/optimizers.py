"""SGD, momentum, RMSprop and Adam from one start on one loss surface (lecture 2).

The contours of the valley stay in place; each optimizer's path is drawn step by step in its own
colour, the earlier paths dimmed beside it, with a readout at the right; the last beat shows all
four with their distances from the minimum. Every number is nnmath's
(:mod:`course.lecture2.optimizers`); the captions are the content module's script.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, Create, Dot, FadeIn, FadeOut, VGroup, VMobject, Write

from course.lecture2.optimizers import OPTIMIZERS
from scenes.base import LectureScene
from scenes.mobjects import CurvePlot

__all__ = ["Optimizers", "DIGITS"]

#: Decimals of every number on screen.
DIGITS = 3
#: Scene units per unit of weight, the same along both axes (a circle stays a circle).
_MAX_WIDTH, _MAX_HEIGHT = 7.0, 4.6
_AXES_CENTER = np.array([-2.3, -0.1, 0.0])
_READOUT_LEFT = 2.4
_TAKEAWAYS = {
    "sgd": "SGD: bounces across the valley, creeps along it",
    "momentum": "momentum: remembers the last step, builds speed",
    "rmsprop": "RMSprop: scales each weight's step; here the rate is small",
    "adam": "Adam: momentum + RMSprop's scaling",
}


#: Names short enough for the comparison's table.
_SHORT = {"sgd": "SGD", "momentum": "momentum", "rmsprop": "RMSprop", "adam": "Adam"}


def _colors(theme) -> dict[str, str]:
    return {"sgd": theme.left, "momentum": theme.result, "rmsprop": theme.right, "adam": theme.bias}


class Optimizers(LectureScene):
    """The surface; one path per optimizer; all four compared."""

    slug = "optimizers"

    def _line(self, *parts: tuple[object, str], size: float | None = None) -> VGroup:
        return self.readout_line(*parts, size=size, digits=DIGITS)

    def _show_readout(self, lines: list[VGroup]) -> None:
        self.show_readout(lines, left=_READOUT_LEFT)

    def _run(self, key: str):
        return next(s.steps[0] for s in self.explanation.sections if s.heading == key)

    # --- beats --------------------------------------------------------------------------------

    def beat_surface(self) -> None:
        theme = self.theme
        contours = self.explanation.sections[0].steps[0]
        points = np.concatenate([contours.output[-1], *(self._run(k).intermediates["path"] for k, _ in OPTIMIZERS)])
        # The axes span the smallest contour and every path, with a margin: a choice of scale.
        low, high = points.min(axis=0), points.max(axis=0)
        margin = 0.08 * (high - low).max()
        low, high = low - margin, high + margin
        scale = min(_MAX_WIDTH / (high[0] - low[0]), _MAX_HEIGHT / (high[1] - low[1]))
        self.plot = CurvePlot(
            theme,
            x_range=(float(low[0]), float(high[0])),
            y_range=(float(low[1]), float(high[1])),
            width=scale * float(high[0] - low[0]),
            height=scale * float(high[1] - low[1]),
            x_label="w₁",
            y_label="w₂",
        )
        self.plot.y_axis_at_left()
        self.plot.x_axis_at_bottom()
        self.plot.shift(_AXES_CENTER - self.plot.axes.get_center())
        rings = VGroup()
        for ring in contours.output:
            # A contour leaving the axes is cut there: each run of points inside is one piece.
            inside = np.all((ring >= low) & (ring <= high), axis=1)
            pieces = np.split(np.arange(len(ring)), np.flatnonzero(np.diff(inside.astype(int))) + 1)
            for piece in pieces:
                if inside[piece[0]] and len(piece) > 1:
                    curve = VMobject(stroke_color=theme.product, stroke_width=2.5, stroke_opacity=0.7)
                    curve.set_points_as_corners([self.plot.point(*ring[i]) for i in piece])
                    rings.add(curve)
        start = self._run(OPTIMIZERS[0][0]).intermediates["path"][0]
        self.start = Dot(self.plot.point(*start), radius=0.1, color=theme.text)
        self.minimum = Dot(self.plot.point(0.0, 0.0), radius=0.08, color=theme.product)
        self.heading = self.title(self.explanation.title)
        self.play(Write(self.heading), run_time=0.7)
        self.play(FadeIn(self.plot), Create(rings), run_time=1.2)
        self.play(FadeIn(self.start), FadeIn(self.minimum), run_time=0.5)
        self._show_readout(
            [
                self._line(("w₀ = (", theme.text), (start[0], theme.text), (",", theme.text), (start[1], theme.text), (")", theme.text)),
                self._line(("L(w₀) =", theme.text), (self.explanation.quantities["start loss"].value, theme.product)),
            ]
        )
        self.show_takeaway("a long, narrow valley: steep across, shallow along")
        self.paths: dict[str, VGroup] = {}

    def _beat_optimizer(self, key: str) -> None:
        theme = self.theme
        run = self._run(key)
        color = _colors(theme)[key]
        corners = [self.plot.point(*w) for w in run.intermediates["path"]]
        line = VMobject(stroke_color=color, stroke_width=3.5)
        line.set_points_as_corners(corners)
        end = Dot(corners[-1], radius=0.08, color=color)
        if self.paths:  # earlier paths stay, dimmed, for comparison
            self.play(*(p[0].animate.set_stroke(opacity=0.3) for p in self.paths.values()), *(p[1].animate.set_fill(opacity=0.3) for p in self.paths.values()), run_time=0.4)
        self.play(Create(line), run_time=2.5)
        self.play(FadeIn(end), run_time=0.3)
        self.paths[key] = VGroup(line, end)
        name = dict(OPTIMIZERS)[key]
        steps = len(run.intermediates["gradients"])
        quantities = self.explanation.quantities
        self._show_readout(
            [
                self._line((name, color)),
                self._line(("lr =", theme.text), (run.intermediates["learning_rates"][0], color)),
                self._line(("after", theme.text), (steps, theme.text), ("steps:", theme.text)),
                self._line(("distance left:", theme.text)),
                self._line((quantities[f"{key} distance"].value, color)),
            ]
        )
        self.show_takeaway(_TAKEAWAYS[key])

    def beat_sgd(self) -> None:
        self._beat_optimizer("sgd")

    def beat_momentum(self) -> None:
        self._beat_optimizer("momentum")

    def beat_rmsprop(self) -> None:
        self._beat_optimizer("rmsprop")

    def beat_adam(self) -> None:
        self._beat_optimizer("adam")

    def beat_compare(self) -> None:
        theme = self.theme
        colors = _colors(theme)
        quantities = self.explanation.quantities
        ranked = sorted(OPTIMIZERS, key=lambda item: quantities[f"{item[0]} distance"].value)
        self.play(*(p[0].animate.set_stroke(opacity=1.0) for p in self.paths.values()), *(p[1].animate.set_fill(opacity=1.0) for p in self.paths.values()), run_time=0.6)
        # A table: names left, distances right-aligned in a column of their own.
        size = self.theme.label_size - 4
        names = [self.text(_SHORT[key], size=size, color=colors[key]) for key, _ in ranked]
        numbers = [self._line((quantities[f"{key} distance"].value, colors[key]), size=size) for key, _ in ranked]
        column = max(n.width for n in names) + 0.3 + max(n.width for n in numbers)
        rows = []
        for name, number in zip(names, numbers):
            number.next_to(name, RIGHT, buff=0).shift((column - name.width - number.width) * RIGHT)
            rows.append(VGroup(name, number))
        self._show_readout([self._line(("distance left:", theme.text)), *rows])
        self.show_takeaway("one start, one surface: the optimizer decides the path")
