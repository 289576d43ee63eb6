"""Mean squared error, MSE = (1/n) Σ (y − ŷ)²: the loss for predicting a number, not a class.

The notes' age example (from height and weight): the truth 26 and the prediction 21 give
(26 − 21)² = 25; had the truth been 22, (22 − 21)² = 1. Each example is drawn as a point on its
parabola (y − ŷ)², the squared error of every prediction ŷ, lowest at the truth — every parabola
on the same axes, so 25 and 1 look as different as they are. Then both examples as one batch,
where n is 2 and the mean shows: (25 + 1) / 2 = 13.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, DashedLine, FadeIn, FadeOut, GrowFromCenter, Line, Text, Transform, VGroup, Write

from course.lecture1.mse import DIGITS, batch, examples, number
from nnmath.trace import Step
from scenes.base import Beat, LectureScene
from scenes.mobjects import CurvePlot, Num
from scenes.takeaway import headline

__all__ = ["MeanSquaredError", "DIGITS"]

_FORMULA = "MSE = (1/n) Σ (y − ŷ)²"

#: Room left of the sampled ŷ, as a fraction of their span (see ``MeanSquaredError._axes``).
_X_ROOM = 0.06
#: The centre of the plot: its x label ends inside the safe margin on the right.
_PLOT_X = 3.2


def _baseline(text: Text) -> float:
    """The y of the baseline ``text`` sits on (a Text's box ignores it: ``y`` hangs below, ``=`` floats).

    A probe of the same text followed by ``H`` tells how far the baseline lies from the bottom
    of the glyphs, in units of their height.
    """
    probe = Text(text.original_text + "H", font=text.font, font_size=48)
    glyphs, letter = VGroup(*probe[:-1]), probe[-1]
    offset = (letter.get_bottom()[1] - glyphs.get_bottom()[1]) / max(glyphs.height, 1e-9)
    return text.get_bottom()[1] + offset * text.height


def baseline_row(*parts: Text | tuple[Text, float], buff: float = 0.18) -> VGroup:
    """Texts and numbers side by side on one baseline, as a line of written maths.

    A part given as ``(text, gap)`` sits ``gap`` after the previous one instead of ``buff``.
    """
    texts = [p[0] if isinstance(p, tuple) else p for p in parts]
    gaps = [p[1] if isinstance(p, tuple) else buff for p in parts]
    line = _baseline(texts[0])
    for previous, text, gap in zip(texts, texts[1:], gaps[1:]):
        text.next_to(previous, RIGHT, buff=gap)
        text.shift((line - _baseline(text)) * UP)
    return VGroup(*texts)


class MeanSquaredError(LectureScene):
    """The formula, each example with its point on the parabola, and a summary table."""

    slug = "mse"

    def beats(self) -> list[Beat]:
        self.examples = examples(self.explanation)
        self.batch = batch(self.explanation)
        # One y axis for every parabola (a choice of scale, not a result): the highest sample of any.
        self.top = max(float(np.max(curve.output)) for _, curve in self.examples)
        return self.scripted_beats()  # the captions are the content module's script

    def _num(self, value: object, color: str, size: float | None = None) -> Num:
        return Num(float(value), self.theme, color=color, digits=DIGITS, font_size=size or self.theme.number_size)

    # --- the formula --------------------------------------------------------------------------

    def beat_formula(self) -> None:
        theme = self.theme
        self.formula = self.text(_FORMULA, size=theme.title_size * 1.4)
        legend = VGroup(
            self.text("y: the true value", size=theme.label_size, color=theme.right),
            self.text("ŷ: the prediction", size=theme.label_size, color=theme.left),
            self.text("n: how many values", size=theme.label_size, color=theme.muted),
        ).arrange(RIGHT, buff=0.8)
        example = self.text("for a number, not a class: what age are you, from height + weight?", size=theme.label_size, color=theme.muted)
        group = VGroup(self.formula, legend, example).arrange(DOWN, buff=0.6)
        self.fit(group).move_to(0.2 * DOWN)
        headline(self, "Mean squared error: the loss for predicting a number")
        self.play(Write(self.formula), run_time=1.2)
        self.play(FadeIn(legend, shift=0.2 * UP), run_time=0.8)
        self.play(FadeIn(example), run_time=0.6)

    def _clear(self) -> list[FadeOut]:
        """Fade-outs of everything but the title and the formula."""
        return [FadeOut(m) for m in self.mobjects if m is not self.heading and m is not self.formula]

    # --- one example --------------------------------------------------------------------------

    def _example_takeaway(self, loss: Step) -> str:
        error, squared = float(loss.intermediates["errors"]), float(loss.intermediates["squared"])
        return f"Off by {number(abs(error))}: the squared error is {number(squared)}"

    def beat_example(self, i: int) -> None:
        loss, curve = self.examples[i]
        working = self._working(loss)
        plot, marks = self._plot(loss, curve)
        self.fit(working, width=6.0, height=4.6)
        working.move_to([-3.6, -0.6, 0])
        VGroup(plot, marks).move_to([_PLOT_X, -0.65, 0])
        self._formula_to_top()
        headline(self, self._example_takeaway(loss))
        self.play(FadeIn(working.lines[0]), FadeIn(plot), run_time=0.8)
        for line in working.lines[1:]:
            self.play(FadeIn(line, shift=0.2 * DOWN), run_time=0.7)
        self.play(*(Create(line) for line in marks.guides), GrowFromCenter(marks.dot), FadeIn(marks.label), run_time=1.0)

    def _formula_to_top(self) -> None:
        """The formula, small, under the headline (once; it stays there for the later beats)."""
        if getattr(self, "formula_on_top", False):
            self.play(*self._clear(), run_time=0.6)
            return
        formula = self.text(_FORMULA, size=self.theme.label_size + 4).next_to(self.heading, DOWN, buff=0.3)
        self.play(Transform(self.formula, formula), *self._clear(), run_time=0.8)
        self.formula_on_top = True

    def _working(self, loss: Step) -> VGroup:
        """y and ŷ, the error, its square, and the mean over the n values, one line each.

        Shapes: every input and intermediate of an example is a scalar (n = 1 value).
        """
        theme = self.theme
        size = theme.number_size - 4
        y, p = loss.inputs["y_true"], loss.inputs["y_pred"]
        error, squared = loss.intermediates["errors"], loss.intermediates["squared"]

        def t(content: str, color: str | None = None) -> Text:
            return self.text(content, size=size, color=color or theme.text)

        def bracketed(value: object, color: str) -> list:
            return self._bracketed(value, color, size)

        given = baseline_row(t("y =", theme.right), self._num(y, theme.right, size), (t("ŷ =", theme.left), 0.9), self._num(p, theme.left, size))
        difference = baseline_row(
            t("y − ŷ ="),
            self._num(y, theme.right, size),
            t("−", theme.muted),
            *bracketed(p, theme.left),
            t("="),
            self._num(error, theme.product, size),
        )
        square = baseline_row(t("(y − ŷ)² ="), *bracketed(error, theme.product), (t("² ="), 0.04), self._num(squared, theme.result, size))
        mean = baseline_row(
            t("MSE = (1/"),
            (self._num(loss.intermediates["n"], theme.text, size), 0.04),
            (t(") ·"), 0.04),
            self._num(squared, theme.result, size),
            t("="),
            self._num(loss.output, theme.result, size + 8),
        )
        working = VGroup(given, difference, square, mean).arrange(DOWN, buff=0.55, aligned_edge=LEFT)
        working.lines = [given, difference, square, mean]
        return working

    def _axes(self, grid: np.ndarray) -> CurvePlot:
        """The one pair of axes every parabola is drawn on (a choice of scale, not a result): the
        sampled range of ŷ, with a little room left of it so that no curve meets the y axis
        beside its tick labels, and up to the highest sample of any parabola."""
        span = float(grid[-1] - grid[0])
        self.x_start = float(grid[0]) - _X_ROOM * span
        plot = CurvePlot(
            self.theme,
            x_range=(self.x_start, float(grid[-1])),
            y_range=(0.0, self.top),
            width=5.6,
            height=4.1,
            x_label="ŷ",
            y_label="(y − ŷ)²",
        )
        plot.y_axis_at_left()
        # ŷ keeps the prediction's colour, as in the working beside the plot.
        plot.x_label.set_color(self.theme.left)
        return plot

    def _plot(self, loss: Step, curve: Step) -> tuple[CurvePlot, VGroup]:
        """The parabola nnmath sampled, with the example's point, its guides to the axes and a label."""
        theme = self.theme
        grid, values = curve.inputs["y_pred"], curve.output
        truth = float(loss.inputs["y_true"])
        top = self.top
        plot = self._axes(grid)
        plot.add_curve(grid, values, color=theme.product)
        p, squared = float(loss.inputs["y_pred"]), float(loss.intermediates["squared"])
        dot = plot.dot(p, squared, color=theme.result, radius=0.11)
        guides = VGroup(
            DashedLine(plot.point(p, 0), plot.point(p, squared), color=theme.left, stroke_width=3),
            DashedLine(plot.point(self.x_start, squared), plot.point(p, squared), color=theme.result, stroke_width=3),
        )
        size = theme.label_size
        label = baseline_row(
            self.text("(", size=size, color=theme.muted),
            (self._num(p, theme.left, size), 0.05),
            (self.text(",", size=size, color=theme.muted), 0.05),
            self._num(squared, theme.result, size),
            (self.text(")", size=size, color=theme.muted), 0.05),
        )
        # Inside the bowl, high above the truth, where the curve never comes; a thin line leads to
        # the point.
        label.move_to(plot.point(truth, 0.62 * top))
        label.shift((min(0.0, plot.axes.get_right()[0] - label.get_right()[0]) + max(0.0, plot.axes.get_left()[0] + 0.3 - label.get_left()[0])) * RIGHT)
        leader = Line(label.get_bottom() + 0.08 * DOWN, dot.get_center(), color=theme.muted, stroke_width=2, buff=0.14)
        # The truth: the bottom of the bowl, named y; the name clears the horizontal guide.
        bottom = plot.dot(truth, 0, color=theme.right, radius=0.08)
        marker = self.text("y", size=size, color=theme.right).next_to(bottom, UP, buff=0.12)
        guide_y = plot.point(p, squared)[1]
        if marker.get_bottom()[1] - 0.1 < guide_y < marker.get_top()[1] + 0.1:
            marker.set_y(guide_y + 0.12 + marker.height / 2)
        marks = VGroup(guides, dot, bottom, leader, label, marker)
        marks.guides, marks.dot, marks.label = guides, dot, VGroup(bottom, leader, label, marker)
        return plot, marks

    # --- every example as one batch -----------------------------------------------------------

    def beat_batch(self) -> None:
        theme, b = self.theme, self.batch
        size = theme.number_size - 6
        n, squared = b.intermediates["n"], b.intermediates["squared"]
        squares = " + ".join(number(x) for x in squared)
        self._formula_to_top()
        headline(self, f"A batch: MSE is the mean, ({squares}) / {number(n)} = {number(b.output)}")

        def t(content: str, color: str | None = None) -> Text:
            return self.text(content, size=size, color=color or theme.text)

        rows = []
        for loss, _ in self.examples:
            rows.append(
                baseline_row(
                    t("("),
                    (self._num(loss.inputs["y_true"], theme.right, size), 0.05),
                    t("−", theme.muted),
                    *self._bracketed(loss.inputs["y_pred"], theme.left, size),
                    (t(")² ="), 0.05),
                    self._num(loss.intermediates["squared"], theme.result, size),
                )
            )
        sum_parts = []
        for k, value in enumerate(squared):
            if k:
                sum_parts.append(t("+", theme.muted))
            sum_parts.append(self._num(value, theme.result, size))
        mean = baseline_row(
            t("MSE = ("),
            (sum_parts[0], 0.04),
            *sum_parts[1:],
            (t(") /"), 0.04),
            self._num(n, theme.text, size),
            t("="),
            self._num(b.output, theme.result, size + 8),
        )
        working = VGroup(*rows, mean).arrange(DOWN, buff=0.55, aligned_edge=LEFT)
        self.fit(working, width=6.0, height=4.6)
        working.move_to([-3.6, -0.6, 0])
        plot, marks = self._batch_plot()
        VGroup(plot, marks).move_to([_PLOT_X, -0.65, 0])
        self.play(FadeIn(plot), run_time=0.6)
        for row, mark in zip(rows, marks):
            self.play(FadeIn(row, shift=0.2 * DOWN), FadeIn(mark), run_time=0.8)
        self.play(FadeIn(mean, shift=0.2 * DOWN), run_time=0.8)

    def _bracketed(self, value: object, color: str, size: float) -> list:
        """A number, in parentheses when negative: 3 − (−1.4), (−2.25)²."""
        num = self._num(value, color, size)
        if float(value) >= 0:
            return [num]
        return [self.text("(", size=size), (num, 0.05), (self.text(")", size=size), 0.05)]

    def _batch_plot(self) -> tuple[CurvePlot, VGroup]:
        """Every example's parabola on the one pair of axes, each with its point and its truth."""
        theme = self.theme
        grid = self.examples[0][1].inputs["y_pred"]
        plot = self._axes(grid)
        marks = VGroup()
        for loss, curve in self.examples:
            plot.add_curve(curve.inputs["y_pred"], curve.output, color=theme.product, stroke_width=4)
            p, squared, truth = float(loss.inputs["y_pred"]), float(loss.intermediates["squared"]), float(loss.inputs["y_true"])
            dot = plot.dot(p, squared, color=theme.result, radius=0.1)
            guide = DashedLine(plot.point(self.x_start, squared), plot.point(p, squared), color=theme.result, stroke_width=3)
            bottom = plot.dot(truth, 0, color=theme.right, radius=0.08)
            marks.add(VGroup(guide, dot, bottom))
        return plot, marks

    # --- the summary --------------------------------------------------------------------------

    def beat_summary(self) -> None:
        theme = self.theme
        size = theme.number_size - 4
        header = [self.text(h, size=theme.label_size, color=c) for h, c in (("y", theme.right), ("ŷ", theme.left), ("(y − ŷ)²", theme.result))]
        rows = [
            [self._num(loss.inputs["y_true"], theme.right, size), self._num(loss.inputs["y_pred"], theme.left, size), self._num(loss.output, theme.result, size)]
            for loss, _ in self.examples
        ]
        table = self._table([header, *rows])
        note = VGroup(
            self.text("a number (an age, a price): mean squared error", size=theme.label_size),
            self.text("a class (rose, daisy, tulip): cross-entropy", size=theme.label_size, color=theme.muted),
        ).arrange(DOWN, buff=0.25)
        layout = VGroup(table, note).arrange(DOWN, buff=0.7)
        self.fit(layout, height=5.0).move_to(0.6 * DOWN)
        self.play(*self._clear(), run_time=0.6)
        headline(self, "Squaring makes a big miss cost much more than a small one")
        self.play(FadeIn(table), run_time=0.9)
        self.play(FadeIn(note, shift=0.2 * UP), run_time=0.8)

    @staticmethod
    def _table(cells: list[list]) -> VGroup:
        """Rows of mobjects in right-aligned columns; the first row is the header."""
        columns = len(cells[0])
        widths = [max(row[c].width for row in cells) for c in range(columns)]
        height = max(m.height for row in cells for m in row)
        table = VGroup()
        for r, row in enumerate(cells):
            x = 0.0
            for c, mobject in enumerate(row):
                x += widths[c]
                mobject.move_to([x, -r * (height + 0.35), 0], aligned_edge=RIGHT)
                mobject.set_y(-r * (height + 0.35))
                x += 1.0
                table.add(mobject)
        return table
