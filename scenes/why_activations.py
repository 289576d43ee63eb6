"""The nnfs.io/mvp video: a 1 → 8 → 8 → 1 ReLU network draws a sine wave, one neuron pair at a time.

Pair i (neuron i of each hidden layer) owns one segment [tᵢ, tᵢ₊₁] of the x axis, its area of
effect: it adds a ramp there and a constant to the right of it. The scene shades that segment,
draws what the pair adds, and grows the fit pair by pair — the first two in detail, the rest
quickly — then removes the ReLUs and lets the same weights draw their straight line, labelled
with that line's own error, beside the best straight line any network without activations could
draw. Every curve and number is read from nnmath's explanation of ``why-activations``.
"""

from __future__ import annotations

import re

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circumscribe,
    Create,
    DashedLine,
    DashedVMobject,
    FadeIn,
    FadeOut,
    Rectangle,
    ReplacementTransform,
    Transform,
    VGroup,
    VMobject,
    Write,
)

from course.lecture1.why_activations import DETAILED_PAIRS, ERROR_DIGITS
from nnmath.lecture import Quantity
from nnmath.trace import Step
from scenes.base import Beat, LectureScene
from scenes.mobjects import CurvePlot, Num
from scenes.mobjects.network_sketch import NetworkSketch
from scenes.takeaway import headline

__all__ = ["WhyActivations"]

#: The beat of pairs 3 to 5 played quickly (``pairs-3-5``): its method's name.
_PAIRS_BEAT = re.compile(r"beat_pairs_(\d+)_(\d+)")

# The sine stays within ±1; the y axis reaches at least ±1.5, in steps of 0.5, to hold every fit
# and every pair's ramp (the straight line without ReLU may leave it: it is cut at the edge).
_Y_MIN_REACH = 1.5
_Y_STEP = 0.5
# Seconds per fast pair (each plays two animations of this length), shortened when there are many.
_FAST_PAIR_TIME = 0.6
_FAST_BEAT_TIME = 4.0
# Where the error table's numbers start, right of its longest row name.
_ERROR_COLUMN = 3.15
# The target's opacity: high enough that the sine reads clearly on its own (about 4:1 against the
# background in both themes), below the fit's 1 so that the fit stays in front.
_SINE_OPACITY = 0.85


