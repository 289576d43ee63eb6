"""np.dot(A, Bᵀ): entry (i, j) is row Aᵢ · row Bⱼ; the m×p grid fills in cell by cell.

Also holds the small layout and transpose helpers the ``layers`` scene reuses: a row of
labelled matrices whose brackets share one height, and Bᵀ built from B row by row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Animation, FadeIn, FadeOut, Indicate, Mobject, MoveToTarget, Succession, Text, Transform, VGroup, Write

from course.lecture1.matrix_matrix import DETAILED
from course.products import product_cells
from nnmath.display import subscripted  # row names such as A₁ count from 1, as the notes do
from nnmath.trace import Cell, ProductStep, Step
from scenes.base import MIN_TEXT_PX, Beat, LectureScene, text_px
from scenes.mobjects import DotTerms, MatrixMob, ShapeCheck
from scenes.mobjects.dot import sum_line  # re-exported: the layers scene's captions use it too
from scenes.products import PlaysProducts, hide_entries, product_players
from scenes.takeaway import with_headlines

__all__ = [
    "MatrixMatrix",
    "BAND_TOP",
    "BAND_BOTTOM",
    "sum_line",
    "row_shifts",
    "row_scale",
    "Rows",
    "play_transpose",
    "transpose_in_place",
    "terms_at_bottom",
]

#: Matrices (with their names and shape labels) live between these heights: a title and a
#: shape check above, the term-by-term line of a product below.
BAND_TOP, BAND_BOTTOM = 2.3, -1.9


def _anchor(mobject: Mobject) -> Mobject:
    """What a row of mobjects aligns on: a group's matrix brackets, or the mobject itself."""
    for part in mobject.get_family():
        if isinstance(part, MatrixMob):
            return part.brackets
    return mobject


def _extents(items: Sequence[Mobject]) -> tuple[float, float]:
    """The largest reach above and below the anchors' centres."""
    above = max(m.get_top()[1] - _anchor(m).get_center()[1] for m in items)
    below = max(_anchor(m).get_center()[1] - m.get_bottom()[1] for m in items)
    return above, below


def row_scale(items: Sequence[Mobject], buff: float, *, width: float = 13.2) -> float:
    """The factor (never above 1) that fits ``items`` in a row ``width`` wide, inside the band."""
    room = width - buff * (len(items) - 1)
    above, below = _extents(items)
    return min(1.0, room / sum(m.width for m in items), (BAND_TOP - BAND_BOTTOM) / (above + below))


def row_shifts(items: Sequence[Mobject], *, buff: float, x: float = 0.0) -> list[np.ndarray]:
    """Shifts that put ``items`` left to right, centred on ``x``, anchors on one line in the band."""
    above, below = _extents(items)
    y = (BAND_TOP - above + BAND_BOTTOM + below) / 2
    left = x - (sum(m.width for m in items) + buff * (len(items) - 1)) / 2
    shifts = []
    for m in items:
        shifts.append(np.array([left - m.get_left()[0], y - _anchor(m).get_center()[1], 0.0]))
        left += m.width + buff
    return shifts


