"""The derivative review: a secant's slope becoming the tangent's, then the chain rule on a neuron.

First the curve (y = x² in the lecture) and the point (x, f(x)); for each h in turn the secant
through (x, f(x)) and (x + h, f(x + h)) with its slope (f(x+h) − f(x)) / h, the slopes collecting
in a table as h shrinks, until the tangent with slope f'(x). Then y = g(w·x + b): z and its
partials, y and g'(z), and each ∂y/∂· as the product of its two factors. Every number is nnmath's.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    DL,
    DR,
    UL,
    UR,
    Create,
    FadeIn,
    FadeOut,
    Flash,
    Indicate,
    Line,
    Mobject,
    Text,
    Transform,
    VGroup,
)

from nnmath.display import format_number
from nnmath.trace import Step
from scenes.base import Beat, LectureScene
from scenes.mobjects import CurvePlot, Num
from scenes.takeaway import headline

__all__ = ["Derivatives"]

#: Size of the numbers and symbols in the equations.
_EQ_SIZE = 36

#: The largest the plot may be; it is smaller along one side so that x and y share one scale
#: (a slope of 2 then rises two squares per square across).
_PLOT_WIDTH, _PLOT_HEIGHT = 6.0, 5.8


def _padded_range(values: np.ndarray) -> tuple[float, float]:
    """A y range holding every value, with a margin — axis scale, not a result."""
    low, high = float(np.min(values)), float(np.max(values))
    pad = 0.1 * (high - low) if high > low else 0.5
    return low - pad, high + pad


def _clipped(point: np.ndarray, direction: np.ndarray, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The part of the line through ``point`` along ``direction`` inside the box [low, high] (screen x, y).

    Geometry of the drawing only: the line's slope is nnmath's, this just finds where it leaves the axes.
    """
    t0, t1 = -np.inf, np.inf
    for axis in (0, 1):
        if abs(direction[axis]) < 1e-12:
            continue
        a = (low[axis] - point[axis]) / direction[axis]
        b = (high[axis] - point[axis]) / direction[axis]
        t0, t1 = max(t0, min(a, b)), min(t1, max(a, b))
    return point + t0 * direction, point + t1 * direction


