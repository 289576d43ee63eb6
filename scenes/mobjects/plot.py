"""Axes with curves drawn through the points nnmath sampled, for activations, losses and derivatives."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Dot, Text, VGroup, VMobject

from nnmath.display import format_number
from scenes.theme import Theme

__all__ = ["CurvePlot", "nice_ticks"]


def nice_ticks(low: float, high: float, count: int = 5) -> np.ndarray:
    """Round tick positions (steps of 1, 2 or 5 × 10ᵏ) covering [low, high] — axis scale, not a result."""
    span = max(high - low, 1e-9)
    raw = span / max(count - 1, 1)
    magnitude = 10 ** np.floor(np.log10(raw))
    step = max(m * magnitude for m in (1, 2, 5) if m * magnitude <= raw * (1 + 1e-9))
    ticks = np.arange(np.ceil(low / step), np.floor(high / step) + 1) * step
    # Whole multiples of the step, so 0 is 0 and not −2.2e-16.
    return np.round(ticks, int(max(0, -np.floor(np.log10(step)) + 1)))


class CurvePlot(VGroup):
    """Axes sized for a slide, with tick labels in the theme's font (no LaTeX).

    Parameters
    ----------
    theme
    x_range, y_range : (low, high) of each axis
    width, height : size on screen in scene units
    x_label, y_label : axis names

    Attributes
    ----------
    axes : the manim :class:`Axes`
    curves : the curves added, in order
    """

    def __init__(
        self,
        theme: Theme,
        *,
        x_range: tuple[float, float],
        y_range: tuple[float, float],
        width: float = 6.0,
        height: float = 4.0,
        x_label: str = "x",
        y_label: str = "y",
        tick_count: int = 5,
    ) -> None:
        super().__init__()
        self.theme = theme
        x_ticks = nice_ticks(*x_range, tick_count)
        y_ticks = nice_ticks(*y_range, tick_count)
        self.axes = Axes(
            x_range=[x_range[0], x_range[1], float(x_ticks[1] - x_ticks[0]) if len(x_ticks) > 1 else 1.0],
            y_range=[y_range[0], y_range[1], float(y_ticks[1] - y_ticks[0]) if len(y_ticks) > 1 else 1.0],
            x_length=width,
            y_length=height,
            axis_config={"color": theme.muted, "stroke_width": 2, "include_tip": False},
        )
        size = theme.small_size
        self._tick = lambda value: Text(format_number(value, 3).replace("-", "−"), font=theme.font, font_size=size, color=theme.muted)
        self.tick_labels = VGroup()
        # Which labels belong to which axis, for moving an axis to the plot's edge.
        self.x_tick_labels: list[Text] = []
        self.y_tick_labels: list[Text] = []

        # Labels sit beside the axis lines, wherever the axes cross; 0 is written once, on the x axis.
        for x in x_ticks:
            if x_range[0] <= x <= x_range[1]:
                self.x_tick_labels.append(self._tick(x).next_to(self.axes.x_axis.n2p(x), DOWN, buff=0.12))
        for y in y_ticks:
            if y_range[0] <= y <= y_range[1] and not (y == 0 and x_range[0] <= 0 <= x_range[1]):
                self.y_tick_labels.append(self._tick(y).next_to(self.axes.y_axis.n2p(y), LEFT, buff=0.12))
        self._y_ticks = [float(y) for y in y_ticks if y_range[0] <= y <= y_range[1]]
        # The y axis as drawn (a copy at the left edge once moved): where a y tick label goes.
        self._drawn_y_axis = self.axes.y_axis
        self.tick_labels.add(*self.x_tick_labels, *self.y_tick_labels)
        self.x_label = Text(x_label, font=theme.font, font_size=theme.label_size, color=theme.text)
        self.x_label.next_to(self.axes.x_axis.get_right(), RIGHT, buff=0.15)
        self.y_label = Text(y_label, font=theme.font, font_size=theme.label_size, color=theme.text)
        self.y_label.next_to(self.axes.y_axis.get_top(), UP, buff=0.15)
        self.curves = VGroup()
        self.add(self.axes, self.tick_labels, self.x_label, self.y_label, self.curves)

    def y_axis_at_left(self) -> None:
        """Draw the y axis, its tick labels and its name at the left edge of the plot.

        manim's Axes cross at x = 0 when 0 lies inside the x range, which puts the y axis in the
        middle of a curve over negative and positive x. The axis itself stays (hidden) where it
        is: ``Axes.c2p`` places points from it.
        """
        axes = self.axes
        shift = axes.x_axis.get_left()[0] - axes.y_axis.get_x()
        if abs(shift) < 1e-6:
            return
        drawn = axes.y_axis.copy().shift(shift * RIGHT)
        axes.y_axis.set_stroke(opacity=0)
        for mobject in (*self.y_tick_labels, self.y_label):
            mobject.shift(shift * RIGHT)
        self._drawn_y_axis = drawn
        self.add(drawn)
        self._write_y_zero()

    def _write_y_zero(self) -> None:
        """Write 0 beside the y axis once the axes no longer cross at y = 0.

        Where they cross, 0 is written once, on the x axis. Moving either axis to the plot's edge
        parts the two: the x axis's 0 goes with it (to the bottom, or stays in the middle while
        the y axis leaves), and the y axis would read 0.5, −0.5 with no 0 between them.
        """
        zero_y = self.axes.c2p(0, 0)[1]
        if 0.0 not in self._y_ticks or any(abs(m.get_y() - zero_y) < 1e-6 for m in self.y_tick_labels):
            return
        zero = self._tick(0.0).next_to([self._drawn_y_axis.get_x(), zero_y, 0], LEFT, buff=0.12)
        self.y_tick_labels.append(zero)
        self.tick_labels.add(zero)

    def axes_at_edges(self) -> None:
        """Both axes at the plot's edges (:meth:`y_axis_at_left`, :meth:`x_axis_at_bottom`): across
        the middle of a plot (a sine, tanh, a parabola over negative and positive x) their tick
        labels would sit where the curves pass."""
        self.y_axis_at_left()
        self.x_axis_at_bottom()

    def x_axis_at_bottom(self) -> None:
        """Draw the x axis, its tick labels and its name at the bottom edge of the plot (for a map
        of two weights, where the axis through y = 0 would run through what is drawn)."""
        axes = self.axes
        shift = axes.y_axis.get_bottom()[1] - axes.x_axis.get_y()
        if abs(shift) < 1e-6:
            return
        drawn = axes.x_axis.copy().shift(shift * UP)
        axes.x_axis.set_stroke(opacity=0)
        for mobject in (*self.x_tick_labels, self.x_label):
            mobject.shift(shift * UP)
        self.add(drawn)
        self._write_y_zero()

    def add_curve(self, x: np.ndarray, y: np.ndarray, *, color: str, stroke_width: float = 5) -> VMobject:
        """A smooth-cornered polyline through the points (x[i], y[i]) nnmath computed; shape (k,) each.

        Points outside the y range are clipped to it, so a steep curve leaves the panel at its edge.
        """
        low, high = self.axes.y_range[0], self.axes.y_range[1]
        clipped = np.clip(np.asarray(y, dtype=float), low, high)
        curve = VMobject(stroke_color=color, stroke_width=stroke_width)
        curve.set_points_as_corners([self.axes.c2p(float(a), float(b)) for a, b in zip(x, clipped)])
        self.curves.add(curve)
        return curve

    def point(self, x: float, y: float) -> np.ndarray:
        """The scene position of the data point (x, y)."""
        return self.axes.c2p(float(x), float(y))

    def dot(self, x: float, y: float, *, color: str, radius: float = 0.09) -> Dot:
        """A dot at the data point (x, y)."""
        return Dot(self.point(x, y), radius=radius, color=color)
