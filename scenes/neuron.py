"""A neuron: ŷ = g(b + Σ xᵢwᵢ) — each input times its weight, the sum, the bias, the non-linearity."""

from __future__ import annotations

from manim import (
    DOWN,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    LEFT,
    MathTex,
    Mobject,
    ReplacementTransform,
    TransformFromCopy,
    VGroup,
    Write,
    config,
)

from course.lecture1.neuron import activation_step
from nnmath.trace import ProductStep, Step
from scenes.base import MIN_TEXT_PX, SAFE_MARGIN, Beat, LectureScene, text_px
from scenes.mobjects import DotTerms, Num
from scenes.mobjects.neuron import COMPACT_ROW_GAP, NeuronDiagram
from scenes.takeaway import with_headlines

__all__ = ["Neuron"]

#: Font size of the worked lines under the diagram, the most room they take and their gap to it.
_LINE_SIZE = 34
_LINE_WIDTH, _LINE_HEIGHT = 12.6, 1.3
_LINE_BUFF = 0.35


class Neuron(LectureScene):
    """The book's single neuron, computed step by step on its diagram."""

    slug = "neuron"

    def beats(self) -> list[Beat]:
        self.weighted: ProductStep = self.explanation.step("Σ xᵢwᵢ")
        self.z_step: Step = self.explanation.step("z = b + Σ xᵢwᵢ")
        self.g_step: Step = activation_step(self.explanation)
        self.cell = self.weighted.cell()
        self.diagram = self._diagram()
        # Built here, not in its beat: its height (two lines) decides the room left for the diagram.
        self.terms = DotTerms(self.cell.left, self.cell.right, self.cell.products, self.cell.value, self.theme, font_size=_LINE_SIZE)
        self.fit(self.terms, width=_LINE_WIDTH, height=_LINE_HEIGHT)
        takeaways = {
            "products": "Each input is multiplied by its weight",
            "sum": "Σ adds the products up into one number",
            "bias": "The bias is added in Σ: z = b + Σ xᵢwᵢ",
            "activation": f"g = {self.g_step.op} turns z into the output ŷ",
        }
        # The captions are the content module's script; the headlines, words about the drawing, are here.
        return with_headlines(self, self.scripted_beats(), takeaways.get)

    # --- layout helpers -----------------------------------------------------------------------

    def _line(self, *parts: str | Mobject) -> VGroup:
        """A worked line under the diagram: strings become text, numbers are given as Nums."""
        mobjects = [self.text(p, size=_LINE_SIZE) if isinstance(p, str) else p for p in parts]
        line = VGroup(mobjects[0])
        for before, part, mobject in zip(parts, parts[1:], mobjects[1:]):
            # Parentheses hug what they enclose, as in written maths.
            tight = isinstance(before, str) and before.endswith("(") or isinstance(part, str) and part.startswith(")")
            mobject.next_to(line[-1], RIGHT, buff=0.05 if tight else 0.16)
            line.add(mobject)
        return self._place_line(line)

    def _place_line(self, line: Mobject) -> Mobject:
        self.fit(line, width=_LINE_WIDTH, height=_LINE_HEIGHT)
        line.next_to(self.diagram, DOWN, buff=_LINE_BUFF)
        return line

    def _diagram(self, row_gap: float | None = None) -> NeuronDiagram:
        theme, kwargs = self.theme, {} if row_gap is None else {"row_gap": row_gap}
        inputs, weights, bias = self.weighted.inputs["x"], self.weighted.inputs["w"], float(self.z_step.inputs["b"])
        return NeuronDiagram(inputs, weights, bias, theme, activation=self.g_step.op, font_size=0.9 * theme.number_size, **kwargs)

    def _fit_diagram(self, room: float) -> None:
        """Shrink the diagram into ``room`` units of height and 12.8 of width; if that takes its
        smallest names under the minimum text size (many or wide inputs), draw its rows closer
        together and let it use the frame's whole width inside the safe margin instead."""
        self.fit(self.diagram, width=12.8, height=room)
        if min(text_px(t) for t in self.diagram.get_family() if text_px(t)) < MIN_TEXT_PX:
            whole = config.frame_width - 2 * SAFE_MARGIN - 0.01
            self.diagram = self.fit(self._diagram(COMPACT_ROW_GAP), width=whole, height=room)

    def _num(self, value, color: str, *, decimals: int | None = None) -> Num:
        return Num(float(value), self.theme, color=color, font_size=_LINE_SIZE, decimals=decimals)

    # --- beats --------------------------------------------------------------------------------

    def beat_perceptron(self) -> None:
        theme = self.theme
        formula = MathTex(
            r"\hat{y}", "=", "g", r"\Big(", "b", "+", r"\sum_i", "x_i", "w_i", r"\Big)", font_size=46, color=theme.text
        )
        for index, color in ((0, theme.result), (4, theme.bias), (7, theme.left), (8, theme.right)):
            formula[index].set_color(color)
        heading = VGroup(self.text(self.explanation.title, size=theme.title_size), formula).arrange(RIGHT, buff=0.6)
        heading.to_edge(UP, buff=SAFE_MARGIN)
        self.heading = heading
        # The worked lines need the room of the tallest (the sum's two lines) above the bottom margin.
        bottom = -config.frame_height / 2 + SAFE_MARGIN + self.terms.height + _LINE_BUFF
        room = heading.get_bottom()[1] - 0.3 - bottom
        self._fit_diagram(room)
        # A diagram wider than tall leaves room: share it out above and below.
        spare = max(0.0, room - self.diagram.height)
        self.diagram.next_to(heading, DOWN, buff=0.3 + spare / 3)
        self.diagram.set_x(0)
        self.play(Write(heading), run_time=1.0)
        self.play(FadeIn(self.diagram), run_time=1.2)

    def beat_products(self) -> None:
        """Term by term: xᵢ and wᵢ light up, and their product appears on the edge."""
        theme, diagram, cell = self.theme, self.diagram, self.cell
        self._place_line(self.terms)
        self.edge_products = VGroup()
        # Name the new column in the diagram's row of part labels ("weights" has the same letter heights).
        weights_label = diagram.labels[1]
        column = self.text("products", color=theme.muted).match_height(weights_label)
        column.move_to([diagram.product_point(diagram.shown()[0])[0], weights_label.get_y(), 0])
        self.play(FadeIn(VGroup(*(m for m in self.terms.factor_line if not isinstance(m, Num))), column), run_time=0.5)
        for i in diagram.shown():
            boxes = VGroup(diagram.box(diagram.input(i), color=theme.product), diagram.box(diagram.weight(i), color=theme.product))
            # Written as the term line writes it (its products' decimals).
            number = diagram.place_product(i, diagram.number(cell.products[i], color=theme.product, decimals=self.terms.line.decimals[2]))
            product = VGroup(diagram.patch(number), number)
            self.play(Create(boxes), run_time=0.4)
            self.play(
                TransformFromCopy(diagram.input_values[i], self.terms.lefts[i]),
                TransformFromCopy(diagram.weight_values[i], self.terms.rights[i]),
                run_time=0.6,
            )
            self.play(
                TransformFromCopy(VGroup(diagram.input_values[i], diagram.weight_values[i]), product[1]),
                FadeIn(product[0]),
                run_time=0.6,
            )
            self.play(FadeOut(boxes), run_time=0.3)
            self.edge_products.add(product)

    def beat_sum(self) -> None:
        theme, diagram, cell = self.theme, self.diagram, self.cell
        self.play(FadeIn(self.terms.product_line, shift=0.2 * DOWN), run_time=1.0)
        self.sum_value = diagram.place_sum(diagram.number(cell.value, color=theme.result, decimals=self.terms.line.decimals[3]))
        self.add(diagram.patch(self.sum_value))
        flying = [p[1].copy() for p in self.edge_products]
        self.play(*(f.animate.move_to(diagram.sum_node) for f in flying), run_time=0.8)
        self.remove(*flying)
        self.play(TransformFromCopy(self.terms.total, self.sum_value), Indicate(diagram.sum(), color=theme.result), run_time=0.8)
        self.leave_until_next_beat(self.terms)

    def beat_bias(self) -> None:
        """b travels down its arrow into Σ, where it is added: under Σ, b + Σ xᵢwᵢ; z leaves on the wire."""
        theme, diagram, step = self.theme, self.diagram, self.z_step
        b = self._num(step.inputs["b"], theme.bias)
        # Σ as the term line wrote it, with its decimals.
        s = self._num(step.inputs["Σ xᵢwᵢ"], theme.result, decimals=self.terms.line.decimals[3])
        z = self._num(step.output, theme.result)
        # One text, so that its letters share a baseline; b in the bias colour as in the diagram.
        formula = self.text("z = b + Σ xᵢwᵢ =", size=_LINE_SIZE, t2c={"b": theme.bias})
        line = self._line(formula, b, "+", s, "=", z)
        # At Σ: the bias joins the sum already there, written b + Σ xᵢwᵢ as in the formula.
        added = diagram.number(step.inputs["b"], color=theme.bias)
        plus = self.text("+", size=added.font_size, color=theme.text)
        plus.next_to(self.sum_value, LEFT, buff=0.12)
        added.next_to(plus, LEFT, buff=0.12)
        at_sum = VGroup(diagram.patch(VGroup(added, plus)), added, plus)
        self.z_value = diagram.place_z(diagram.number(step.output, color=theme.result))
        self.play(Indicate(diagram.bias(), color=theme.bias), run_time=0.8)
        travelling = diagram.bias_value.copy()
        self.play(travelling.animate.move_to(diagram.sum_node), run_time=0.7)
        self.play(ReplacementTransform(travelling, added), FadeIn(at_sum[0]), FadeIn(plus), run_time=0.7)
        self.play(FadeIn(VGroup(line[0], line[2], line[4])), TransformFromCopy(added, b), TransformFromCopy(self.sum_value, s), run_time=1.0)
        self.play(FadeIn(z, shift=0.2 * RIGHT), run_time=0.6)
        self.play(TransformFromCopy(z, self.z_value), run_time=0.8)
        self.leave_until_next_beat(line)

    def beat_activation(self) -> None:
        theme, diagram, step = self.theme, self.diagram, self.g_step
        name = step.op
        z = self._num(step.inputs["z"], theme.result)
        y = self._num(step.output, theme.result)
        line = self._line(f"ŷ = {name}(z) = {name}(", z, ")", "=", y)
        formula = self.text(f"{name}: {step.note}", size=_LINE_SIZE * 0.8, color=theme.muted)
        formula.next_to(line, DOWN, buff=0.2)
        self.output_value = diagram.place_output(diagram.number(step.output, color=theme.result))
        self.play(Indicate(diagram.activation(), color=theme.result), FadeIn(formula), run_time=0.9)
        self.play(FadeIn(VGroup(line[0], line[2], line[3])), TransformFromCopy(self.z_value, z), run_time=1.0)
        self.play(FadeIn(y, shift=0.2 * RIGHT), run_time=0.6)
        self.play(TransformFromCopy(y, self.output_value), run_time=0.8)
        self.play(Indicate(diagram.output(), color=theme.result), run_time=0.6)