class Rows:
    """Named arrangements of the same mobjects in one row, each as large as the frame allows.

    Parameters
    ----------
    layouts : name -> (items left to right, gap between them); built at their natural size,
        which is what every layout's scale factor is computed from
    width, x : the row's width and the x of its centre (room can be kept on one side)
    """

    def __init__(
        self, layouts: dict[str, tuple[Sequence[Mobject], float]], *, width: float = 13.2, x: float = 0.0, floor_labels: bool = False
    ) -> None:
        self.layouts = {name: (list(items), buff) for name, (items, buff) in layouts.items()}
        self.factors = {name: row_scale(items, buff, width=width) for name, (items, buff) in self.layouts.items()}
        self._scale: dict[int, float] = {}
        self._x = x
        # With ``floor_labels``, a matrix's name and shape are never drawn under the minimum text size
        # when the row shrinks (its entries still shrink): their natural font sizes, by id.
        self._natural: dict[int, float] = {}
        if floor_labels:
            for items, _ in self.layouts.values():
                for m in items:
                    self._natural.update((id(label), label.font_size) for label in _labels(m))

    def share(self, *names: str) -> None:
        """Give layouts ``names`` one scale factor, the smallest of theirs: the same matrices'
        numbers then keep one size from one of those rows to the next."""
        common = min(self.factors[name] for name in names)
        self.factors.update(dict.fromkeys(names, common))

    def go(self, name: str, *, moving: Sequence[Mobject] = ()) -> list[Animation]:
        """Arrange layout ``name``: the ``moving`` items (already on screen) get an animation each,
        the others are put in place at once, ready to fade in."""
        items, buff = self.layouts[name]
        factor = self.factors[name]
        targets = []
        for m in items:
            target = m.copy() if any(m is k for k in moving) else m
            target.scale(factor / self._scale.get(id(m), 1.0))
            self._scale[id(m)] = factor
            if self._natural:
                self._floor(m, target, factor)
            targets.append(target)
        animations: list[Animation] = []
        for m, target, shift in zip(items, targets, row_shifts(targets, buff=buff, x=self._x)):
            target.shift(shift)
            if target is not m:
                m.target = target
                animations.append(MoveToTarget(m))
        return animations


    def scale_like(self, item: Mobject, name: str) -> Mobject:
        """Scale ``item`` (at its natural size, in no layout) as layout ``name`` scales its items,
        its labels floored as theirs: a matrix that appears over one of the row's."""
        factor = self.factors[name]
        if self._natural:
            self._natural.update((id(label), label.font_size) for label in _labels(item))
        item.scale(factor)
        if self._natural:
            self._floor(item, item, factor)
        return item

    def _floor(self, item: Mobject, target: Mobject, factor: float) -> None:
        """Size ``target``'s labels (a copy of ``item``'s, or the same) at ``factor`` of their natural
        size, but no smaller than the minimum text size; each keeps the edge that faces its matrix."""
        anchor = _anchor(target).get_center()[1]
        for label, drawn in zip(_labels(item), _labels(target)):
            natural = self._natural[id(label)]
            # text_px is proportional to the font size: the font size that draws MIN_TEXT_PX.
            least = MIN_TEXT_PX * drawn.font_size / text_px(drawn)
            want = max(natural * factor, least)
            edge = DOWN if drawn.get_center()[1] > anchor else UP
            drawn.scale(want / drawn.font_size, about_edge=edge)


def _labels(item: Mobject) -> list[Text]:
    """A row item's name (a text beside its matrix) and its matrix's shape label, in a fixed order."""
    if isinstance(item, Text) or not any(isinstance(part, MatrixMob) for part in item.get_family()):
        return []
    names = [part for part in item.submobjects if isinstance(part, Text)]
    shapes = [part.shape_label for part in item.get_family() if isinstance(part, MatrixMob) and part.shape_label is not None]
    return names + shapes


def terms_at_bottom(terms: DotTerms) -> None:
    """Where a product's term-by-term line goes: under the band, shrunk to the frame if long."""
    LectureScene.fit(terms, width=13.0, height=1.5)
    terms.to_edge(DOWN, buff=0.55).set_x(0)


def play_transpose(scene: LectureScene, step: Step, source: MatrixMob, target: MatrixMob) -> None:
    """Fill ``target`` (drawn, entries hidden) from ``source`` row by row: row r becomes column r.

    ``step`` is nnmath's transpose; its ``source_index`` (shape (c, r, 2)) says which entry of
    ``source`` every entry of ``target`` came from.
    """
    origin = step.intermediates["source_index"]
    for r in range(source.shape[0]):
        pairs = [
            (source.entry(int(origin[i, j, 0]), int(origin[i, j, 1])), target.entry(i, j), j)
            for i, j in np.ndindex(*origin.shape[:2])
            if origin[i, j, 0] == r
        ]
        pairs = [(s, t, j) for s, t, j in pairs if s is not None and t is not None]
        if not pairs:
            continue  # an elided row: its dots stand for it
        boxes = VGroup(source.row_box(r), *(target.column_box(j) for j in sorted({j for *_, j in pairs})))
        copies = [s.copy() for s, _, _ in pairs]
        scene.play(FadeIn(boxes), run_time=0.3)
        scene.play(*(c.animate.move_to(t) for c, (_, t, _) in zip(copies, pairs)), run_time=0.7)
        scene.remove(*copies)
        for _, t, _ in pairs:
            t.set_opacity(1)
        scene.play(FadeOut(boxes), run_time=0.2)


