"""Softmax as bars: σ(z)ᵢ = e^{zᵢ} / Σⱼ e^{zⱼ} — exponentiate, sum, normalise; then why max(z) goes first.

Every number comes from nnmath's softmax steps (``nnanim explain softmax``). A batch of scores
(z of shape (rows, k)) is normalised row by row; the scene draws the first row and says so.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    MathTex,
    ReplacementTransform,
    Mobject,
    VGroup,
    Write,
)

from course.lecture1.softmax import parts
from nnmath.display import format_number, shared_decimals, subscripted, sum_sign
from nnmath.trace import Step
from scenes.base import Beat, LectureScene
from scenes.mobjects import Bars, MatrixMob, Num
from scenes.takeaway import headline

__all__ = ["Softmax"]

#: The band the charts live in: below the heading, above the worked line at the bottom.
_CHART_TOP, _CHART_BOTTOM = 1.9, -2.55
_LINE_Y = -3.3
#: Each chart's centre and widest extent; the gap between two charts holds the arrow and its label.
_SLOT_X, _SLOT_WIDTH = 3.95, 5.1
_LINE_SIZE = 32
#: Height of the bars from the lowest to the highest, before a chart is scaled to its slot.
_BAR_SPAN = 3.3
#: Bar width and gap: a few bars can be wide; many must leave room for four-decimal labels
#: (about 1.3 units at the label size) side by side.
_FEW_BARS, _MANY_BARS = (1.1, 0.6), (0.85, 0.55)
_TABLE_SIZE = 36
#: The formula, between the charts and under the headline.
_FORMULA_SIZE, _FORMULA_Y = 46, 2.55
_ROW_GAP = 1.12


class Softmax(LectureScene):
    """Scores to probabilities, bar by bar, and the max(z) trick that keeps e^z finite."""

    slug = "softmax"

    def beats(self) -> list[Beat]:
        p = parts(self.explanation)
        self.stable, self.raw, self.walk, self.batch = p.stable, p.raw, p.walk, p.batch
        self.shift_step, self.overflow, self.big = p.shift, p.overflow, p.big
        self._row = p.row
        return self.scripted_beats()  # the captions are the content module's script

    # --- building blocks ----------------------------------------------------------------------

    def _num(self, value: float, color: str | None = None, size: float = _LINE_SIZE) -> Num:
        return Num(float(value), self.theme, color=color, font_size=size)

    def _line(self, *parts: str | Mobject, size: float = _LINE_SIZE, color: str | None = None) -> VGroup:
        """Text and numbers in a row; strings become text in the theme's font."""
        line = VGroup(*(self.text(p, size=size, color=color) if isinstance(p, str) else p for p in parts))
        return line.arrange(RIGHT, buff=0.2)

    def _power(self, base: str, *exponent: str | Mobject, color: str | None = None, size: float = _LINE_SIZE) -> VGroup:
        """``base`` with a raised exponent of text and numbers, e.g. e^(z − 3).

        An exponent that is just z keeps z's colour, as everywhere else in the scene.
        """

        def part(p: str) -> Mobject:
            return self.text(p, size=0.62 * size, color=self.theme.left if p == "z" else color)

        raised = VGroup(*(part(p) if isinstance(p, str) else p.scale(0.62) for p in exponent)).arrange(RIGHT, buff=0.06)
        body = self.text(base, size=size, color=color)
        raised.next_to(body, RIGHT, buff=0.04).align_to(body, UP).shift(0.16 * UP * size / _LINE_SIZE)
        return VGroup(body, raised)

    def _chart(self, values: np.ndarray, header: Mobject, color: str, *, names: bool = False) -> VGroup:
        """Bars of ``values`` (shape (k,)) under ``header``; ``.bars`` is the :class:`Bars`.

        Names are placed here rather than by :class:`Bars`: there, a negative bar's name would sit
        on its value label.
        """
        bars = self._bars(values, color)
        labels = VGroup()
        if names:
            base = bars.baseline.get_y()
            for i, bar in enumerate(bars.bars):
                name = self.text(subscripted("z", i + 1), size=self.theme.label_size, color=self.theme.muted)
                hangs = bar.get_y() < base  # a negative bar has its value below it: name it above the line
                name.move_to(np.array([bar.get_x(), base + (0.28 if hangs else -0.28), 0]))
                labels.add(name)
        header.next_to(VGroup(bars.bars, bars.values), UP, buff=0.35)
        chart = VGroup(header, bars, labels)
        chart.bars = bars  # type: ignore[attr-defined]
        return chart

    def _bars(self, values: np.ndarray, color: str) -> Bars:
        """Bars spanning at most _BAR_SPAN from the lowest to the highest, negative ones included."""
        width, gap = _FEW_BARS if len(values) <= 3 else _MANY_BARS
        bars = Bars(values, self.theme, color=color, max_height=_BAR_SPAN, bar_width=width, gap=gap, digits=4)
        span = bars.bars.height
        if span > _BAR_SPAN * 1.01:  # bars on both sides of the baseline: shrink the scale to fit
            height = _BAR_SPAN**2 / span
            bars = Bars(values, self.theme, color=color, max_height=height, bar_width=width, gap=gap, digits=4)
        return bars

    @staticmethod
    def _baseline_y(chart: VGroup) -> float:
        return float(chart.bars.baseline.get_y())  # type: ignore[attr-defined]

    def _place(self, charts: Sequence[VGroup], xs: Sequence[float]) -> None:
        """Scale the charts alike to fit their slots and centre them at ``xs``.

        Baselines share one height, except that a chart whose negative bars would reach below the
        band moves up: lining up z's negative bars with e^z's tall ones would shrink both.
        """
        room = _CHART_TOP - _CHART_BOTTOM
        factor = min(1.0, *(room / c.height for c in charts), *(_SLOT_WIDTH / c.width for c in charts))
        for chart in charts:
            chart.scale(factor)
        baseline = _CHART_TOP - max(c.get_top()[1] - self._baseline_y(c) for c in charts)
        for chart, x in zip(charts, xs):
            # Centred on the baseline, not on the labels (whose widths differ): σ(z)'s bars then
            # stand exactly where e^z's stood.
            chart.shift((x - chart.bars.baseline.get_x()) * RIGHT)  # type: ignore[attr-defined]
            chart.shift((baseline - self._baseline_y(chart)) * UP)
            chart.shift(max(0.0, _CHART_BOTTOM - chart.get_bottom()[1]) * UP)

    def _arrow(self, left: Mobject, right: Mobject, label: Mobject) -> VGroup:
        y = self._baseline_y(right) + 0.9
        arrow = Arrow(
            np.array([left.get_right()[0] + 0.05, y, 0]),
            np.array([right.get_left()[0] - 0.05, y, 0]),
            color=self.theme.muted,
            buff=0.05,
            stroke_width=4,
            max_tip_length_to_length_ratio=0.25,
        )
        self.fit(label, width=arrow.width + 0.3, height=1.0)
        label.next_to(arrow, UP, buff=0.12)
        return VGroup(arrow, label)

    def _header(self, *parts: str | Mobject, color: str) -> Mobject:
        return self._line(*parts, size=self.theme.label_size + 4, color=color)

    def _exp_header(self) -> Mobject:
        theme = self.theme
        if self.raw is None:
            top = self._num(self._row(self.walk.intermediates["max"]), theme.right, theme.label_size + 4)
            return self._power("e", "z − ", top, color=theme.product, size=theme.label_size + 10)
        return self._power("e", "z", color=theme.product, size=theme.label_size + 10)

    def _sum_line(self, lead: Mobject, terms: np.ndarray, total: float, total_color: str) -> VGroup:
        """``lead`` t₁ + t₂ + … = total, the worked line at the bottom of the frame.

        The terms are one vector (one number of decimals); the sign is ≈ when the terms as written
        do not add up to the total as written (0.0900 + 0.2447 + 0.6652 ≈ 1).
        """
        decimals = shared_decimals(terms)
        nums = [Num(float(t), self.theme, font_size=_LINE_SIZE, decimals=decimals) for t in terms]
        parts: list[str | Mobject] = [lead]
        for i, num in enumerate(nums):
            parts += (["+"] if i else []) + [num]
        total_num = self._num(total, total_color)
        parts += [sum_sign([n.shown_text for n in nums], total_num.shown_text), total_num]
        line = self.fit(self._line(*parts), width=13.4, height=0.8)
        return line.move_to(np.array([0, _LINE_Y, 0]))

    # --- beats: the walk through ----------------------------------------------------------------

    def beat_scores(self) -> None:
        theme = self.theme
        formula = MathTex(
            r"\sigma(z)_i", "=", r"{e^{z_i}", r"\over", r"\sum_j e^{z_j}}", font_size=_FORMULA_SIZE, color=theme.text
        )
        formula[0].set_color(theme.result)
        formula[2].set_color(theme.product)
        formula[4].set_color(theme.product)
        parts = [formula]
        if self.batch:
            rows = self.stable.shapes["z"][0]
            parts.append(self.text(f"(row 1 of the {rows} rows of z)", size=theme.caption_size, color=theme.muted))
        # The formula stays between the two charts, under the headline, for the walk-through.
        self.formula = VGroup(*parts).arrange(RIGHT, buff=0.5).move_to(np.array([0, _FORMULA_Y, 0]))
        z_header = self._header("z (scores)", color=theme.left)
        self.z_chart = self._chart(self._row(self.stable.inputs["z"]), z_header, theme.left, names=True)
        self.exp_chart = self._chart(self._row(self.walk.intermediates["exp"]), self._exp_header(), theme.product)
        header = self._header("σ(z) (probabilities)", color=theme.result)
        self.out_chart = self._chart(self._row(self.walk.output), header, theme.result)
        # One scale for the three charts, so their numbers have one size; σ(z) later takes e^z's slot.
        self._place([self.z_chart, self.exp_chart, self.out_chart], [-_SLOT_X, _SLOT_X, _SLOT_X])
        headline(self, "Softmax: scores become probabilities that add up to 1")
        self.play(FadeIn(self.formula), run_time=0.8)
        self._grow(self.z_chart)

    def _grow(self, chart: VGroup) -> None:
        bars = chart.bars  # type: ignore[attr-defined]
        base = bars.baseline.get_y()
        self.play(FadeIn(chart[0]), FadeIn(bars.baseline), FadeIn(chart[2]), run_time=0.5)
        self.play(
            LaggedStart(*(GrowFromEdge(bar, DOWN if bar.get_y() >= base else UP) for bar in bars.bars), lag_ratio=0.15),
            run_time=0.9,
        )
        self.play(FadeIn(bars.values), run_time=0.5)

    def beat_exponentiate(self) -> None:
        headline(self, "Exponentiate: every score becomes a positive number")
        label = self._power("e", "x", color=self.theme.product, size=_LINE_SIZE + 6)
        self.arrow_exp = self._arrow(self.z_chart, self.exp_chart, label)
        self.play(FadeIn(self.arrow_exp), run_time=0.5)
        self._grow(self.exp_chart)

    def beat_sum(self) -> None:
        headline(self, "Add the exponentials: the total to divide by")
        lead = self._line("Σ =", size=_LINE_SIZE, color=self.theme.right)
        self.sum_line = self._sum_line(
            lead, self._row(self.walk.intermediates["exp"]), self._row(self.walk.intermediates["sum"]), self.theme.right
        )
        self.play(Indicate(self.exp_chart.bars.values, color=self.theme.product), run_time=0.7)  # type: ignore[attr-defined]
        self.play(Write(self.sum_line), run_time=1.2)

    def beat_normalise(self) -> None:
        theme = self.theme
        headline(self, "Divide each by the total: probabilities that add up to 1")
        # σ(z) takes e^z's place, and nothing moves: dividing every bar by one total keeps their
        # proportions, so the bars stay where they are and only the numbers on them change.
        exp, out = self.exp_chart, self.out_chart
        total = self._num(self._row(self.walk.intermediates["sum"]), theme.right, _LINE_SIZE - 2)
        divide = self._line("÷", total, size=_LINE_SIZE - 2).next_to(self.arrow_exp[0], DOWN, buff=0.15)
        self.play(FadeIn(divide), Indicate(self.sum_line[-1], color=theme.right), run_time=0.8)
        # Old numbers out before the new ones come in: no frame shows two overprinted.
        self.play(FadeOut(exp[0]), FadeOut(exp.bars.values), FadeOut(self.sum_line), run_time=0.6)
        self.play(
            ReplacementTransform(exp.bars.bars, out.bars.bars),
            ReplacementTransform(exp.bars.baseline, out.bars.baseline),
            FadeIn(out[0]),
            run_time=0.9,
        )
        self.remove(exp)
        self.play(FadeIn(out.bars.values), run_time=0.5)
        self.add(out)
        self.arrow_div = VGroup(self.arrow_exp, divide)
        lead = self._line("Σ σ(z)ᵢ =", color=theme.result)
        self.total_line = self._sum_line(
            lead, self._row(self.walk.output), self._row(self.explanation.quantities["sum"].value), theme.result
        )
        self.play(Write(self.total_line), run_time=1.0)

    # --- beats: why max(z) is subtracted --------------------------------------------------------

    def _table_row(self, label: Mobject, values: np.ndarray | None, color: str, note: Mobject | None = None) -> VGroup:
        """A row of a worked table: [label, vector (empty without values), note (maybe empty)]."""
        vector = VGroup()
        if values is not None:
            vector = MatrixMob(values, self.theme, color=color, show_shape=False, font_size=_TABLE_SIZE)
        return VGroup(label, vector, note if note is not None else VGroup())

    def _layout_table(self, rows: Sequence[VGroup]) -> VGroup:
        """Rows one under another: labels right-aligned, vectors left-aligned, notes after them."""
        # Notes start after the widest vector among the rows that have a note.
        vector_width = max([r[1].width for r in rows if len(r[2].get_family()) > 1 or r[2].has_points()] or [0.0])
        for k, row in enumerate(rows):
            y = -k * _ROW_GAP
            label, vector, note = row
            label.move_to(np.array([-0.3, y, 0]), aligned_edge=RIGHT)
            vector.move_to(np.array([0.0, y, 0]), aligned_edge=LEFT)
            note.move_to(np.array([vector_width + 0.5, y, 0]), aligned_edge=LEFT)
        table = VGroup(*rows)
        top, bottom = self.heading.get_bottom()[1] - 0.35, -3.6
        self.fit(table, width=13.4, height=top - bottom)
        return table.move_to(np.array([0, (top + bottom) / 2, 0]))

    def _clear_charts(self) -> None:
        charts = (self.z_chart, self.arrow_div, self.out_chart, self.total_line, self.formula)
        self.play(*(FadeOut(m) for m in charts), run_time=0.6)

    def beat_subtract_max(self) -> None:
        theme, step = self.theme, self.stable
        size = _TABLE_SIZE
        top = self._num(self._row(step.intermediates["max"]), theme.right, size)
        total = self._num(self._row(step.intermediates["sum"]), theme.right, size)
        rows = [
            self._table_row(
                self.text("z", size=size, color=theme.left),
                self._row(step.inputs["z"]),
                theme.left,
                self._line("max(z) =", top, size=size),
            ),
            self._table_row(self.text("z − max(z)", size=size), self._row(step.intermediates["shifted"]), theme.text),
            self._table_row(
                self._power("e", "z − max(z)", color=theme.product, size=size),
                self._row(step.intermediates["exp"]),
                theme.product,
                self._line("Σ =", total, size=size, color=theme.right),
            ),
            self._table_row(
                self.text("σ(z)", size=size, color=theme.result),
                self._row(step.output),
                theme.result,
                self._same_as_before(size),
            ),
        ]
        self.max_table = self._layout_table(rows)
        headline(self, "Subtract max(z) first: the very same probabilities")
        self._clear_charts()
        for row in rows:
            self.play(FadeIn(row), run_time=0.6)
        self.play(Indicate(rows[-1][1], color=theme.result), run_time=0.8)

    def _same_as_before(self, size: float) -> VGroup:
        """"= e^z ÷ Σ", the walk-through's division without the shift, with its sum."""
        theme = self.theme
        raw_sum = self._num(self._row(self.raw.intermediates["sum"]), theme.right, size)  # type: ignore[union-attr]
        power = self._power("e", "z", color=theme.product, size=size)
        return self._line("=", power, "÷", raw_sum, size=size, color=theme.muted)

    def beat_overflow(self) -> None:
        theme, size = self.theme, _TABLE_SIZE
        flags = self._row(self.overflow.output)
        x_row = self._table_row(
            self._line("x = z +", self._num(self.shift_step.inputs["shift"], theme.right, size), size=size),
            self._row(self.shift_step.output),
            theme.text,
        )
        small = theme.label_size
        limit = self._num(self.overflow.intermediates["limit"], theme.wrong, small)
        limit = self._line("eˣ is too large for float64 once x >", limit, size=small, color=theme.muted)
        # One mark per drawn entry of x (a long x is elided by MatrixMob): ∞ where e^x overflowed.
        shown = [i for i in range(len(flags)) if x_row[1].entry(i) is not None]
        infinity, finite = ("∞", 1.3 * size, theme.wrong), ("finite", size, theme.muted)
        marks = [infinity if flags[i] == 1 else finite for i in shown]
        infinities = VGroup(*(self.text(word, size=font, color=color) for word, font, color in marks))
        e_row = VGroup(self._power("e", "x", color=theme.product, size=size), infinities, VGroup())
        limit_row = VGroup(VGroup(), limit, VGroup())
        shifted_row = self._table_row(
            self.text("x − max(x)", size=size),
            self._row(self.big.intermediates["shifted"]),
            theme.text,
            self._line("max(x) =", self._num(self._row(self.big.intermediates["max"]), theme.right, size), size=size),
        )
        out_row = self._table_row(
            self.text("σ(x)", size=size, color=theme.result),
            self._row(self.big.output),
            theme.result,
            self.text("= σ(z)", size=size, color=theme.muted),
        )
        z = self._row(self.shift_step.inputs["z"])
        z_row = self._table_row(self.text("z", size=size, color=theme.left), z, theme.left)
        # Arranged before the layout measures the rows; each mark then moves under its entry of x.
        infinities.arrange(RIGHT, buff=0.3)
        rows = [z_row, x_row, e_row, limit_row, shifted_row, out_row]
        self._layout_table(rows)
        for word, i in zip(infinities, shown):
            word.set_x(x_row[1].entry(i).get_x())
        self.stable_rows = VGroup(shifted_row, out_row)
        limit_text = format_number(self.overflow.intermediates["limit"])
        overflows = bool(np.any(flags == 1))
        headline(self, f"Large scores overflow: eˣ is infinite beyond x ≈ {limit_text}" if overflows else f"eˣ stays finite here; beyond x ≈ {limit_text} it overflows")
        if self.raw is not None:
            self.play(FadeOut(self.max_table), run_time=0.6)
        else:
            self._clear_charts()
        for row in rows[:4]:
            self.play(FadeIn(row), run_time=0.6)
        self.play(Indicate(limit[-1], color=theme.wrong), run_time=0.8)

    def beat_stable(self) -> None:
        headline(self, "Subtracting max(x) first keeps eˣ finite: the same σ")
        for row in self.stable_rows:
            self.play(FadeIn(row), run_time=0.6)
        self.play(Indicate(self.stable_rows[-1][1], color=self.theme.result), run_time=0.8)
