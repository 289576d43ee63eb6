"""Activation functions: each curve with a point moving along it, then why a network needs them.

ReLU, sigmoid, the binary step and tanh (the values' ``functions``) are drawn through the points
nnmath sampled. A point travels along each curve and stops at the values' ``points``, with x and
f(x) read live from nnmath's samples and, at each stop, from nnmath's values at that point. Then
two linear layers without an activation are computed, and the product of their weights, computed
too, is shown to be one linear layer with the very same output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Flash,
    Indicate,
    Line,
    Mobject,
    SurroundingRectangle,
    Text,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    smooth,
)

from course.lecture1.activations import curve_beat_names, display_formula, display_name
from nnmath.activations import ACTIVATIONS
from nnmath.display import format_number, format_shape_x
from nnmath.lecture import Section
from nnmath.trace import Step
from scenes.base import Beat, LectureScene
from scenes.mobjects import CurvePlot, MatrixMob, Num
from scenes.takeaway import headline
from scenes.theme import Theme

__all__ = ["Activations", "display_name", "display_formula"]

#: What each activation does, in one line: the headline of its beat.
_TAKEAWAYS = {
    "relu": "ReLU passes a positive input and zeroes a negative one",
    "sigmoid": "Sigmoid squashes any input into the range 0 to 1",
    "step": "The binary step is off (0) or on (1), nothing between",
    "tanh": "tanh squashes any input into the range −1 to 1",
    "linear": "Linear passes its input through unchanged",
}

#: The size of every number, name and shape in the lines of the linear layers.
_TERM_SIZE = 34

#: The right edge of what the scene draws: the frame's half width (7.1) less the safe margin.
_RIGHT_EDGE = 6.7

#: A curve's beat is named by its function (``relu``, ``relu-2`` when named twice): its method's name.
_CURVE_BEAT = re.compile(rf"beat_({'|'.join(ACTIVATIONS)})(_\d+)?")


def _curve_colors(theme: Theme) -> list[str]:
    # theme.left is the colour of x (the input), so no curve takes it.
    return [theme.right, theme.product, theme.bias, theme.result, theme.muted]


def _padded_range(values: Sequence[np.ndarray]) -> tuple[float, float]:
    """A y range holding every value and 0, with a margin — axis scale, not a result."""
    low = min(0.0, *(float(np.min(v)) for v in values))
    high = max(0.0, *(float(np.max(v)) for v in values))
    pad = 0.08 * (high - low) if high > low else 0.5
    return low - pad, high + pad


class _LiveNumber(VGroup):
    """``label`` followed by a :class:`Num` that is replaced whenever the value shown changes.

    A fresh :class:`Num` (not a re-typeset one) is built each time, so the text recorded on screen
    is always nnmath's formatting of the value given.
    """

    def __init__(self, label: str, value: float, theme: Theme, *, color: str, size: float) -> None:
        super().__init__()
        self.theme, self.color_, self.size = theme, color, size
        self.label = Text(label, font=theme.font, font_size=size, color=theme.text)
        self._label_height = self.label.height
        self.number = Num(value, theme, color=color, font_size=size)
        self.number.next_to(self.label, RIGHT, buff=0.2)
        self.add(self.label, self.number)

    def show(self, value: float) -> None:
        if format_number(value) == self.number.number_text:
            return
        # Built at the original size, then scaled as the readout was (it may have been fitted).
        scale = self.label.height / self._label_height
        fresh = Num(value, self.theme, color=self.color_, font_size=self.size).scale(scale)
        fresh.next_to(self.label, RIGHT, buff=0.2 * scale)
        # Hidden as well as removed: manim draws, until the animation playing now ends, every
        # mobject that was on screen when it began, so a number only taken out of the group would
        # stay overprinted under the new one ("−5" under "−4.95") for the rest of the move.
        self.number.set_opacity(0)
        self.remove(self.number)
        self.number = fresh
        self.add(fresh)


class Activations(LectureScene):
    """ReLU, sigmoid, step and tanh with a moving point; two linear layers are one."""

    slug = "activations"

    def beats(self) -> list[Beat]:
        self.curves = curves = self._section("the curves").steps
        self.points = points = self._section("points on the curves").steps
        self.two = self._section("two linear layers ...").steps
        self.one = self._section("... are one linear layer").steps
        colors = _curve_colors(self.theme)
        # One beat per curve, named as the script names it (course/lecture1/activations.py).
        self.curve_plays: dict[str, Callable[[], None]] = {
            name: (lambda c=curve, s=stops, col=colors[k % len(colors)]: self._curve_beat(c, s, col))
            for k, (name, curve, stops) in enumerate(zip(curve_beat_names([c.op for c in curves]), curves, points))
        }
        return self.scripted_beats()  # the captions are the content module's script

    def __getattr__(self, name: str):
        # beat_relu, beat_sigmoid, …, beat_relu_2: one beat per curve the values name.
        if _CURVE_BEAT.fullmatch(name):
            beat = name[len("beat_"):].replace("_", "-")
            return lambda: self.curve_plays[beat]()
        raise AttributeError(name)

    def beat_side_by_side(self) -> None:
        self._side_by_side(self.curves, self.points)

    def beat_layer_1(self) -> None:
        self._layer_1(self.two)

    def beat_layer_2(self) -> None:
        self._layer_2(self.two)

    def beat_combined(self) -> None:
        self._combined(self.one)

    def beat_same_output(self) -> None:
        self._same_output(self.two, self.one)

    def _section(self, heading: str) -> Section:
        for section in self.explanation.sections:
            if section.heading == heading:
                return section
        raise KeyError(heading)

    def _clear(self) -> None:
        """Fade out everything on screen but the headline, so a new part starts on an empty slide."""
        on_screen = [m for m in self.mobjects if m.get_family() and m is not getattr(self, "heading", None)]
        if on_screen:
            self.play(*(FadeOut(m) for m in on_screen), run_time=0.5)
            for m in on_screen:
                m.clear_updaters()
            self.remove(*on_screen)

    # --- one activation: its curve and a point moving along it ----------------------------------

    def _curve_beat(self, curve: Step, stops: Step, color: str) -> None:
        theme = self.theme
        xs, ys = curve.inputs["x"], curve.output
        px, py = stops.inputs["points"], stops.output
        self._clear()
        headline(self, _TAKEAWAYS.get(curve.op, f"{display_name(curve.op)}: {display_formula(curve.note)}"))
        plot = CurvePlot(
            theme,
            x_range=(float(xs[0]), float(xs[-1])),
            y_range=_padded_range([ys, py]),
            width=6.6,
            height=5.4,
            x_label="x",
            y_label=f"{curve.op}(x)",
        )
        plot.axes_at_edges()
        self._back_ticks(plot)
        plot.to_edge(LEFT, buff=0.7).to_edge(DOWN, buff=0.45)
        line = plot.add_curve(xs, ys, color=color)
        self.play(FadeIn(VGroup(*(m for m in plot.submobjects if m is not plot.curves))), run_time=1.0)
        self.play(Create(line), run_time=1.5)

        panel_left = plot.get_right()[0] + 0.7
        # Sized so that the widest number a readout can show still fits beside the plot.
        widest = self.text(f"{curve.op}(x) = −0.0000", size=theme.number_size)
        size = theme.number_size * min(1.0, (_RIGHT_EDGE - panel_left) / widest.width)
        live_x = _LiveNumber("x =", xs[0], theme, color=theme.left, size=size)
        live_y = _LiveNumber(f"{curve.op}(x) =", ys[0], theme, color=color, size=size)
        readout = VGroup(live_x, live_y).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        # The function's name and formula, in its colour, over its readout.
        formula = self.text(display_formula(curve.note), size=theme.label_size + 4, color=color)
        # Fitted on its own: a long formula must not shrink the readout and the table with it.
        self.fit(formula, width=_RIGHT_EDGE - panel_left)
        formula.next_to(readout, UP, buff=0.5, aligned_edge=LEFT)
        table = self._stop_table(curve.op, px, py, color)
        table.next_to(readout, DOWN, buff=0.7, aligned_edge=LEFT)
        panel = VGroup(formula, readout, table)
        self.fit(panel, width=_RIGHT_EDGE - panel_left, height=5.6)
        panel.move_to(np.array([panel_left, plot.axes.get_center()[1], 0]), aligned_edge=LEFT)
        rows = table.rows

        # The sample nearest each stop: where the moving point heads (a lookup, not a result).
        i_of = [int(np.argmin(np.abs(xs - p))) for p in px]
        tracker = ValueTracker(0)
        dot = Dot(plot.point(xs[0], ys[0]), radius=0.11, color=theme.text)
        stop: dict[str, int | None] = {"at": None}

        def follow(mob: Mobject) -> None:
            # Between stops: the current sample's x and f(x); at a stop: nnmath's value there.
            if stop["at"] is None:
                i = int(round(tracker.get_value()))
                x, y, where = xs[i], ys[i], (xs[i], ys[i])
            else:
                k = stop["at"]
                x, y = px[k], py[k]
                where = (px[k], py[k]) if xs[0] <= px[k] <= xs[-1] else (xs[i_of[k]], ys[i_of[k]])
            mob.move_to(plot.point(*where))
            live_x.show(x)
            live_y.show(y)

        dot.add_updater(follow)
        self.play(FadeIn(formula), FadeIn(dot), FadeIn(readout), FadeIn(table.header), run_time=0.6)
        current = 0
        for k, target in enumerate(i_of):
            stop["at"] = None
            span = abs(target - current) / max(len(xs) - 1, 1)
            self.play(tracker.animate.set_value(target), run_time=float(np.clip(4.0 * span, 0.5, 2.0)), rate_func=smooth)
            stop["at"] = k
            dot.update()
            current = target
            self.play(
                Flash(dot, color=color, line_length=0.2, flash_radius=0.3),
                TransformFromCopy(live_x.number, rows[k][0]),
                TransformFromCopy(live_y.number, rows[k][1]),
                run_time=0.8,
            )
        dot.clear_updaters()

    def _back_ticks(self, plot: CurvePlot) -> None:
        # A rim of background colour keeps a tick label readable where a curve runs through it.
        plot.tick_labels.set_stroke(self.theme.background, width=6, background=True)
        plot.tick_labels.set_z_index(1)

    def _stop_table(self, op: str, px: np.ndarray, py: np.ndarray, color: str) -> VGroup:
        """Two columns, x and f(x), one row per stop; ``.header`` and ``.rows`` (Num pairs)."""
        theme = self.theme
        size = theme.label_size + 4
        # x is written in the text colour wherever it names the axis or the readout.
        x_head = self.text("x", size=theme.label_size, color=theme.text)
        y_head = self.text(f"{op}(x)", size=theme.label_size, color=theme.muted)
        rows = [
            (Num(x, theme, color=theme.left, font_size=size), Num(y, theme, color=color, font_size=size))
            for x, y in zip(px, py)
        ]
        col_x = max([x_head.width, *(r[0].width for r in rows)])
        col_gap = 0.8
        x_head.move_to(np.array([col_x, 0, 0]), aligned_edge=RIGHT)
        y_head.move_to(np.array([col_x + col_gap, 0, 0]), aligned_edge=LEFT)
        step = 0.5
        for k, (a, b) in enumerate(rows):
            y = -(k + 1) * step - 0.1
            a.move_to(np.array([col_x, y, 0]), aligned_edge=RIGHT)
            b.move_to(np.array([col_x + col_gap, y, 0]), aligned_edge=LEFT)
        rule = self._rule(x_head, y_head, rows)
        table = VGroup(x_head, y_head, rule, *(VGroup(a, b) for a, b in rows))
        table.header = VGroup(x_head, y_head, rule)
        table.rows = rows
        return table

    def _rule(self, x_head: Mobject, y_head: Mobject, rows: list) -> Mobject:
        right = max([y_head.get_right()[0], *(r[1].get_right()[0] for r in rows)])
        y = x_head.get_bottom()[1] - 0.12
        return Line(np.array([x_head.get_left()[0] - 0.1, y, 0]), np.array([right + 0.1, y, 0]), stroke_width=2, color=self.theme.muted)

    # --- all the curves side by side -----------------------------------------------------------

    def _side_by_side(self, curves: Sequence[Step], points: Sequence[Step]) -> None:
        self._clear()
        theme = self.theme
        colors = _curve_colors(theme)
        headline(self, f"{len(curves)} activations: {len(curves)} ways to bend a straight line")
        cols = 2 if len(curves) <= 4 else 3
        panels = VGroup()
        for k, (curve, stops) in enumerate(zip(curves, points)):
            xs, ys = curve.inputs["x"], curve.output
            color = colors[k % len(colors)]
            plot = CurvePlot(
                theme,
                x_range=(float(xs[0]), float(xs[-1])),
                y_range=_padded_range([ys]),
                # Small enough that the grid of panels needs no shrinking: tick labels keep 18 px.
                width=5.0,
                height=2.0,
                x_label="x",
                y_label="",
                tick_count=3,
            )
            plot.axes_at_edges()
            self._back_ticks(plot)
            plot.add_curve(xs, ys, color=color, stroke_width=4)
            dots = VGroup(
                *(plot.dot(x, y, color=theme.text, radius=0.06) for x, y in zip(stops.inputs["points"], stops.output) if xs[0] <= x <= xs[-1])
            )
            name = self.text(display_name(curve.op), size=theme.label_size, color=color)
            formula = self.text(display_formula(curve.note), size=theme.small_size + 2, color=theme.muted)
            label = VGroup(name, formula).arrange(RIGHT, buff=0.3)
            label.next_to(plot.axes, UP, buff=0.25)
            panels.add(VGroup(plot, dots, label))
        panels.arrange_in_grid(cols=cols, buff=(0.9, 0.5))
        if len(panels) % cols:
            # A last row that is not full sits in the middle.
            last = VGroup(*panels[len(panels) - len(panels) % cols :])
            last.set_x(panels.get_x())
        self.fit(panels, width=13.0, height=6.2)
        panels.next_to(self.heading, DOWN, buff=0.3)
        self.play(*(FadeIn(p) for p in panels), run_time=1.2)

    # --- two linear layers are one ------------------------------------------------------------

    def _term(self, values: np.ndarray, name: str | None, color: str, *, column: bool = False) -> VGroup:
        """A matrix with its name above; ``.matrix`` is the :class:`MatrixMob`.

        A vector (a bias) keeps numpy's shape, (n,), whether drawn as a row or as a column: it is
        neither 1×n nor n×1.
        """
        values = np.asarray(values)
        matrix = MatrixMob(values, self.theme, color=color, column=column, font_size=_TERM_SIZE, show_shape=False)
        # Names and shapes as large as the numbers: these lines are scaled down to fit the frame.
        shape = f"({len(values)},)" if values.ndim == 1 else format_shape_x(values.shape)
        matrix.add(self.text(shape, size=_TERM_SIZE, color=self.theme.muted).next_to(matrix.brackets, DOWN, buff=0.15))
        term = VGroup(matrix)
        if name:
            term.add(self.text(name, size=_TERM_SIZE, color=color).next_to(matrix.brackets, UP, buff=0.18))
        term.matrix = matrix
        return term

    def _equation(self, parts: Sequence[VGroup | str]) -> VGroup:
        """Terms and operators in a row, every matrix's brackets centred on one line."""
        row = VGroup()
        x = 0.0
        for part in parts:
            if isinstance(part, str):
                mob, middle = self.text(part, size=34, color=self.theme.muted), None
            else:
                mob, middle = part, part.matrix.brackets
            centre = (middle if middle is not None else mob).get_center()[1]
            mob.shift(-centre * UP + (x - mob.get_left()[0]) * RIGHT)
            x = mob.get_right()[0] + 0.3
            row.add(mob)
        return row

    def _dense(self, x: VGroup, w: VGroup, b: np.ndarray, b_name: str | None, dot: Step, out: VGroup) -> VGroup:
        """``x · w + b = np.dot + b = out``, on one row or, if ``self._split``, on two.

        ``.first`` (``x · w + b``) and ``.second`` (the rest) are revealed one after the other;
        ``.input`` and ``.result`` are the first and last terms.
        """
        theme = self.theme
        first = [x, "·", w, "+", self._term(b, b_name, theme.bias)]
        second = ["=", self._term(dot.output, None, theme.product), "+", self._term(b, None, theme.bias), "=", out]
        if self._split:
            first_row, second_row = self._equation(first), self._equation(second)
            second_row.next_to(first_row, DOWN, buff=0.35).align_to(first_row, LEFT).shift(0.5 * RIGHT)
        else:
            row = self._equation(first + second)
            first_row, second_row = VGroup(*row[:5]), VGroup(*row[5:])
        # Room for a frame around the result without touching its "=".
        out.shift(0.15 * RIGHT)
        dense = VGroup(first_row, second_row)
        dense.first, dense.second, dense.input, dense.result = first_row, second_row, x, out
        return dense

    def _fitted(self, build: Callable[[], VGroup], *, width: float, height: float) -> VGroup:
        """Build a layout of dense lines on one row each and on two; keep the one drawn larger, fitted.

        Small operands read best on one row; tall ones (a 3×3 w) leave room for two rows.
        """
        best, best_scale = None, -1.0
        for split in (False, True):
            self._split = split
            group = build()
            scale = min(1.0, width / group.width, height / group.height)
            if scale > best_scale + 1e-6:
                best, best_scale = group, scale
        return self.fit(best, width=width, height=height)

    def _layer_line(self, dot: Step, add: Step, label: str, result: str) -> VGroup:
        """``label`` beside one dense layer, input · Wᵀ + b, from its steps."""
        theme = self.theme
        (x_name, x), (w_name, w) = dot.inputs.items()
        b_name, b = list(add.inputs.items())[1]
        # One colour per object: X is the input; f1, layer 1's output, keeps the output's colour
        # when it comes back as layer 2's input.
        dense = self._dense(
            self._term(x, x_name, theme.left if x_name.upper() == "X" else theme.result),
            self._term(w, w_name, theme.right),
            b,
            b_name,
            dot,
            self._term(add.output, result, theme.result),
        )
        return self._tagged(label, dense)

    def _layer_1(self, two: Sequence[Step]) -> None:
        self._clear()
        headline(self, "Two linear layers, no activation between them")
        # Both lines are built now and scaled together, so layer 2 is drawn at layer 1's size.
        lines = self._fitted(
            lambda: VGroup(
                self._layer_line(two[1], two[2], "layer 1", "f1"),
                self._layer_line(two[5], two[6], "layer 2", "output"),
            ).arrange(DOWN, buff=0.7, aligned_edge=LEFT),
            width=13.4,
            height=5.8,
        )
        self.layer1, self.layer2 = lines
        activation = two[3]
        note = self.text(
            f"no activation between them: {activation.op}, {display_formula(activation.note)}, keeps each z as it is",
            size=self.theme.label_size,
            color=self.theme.muted,
        )
        self.fit(note, width=13.0)
        note.to_edge(DOWN, buff=0.5)
        lines.move_to((self.heading.get_bottom() + note.get_top()) / 2)
        self.play(FadeIn(note), run_time=0.6)
        self._reveal(self.layer1)

    def _layer_2(self, two: Sequence[Step]) -> None:
        # Layer 1's output is layer 2's input.
        headline(self, "Layer 2 takes layer 1's output as its input")
        self.play(TransformFromCopy(self.layer1[1].result.matrix.grid, self.layer2[1].input.matrix.grid), run_time=0.9)
        self._reveal(self.layer2)

    def _reveal(self, layer: VGroup) -> None:
        """The operands, then the product, then the bias added: one layer in three steps."""
        tag, dense = layer
        self.play(FadeIn(tag), FadeIn(dense.first), run_time=0.9)
        self.play(*(FadeIn(m) for m in dense.second[:2]), run_time=0.8)
        self.play(*(FadeIn(m) for m in dense.second[2:]), run_time=0.8)
        self.play(Indicate(dense.result.matrix.grid, color=self.theme.result), run_time=0.8)

    def _tagged(self, tag: str, line: VGroup, *, color: str | None = None) -> VGroup:
        """``line`` with a word on its left."""
        label = self.text(tag, size=_TERM_SIZE, color=color or self.theme.muted)
        # Beside the first row of a line that is split in two.
        first = getattr(line, "first", line)
        label.next_to(line, LEFT, buff=0.45).set_y(first.get_y())
        return VGroup(label, line)

    def _combined(self, one: Sequence[Step]) -> None:
        theme = self.theme
        weights, carried, bias = one[0], one[1], one[2]
        self._clear()
        headline(self, "Multiplied out, the two layers are one linear layer")
        quantities = self.explanation.quantities
        identity = self.text(
            f"{quantities['two linear layers'].how}  =  {quantities['one linear layer'].how}",
            size=theme.label_size,
            color=theme.text,
        )

        def build() -> VGroup:
            weight_line = self._equation(
                [
                    self._term(weights.inputs["w2"], "w2", theme.right),
                    "·",
                    self._term(weights.inputs["w1"], "w1", theme.right),
                    "=",
                    self._term(weights.output, None, theme.result),
                ]
            )
            bias_line = self._dense(
                self._term(carried.inputs["w2"], "w2", theme.right),
                self._term(carried.inputs["b1"], "b1", theme.bias, column=True),
                bias.inputs["b2"],
                "b2",
                carried,
                self._term(bias.output, None, theme.result),
            )
            return VGroup(
                self._tagged("W =", weight_line, color=theme.right),
                self._tagged("b =", bias_line, color=theme.bias),
            ).arrange(DOWN, buff=0.6, aligned_edge=LEFT)

        block = self._fitted(build, width=13.0, height=4.8)
        weight_line, bias_line = block[0][1], block[1][1]
        identity.next_to(self.heading, DOWN, buff=0.35)
        block.next_to(identity, DOWN, buff=0.5)
        self.play(FadeIn(identity), run_time=0.8)
        self.play(FadeIn(block[0]), run_time=1.0)
        self.play(Indicate(weight_line[-1].matrix.grid, color=theme.result), run_time=0.6)
        self.play(FadeIn(block[1]), run_time=1.0)
        self.play(Indicate(bias_line.result.matrix.grid, color=theme.result), run_time=0.6)

    def _same_output(self, two: Sequence[Step], one: Sequence[Step]) -> None:
        theme = self.theme
        dot, add = one[4], one[5]
        x_name, x = next(iter(dot.inputs.items()))
        b = list(add.inputs.values())[1]

        def build() -> VGroup:
            line = self._dense(
                self._term(x, x_name, theme.left),
                self._term(list(dot.inputs.values())[1], "Wᵀ", theme.right),
                b,
                "b",
                dot,
                self._term(add.output, None, theme.result),
            )
            # The two layers' output, from their own trace, right under the one layer's.
            two_result = self._term(two[-1].output, None, theme.result).matrix
            two_result.next_to(line.result.matrix, DOWN, buff=0.55)
            two_tag = self.text("two layers", size=_TERM_SIZE, color=theme.muted)
            two_tag.next_to(two_result.brackets, LEFT, buff=0.45)
            return VGroup(self._tagged("one layer", line), two_result, two_tag)

        group = self._fitted(build, width=13.0, height=4.6)
        layer, two_result, two_tag = group
        line = layer[1]
        names = self.text("W = w2·w1,   b = w2·b1 + b2", size=theme.label_size, color=theme.muted)
        names.next_to(self.heading, DOWN, buff=0.35)
        verdict = self.text("the same output: without activations, stacking layers adds nothing", size=theme.label_size)
        verdict.to_edge(DOWN, buff=0.6)
        group.move_to((names.get_bottom() + verdict.get_top()) / 2)
        headline(self, "The same output: stacking linear layers adds nothing")
        self.play(*(FadeOut(m) for m in self.mobjects if m is not self.heading), FadeIn(names), run_time=0.6)
        self._reveal(layer)
        self.play(FadeIn(two_tag), FadeIn(two_result), run_time=0.8)
        both = VGroup(line.result.matrix, two_result)
        frame = SurroundingRectangle(both, color=theme.result, buff=0.08, corner_radius=0.1)
        self.play(Create(frame), FadeIn(verdict), run_time=1.0)