def transpose_in_place(
    scene: LectureScene,
    step: Step,
    source: MatrixMob,
    target: MatrixMob,
    *,
    old: Mobject,
    new: Mobject,
    morphs: Sequence[tuple[Mobject, Mobject]],
) -> None:
    """``source``'s entries fly to their places in ``target``, drawn where ``source`` was.

    ``old`` (``source`` with its labels, on screen) gives way to ``new`` (``target`` with its
    labels, entries hidden): each pair of ``morphs`` (a bracket, a name, a row name that becomes a
    column name) turns from its old into its new form while the entries move, so nothing
    disappears without becoming something. ``step`` is nnmath's transpose (``source_index``).
    """
    origin = step.intermediates["source_index"]
    moves, arrived = [], []
    for i, j in np.ndindex(*origin.shape[:2]):
        s, t = source.entry(int(origin[i, j, 0]), int(origin[i, j, 1])), target.entry(i, j)
        if s is not None and t is not None:
            moves.append(s.animate.move_to(t))
            arrived.append((s, t))
    # A text that changes (B → Bᵀ, 3×4 → 4×3) fades out before its new form fades in: morphing
    # one into the other would overprint the two mid-way. Shapes and unchanged texts move.
    animations, changed = [], []
    for a, b in morphs:
        if isinstance(a, Text) and getattr(a, "original_text", a.text) != getattr(b, "original_text", b.text):
            animations.append(Succession(FadeOut(a, run_time=0.6), FadeIn(b, run_time=0.6)))
            changed.append(b)
        else:
            animations.append(Transform(a, b.copy()))
    dots = [m for m in source.grid if not any(m is s for s, _ in arrived)]
    scene.play(*moves, *animations, *(FadeOut(d) for d in dots), run_time=1.2)
    # The whole family: a FadeOut of one part has already split ``old`` into its parts on screen.
    scene.remove(*old.get_family(), *changed)
    for _, t in arrived:
        t.set_opacity(1)
    scene.add(new)


def _takeaway(beat: str) -> str | None:
    if beat == "rows-meet-rows" or beat.startswith("entry-"):
        return "Entry (i, j) = row Aᵢ · row Bⱼ"
    return {
        "transpose": "B turns into Bᵀ where it stands: its rows become columns",
        "shapes": "The inner dimensions match; the outer ones give the shape",
        "result": "np.dot(A, Bᵀ): every row of A meets every row of B",
    }.get(beat)


