"""backprop-layer: a batch backwards through a dense layer, shapes first.

X, W and dvalues with their shapes; then each gradient as what it is computed from — dweights as
the product Xᵀ·dvalues (one cell worked: a row of Xᵀ against a column of dvalues), dbiases as the
column sums of dvalues, dinputs as dvalues·Wᵀ — each beside the shape of what it is the gradient
of. Every number is from the content module's Explanation.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Line, TransformFromCopy, VGroup, Write

from nnmath.display import format_shape_x
from scenes.base import LectureScene
from scenes.lecture2_style import role
from scenes.mobjects import MatrixMob, Num

__all__ = ["BackpropLayer"]

_SIZE = 28


class BackpropLayer(LectureScene):
    """Shapes, then dweights, dbiases and dinputs, each shaped like its parameter."""

    slug = "backprop-layer"

    def setup(self) -> None:
        super().setup()
        self.q = {name: quantity.value for name, quantity in self.explanation.quantities.items()}
        self.gradient = role(self.theme, "gradient")

    def _matrix(self, name: str, color: str) -> VGroup:
        """The quantity ``name`` as a matrix with its name above and its shape below."""
        matrix = MatrixMob(self.q[name], self.theme, color=color, font_size=_SIZE, h_gap=0.4)
        label = self.text(name, size=self.theme.label_size, color=color).next_to(matrix, UP, buff=0.2)
        group = VGroup(label, matrix)
        group.matrix, group.label = matrix, label
        return group

    def _symbol(self, content: str) -> VGroup:
        return self.text(content, size=36, color=self.theme.muted)

    def _equation(self, *parts: VGroup) -> VGroup:
        """Matrices and symbols in a row, their brackets' centres level, fitted under the title."""
        row = VGroup(*parts).arrange(RIGHT, buff=0.35)
        for part in parts:
            if hasattr(part, "matrix"):
                part.shift((row.get_center()[1] - part.matrix.brackets.get_center()[1]) * UP)
            else:
                part.set_y(row.get_center()[1])
        self.fit(row, width=13.2, height=4.6)
        return row.move_to(0.2 * DOWN)

    def _note(self, content: str, color: str | None = None) -> VGroup:
        note = self.text(content, size=self.theme.caption_size, color=color or self.theme.muted)
        return self.fit(note, width=13.2, height=1.0).to_edge(DOWN, buff=0.45)

    def _clear(self) -> None:
        keep = {id(self.heading)}
        self.play(*(FadeOut(m) for m in self.mobjects if id(m) not in keep), run_time=0.5)

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

    def _product(self, left: VGroup, right: VGroup, result: VGroup, note: str) -> None:
        """left · right = result: the operands, one cell worked (a row of left against a column of
        right, copied into the result's first entry), then the other entries."""
        self._clear()
        row = self._equation(left, self._symbol("·"), right, self._symbol("="), result)
        note_mob = self._note(note)
        self.play(FadeIn(left), FadeIn(row[1]), FadeIn(right), run_time=0.9)
        boxes = (left.matrix.row_box(0), right.matrix.column_box(0))
        self.play(*(FadeIn(b) for b in boxes), run_time=0.6)
        self.play(
            FadeIn(row[3]),
            FadeIn(result.label),
            FadeIn(result.matrix.brackets),
            FadeIn(result.matrix.shape_label),
            TransformFromCopy(VGroup(left.matrix.row(0), right.matrix.column(0)), result.matrix.entry(0, 0)),
            run_time=1.0,
        )
        rest = [num for index, num in result.matrix.entries.items() if index != (0, 0)]
        self.play(*(FadeOut(b) for b in boxes), *(FadeIn(num) for num in rest), FadeIn(note_mob), run_time=1.0)

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
            Num(value, theme, color=self.gradient, font_size=_SIZE).move_to([dv.matrix.entry(0, j).get_right()[0], bottom - 0.65, 0], aligned_edge=RIGHT)
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