class WhyActivations(LectureScene):
    """A constructed ReLU network fitting sin(2πx) pair by pair, and the line left without ReLU."""

    slug = "why-activations"

    def beats(self) -> list[Beat]:
        self._read_explanation()
        return self.scripted_beats()  # the captions are the content module's script

    def beat_pair(self, i: int) -> None:
        """Pair ``i`` (from 0): worked out if it is one of the first, else quickly (a beat of one)."""
        if i < DETAILED_PAIRS:
            self._detailed_pair(i)
        else:
            self._fast_pairs([i])

    def __getattr__(self, name: str):
        # beat_pairs_3_5: pairs 3 to 5 played quickly in one beat, as the script groups them.
        match = _PAIRS_BEAT.fullmatch(name)
        if match:
            first, last = (int(k) for k in match.groups())
            return lambda: self._fast_pairs(list(range(first - 1, last)))
        raise AttributeError(name)

    # --- what the explanation holds -------------------------------------------------------------

    def _read_explanation(self) -> None:
        sections = {s.heading: s.steps for s in self.explanation.sections}
        self.target_step: Step = sections["the target"][0]
        self.weights: Step = sections["the weights"][0]
        self.pair_steps: tuple[Step, ...] = sections["pair by pair"]
        self.partial_steps: tuple[Step, ...] = sections["the fit growing pair by pair"]
        self.fit_step: Step = sections["the fit"][0]
        self.line_step: Step = sections["without ReLU: a straight line"][0]
        self.best_line_step: Step = sections["the best straight line"][0]
        self.grid = self.target_step.inputs["x"]
        self.max_error = self.explanation.quantities["max error"]
        self.no_relu_error = self.explanation.quantities["no-ReLU max error"]
        self.line_error = self.explanation.quantities["best line max error"]
        self.y_range = self._y_range()

    def _y_range(self) -> tuple[float, float]:
        """The y axis: symmetric, reaching past every curve but the no-ReLU line (axis scale only)."""
        curves = [self.target_step, *self.pair_steps, *self.partial_steps, self.fit_step]
        extent = max(float(np.max(np.abs(step.output))) for step in curves)
        reach = max(_Y_MIN_REACH, float(np.ceil(extent / _Y_STEP)) * _Y_STEP)
        return -reach, reach

    def _weight(self, name: str) -> np.ndarray:
        return self.weights.intermediates[name]

    def _area(self, i: int) -> tuple[float, float]:
        start, end = self.pair_steps[i].inputs["area_of_effect"]
        return float(start), float(end)

    # --- building blocks ------------------------------------------------------------------------

    def _curve(self, y: np.ndarray, color: str, *, width: float = 5) -> VMobject:
        """A curve through nnmath's samples over the grid, kept out of ``plot.curves`` so that it
        can be faded and transformed on its own."""
        curve = self.plot.add_curve(self.grid, np.asarray(y).ravel(), color=color, stroke_width=width)
        self.plot.curves.remove(curve)
        return curve

    def _straight_line(self, y: np.ndarray, color: str) -> VMobject:
        """A straight line through nnmath's samples, cut where it leaves the panel: clipping would
        bend it flat along the edge. The samples inside the y range are one run, as for any line."""
        y = np.asarray(y).ravel()
        low, high = self.y_range
        inside = (y >= low) & (y <= high)
        if np.count_nonzero(inside) < 2:
            return self._curve(y, color)
        curve = self.plot.add_curve(self.grid[inside], y[inside], color=color, stroke_width=5)
        self.plot.curves.remove(curve)
        return curve

    def _contribution(self, i: int) -> VMobject:
        """What pair i adds, thin and above the fit: for pair 1 the two nearly coincide."""
        curve = self._curve(self.pair_steps[i].output, self.theme.product, width=4)
        return DashedVMobject(curve, num_dashes=60, dashed_ratio=0.6).set_z_index(2)

    def _shade(self, i: int) -> Rectangle:
        """The translucent band over pair i's area of effect, the plot's full height."""
        start, end = self._area(i)
        low, high = self.y_range
        corner_low, corner_high = self.plot.point(start, low), self.plot.point(end, high)
        band = Rectangle(
            width=corner_high[0] - corner_low[0],
            height=corner_high[1] - corner_low[1],
            stroke_width=0,
            fill_color=self.theme.product,
            fill_opacity=0.16,
        )
        return band.move_to((corner_low + corner_high) / 2).set_z_index(-1)

    def _card(self, i: int) -> VGroup:
        """Pair i's numbers: its area of effect and the weights and biases of its neurons."""
        theme = self.theme
        size = theme.label_size - 4
        w1, b1, w2, b2, w3 = (self._weight(n) for n in ("w1", "b1", "w2", "b2", "w3"))
        start, end = self._area(i)

        def label(content: str, color: str | None = None) -> VMobject:
            return self.text(content, size=size, color=color or theme.muted)

        def num(value: float, color: str | None = None) -> Num:
            return Num(value, theme, font_size=size + 2, color=color)

        heading = VGroup(label(f"pair {i + 1} acts on", theme.product))
        pieces = [
            (label("["), 0.15),
            (num(start, theme.product), 0.06),
            (label(","), 0.04),
            (num(end, theme.product), 0.16),
            (label("]"), 0.06),
        ]
        for item, gap in pieces:
            heading.add(item.next_to(heading[-1], RIGHT, buff=gap, aligned_edge=DOWN))
        # Layer 2's neuron i listens to layer 1's neuron i: the pair's one connecting weight.
        rows = [
            ("layer 1", num(w1[i, 0]), num(b1[i], theme.bias)),
            ("layer 2", num(w2[i, i]), num(b2[i], theme.bias)),
            ("output", num(w3[0, i]), None),
        ]
        table = VGroup()
        for r, (name, weight, bias) in enumerate(rows):
            y = -r * 0.44
            cells = [(label(name), 0.0), (label("w"), 1.3), (weight, 1.68)]
            if bias is not None:
                cells += [(label("b"), 3.0), (bias, 3.35)]
            table.add(*(item.move_to([x, y, 0], aligned_edge=LEFT) for item, x in cells))
        # Why a negative output weight beside a rising ramp: layer 2's −1 turns the ramp down,
        # the output weight turns it back up, by the segment's slope.
        slope = self._weight("slopes")[i]
        flips = VGroup(label("so the ramp's slope is"), num(slope, theme.result))
        flips.arrange(RIGHT, buff=0.15, aligned_edge=DOWN)
        card = VGroup(heading, table, flips).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        return card.move_to(self.card_anchor, aligned_edge=UP + LEFT)

    def _error_row(self, name: str, quantity: Quantity, color: str) -> VGroup:
        """One row of the error table: ``name`` and the maximum error, in ``color``."""
        # The errors form one column: one number of decimals (0.960 beside 0.953).
        value = Num(float(quantity.value), self.theme, color=color, digits=ERROR_DIGITS, decimals=ERROR_DIGITS)
        value.move_to([_ERROR_COLUMN, 0, 0], aligned_edge=LEFT)
        name_text = self.text(name, size=self.theme.label_size - 4, color=color)
        return VGroup(name_text.move_to([0, value.get_center()[1], 0], aligned_edge=LEFT), value)

    def _error_table(self) -> VGroup:
        """The errors, one row each under a "max error" heading: with ReLU, then (shown only once
        the ReLUs are gone) the line the network draws without them and the best straight line."""
        heading = self.text("max error", size=self.theme.label_size - 4, color=self.theme.muted)
        heading.move_to([_ERROR_COLUMN, 0, 0], aligned_edge=LEFT)
        table = VGroup(heading)
        for name, quantity, color in (
            ("with ReLU", self.max_error, self.theme.result),
            ("without ReLU", self.no_relu_error, self.theme.wrong),
            ("best straight line", self.line_error, self.theme.muted),
        ):
            row = self._error_row(name, quantity, color)
            table.add(row.shift((table[-1].get_bottom()[1] - 0.15 - row.get_top()[1]) * UP))
        return table

    def _legend_entry(
        self, name: str, color: str, *, dashed: bool = False, width: float = 5, opacity: float = 1.0
    ) -> VGroup:
        """A short stroke drawn like the curve it names, then the name."""
        swatch = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
        swatch.set_points_as_corners([LEFT * 0.35, RIGHT * 0.35])
        if dashed:
            swatch = DashedVMobject(swatch, num_dashes=3, dashed_ratio=0.6)
        name_text = self.text(name, size=self.theme.small_size + 2, color=self.theme.text)
        return VGroup(swatch, name_text).arrange(RIGHT, buff=0.12)

    def _legend_layout(self, entries: list[VGroup]) -> VGroup:
        """Where ``entries`` go: one row above the plot, flush with its right end (copies)."""
        row = VGroup(*(e.copy() for e in entries)).arrange(RIGHT, buff=0.45)
        if row.width > self.plot.axes.width:
            # Two rows rather than one reaching over the network diagram.
            half = (len(entries) + 1) // 2
            row = VGroup(
                VGroup(*row[:half]).arrange(RIGHT, buff=0.45), VGroup(*row[half:]).arrange(RIGHT, buff=0.45)
            ).arrange(DOWN, buff=0.12, aligned_edge=RIGHT)
            row = VGroup(*row[0], *row[1])
        return row.next_to(self.plot, UP, buff=0.2).align_to(self.plot.axes, RIGHT)

    def _relayout_legend(self, entries: list[VGroup], *, new: tuple[VGroup, ...] = ()) -> list:
        """Animations that lay ``entries`` out anew: the ``new`` ones fade in at their place."""
        animations = []
        for entry, spot in zip(entries, self._legend_layout(entries)):
            if any(entry is n for n in new):
                entry.move_to(spot)
                animations.append(FadeIn(entry))
            else:
                animations.append(entry.animate.move_to(spot))
        return animations

    def _caption(self, content: str) -> None:
        """The beat's takeaway, in the headline's place (words only: numbers go in Num and the .srt)."""
        headline(self, content)

    # --- beats ----------------------------------------------------------------------------------

    def beat_target(self) -> None:
        theme = self.theme
        lo, hi = self.weights.inputs["x_min"], self.weights.inputs["x_max"]
        self.plot = CurvePlot(theme, x_range=(float(lo), float(hi)), y_range=self.y_range, width=6.4, height=4.3)
        # The x axis along the bottom: across the middle, its tick labels would sit on the sine.
        self.plot.axes_at_edges()
        # Placed by its axes, so the tick labels do not push the panel around.
        self.plot.shift(np.array([3.0, -0.75, 0]) - self.plot.axes.get_center())
        # A halo in the background colour keeps the tick labels legible where the segment lines
        # and the shaded bands pass behind them.
        self.plot.tick_labels.set_stroke(theme.background, width=5, background=True)
        # A wide band in the muted text colour (legible on its own, 4.5:1), so the thinner fit
        # drawn over it stays the thing the eye follows.
        self.sine = self._curve(self.target_step.output, theme.muted, width=10).set_stroke(opacity=_SINE_OPACITY)
        self.legend = VGroup(self._legend_entry("sin(2πx)", theme.muted, width=10, opacity=_SINE_OPACITY))
        self.legend.move_to(self._legend_layout([self.legend[0]])[0])
        self._caption("The target: the network must draw sin(2πx)")
        self.play(FadeIn(self.plot), run_time=0.8)
        self.play(Create(self.sine), FadeIn(self.legend), run_time=1.2)

    def beat_network(self) -> None:
        theme = self.theme
        # Wide gaps between the columns, so the labels under them keep their size (18 px or more).
        self.sketch = NetworkSketch([self._weight(n) for n in ("w1", "w2", "w3")], theme, height=2.3, layer_gap=1.5)
        self.fit(self.sketch, width=5.6, height=3.6)
        self.sketch.move_to([-3.95, 0, 0]).align_to(2.75 * UP, UP)
        # The top left corner of what goes under the diagram: a pair's card, then the errors.
        self.card_anchor = np.array([self.sketch.get_left()[0], self.sketch.get_bottom()[1] - 0.4, 0])
        # The segment ends: each pair's area of effect lies between two of these.
        low, high = self.y_range
        self.knot_lines = VGroup(
            *(
                DashedLine(
                    self.plot.point(t, low),
                    self.plot.point(t, high),
                    color=theme.muted,
                    stroke_width=1.5,
                    stroke_opacity=0.5,
                )
                for t in self._weight("knots")
            )
        ).set_z_index(-1)
        self.play(FadeIn(self.sketch), run_time=1.0)
        self.play(Create(self.knot_lines), run_time=0.8)
        self._caption("Weights set by hand, not trained: a neuron pair per segment")

    def _detailed_pair(self, i: int) -> None:
        theme = self.theme
        shade = self._shade(i)
        contribution = self._contribution(i)
        new_fit = self._curve(self.partial_steps[i].output, theme.result)
        card = self._card(i)
        if i == 0:
            self.legend_more = VGroup(
                self._legend_entry("network", theme.result),
                self._legend_entry("pair adds", theme.product, dashed=True),
            )
            self._caption("Shaded: pair 1 changes the output only on its segment")
            self.play(
                self.sketch.light_pair(i, theme.product),
                FadeIn(shade),
                FadeIn(card),
                *self._relayout_legend([*self.legend_more, *self.legend], new=tuple(self.legend_more)),
                run_time=1.0,
            )
            self.play(Create(contribution), run_time=1.2)
            self.play(Create(new_fit), run_time=1.2)
            self.fit_curve = new_fit
        else:
            self.play(
                self.sketch.settle_pair(i - 1, theme.result),
                self.sketch.light_pair(i, theme.product),
                Transform(self.shade, shade),
                FadeOut(self.contribution),
                ReplacementTransform(self.card, card),
                run_time=1.0,
            )
            self._caption(f"Pair {i + 1} adds its own ramp: the fit bends where its segment starts")
            self.play(Create(contribution), run_time=1.0)
            self.play(Transform(self.fit_curve, new_fit), run_time=1.2)
            shade = self.shade
        self.shade, self.contribution, self.card = shade, contribution, card

    def _fast_pairs(self, group: list[int]) -> None:
        theme = self.theme
        # Many pairs share a few seconds; a handful play at a pace the eye can follow.
        run_time = min(_FAST_PAIR_TIME, _FAST_BEAT_TIME / len(group))
        who = f"Pair {group[0] + 1}" if len(group) == 1 else f"Pairs {group[0] + 1} to {group[-1] + 1}"
        self._caption(f"{who}: the same, each on its own segment")
        for i in group:
            contribution = self._contribution(i)
            card = self._card(i)
            self.play(
                self.sketch.settle_pair(i - 1, theme.result),
                self.sketch.light_pair(i, theme.product),
                Transform(self.shade, self._shade(i)),
                ReplacementTransform(self.contribution, contribution),
                ReplacementTransform(self.card, card),
                run_time=run_time,
            )
            new_fit = self._curve(self.partial_steps[i].output, theme.result)
            self.play(Transform(self.fit_curve, new_fit), run_time=run_time)
            self.contribution, self.card = contribution, card

    def beat_fit(self) -> None:
        theme = self.theme
        last = len(self.pair_steps) - 1
        full = self._curve(self.fit_step.output, theme.result)
        self.errors = self._error_table().move_to(self.card_anchor, aligned_edge=UP + LEFT)
        self.line_rows = VGroup(*self.errors[-2:])
        self.errors.remove(*self.line_rows)
        self.play(
            self.sketch.settle_pair(last, theme.result),
            FadeOut(self.shade),
            FadeOut(self.contribution),
            FadeOut(self.card),
            FadeOut(self.legend_more[1]),
            *self._relayout_legend([self.legend_more[0], *self.legend]),
            run_time=0.8,
        )
        self.play(Transform(self.fit_curve, full), run_time=0.8)
        self.play(FadeIn(self.errors), run_time=0.6)
        self._caption("One ramp per pair: together, a curve close to the sine")

    def beat_no_relu(self) -> None:
        theme = self.theme
        self.line = line = self._straight_line(self.line_step.output, theme.wrong)
        best = DashedVMobject(self._straight_line(self.best_line_step.output, theme.muted), num_dashes=40, dashed_ratio=0.55)
        rows = self.line_rows
        line_legend = self._legend_entry("without ReLU", theme.wrong)
        best_legend = self._legend_entry("best line", theme.muted, dashed=True)
        pairs = range(len(self.pair_steps))
        self._caption("Without ReLU the same weights can only draw a straight line")
        self.play(
            self.sketch.straighten(), *(self.sketch.settle_pair(i, theme.wrong) for i in pairs), run_time=1.0
        )
        self.play(self.fit_curve.animate.set_stroke(opacity=0.35), Create(line), run_time=1.2)
        entries = [line_legend, best_legend, self.legend_more[0], *self.legend]
        self.play(*self._relayout_legend(entries, new=(line_legend, best_legend)), FadeIn(rows[0]), run_time=0.8)
        # What no choice of weights could beat without activations: the best straight line.
        self.play(Create(best), FadeIn(rows[1]), run_time=1.0)
        self.errors.add(*rows)
        self.best = best

    def beat_closing(self) -> None:
        theme = self.theme
        pairs = range(len(self.pair_steps))
        self.play(
            self.sketch.restore(),
            *(self.sketch.settle_pair(i, theme.result) for i in pairs),
            self.fit_curve.animate.set_stroke(opacity=1.0),
            self.line.animate.set_stroke(opacity=0.45),
            self.best.animate.set_stroke(opacity=0.45),
            run_time=1.0,
        )
        self._caption("Activation functions are what let a network bend")
        self.play(Circumscribe(self.errors, color=theme.text, buff=0.15), run_time=1.2)