class MatrixMatrix(PlaysProducts, LectureScene):
    """A matrix times a transposed matrix, entry by entry."""

    slug = "matrix-matrix"

    def beats(self) -> list[Beat]:
        self.transposed = self.explanation.step("Bᵀ")
        self.product: ProductStep = self.explanation.step("np.dot(A, Bᵀ)")  # type: ignore[assignment]
        self._build()
        self.product_plays = self._product_plays()
        # The captions are the content module's script; the headlines, words about the drawing, are here.
        return with_headlines(self, self.scripted_beats(), _takeaway)

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        theme = self.theme
        self.A = MatrixMob(self.product.inputs["A"], theme, color=theme.left)
        self.B = MatrixMob(self.transposed.inputs["B"], theme, color=theme.right)
        self.Bt = MatrixMob(self.product.inputs["Bᵀ"], theme, color=theme.right)
        self.result = MatrixMob(self.product.output, theme, color=theme.result)
        self.groups = {
            "A": VGroup(self.A, self._name("A", self.A, theme.left), self._row_names("A", self.A, theme.left)),
            "B": VGroup(self.B, self._name("B", self.B, theme.right), self._row_names("B", self.B, theme.right)),
            "Bt": VGroup(self.Bt, self._column_names("B", self.Bt, theme.right)),
            "result": VGroup(self.result, self._name("np.dot(A, Bᵀ)", self.result, theme.result)),
        }
        self.groups["Bt"].add(self._name("Bᵀ", self.groups["Bt"], theme.right))
        self.dot, self.equals = (self.text(s, size=self.theme.number_size, color=theme.muted) for s in "·=")
        g = self.groups
        # One layout for the whole scene, so nothing moves between beats: B stands where Bᵀ will
        # be and turns into it there.
        # Room on the right for the names A₁, A₂, … of the result's rows in the last beat.
        self.rows = Rows({"product": ([g["A"], self.dot, g["Bt"], self.equals, g["result"]], 0.35)}, width=12.2, x=-0.45)
        self.rows.go("product")
        factor = self.rows.factors["product"]
        g["B"].scale(factor)
        # A B wider than Bᵀ (more columns than rows) shrinks to Bᵀ's place rather than overlap.
        if self.B.width > self.Bt.width:
            g["B"].scale(self.Bt.width / self.B.width)
        g["B"].shift(self.Bt.brackets.get_center() - self.B.brackets.get_center())

    def _name(self, name: str, over: Mobject, color: str) -> Text:
        return self.text(name, color=color).next_to(over, UP, buff=0.2)

    def _row_names(self, name: str, matrix: MatrixMob, color: str) -> VGroup:
        """A₁, A₂, … left of the rows (only the rows drawn)."""
        names = VGroup()
        for i in range(matrix.shape[0]):
            if matrix.entry(i, 0) is not None:
                label = self.text(subscripted(name, i + 1), size=self.theme.caption_size, color=color)
                names.add(label.next_to(matrix.brackets, LEFT, buff=0.2).set_y(matrix.row(i).get_y()))
        return names

    def _column_names(self, name: str, matrix: MatrixMob, color: str) -> VGroup:
        """B₁, B₂, … over the columns of Bᵀ: column j of Bᵀ is row Bⱼ."""
        names = VGroup()
        for j in range(matrix.shape[1]):
            if matrix.entry(0, j) is not None:
                label = self.text(subscripted(name, j + 1), size=self.theme.caption_size, color=color)
                names.add(label.next_to(matrix.brackets, UP, buff=0.15).set_x(matrix.column(j).get_x()))
        return names

    # --- beats ------------------------------------------------------------------------------

    def beat_operands(self) -> None:
        self.heading = self.title("np.dot(A, Bᵀ)")
        self.play(Write(self.heading), run_time=0.8)
        self.play(FadeIn(self.groups["A"]), FadeIn(self.groups["B"]), run_time=1.0)

    def beat_transpose(self) -> None:
        """In place: B's entries fly to their places in Bᵀ, and each row name Bⱼ climbs over column j."""
        old, new = self.groups["B"], self.groups["Bt"]
        hide_entries(self.Bt)
        row_names, column_names = old[2], new[1]
        morphs = [(self.B.brackets, self.Bt.brackets), (old[1], new[2]), *zip(row_names, column_names)]
        if self.B.shape_label is not None and self.Bt.shape_label is not None:
            morphs.append((self.B.shape_label, self.Bt.shape_label))
        transpose_in_place(self, self.transposed, self.B, self.Bt, old=old, new=new, morphs=morphs)

    def beat_shapes(self) -> None:
        left, right = (self.product.intermediates[k].shape for k in ("left_view", "right_view"))
        self.check = ShapeCheck(left, right, self.product.output.shape, self.theme)
        # At a fixed height, not under the headline: a headline's descenders would move it.
        self.check.to_edge(UP, buff=1.2)
        hide_entries(self.result)
        self.play(FadeIn(self.check), FadeIn(self.dot), FadeIn(self.equals), FadeIn(self.groups["result"]), run_time=0.8)
        self.play(
            Indicate(self.check.left_inner, color=self.theme.result),
            Indicate(self.check.right_inner, color=self.theme.result),
        )
        self.add(self.check)  # playing the digits alone took them out of their shape texts; put them back

    def beat_rows_meet_rows(self) -> None:
        """The notes' [[A₁B₁, A₁B₂, …], …] written into the empty grid."""
        pattern = VGroup()
        for (i, j), num in self.result.entries.items():
            pair = VGroup(
                self.text(subscripted("A", i + 1), size=self.theme.small_size, color=self.theme.left),
                self.text(subscripted("B", j + 1), size=self.theme.small_size, color=self.theme.right),
            ).arrange(RIGHT, buff=0.03)
            # Right-aligned like the numbers that will replace them.
            pattern.add(pair.scale_to_fit_height(min(pair.height, num.height)).move_to(num, aligned_edge=RIGHT))
        rule = self._rule()
        self.play(FadeIn(pattern, lag_ratio=0.1), FadeIn(rule), run_time=1.2)
        self.leave_until_next_beat(pattern, rule)

    def _rule(self) -> VGroup:
        """``entry (i, j) = row Aᵢ · row Bⱼ  (row Bⱼ is column j of Bᵀ)``, under the matrices.

        The entry is one number: the parenthesis says where row Bⱼ stands, not what the entry is.
        """
        t = self.theme
        rule = VGroup(
            self.text("entry (i, j) = row", color=t.muted),
            self.text("Aᵢ", color=t.left),
            self.text("· row", color=t.muted),
            self.text("Bⱼ", color=t.right),
            self.text("  (row Bⱼ is column j of Bᵀ)", color=t.muted, t2c={"Bⱼ": t.right}),
        ).arrange(RIGHT, buff=0.15)
        return self.fit(rule, width=12.6).to_edge(DOWN, buff=1.0)

    def _product_plays(self) -> dict[str, Callable[[], None]]:
        """product_players', each detailed cell followed by the names of the rows that met."""
        plays = product_players(self, self.product, self.A, self.Bt, self.result, detailed=DETAILED, terms_anchor=self._place_terms)
        for name, cells, rest in product_cells(self.product, detailed=DETAILED):
            if not rest:
                plays[name] = lambda c=cells[0], play=plays[name]: self._detailed(c, play)
        return plays

    def _place_terms(self, terms: DotTerms) -> None:
        # Room on the left for the "A₁·B₂ =" that names the two rows meeting.
        natural = terms.width
        LectureScene.fit(terms, width=10.5, height=1.5)
        self._terms_scale = terms.width / natural
        terms.to_edge(DOWN, buff=0.55).set_x(0.8)
        self._terms = terms

    def _detailed(self, cell: Cell, play: Callable[[], None]) -> None:
        """product_beats' detailed cell, then ``Aᵢ·Bⱼ =`` before its term line: which rows met."""
        play()
        size = self.theme.number_size
        parts = [
            self.text(subscripted("A", cell.row + 1), size=size, color=self.theme.left),
            self.text("·", size=size, color=self.theme.muted),
            self.text(subscripted("B", cell.column + 1), size=size, color=self.theme.right),
            self.text("=", size=size, color=self.theme.muted),
        ]
        label = VGroup(*parts).arrange(RIGHT, buff=0.1).scale(self._terms_scale)
        label.next_to(self._terms.factor_line, LEFT, buff=0.3)
        self.play(FadeIn(label), run_time=0.4)
        self.leave_until_next_beat(label)

    def beat_result(self) -> None:
        """The filled grid with its rows named A₁, A₂, … and its columns B₁, B₂, …: entry (i, j)
        is where row Aᵢ and row Bⱼ meet."""
        t = self.theme
        rows = self._row_names("A", self.result, t.left)
        columns = self._column_names("B", self.result, t.right)
        size = self.result.entry(0, 0).height if self.result.entry(0, 0) is not None else None
        for label in (*rows, *columns):
            if size is not None:
                label.scale_to_fit_height(min(label.height, size))
        for label in rows:  # right of the brackets, each at its row's height
            label.set_x(self.result.brackets.get_right()[0] + 0.15 + label.width / 2)
        self.play(FadeOut(self.groups["result"][1]), run_time=0.4)
        self.play(FadeIn(rows, lag_ratio=0.2), FadeIn(columns, lag_ratio=0.2), FadeIn(self._rule()), run_time=1.2)
        self.play(Indicate(self.result.grid, color=t.result, scale_factor=1.1), run_time=1.0)
