"""Gradient descent in one weight, and learning-rate decay (lecture 2).

One loss curve stays in place through the scene; each learning rate's run is drawn on it as dots
joined step by step, the earlier runs dimmed beside it, and a readout on the right gives the run's
numbers. The last beat swaps the curve for the decay schedules. Every number is nnmath's
(:mod:`course.lecture2.gradient_descent`); the captions are the content module's script.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Line, VGroup, Write

from scenes.base import LectureScene
from scenes.mobjects import CurvePlot, Num

__all__ = ["GradientDescent", "DIGITS"]

#: Decimals of every number on screen.
DIGITS = 3

#: Where the axes' centre sits, for the loss and the decay plot alike (labels hang around it).
_AXES_CENTER = np.array([-2.4, -0.05, 0.0])
_READOUT_LEFT = 2.2
_TAKEAWAYS = {
    "too slow": "too small: it creeps towards the minimum",
    "converges": "about right: it settles at the minimum",
    "diverges": "too large: each step overshoots further",
}


def _place(plot: CurvePlot) -> None:
    plot.shift(_AXES_CENTER - plot.axes.get_center())


class GradientDescent(LectureScene):
    """The loss and its slope; a run per learning rate; decay."""

    slug = "gradient-descent"

    # --- pieces -----------------------------------------------------------------------------

    def _num(self, value: object, color: str, size: float | None = None) -> Num:
        return Num(float(value), self.theme, color=color, digits=DIGITS, font_size=size or self.theme.label_size)

    def _run_colors(self) -> list[str]:
        theme = self.theme
        return [theme.left, theme.result, theme.wrong, theme.bias]

    def _readout(self, rows: list[list[tuple[object, str]]]) -> None:
        """Lines at the right of the frame; each part (text or number, colour)."""
        self.show_readout([self.readout_line(*parts, digits=DIGITS) for parts in rows], left=_READOUT_LEFT, y=0.6)

    # --- beats --------------------------------------------------------------------------------

    def beat_the_loss(self) -> None:
        theme = self.theme
        curve, tangent = self.explanation.sections[0].steps
        ws, ls = curve.inputs["w"], curve.output
        self.heading = self.title(self.explanation.title)
        self.plot = CurvePlot(
            theme, x_range=(float(ws[0]), float(ws[-1])), y_range=(0.0, float(ls.max())), width=7.2, height=4.4, x_label="w", y_label="L(w)"
        )
        self.plot.y_axis_at_left()
        _place(self.plot)
        self.plot.add_curve(ws, ls, color=theme.product)
        (w0, l0), (w1, l1) = tangent.output
        start_w = float(tangent.inputs["w"][0])
        start_l = float(tangent.intermediates["loss"])
        self.start_dot = self.plot.dot(start_w, start_l, color=theme.text, radius=0.11)
        touch = Line(self.plot.point(w0, l0), self.plot.point(w1, l1), color=theme.right, stroke_width=5)
        self.play(Write(self.heading), run_time=0.7)
        self.play(FadeIn(self.plot), run_time=0.8)
        self.play(FadeIn(self.start_dot), Create(touch), run_time=0.8)
        self.leave_until_next_beat(touch)
        self._readout(
                [
                    [("w₀ =", theme.text), (start_w, theme.text)],
                    [("L(w₀) =", theme.text), (start_l, theme.product)],
                    [("∂L/∂w =", theme.text), (tangent.intermediates["slope"], theme.right)],
                ]
        )
        self.show_takeaway("step against the slope: w ← w − lr·∂L/∂w")
        self.paths: list[VGroup] = []

    def _run(self, k: int) -> None:
        theme = self.theme
        run = self.explanation.sections[k + 1].steps[0]
        color = self._run_colors()[k % len(self._run_colors())]
        path, losses = run.intermediates["path"][:, 0], run.intermediates["losses"]
        top = self.plot.axes.y_range[1]
        # A point above the plotted range is drawn at its top edge (the curve is clipped there too).
        points = [self.plot.point(float(w), min(float(l), top)) for w, l in zip(path, losses)]
        dots = VGroup(*(Dot(p, radius=0.075, color=color) for p in points))
        hops = VGroup(*(Line(a, b, color=color, stroke_width=3.5, buff=0.08) for a, b in zip(points, points[1:])))
        # Earlier runs stay, dimmed, for comparison.
        self.play(*(p.animate.set_opacity(0.25) for p in self.paths), FadeIn(dots[0]), run_time=0.4)
        for hop, dot in zip(hops, dots[1:]):
            self.play(Create(hop), FadeIn(dot), run_time=0.35)
        self.paths.append(VGroup(hops, dots))
        steps = len(run.intermediates["gradients"])
        verdict = self.explanation.quantities[f"run {k} verdict"].value
        self._readout(
                [
                    [("lr =", theme.text), (run.intermediates["learning_rates"][0], color)],
                    [("w₀ =", theme.text), (path[0], theme.text)],
                    [("after", theme.text), (steps, theme.text), ("steps:", theme.text)],
                    [("w =", theme.text), (path[-1], color)],
                    [("L(w) =", theme.text), (losses[-1], theme.product)],
                    [(verdict, color)],
                ]
        )
        self.show_takeaway(f"lr {_TAKEAWAYS[verdict]}")

    def __getattr__(self, name: str):
        # beat_rate_1, beat_rate_2, …: one run each, however many learning rates the values give.
        if name.startswith("beat_rate_") and name[len("beat_rate_"):].isdigit():
            k = int(name[len("beat_rate_"):]) - 1
            return lambda: self._run(k)
        raise AttributeError(name)

    def beat_decay(self) -> None:
        theme = self.theme
        schedules = self.explanation.sections[-1].steps
        ts = schedules[0].intermediates["iterations"]
        top = max(float(s.inputs["learning_rate"]) for s in schedules)
        # A little room past the last update and above the first rate, so no curve runs over a label.
        plot = CurvePlot(theme, x_range=(0.0, 1.1 * float(ts[-1])), y_range=(0.0, 1.1 * top), width=6.6, height=4.4, x_label="t", y_label="lr")
        colors = [theme.right, theme.bias, theme.left]
        ends = VGroup()
        for k, schedule in enumerate(schedules):
            color = colors[k % len(colors)]
            rates = schedule.intermediates["learning_rates"]
            plot.add_curve(schedule.intermediates["iterations"], rates, color=color)
            ends.add(self._num(schedule.output, color).next_to(plot.point(float(ts[-1]), float(rates[-1])), UP, buff=0.12).shift(0.3 * LEFT))
        _place(plot)
        ends_positions = [plot.point(float(ts[-1]), float(s.intermediates["learning_rates"][-1])) for s in schedules]
        for end, where in zip(ends, ends_positions):
            end.next_to(where, UP, buff=0.12).align_to(where, RIGHT)
        self.play(FadeOut(self.plot), FadeOut(self.start_dot), *(FadeOut(p) for p in self.paths), run_time=0.6)
        self.play(FadeIn(plot), run_time=0.8)
        self.play(FadeIn(ends), run_time=0.5)
        rows = [[("lr₀ =", theme.text), (schedules[0].inputs["learning_rate"], theme.text)]]
        rows += [
            [("decay", theme.text), (s.inputs["decay"], theme.text), ("→ lr", theme.text), (s.output, colors[k % len(colors)])]
            for k, s in enumerate(schedules)
        ]
        self._readout(rows)
        self.show_takeaway("decay: large steps early, smaller steps as training goes on")

