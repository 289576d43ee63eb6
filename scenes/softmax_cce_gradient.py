"""softmax-cce-gradient: softmax's Jacobian at one sample; the cross-entropy's gradient −y/ŷ ÷ n;
their chain, row by row; and the shortcut (ŷ − y)/n beside it, the same numbers. Every number is
from the content module's Explanation.
"""

from __future__ import annotations

from manim import DOWN, UP, FadeIn, TransformFromCopy, Write

from scenes.lecture2_style import MatrixScene, role
from scenes.mobjects import Num

__all__ = ["SoftmaxCceGradient"]


class SoftmaxCceGradient(MatrixScene):
    """The long way (Jacobian, −y/ŷ, chain) and the shortcut (ŷ − y)/n."""

    slug = "softmax-cce-gradient"
    matrix_size = 26

    def _n(self) -> Num:
        return Num(self.q["samples"], self.theme, color=self.theme.text, font_size=self.matrix_size + 4)

    def _show(self, *parts, note: str) -> None:
        """Reveal an equation part by part, left to right, and its note."""
        row = self._equation(*parts)
        note_mob = self._note(note)
        for part in row:
            self.play(FadeIn(part), run_time=0.45)
        self.play(FadeIn(note_mob), run_time=0.4)

    def beat_jacobian(self) -> None:
        theme = self.theme
        self.heading = self.title("Softmax and cross-entropy backwards")
        s = self._matrix("s", role(theme, "output"), f"s, sample {self.explanation.objects['sample']}")
        jacobian = self._matrix("jacobian", self.gradient, "∂sᵢ/∂zⱼ = diag(s) − s·sᵀ")
        row = self._equation(s, self._symbol("→"), jacobian)
        note = self._note("sᵢ(1 − sᵢ) on the diagonal, −sᵢsⱼ elsewhere: each output moves with every score")
        self.play(Write(self.heading), run_time=0.8)
        self.play(FadeIn(s), run_time=0.6)
        self.play(FadeIn(row[1]), TransformFromCopy(s.matrix.grid, jacobian.matrix.grid), FadeIn(jacobian.label),
                  FadeIn(jacobian.matrix.brackets), FadeIn(jacobian.matrix.shape_label), run_time=1.2)
        self.play(FadeIn(note), run_time=0.4)

    def beat_cross_entropy(self) -> None:
        theme = self.theme
        self._clear()
        self._show(
            self._symbol("−"),
            self._matrix("one_hot", role(theme, "truth"), "y"),
            self._symbol("/"),
            self._matrix("outputs", role(theme, "output"), "ŷ"),
            self._symbol("÷"),
            self._n(),
            self._symbol("="),
            self._matrix("dcce", self.gradient, "∂CE/∂ŷ"),
            note="only the true class's term is in the loss, so only it has a gradient",
        )

    def beat_chain(self) -> None:
        self._clear()
        self._show(
            self._matrix("dcce", self.gradient, "∂CE/∂ŷ"),
            self._symbol("→"),
            self._matrix("separate", self.gradient, "∂CE/∂z"),
            note="through softmax, the chain rule: each sample's row times that sample's Jacobian",
        )

    def beat_shortcut(self) -> None:
        self._clear()
        combined = self._matrix("combined", self.gradient, "(ŷ − y)/n")
        row = self._equation(
            self._matrix("difference", role(self.theme, "output"), "ŷ − y"),
            self._symbol("÷"),
            self._n(),
            self._symbol("="),
            combined,
        )
        # the long way's result above the shortcut's, equal entry for entry
        separate = self._matrix("separate", self.gradient, "the long way")
        separate.scale(combined.matrix.width / separate.matrix.width)
        separate.matrix.shape_label.set_opacity(0)  # the same shape as the shortcut's, written below it
        separate.next_to(self.heading, DOWN, buff=0.3).set_x(combined.get_x())
        equal = self._symbol("=").rotate(1.5708).next_to(separate.matrix.brackets, DOWN, buff=0.12)
        row.shift((equal.get_bottom()[1] - 0.12 - combined.get_top()[1]) * UP)
        note = self._note("subtract 1 at the true class and divide by n: no Jacobian, no division by ŷ")
        self.play(FadeIn(separate), run_time=0.6)
        for part in row:
            self.play(FadeIn(part), run_time=0.45)
        self.play(FadeIn(equal), FadeIn(note), run_time=0.5)
