"""The dot product a·b = a₁b₁ + a₂b₂ + … term by term, the lengths that must match, and a·b = b·a."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    Indicate,
    MathTex,
    RoundedRectangle,
    Text,
    TransformFromCopy,
    VGroup,
    VMobject,
    Write,
)

from nnmath.display import drawn_decimals
from nnmath.trace import ProductStep
from scenes.base import Beat, LectureScene
from scenes.mobjects import DotTerms, Num, ShapeCheck, ShapeText
from scenes.mobjects.highlight import highlight_box
from scenes.mobjects.dot import MAX_TERMS
from scenes.takeaway import with_headlines
from scenes.theme import Theme

__all__ = ["DotProduct"]

#: Size of the numbers in the term-by-term lines.
_TERMS_SIZE = 52
#: Height of the centre of the term-by-term lines.
_TERMS_Y = -1.05


def _shown(n: int) -> list[int | None]:
    """The entries drawn, elided as :class:`DotTerms` elides its terms."""
    return list(range(n)) if n <= MAX_TERMS else [*range(MAX_TERMS - 2), None, n - 1]


class _VectorRows(VGroup):
    """Two vectors as rows one above the other, their entries in shared columns.

    Parameters
    ----------
    top, bottom : arrays of shape (n,), drawn in that order
    names : the names written before the rows, e.g. ``("a", "b")``
    colors : the colours of the two rows
    font_size : size of the numbers (default: the theme's)

    Attributes
    ----------
    rows : dict name -> the row (name, brackets, entries), to move a whole vector
    entries : dict name -> list of :class:`Num` (``None`` where elided)
    """

    def __init__(
        self,
        top: np.ndarray,
        bottom: np.ndarray,
        theme: Theme,
        *,
        names: tuple[str, str],
        colors: tuple[str, str],
        font_size: float | None = None,
    ) -> None:
        super().__init__()
        self.theme = theme
        size = font_size or theme.number_size
        shown = _shown(len(top))
        self.entries: dict[str, list[Num | None]] = {}
        self.rows: dict[str, VGroup] = {}
        cells: dict[str, list] = {}
        for name, values, color in zip(names, (top, bottom), colors):
            self.entries[name] = [None] * len(values)
            cells[name] = []
            # A vector's entries share their decimals, as its term line writes them (term_line).
            decimals = drawn_decimals(values, max_shown=MAX_TERMS)
            for i in shown:
                if i is None:
                    cells[name].append(Text("⋯", font=theme.font, font_size=size, color=theme.muted))
                    continue
                num = Num(values[i], theme, color=color, font_size=size, decimals=decimals)
                self.entries[name][i] = num
                cells[name].append(num)
        # Shared columns, each as wide as its wider entry.
        widths = [max(cells[name][c].width for name in names) for c in range(len(shown))]
        row_gap = 1.05 * size / 40
        for r, (name, color) in enumerate(zip(names, colors)):
            x = 0.0
            for c, cell in enumerate(cells[name]):
                # Centred in their column, so that each pair reads as one column.
                cell.move_to(np.array([x + widths[c] / 2, -r * row_gap, 0.0]))
                x += widths[c] + 0.6
            grid = VGroup(*cells[name])
            label = Text(f"{name} =", font=theme.font, font_size=size, color=color)
            # Both rows span all columns, so their brackets line up too.
            brackets = self._brackets(grid, 0.0, x - 0.6)
            label.next_to(brackets, LEFT, buff=0.2)
            self.rows[name] = VGroup(label, brackets, grid)
            self.add(self.rows[name])
        self.center()

    def _brackets(self, grid: VGroup, start: float, end: float) -> VGroup:
        pad_x, pad_y, lip = 0.24, 0.14, 0.16
        left, right = start - pad_x, end + pad_x
        top, bottom = grid.get_top()[1] + pad_y, grid.get_bottom()[1] - pad_y

        def bracket(x: float, direction: float) -> VMobject:
            path = VMobject(stroke_color=self.theme.text, stroke_width=3)
            corners = [(x + direction * lip, top), (x, top), (x, bottom), (x + direction * lip, bottom)]
            return path.set_points_as_corners([np.array([cx, cy, 0.0]) for cx, cy in corners])

        return VGroup(bracket(left, 1), bracket(right, -1))

    def pair_box(self, i: int) -> RoundedRectangle:
        """A filled box behind entry i of both vectors: the pair that is multiplied."""
        pair = VGroup(*(entries[i] for entries in self.entries.values()))
        return highlight_box(pair, self.theme, pad_x=0.24, pad_y=0.2)


class DotProduct(LectureScene):
    """a·b term by term, colour-coded; then b·a gives the same number."""

    slug = "dot-product"

    def beats(self) -> list[Beat]:
        self.ab: ProductStep = self.explanation.step("np.dot(a, b)")
        self.ba: ProductStep = self.explanation.step("np.dot(b, a)")
        theme = self.theme
        self.vectors = _VectorRows(
            self.ab.inputs["a"],
            self.ab.inputs["b"],
            theme,
            names=("a", "b"),
            colors=(theme.left, theme.right),
            font_size=1.2 * theme.number_size,
        )
        takeaways = {
            "lengths": "a and b must have the same length",
            "terms": "Multiply the entries pair by pair",
            "sum": "Add the products: a·b is one number",
            "order": "b·a = a·b: the order does not matter",
        }
        # The captions are the content module's script; the headlines, words about the drawing, are here.
        return with_headlines(self, self.scripted_beats(), takeaways.get)

    # --- beats --------------------------------------------------------------------------------

    def _formula(self) -> MathTex:
        """a·b = a₁b₁ + a₂b₂ + … + aₙbₙ, every a in the left colour and every b in the right."""
        (n,) = self.ab.shapes["a"]
        indices = [str(i + 1) for i in range(n)] if n <= 4 else ["1", "2", None, str(n)]
        parts = ["a", r"\cdot", "b", "="]
        for k, i in enumerate(indices):
            if k:
                parts.append("+")
            parts += [r"\cdots"] if i is None else [f"a_{{{i}}}", f"b_{{{i}}}"]
        formula = MathTex(*parts, font_size=48, color=self.theme.text)
        for part, tex in zip(parts, formula):
            if part.startswith("a"):
                tex.set_color(self.theme.left)
            elif part.startswith("b"):
                tex.set_color(self.theme.right)
        return formula

    def beat_vectors(self) -> None:
        theme = self.theme
        heading = VGroup(self.text(self.explanation.title, size=theme.title_size), self._formula()).arrange(RIGHT, buff=0.7)
        self.fit(heading, width=13.0, height=1.0)
        heading.to_edge(UP, buff=0.35)
        self.heading = heading
        self.fit(self.vectors, width=9.0, height=2.2)
        # Left of centre: the lengths are written to the right of the vectors.
        self.vectors.move_to(np.array([-0.9, 1.45, 0.0]))
        self.play(Write(heading), run_time=1.0)
        self.play(FadeIn(self.vectors), run_time=1.0)

    def _place_result(self, line: VGroup, *, side: float) -> VGroup:
        """Results go on the bottom row: np.dot(a, b) on the left (side −1), np.dot(b, a) on the right."""
        self.fit(line, width=6.2, height=0.8)
        return line.move_to(np.array([side * 3.5, -3.0, 0.0]))

    def beat_lengths(self) -> None:
        theme, step = self.theme, self.ab
        lengths = VGroup()
        for name, color in (("a", theme.left), ("b", theme.right)):
            shape = ShapeText(step.shapes[name], theme, color=color, font_size=theme.number_size * 0.8)
            label = VGroup(self.text("length", size=theme.label_size, color=theme.muted), shape).arrange(RIGHT, buff=0.15)
            shape.align_to(label[0][0], DOWN)  # on the baseline of "length"
            label.next_to(self.vectors.rows[name], RIGHT, buff=0.5)
            lengths.add(label)
        left, right = step.intermediates["left_view"].shape, step.intermediates["right_view"].shape
        # nnmath's products have shape (m, p, n) in the 2-D view: (m, p) is the result's shape there.
        check = ShapeCheck(left, right, step.intermediates["products"].shape[:2], theme, font_size=theme.number_size)
        note = self.text("as matrices, a row times a column:", size=theme.label_size, color=theme.muted)
        panel = VGroup(note, check).arrange(DOWN, buff=0.2)
        panel.move_to(np.array([0.0, _TERMS_Y, 0.0]))
        self.play(FadeIn(lengths), run_time=0.8)
        self.play(*(Indicate(label[1], color=theme.result, scale_factor=1.4) for label in lengths), run_time=1.0)
        self.play(FadeIn(panel), run_time=0.8)
        # Letter by letter: animating the slice itself would make manim split the ShapeText apart.
        inner = [*check.left_inner, *check.right_inner]
        self.play(*(Indicate(digit, color=theme.result) for digit in inner), run_time=1.0)
        # Stay lit in the still.
        for lit in (*(label[1] for label in lengths), *inner):
            lit.set_color(theme.result)
        self.leave_until_next_beat(lengths, panel)

    def _place_terms(self, terms: DotTerms) -> DotTerms:
        self.fit(terms, width=12.6, height=1.8)
        return terms.move_to(np.array([0.0, _TERMS_Y, 0.0]))

    def beat_terms(self) -> None:
        theme, cell = self.theme, self.ab.cell()
        self.terms = self._place_terms(DotTerms(cell.left, cell.right, cell.products, cell.value, theme, font_size=_TERMS_SIZE))
        terms, entries = self.terms, self.vectors.entries
        product_signs = [m for m in terms.product_line if not isinstance(m, Num) and m is not terms.equals_total]
        self.play(FadeIn(VGroup(*(m for m in terms.factor_line if not isinstance(m, Num)))), run_time=0.5)
        boxes = VGroup()
        for k, i in enumerate(j for j in _shown(len(cell.products)) if j is not None):
            box = self.vectors.pair_box(i)
            self.play(FadeIn(box), run_time=0.4)
            self.play(
                TransformFromCopy(entries["a"][i], terms.lefts[i]),
                TransformFromCopy(entries["b"][i], terms.rights[i]),
                run_time=0.7,
            )
            self.play(
                TransformFromCopy(VGroup(terms.lefts[i], terms.rights[i]), terms.products[i]),
                *([FadeIn(VGroup(*product_signs))] if k == 0 else []),
                run_time=0.6,
            )
            boxes.add(box)
        # The boxes stay for the still: each column of the vectors is one term.
        self.leave_until_next_beat(boxes)

    def _result_line(self, label: str, terms: DotTerms) -> VGroup:
        """``label`` and the total of ``terms``, written as the line writes it."""
        size = 1.15 * self.theme.number_size
        total = Num(terms.total.value, self.theme, color=self.theme.result, font_size=size, decimals=terms.line.decimals[3])
        line = VGroup(self.text(label, size=size), total)
        return line.arrange(RIGHT, buff=0.2)

    def beat_sum(self) -> None:
        theme, terms = self.theme, self.terms
        self.result_ab = self._result_line(f"{self.ab.label} =", terms)
        self._place_result(self.result_ab, side=-1)
        self.play(FadeIn(VGroup(terms.equals_total, terms.total), shift=0.2 * RIGHT), run_time=0.8)
        self.play(FadeIn(self.result_ab[0]), TransformFromCopy(terms.total, self.result_ab[1]), run_time=1.0)
        self.leave_until_next_beat(terms)

    def beat_order(self) -> None:
        theme, cell = self.theme, self.ba.cell()
        rows = self.vectors.rows
        offset = rows["a"].get_center()[1] - rows["b"].get_center()[1]
        self.play(rows["a"].animate.shift(offset * DOWN), rows["b"].animate.shift(offset * UP), run_time=1.0)
        terms = self._place_terms(
            DotTerms(cell.left, cell.right, cell.products, cell.value, theme, left_color=theme.right, right_color=theme.left, font_size=_TERMS_SIZE)
        )
        entries = self.vectors.entries
        shown = [i for i in _shown(len(cell.products)) if i is not None]
        self.play(
            FadeIn(VGroup(*(m for m in terms.factor_line if not isinstance(m, Num)))),
            *(TransformFromCopy(entries["b"][i], terms.lefts[i]) for i in shown),
            *(TransformFromCopy(entries["a"][i], terms.rights[i]) for i in shown),
            run_time=1.2,
        )
        self.play(FadeIn(terms.product_line, shift=0.2 * DOWN), run_time=0.9)
        result_ba = self._place_result(self._result_line(f"{self.ba.label} =", terms), side=1)
        self.play(FadeIn(result_ba[0]), TransformFromCopy(terms.total, result_ba[1]), run_time=1.0)
        self.play(Indicate(self.result_ab[1], color=theme.result), Indicate(result_ba[1], color=theme.result), run_time=1.0)
