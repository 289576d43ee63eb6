"""relu-backward: the mask. z and the arriving gradient; ReLU's slope per entry (1 where z > 0);
the gradient times the mask, zero where z ≤ 0. Every number is from the content module's
Explanation.
"""

from __future__ import annotations

from manim import DOWN, RIGHT, FadeIn, TransformFromCopy, VGroup, Write

from scenes.lecture2_style import MatrixScene, role

__all__ = ["ReluBackward"]


class ReluBackward(MatrixScene):
    """z → mask on the top row; dvalues ⊙ mask = drelu below."""

    slug = "relu-backward"

    def _layout(self) -> None:
        """Both rows built up front (the beats reveal them), the matrices of a column aligned."""
        theme = self.theme
        self.z = self._matrix("z", role(theme, "output"))
        self.arrow = self._symbol("→  slope  →")
        self.mask = self._matrix("mask", theme.text, "mask: 1 where z > 0")
        self.dv = self._matrix("dvalues", self.gradient)
        self.times = self._symbol("⊙")
        self.mask_copy = self._matrix("mask", theme.text)
        self.equals = self._symbol("=")
        self.drelu = self._matrix("drelu", self.gradient)
        top = VGroup(self.z, self.arrow, self.mask).arrange(RIGHT, buff=0.5)
        bottom = VGroup(self.dv, self.times, self.mask_copy, self.equals, self.drelu).arrange(RIGHT, buff=0.4)
        for row in (top, bottom):
            for part in row:
                if not hasattr(part, "matrix"):
                    part.set_y(row[0].matrix.get_y())
        both = VGroup(top, bottom).arrange(DOWN, buff=0.6)
        # the two masks one above the other
        top.shift((self.mask_copy.get_x() - self.mask.get_x()) * RIGHT)
        self.fit(both, width=13.2, height=5.8)
        both.next_to(self.heading, DOWN, buff=0.45)

    def beat_inputs(self) -> None:
        self.heading = self.title("ReLU backwards: a mask")
        self._layout()
        self.play(Write(self.heading), run_time=0.8)
        self.play(FadeIn(self.z), FadeIn(self.dv), run_time=1.0)

    def beat_mask(self) -> None:
        theme = self.theme
        # the entries that stop the gradient, z ≤ 0, dimmed in z and 0 in the mask
        dim = [self.z.matrix.entry(i, j) for (i, j), value in self._entries("mask") if value == 0]
        self.play(FadeIn(self.arrow), run_time=0.5)
        self.play(TransformFromCopy(self.z.matrix.grid, self.mask.matrix.grid), FadeIn(self.mask[0]), FadeIn(self.mask.matrix.brackets), FadeIn(self.mask.matrix.shape_label), run_time=1.2)
        self.play(*(d.animate.set_color(theme.muted) for d in dim), run_time=0.6)

    def beat_result(self) -> None:
        self.play(FadeIn(self.times), TransformFromCopy(self.mask, self.mask_copy), run_time=1.0)
        self.play(FadeIn(self.equals), FadeIn(self.drelu), run_time=1.0)
        # where the mask is 0 the gradient stops: those entries of drelu are the zeros
        zeros = [self.drelu.matrix.entry(i, j) for (i, j), value in self._entries("mask") if value == 0]
        self.play(*(z.animate.set_color(self.theme.muted) for z in zeros), run_time=0.6)

    def _entries(self, name: str):
        values = self.q[name]
        return (((i, j), values[i, j]) for i in range(values.shape[0]) for j in range(values.shape[1]))