class Derivatives(LectureScene):
    """Secants shrinking to the tangent; the chain rule on relu(w·x + b)."""

    slug = "derivatives"

    def beats(self) -> list[Beat]:
        (self.curve, self.secant), (self.z, self.y, self.chain) = (s.steps for s in self.explanation.sections)
        return self.scripted_beats()  # the captions are the content module's script

    def beat_curve(self) -> None:
        self._curve(self.curve, self.secant)

    def beat_secant(self, k: int) -> None:
        self._secant(self.secant, k)

    def beat_tangent(self) -> None:
        self._tangent(self.secant)

    def beat_z(self) -> None:
        self._z(self.z, self.y)

    def beat_y(self) -> None:
        self._y(self.y)

    def beat_dy_dw(self) -> None:
        self._partial(self.y, self.chain, 0, "w")

    def beat_dy_dx(self) -> None:
        self._partial(self.y, self.chain, 1, "x")

    def beat_dy_db(self) -> None:
        self._partial(self.y, self.chain, 2, "b")

    # --- pieces -------------------------------------------------------------------------------

    def _sym(self, content: str, *, color: str | None = None, size: float = _EQ_SIZE) -> Text:
        return self.text(content, size=size, color=color or self.theme.text)

    def _num(self, value: float, color: str, size: float = _EQ_SIZE) -> Num:
        return Num(value, self.theme, color=color, font_size=size)

    @staticmethod
    def _row(*parts: Mobject, buff: float = 0.2) -> VGroup:
        """Parts side by side; a bracket hugs what it encloses."""
        row = VGroup(*parts).arrange(RIGHT, buff=buff)
        for left, right in zip(parts, parts[1:]):
            opens = isinstance(left, Text) and left.text.endswith("(")
            closes = isinstance(right, Text) and right.text.startswith(")")
            if opens or closes:
                gap = right.get_left()[0] - left.get_right()[0]
                VGroup(*parts[parts.index(right) :]).shift((0.06 - gap) * RIGHT)
        return row

    @staticmethod
    def _apart(*groups: Mobject) -> VGroup:
        """Equations on one line, clearly apart."""
        return VGroup(*groups).arrange(RIGHT, buff=0.8)

    # --- the secant becomes the tangent --------------------------------------------------------

    def _curve(self, curve: Step, secant: Step) -> None:
        theme = self.theme
        xs, ys = curve.inputs["x"], curve.output
        x, f_x = secant.inputs["x"], secant.intermediates["f_x"]
        headline(self, f"The slope of {curve.label} at x = {format_number(x)}: rise over run")
        x_range, y_range = (float(xs[0]), float(xs[-1])), _padded_range(ys)
        unit = min(_PLOT_WIDTH / (x_range[1] - x_range[0]), _PLOT_HEIGHT / (y_range[1] - y_range[0]))
        plot = CurvePlot(
            theme,
            x_range=x_range,
            y_range=y_range,
            width=unit * (x_range[1] - x_range[0]),
            height=unit * (y_range[1] - y_range[0]),
            x_label="x",
            y_label="f(x)",
        )
        plot.axes_at_edges()
        plot.tick_labels.set_stroke(theme.background, width=6, background=True)
        plot.tick_labels.set_z_index(1)
        plot.to_edge(LEFT, buff=0.6).to_edge(DOWN, buff=0.45)
        line = plot.add_curve(xs, ys, color=theme.text, stroke_width=4)
        self.plot = plot
        self.point = plot.dot(x, f_x, color=theme.left, radius=0.1)
        self.point.set_z_index(2)
        point_label = self.text("(x, f(x))", size=theme.small_size + 4, color=theme.left)
        self._place_label(point_label, rising=float(secant.output) >= 0)
        point_label.set_stroke(theme.background, width=6, background=True)

        self.panel = self._build_panel(secant, left=plot.get_right()[0] + 0.6)
        # An equal-scale parabola is narrow: the plot and its panel together sit in the middle.
        everything = VGroup(plot, self.point, point_label, self.panel)
        everything.shift((-everything.get_center()[0]) * RIGHT)
        self.play(FadeIn(VGroup(*(m for m in plot.submobjects if m is not plot.curves))), run_time=1.0)
        self.play(Create(line), run_time=1.2)
        self.play(FadeIn(self.point, scale=1.5), FadeIn(point_label), FadeIn(self.panel.point_line), run_time=0.8)

    def _place_label(self, label: Mobject, *, rising: bool) -> None:
        """Beside the point, on a side the curve and tangent do not pass, clear of the axes' labels."""
        sides = (UL, DR) if rising else (UR, DL)
        axes = self.plot.axes
        obstacles = [*self.plot.tick_labels, axes.y_axis, axes.x_axis]

        def hits(a: Mobject, b: Mobject, margin: float = 0.12) -> bool:
            return not (
                a.get_right()[0] + margin < b.get_left()[0]
                or b.get_right()[0] + margin < a.get_left()[0]
                or a.get_top()[1] + margin < b.get_bottom()[1]
                or b.get_top()[1] + margin < a.get_bottom()[1]
            )

        for side in sides:
            label.next_to(self.point, side, buff=0.1)
            if not any(hits(label, o) for o in obstacles):
                return
        label.next_to(self.point, sides[0], buff=0.1)

    def _build_panel(self, secant: Step, *, left: float) -> VGroup:
        """The right-hand side: x and f(x), one slope line per h, and the h | slope table.

        Everything is built (and scaled) up front; the beats reveal it piece by piece.
        """
        theme = self.theme
        x, f_x = secant.inputs["x"], secant.intermediates["f_x"]
        hs, fxh, slopes = secant.inputs["hs"], secant.intermediates["f_x_plus_h"], secant.intermediates["slopes"]
        point_line = self._apart(
            self._row(self._sym("x ="), self._num(x, theme.left)),
            self._row(self._sym("f(x) ="), self._num(f_x, theme.left)),
        )
        formula = self._sym("slope = (f(x + h) − f(x)) / h", color=theme.muted, size=theme.label_size)
        slope_lines = [self._slope_line(fxh[k], f_x, hs[k], slopes[k]) for k in range(len(hs))]
        tangent_line = self._row(
            self._sym("h → 0:  f′(x) ="), self._num(secant.output, theme.result)
        )
        table = self._slope_table(hs, slopes)
        # Each piece is shrunk on its own, so one long slope line does not shrink the table.
        width = 6.7 - left
        for piece in (point_line, formula, tangent_line):
            self.fit(piece, width=width, height=1.0)
        # The slope lines share one size, so the line does not jump from beat to beat.
        self.fit(VGroup(*slope_lines).arrange(DOWN), width=width, height=len(slope_lines) * 2.0)
        self.fit(table, width=width, height=3.2)
        panel = VGroup(point_line, formula, VGroup(*slope_lines, tangent_line), table)
        for line in slope_lines[1:] + [tangent_line]:
            line.move_to(slope_lines[0], aligned_edge=LEFT)
        panel.arrange(DOWN, buff=0.42, aligned_edge=LEFT)
        table.shift(0.15 * DOWN)
        self.fit(panel, width=width, height=6.4)
        panel.move_to(np.array([left, -0.45, 0]), aligned_edge=LEFT)
        panel.point_line, panel.formula, panel.slope_lines, panel.tangent_line, panel.table = (
            point_line,
            formula,
            slope_lines,
            tangent_line,
            table,
        )
        return panel

    def _slope_line(self, fxh: float, f_x: float, h: float, slope: float) -> VGroup:
        """``= (f(x+h) − f(x)) / h`` with nnmath's numbers, and ``= slope`` under it."""
        theme = self.theme
        quotient = self._row(
            self._sym("= ("),
            self._num(fxh, theme.right),
            self._sym("−"),
            self._num(f_x, theme.left),
            self._sym(") /"),
            self._num(h, theme.right),
        )
        result = self._row(self._sym("="), self._num(slope, theme.product))
        return VGroup(quotient, result).arrange(DOWN, buff=0.25, aligned_edge=LEFT)

    def _slope_table(self, hs: np.ndarray, slopes: np.ndarray) -> VGroup:
        """Columns h and slope, one row per h; ``.header`` and ``.rows``."""
        theme = self.theme
        size = theme.label_size + 4
        h_head = self._sym("h", color=theme.right, size=theme.label_size)
        s_head = self._sym("slope", color=theme.product, size=theme.label_size)
        rows = [(self._num(h, theme.right, size), self._num(s, theme.product, size)) for h, s in zip(hs, slopes)]
        col = max([h_head.width, *(r[0].width for r in rows)])
        gap = 0.9
        h_head.move_to(np.array([col, 0, 0]), aligned_edge=RIGHT)
        s_head.move_to(np.array([col + gap, 0, 0]), aligned_edge=LEFT)
        for k, (a, b) in enumerate(rows):
            y = -(k + 1) * 0.46 - 0.1
            a.move_to(np.array([col, y, 0]), aligned_edge=RIGHT)
            b.move_to(np.array([col + gap, y, 0]), aligned_edge=LEFT)
        right = max([s_head.get_right()[0], *(r[1].get_right()[0] for r in rows)])
        rule_y = h_head.get_bottom()[1] - 0.1
        rule = Line(np.array([-0.1, rule_y, 0]), np.array([right + 0.1, rule_y, 0]), stroke_width=2, color=theme.muted)
        table = VGroup(h_head, s_head, rule, *(VGroup(a, b) for a, b in rows))
        table.header = VGroup(h_head, s_head, rule)
        table.rows = [VGroup(a, b) for a, b in rows]
        return table

    def _line_through(self, x: float, y: float, slope: float, color: str) -> Line:
        """The line through the data point (x, y) with nnmath's ``slope``, cut at the axes' edges."""
        axes = self.plot.axes
        origin = axes.c2p(0, 0)
        direction = axes.c2p(1, float(slope)) - origin
        low = axes.c2p(axes.x_range[0], axes.y_range[0])
        high = axes.c2p(axes.x_range[1], axes.y_range[1])
        start, end = _clipped(self.plot.point(x, y), direction, low, high)
        return Line(start, end, color=color, stroke_width=4)

    def _secant(self, secant: Step, k: int) -> None:
        theme = self.theme
        x, f_x = secant.inputs["x"], secant.intermediates["f_x"]
        h, fxh, slope = secant.inputs["hs"][k], secant.intermediates["f_x_plus_h"][k], secant.intermediates["slopes"][k]
        line = self._line_through(x, f_x, slope, theme.right)
        # x + h only places the second dot; the numbers written are nnmath's h and f(x + h).
        other = self.plot.dot(float(x) + float(h), fxh, color=theme.right, radius=0.09)
        other.set_z_index(1)
        panel = self.panel
        headline(self, f"h = {format_number(h)}: the secant's slope is {format_number(slope)}")
        if k == 0:
            self.secant_line, self.other_dot = line, other
            self.play(Create(line), FadeIn(other, scale=1.5), FadeIn(panel.formula), FadeIn(panel.table.header), run_time=1.0)
            self.play(FadeIn(panel.slope_lines[0]), run_time=0.8)
        else:
            self.play(
                Transform(self.secant_line, line),
                Transform(self.other_dot, other),
                FadeOut(panel.slope_lines[k - 1]),
                run_time=1.0,
            )
            self.play(FadeIn(panel.slope_lines[k]), run_time=0.6)
        slope_num = panel.slope_lines[k][-1][-1]
        self.play(
            FadeIn(panel.table.rows[k][0]),
            Transform(slope_num.copy(), panel.table.rows[k][1], remover=True),
            run_time=0.6,
        )
        self.add(panel.table.rows[k][1])

    def _tangent(self, secant: Step) -> None:
        theme = self.theme
        x, f_x = secant.inputs["x"], secant.intermediates["f_x"]
        tangent = self._line_through(x, f_x, secant.output, theme.result)
        panel = self.panel
        headline(self, f"As h → 0 the secants become the tangent: slope {format_number(secant.output)}")
        self.play(
            Transform(self.secant_line, tangent),
            FadeOut(self.other_dot),
            FadeOut(panel.slope_lines[-1]),
            run_time=1.2,
        )
        self.play(FadeIn(panel.tangent_line), run_time=0.8)
        self.play(Flash(self.point, color=theme.result), Indicate(panel.tangent_line[-1], color=theme.result), run_time=0.8)

    # --- the chain rule -------------------------------------------------------------------------

    def _z(self, z: Step, y: Step) -> None:
        theme = self.theme
        self.play(*(FadeOut(m) for m in self.mobjects if m is not self.heading), run_time=0.6)
        self.chain_heading = headline(self, f"The chain rule on a neuron: y = {y.op}(w·x + b)")
        w, x, b = z.inputs["w"], z.inputs["x"], z.inputs["b"]
        self.z_line = self._row(
            self._sym("z = w·x + b ="),
            self._num(w, theme.left),
            self._sym("·"),
            self._num(x, theme.right),
            self._sym("+"),
            self._num(b, theme.bias),
            self._sym("="),
            self._num(z.output, theme.text),
        )
        partials = z.intermediates
        self.partial_line = self._apart(
            self._row(self._sym("∂z/∂w = x =", color=theme.muted), self._num(partials["dz_dw"], theme.right)),
            self._row(self._sym("∂z/∂x = w =", color=theme.muted), self._num(partials["dz_dx"], theme.left)),
            self._row(self._sym("∂z/∂b =", color=theme.muted), self._num(partials["dz_db"], theme.bias)),
        )
        self.equations = VGroup(self.z_line, self.partial_line)
        self._stack()
        self.play(FadeIn(self.z_line, shift=0.2 * DOWN), run_time=1.0)
        self.play(FadeIn(self.partial_line, shift=0.2 * DOWN), run_time=1.0)

    def _stack(self) -> None:
        self._layout(self.equations)

    def _layout(self, equations: VGroup) -> None:
        """Lay equations out under the heading, left-aligned, the block centred and fitted."""
        equations.arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        # A little more room between the forward pass (z, y) and the derivatives it gives.
        VGroup(*equations[4:]).shift(0.3 * DOWN)
        self.fit(equations, width=12.8, height=6.2)
        equations.next_to(self.heading, DOWN, buff=0.5)

    def _y(self, y: Step) -> None:
        theme = self.theme
        z = y.inputs["z"]
        headline(self, f"The outer slope at z = {format_number(z)}: {y.op}′({format_number(z)}) = {format_number(y.intermediates['derivative'])}")
        self.y_line = self._row(
            self._sym(f"y = {y.op}(z) = {y.op}("),
            self._num(z, theme.text),
            self._sym(") ="),
            self._num(y.output, theme.result),
        )
        self.g_line = self._row(
            self._sym(f"{y.op}′(z) = {y.op}′(", color=theme.muted),
            self._num(z, theme.text),
            self._sym(") =", color=theme.muted),
            self._num(y.intermediates["derivative"], theme.product),
        )
        self._grow(self.y_line, self.g_line)

    def _grow(self, *lines: VGroup) -> None:
        """Add ``lines`` under the equations so far (re-fitting the block if needed) and reveal them."""
        existing = list(self.equations)
        targets = [m.copy() for m in existing]
        self._layout(VGroup(*targets, *lines))
        if any(not np.allclose(m.get_center(), t.get_center()) or not np.isclose(m.height, t.height) for m, t in zip(existing, targets)):
            self.play(*(Transform(m, t) for m, t in zip(existing, targets)), run_time=0.5)
        self.equations = VGroup(*existing, *lines)
        for line in lines:
            self.play(FadeIn(line, shift=0.2 * DOWN), run_time=0.9)

    def _partial(self, y: Step, chain: Step, k: int, name: str) -> None:
        theme = self.theme
        g_prime, inner = chain.intermediates["factors"][k]
        inner_color = {"w": theme.right, "x": theme.left, "b": theme.bias}[name]
        headline(
            self,
            f"∂y/∂{name} = outer slope · inner slope = {format_number(g_prime)} · {format_number(inner)} = {format_number(chain.output[k])}",
        )
        line = self._row(
            self._sym(f"∂y/∂{name} = {y.op}′(z) · ∂z/∂{name} ="),
            self._num(g_prime, theme.product),
            self._sym("·"),
            self._num(inner, inner_color),
            self._sym("="),
            self._num(chain.output[k], theme.result),
        )
        self._grow(line)
        self.play(Indicate(line[-1], color=theme.result), run_time=0.6)
