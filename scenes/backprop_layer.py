"""backprop-layer: a batch backwards through a dense layer, shapes first.

X, W and dvalues with their shapes; then each gradient as what it is computed from — dweights as
the product Xᵀ·dvalues (one cell worked: a row of Xᵀ against a column of dvalues), dbiases as the
column sums of dvalues, dinputs as dvalues·Wᵀ — each beside the shape of what it is the gradient
of. Every number is from the content module's Explanation.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, Line, TransformFromCopy, VGroup, Write

from nnmath.display import format_shape_x
from scenes.lecture2_style import MatrixScene, role
from scenes.mobjects import Num

__all__ = ["BackpropLayer"]


class BackpropLayer(MatrixScene):
    """Shapes, then dweights, dbiases and dinputs, each shaped like its parameter."""

    slug = "backprop-layer"

    # --- beats ----------------------------------------------------------------------------------

    def beat_shapes(self) -> None:
        theme = self.theme
        self.heading = self.title("A layer backwards: X·W + b")
        x = self._matrix("X", role(theme, "input"))
        w = self._matrix("W", role(theme, "weight"))
        dv = self._matrix("dvalues", self.gradient)
        row = VGroup(x, w, dv).arrange(RIGHT, buff=0.9)
        self.fit(row, width=13.2, height=4.6)
        row.move_to(0.2 * DOWN)
        note = self._note(f"dvalues = ∂L/∂output: a row per sample, a column per neuron, {format_shape_x(self.q['output'].shape)} like the output")
        self.play(Write(self.heading), run_time=0.8)
        self.play(FadeIn(x), FadeIn(w), run_time=0.9)
        self.play(FadeIn(dv, shift=0.2 * LEFT), FadeIn(note), run_time=0.9)

    def beat_dweights(self) -> None:
        # row 0 of Xᵀ is the first input across the batch, met by column 0 of dvalues
        self._product(
            self._matrix("Xᵀ", role(self.theme, "input")),
            self._matrix("dvalues", self.gradient),
            self._matrix("dweights", self.gradient),
            f"a matrix product again, shaped like W: {format_shape_x(self.q['W'].shape)} — this is backprop",
        )

    def beat_dbiases(self) -> None:
        theme = self.theme
        self._clear()
        dv = self._matrix("dvalues", self.gradient)
        dv.matrix.shape_label.set_opacity(0)
        dv.move_to(0.7 * UP)
        bottom = dv.matrix.brackets.get_bottom()[1]
        rule = Line([dv.matrix.brackets.get_left()[0], bottom - 0.25, 0], [dv.matrix.brackets.get_right()[0], bottom - 0.25, 0], color=theme.muted, stroke_width=2)
        # each sum right-aligned under its column, as the column's entries are
        sums = [
            Num(value, theme, color=self.gradient, font_size=self.matrix_size).move_to([dv.matrix.entry(0, j).get_right()[0], bottom - 0.65, 0], aligned_edge=RIGHT)
            for j, value in enumerate(self.q["dbiases"])
        ]
        label = self.text("dbiases =", size=theme.label_size, color=self.gradient)
        label.next_to(rule.get_left(), LEFT, buff=0.3).set_y(sums[0].get_y())
        note = self._note(f"Σ over the batch: one per neuron, shaped like b: {format_shape_x(self.q['b'].shape)}")
        self.play(FadeIn(VGroup(dv.label, dv.matrix.grid, dv.matrix.brackets)), run_time=0.7)
        self.play(Create(rule), FadeIn(label), run_time=0.5)
        self.play(*(TransformFromCopy(dv.matrix.column(j), sums[j]) for j in range(len(sums))), run_time=1.2)
        self.play(FadeIn(note), run_time=0.5)

    def beat_dinputs(self) -> None:
        self._product(
            self._matrix("dvalues", self.gradient),
            self._matrix("Wᵀ", role(self.theme, "weight")),
            self._matrix("dinputs", self.gradient),
            f"shaped like X: {format_shape_x(self.q['X'].shape)} — the gradient handed to the layer before",
        )
