"""A batch X through two dense layers: the shapes first, then np.dot(X, w₁ᵀ) + b₁ and np.dot(f₁, w₂ᵀ) + b₂.

Every number comes from nnmath's steps ``w1ᵀ``, ``np.dot(X, w1ᵀ)``, ``np.dot(X, w1ᵀ) + b1`` and
their layer-2 twins; every shape from those steps' ``shapes`` or the ``shape …`` quantities.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    Mobject,
    VGroup,
    Write,
)

from course.lecture1.layers import DETAILED, DIGITS, notes_errata
from nnmath.display import format_shape_x
from nnmath.lecture import ErratumRow
from nnmath.trace import ProductStep, Step
from scenes.base import Beat, LectureScene
from scenes.matrix_matrix import Rows, play_transpose, terms_at_bottom, transpose_in_place
from scenes.mobjects import MatrixMob, ShapeCheck, ShapeText
from scenes.products import hide_entries, product_players
from scenes.takeaway import with_headlines

__all__ = ["Layers", "DIGITS"]

_MAX_NODES = 7
_NAME_SIZE = 34
#: The top of the room under a headline (scenes/takeaway.py: a line at the top edge).
_UNDER_HEADLINE = 2.4
#: A beat that works out one entry of a layer's product, or fills the rest: its method's name.
_PRODUCT_BEAT = re.compile(r"beat_layer_\d+_(\d+(_\d+)*|rest)")
#: How the lecture writes nnmath's names on screen.
_PRETTY = {"w1": "w₁", "w2": "w₂", "b1": "b₁", "b2": "b₂"}


def _takeaway(beat: str) -> str | None:
    if beat.startswith("layer-1-"):
        return "Entry [i, j] = sample i · neuron j's weights"
    if beat.startswith("layer-2-") and beat != "layer-2-shapes":
        return "Entry [i, j] = row i of f₁ · neuron j's weights"
    return {
        "batch": "A batch: one row of X per sample",
        "weight-shapes": "What shape will the weights be? One row per neuron",
        "layer-2-shapes": "What shape will the weights be? One row per neuron",
        "w1-transpose": "w₁ᵀ: each neuron's row of weights becomes a column",
        "bias-1": "The bias row is added to every sample's row",
        "layer-2": "Layer 2 takes f₁, layer 1's output, as its input",
        "bias-2": "The bias row is added to every sample's row",
        "output": "One row per sample, one column per neuron of layer 2",
    }.get(beat)


class Layers(LectureScene):
    """Two dense layers on a batch, shapes before numbers."""

    slug = "layers"

    def beats(self) -> list[Beat]:
        ex = self.explanation
        self.w1t, self.p1, self.f1 = (ex.step(s) for s in ("w1ᵀ", "np.dot(X, w1ᵀ)", "np.dot(X, w1ᵀ) + b1"))
        self.w2t, self.p2, self.out = (ex.step(s) for s in ("w2ᵀ", "np.dot(f1, w2ᵀ)", "np.dot(f1, w2ᵀ) + b2"))
        # The notes' values are pointed out only for the lecture's own values, and only where they differ.
        self.errata: dict[str, ErratumRow] = notes_errata(ex)
        self._build()
        # The products' beats (one per worked entry and one for the rest) are played by name: the
        # script names them with course.products, as product_players does.
        self.products: dict[str, Callable[[], None]] = {**self._layer1_product(), **self._layer2_product()}
        # The captions are the content module's script.
        return with_headlines(self, self.scripted_beats(), _takeaway)

    def __getattr__(self, name: str):
        # beat_layer_1_1_1, …, beat_layer_1_rest: the cells of a layer's product, however many the
        # values give (which entries get a beat of their own is the script's DETAILED).
        if _PRODUCT_BEAT.fullmatch(name):
            beat = name[len("beat_"):].replace("_", "-")
            return lambda: self.products[beat]()
        raise AttributeError(name)

    # --- building ---------------------------------------------------------------------------

    def _matrix(self, values: np.ndarray, name: str, color: str, **kwargs) -> VGroup:
        """A matrix with its name above; ``group[0]`` is the :class:`MatrixMob`."""
        # Narrow column gaps: a row of three or four matrices is as large as the frame's width lets it.
        matrix = MatrixMob(values, self.theme, color=color, digits=DIGITS, h_gap=0.4, **kwargs)
        return VGroup(matrix, self.text(name, size=_NAME_SIZE, color=color).next_to(matrix, UP, buff=0.2))

    def _build(self) -> None:
        t = self.theme
        b1, b2 = self.f1.inputs["b1"], self.out.inputs["b2"]
        self.g = {
            "X": self._matrix(self.p1.inputs["X"], "X", t.left),
            "w1": self._matrix(self.w1t.inputs["w1"], "w₁", t.right),
            "w1T": self._matrix(self.w1t.output, "w₁ᵀ", t.right),
            "P1": self._matrix(self.p1.output, "np.dot(X, w₁ᵀ)", t.result),
            # The broadcast view of b (numpy's, no arithmetic): the same row under every sample.
            "B1": self._matrix(np.broadcast_to(b1, self.f1.output.shape), "b₁ on every row", t.bias, show_shape=False),
            "F1": self._matrix(self.f1.output, "f₁", t.result),
            "w2": self._matrix(self.w2t.inputs["w2"], "w₂", t.right),
            "w2T": self._matrix(self.w2t.output, "w₂ᵀ", t.right),
            "P2": self._matrix(self.p2.output, "np.dot(f₁, w₂ᵀ)", t.result),
            "B2": self._matrix(np.broadcast_to(b2, self.out.output.shape), "b₂ on every row", t.bias, show_shape=False),
            "OUT": self._matrix(self.out.output, "output", t.result),
        }
        self.m = {name: group[0] for name, group in self.g.items()}
        self.bias_rows = {1: self._bias_row(b1, "b₁", "shape b1"), 2: self._bias_row(b2, "b₂", "shape b2")}
        symbols = {"arrow": "→", "dot1": "·", "eq1": "=", "plus1": "+", "eq2": "="}
        symbols |= {"dot2": "·", "eq3": "=", "plus2": "+", "eq4": "="}
        self.ops = ops = {name: self.text(s, size=t.number_size, color=t.muted) for name, s in symbols.items()}
        g = self.g
        self.rows = Rows(
            {
                "batch": ([g["X"]], 0.0),
                "transpose-1": ([g["w1"], ops["arrow"], g["w1T"]], 0.8),
                "product-1": ([g["X"], ops["dot1"], g["w1T"], ops["eq1"], g["P1"]], 0.35),
                "bias-1": ([g["P1"], ops["plus1"], g["B1"], ops["eq2"], g["F1"]], 0.35),
                "product-2": ([g["F1"], ops["dot2"], g["w2T"], ops["eq3"], g["P2"]], 0.35),
                "bias-2": ([g["P2"], ops["plus2"], g["B2"], ops["eq4"], g["OUT"]], 0.35),
                "output": ([g["OUT"]], 0.0),
            },
            # Five wide matrices in a row shrink their digits to about 18 px: names and shapes stop there.
            floor_labels=True,
        )
        # The working rows of both layers at one size: a digit of layer 2 as large as one of layer 1.
        self.rows.share("transpose-1", "product-1", "bias-1", "product-2", "bias-2")

    def _bias_row(self, values: np.ndarray, name: str, quantity: str) -> VGroup:
        """``b₁ = [2 3 0.5]`` and its numpy shape ``(3,)`` (beside the notes' 3×1 if they differ)."""
        t = self.theme
        row = MatrixMob(values, t, color=t.bias, digits=DIGITS, show_shape=False)
        # At the numbers' size: the row is scaled with the matrices above it.
        label = self.text(f"{name} =", size=t.number_size, color=t.bias).next_to(row, LEFT, buff=0.2)
        shape = self.text(self.explanation.quantities[quantity].value, size=t.number_size, color=t.muted).next_to(row, RIGHT, buff=0.3)
        return VGroup(row, label, shape)

    def _struck(self, notes: str, beside: Mobject) -> VGroup:
        """The notes' value in the theme's ``wrong`` colour, struck through, right of ``beside``."""
        wrong = self.theme.wrong
        text = self.text(notes, size=self.theme.label_size, color=wrong)
        strike = Line(text.get_left() + 0.05 * LEFT, text.get_right() + 0.05 * RIGHT, color=wrong, stroke_width=3)
        tag = self.text("notes", size=self.theme.label_size, color=wrong)
        group = VGroup(VGroup(text, strike), tag.next_to(text, RIGHT, buff=0.25))
        return group.next_to(beside, RIGHT, buff=0.35)

    def _erratum(self, quantity: str, beside: Mobject, *, computed: str | None = None) -> VGroup:
        """The notes' value for erratum ``quantity``, struck, beside the computed one (``computed``, by
        default the erratum's own) — or nothing when they agree."""
        row = self.errata.get(quantity)
        if row is None or (computed is not None and computed == row.erratum.notes):
            return VGroup()
        return self._struck(row.erratum.notes, beside)

    # --- the network and the shapes -----------------------------------------------------------

    def _sketch(self) -> VGroup:
        """Input, HL1 and HL2 as columns of circles, one per feature or neuron, fully connected."""
        t = self.theme
        counts = [self.p1.inputs["X"].shape[-1], self.w1t.shapes["w1"][0], self.w2t.shapes["w2"][0]]
        colors = [t.left, t.result, t.result]
        columns = []
        for k, (count, color) in enumerate(zip(counts, colors)):
            nodes = VGroup(
                *(Circle(radius=0.2, color=color, stroke_width=3) for _ in range(min(count, _MAX_NODES)))
            ).arrange(DOWN, buff=0.3)
            columns.append(nodes.move_to(np.array([(k - 1) * 3.4, 0, 0])))
        edges = VGroup(
            *(
                Line(a.get_right(), b.get_left(), color=t.muted, stroke_width=1.5)
                for left, right in zip(columns, columns[1:])
                for a in left
                for b in right
            )
        )
        labels = VGroup(
            *(
                self.text(s, size=t.caption_size, color=c).next_to(col, DOWN, buff=0.3)
                for s, c, col in zip(("input: X", "HL1: f₁", "HL2: output"), colors, columns)
            )
        )
        top = max(c.get_top()[1] for c in columns)
        weights = VGroup(
            *(
                self.text(s, size=t.caption_size, color=t.right).move_to(np.array([x, top + 0.3, 0]))
                for s, x in (("w₁, b₁", -1.7), ("w₂, b₂", 1.7))
            )
        )
        return VGroup(edges, *columns, labels, weights)

    def beat_network(self) -> None:
        t = self.theme
        self.heading = self.title("Adding more layers")
        sketch = self._sketch()
        colors = {"X": t.left, "w₁ᵀ": t.right, "w₂ᵀ": t.right, "b₁": t.bias, "b₂": t.bias}
        colors |= {"f₁": t.result, "output": t.result}
        formulas = VGroup(
            self.text("f₁ = np.dot(X, w₁ᵀ) + b₁", color=t.text, t2c=colors),
            self.text("output = np.dot(f₁, w₂ᵀ) + b₂", color=t.text, t2c=colors),
        ).arrange(DOWN, buff=0.25)
        layout = VGroup(sketch, formulas).arrange(DOWN, buff=0.5)
        self.fit(layout, height=6.0).next_to(self.heading, DOWN, buff=0.35)
        self.play(Write(self.heading), run_time=0.8)
        self.play(FadeIn(sketch, lag_ratio=0.05), run_time=1.5)
        self.play(FadeIn(formulas, shift=0.2 * UP), run_time=0.8)
        self.leave_until_next_beat(sketch, formulas)

    def beat_batch(self) -> None:
        self.rows.go("batch")
        x = self.m["X"]
        how = self.text(self.explanation.quantities["shape X"].how, size=self.theme.caption_size, color=self.theme.muted)
        how.next_to(x.shape_label, DOWN, buff=0.2)
        struck = self._erratum("shape X", x.shape_label)
        self.play(FadeIn(self.g["X"]), run_time=0.8)
        self.play(FadeIn(how), FadeIn(struck), run_time=0.8)
        self.leave_until_next_beat(self.g["X"], how, struck)

    def _shape_panel(self, layer: int, product: ProductStep, names: tuple[str, str, str], weights: str, bias: str) -> VGroup:
        """``layer 1 | X 3×4 · w₁ᵀ 4×3 → 3×3 | w₁: … → 3×4 / b₁: … → (3,)``: the weights' and the
        biases' shapes read off the product's shape rule; ``weights`` is the transpose step's label."""
        t = self.theme
        left, right = (product.intermediates[k].shape for k in ("left_view", "right_view"))
        # Layer 2's input is f₁, layer 1's output: it keeps the output's colour.
        first = t.input if layer == 1 else t.output
        check = ShapeCheck(left, right, product.output.shape, t, font_size=t.number_size, left_color=first)
        tags = VGroup(
            *(
                self.text(name, size=t.caption_size, color=color).next_to(part, UP, buff=0.15)
                for name, color, part in zip(names, (first, t.weight, t.output), (check.left, check.right, check.result))
            )
        )
        transposed: Step = self.explanation.step(weights)
        weight_name = next(iter(transposed.inputs))
        shape = transposed.shapes[weight_name]
        weights_text = f"{_PRETTY.get(weight_name, weight_name)}: one row of {shape[1]} weights per neuron →"
        weight_line = VGroup(
            self.text(weights_text, color=t.muted),
            ShapeText(shape, t, color=t.right, font_size=t.label_size),
        ).arrange(RIGHT, buff=0.15)
        bias_shape = self.text(self.explanation.quantities[f"shape {bias}"].value, color=t.bias)
        bias_line = VGroup(
            self.text(f"{_PRETTY.get(bias, bias)}: one bias per neuron →", color=t.muted), bias_shape
        ).arrange(RIGHT, buff=0.15)
        for line in (weight_line, bias_line):
            line[1].align_to(line[0][0], DOWN)  # on the words' baseline
        # One erratum row covers both bias vectors ("biases b₁, b₂": the notes wrote 3×1 for each).
        bias_line.add(self._erratum("shape b1", bias_shape, computed=bias_shape.text))
        lines = VGroup(weight_line, bias_line).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        heading = self.text(f"layer {layer}", color=t.text)
        panel = VGroup(heading, VGroup(tags, check), lines)
        panel.check, panel.lines = check, lines
        return panel

    def beat_weight_shapes(self) -> None:
        t = self.theme
        self.panels = {
            1: self._shape_panel(1, self.p1, ("X", "w₁ᵀ", "f₁"), "w1ᵀ", "b1"),
            2: self._shape_panel(2, self.p2, ("f₁", "w₂ᵀ", "output"), "w2ᵀ", "b2"),
        }
        # A table: headings, shape rules and explanations in three aligned columns, one row per layer.
        for row, p in enumerate(self.panels.values()):
            p[1].set_y(-2.0 * row)
            p[0].set_y(p.check.get_y())
            p[2].set_y(p.check.get_y())
        x = 0.0
        for k in range(3):
            width = max(p[k].width for p in self.panels.values())
            for p in self.panels.values():
                # Shape rules centred in their column, the words flush left.
                target = x + width / 2 - p[k].get_center()[0] if k == 1 else x - p[k].get_left()[0]
                p[k].shift(target * RIGHT)
            x += width + 0.8
        table = VGroup(*self.panels.values())
        self.fit(table, width=13.0, height=4.4)
        # Centred in the room under the headline (the notes' question, answered).
        table.move_to(np.array([0.0, (_UNDER_HEADLINE - 3.6) / 2, 0.0]))
        self._show_panel(1)

    def _show_panel(self, k: int) -> None:
        panel, t = self.panels[k], self.theme
        self.play(FadeIn(panel[0]), FadeIn(panel[1]), run_time=0.8)
        self.play(Indicate(panel.check.left_inner, color=t.result), Indicate(panel.check.right_inner, color=t.result))
        self.add(panel[1])  # playing the digits alone took them out of their shape texts; put them back
        self.play(FadeIn(panel.lines[0], shift=0.2 * DOWN), run_time=0.6)
        self.play(FadeIn(panel.lines[1], shift=0.2 * DOWN), run_time=0.6)

    def beat_layer_2_shapes(self) -> None:
        self._show_panel(2)
        self.leave_until_next_beat(*self.panels.values())

    # --- layer 1 ------------------------------------------------------------------------------

    def beat_w1_transpose(self) -> None:
        g = self.g
        self.rows.go("transpose-1")
        hide_entries(self.m["w1T"])
        self.play(FadeIn(g["w1"]), run_time=0.8)
        self.play(FadeIn(self.ops["arrow"]), FadeIn(g["w1T"]), run_time=0.5)
        play_transpose(self, self.w1t, self.m["w1"], self.m["w1T"])

    def _to_product_1(self) -> None:
        g = self.g
        hide_entries(self.m["P1"])
        self.play(FadeOut(g["w1"]), FadeOut(self.ops["arrow"]), run_time=0.5)
        self.play(*self.rows.go("product-1", moving=[g["w1T"]]), run_time=0.8)
        self.play(*(FadeIn(m) for m in (g["X"], self.ops["dot1"], self.ops["eq1"], g["P1"])), run_time=0.6)

    def _layer1_product(self) -> dict[str, Callable[[], None]]:
        m = self.m
        plays = self._product_plays(1, self.p1, m["X"], m["w1T"], m["P1"])
        first = next(iter(plays))
        play = plays[first]
        plays[first] = lambda: (self._to_product_1(), play())
        return plays

    def _product_plays(
        self, layer: int, step: ProductStep, left: MatrixMob, right: MatrixMob, result: MatrixMob
    ) -> dict[str, Callable[[], None]]:
        """The plays of a layer's product beats, by name, at the matrices' decimals."""
        return product_players(
            self, step, left, right, result, terms_anchor=terms_at_bottom, prefix=f"layer-{layer}", digits=DIGITS, detailed=DETAILED[layer]
        )

    # --- biases ---------------------------------------------------------------------------------

    def beat_bias_1(self) -> None:
        self._bias(1)

    def beat_bias_2(self) -> None:
        self._bias(2)

    def _bias(self, layer: int) -> None:
        g, ops = self.g, self.ops
        p, b, f = (f"P{layer}", f"B{layer}", "F1" if layer == 1 else "OUT")
        leaving = [g["X"], g["w1T"], ops["dot1"], ops["eq1"]] if layer == 1 else [g["F1"], g["w2T"], ops["dot2"], ops["eq3"]]
        hide_entries(self.m[b])
        hide_entries(self.m[f])
        self.play(*(FadeOut(m) for m in leaving), run_time=0.5)
        self.play(*self.rows.go(f"bias-{layer}", moving=[g[p]]), run_time=0.8)
        row = self.bias_rows[layer]
        row.scale(self.rows.factors[f"bias-{layer}"]).next_to(g[b], DOWN, buff=0.4)
        self.play(*(FadeIn(m) for m in (ops[f"plus{layer}"], g[b], ops[f"eq{2 * layer}"], g[f], row)), run_time=0.8)
        self._broadcast(row[0], self.m[b])
        self._fill_rows(self.m[f])
        box = self.m[f].row_box(0)
        self.play(FadeIn(box), run_time=0.4)
        self.leave_until_next_beat(box)

    def _broadcast(self, row: MatrixMob, grid: MatrixMob) -> None:
        """Copies of the bias row slide onto every row of its broadcast grid."""
        for i in range(grid.shape[0]):
            pairs = [(row.entry(0, j), grid.entry(i, j)) for j in range(grid.shape[1])]
            pairs = [(s, t) for s, t in pairs if s is not None and t is not None]
            if not pairs:
                continue
            copies = [s.copy() for s, _ in pairs]
            self.play(*(c.animate.move_to(t) for c, (_, t) in zip(copies, pairs)), run_time=0.45)
            self.remove(*copies)
            for _, t in pairs:
                t.set_opacity(1)

    def _fill_rows(self, grid: MatrixMob) -> None:
        for i in range(grid.shape[0]):
            shown = [grid.entry(i, j) for j in range(grid.shape[1])]
            shown = [n for n in shown if n is not None]
            if shown:
                self.play(*(n.animate.set_opacity(1) for n in shown), run_time=0.35)

    # --- layer 2 --------------------------------------------------------------------------------

    def beat_layer_2(self) -> None:
        g, ops = self.g, self.ops
        hide_entries(self.m["P2"])
        hide_entries(self.m["w2T"])
        self.play(*(FadeOut(m) for m in (g["P1"], ops["plus1"], g["B1"], ops["eq2"], self.bias_rows[1])), run_time=0.5)
        # f₁ keeps its colour: it is layer 1's output, now fed to layer 2 (one colour per object).
        self.play(*self.rows.go("product-2", moving=[g["F1"]]), run_time=0.8)
        w2 = g["w2"]
        self.rows.scale_like(w2, "product-2")
        w2.shift(self.m["w2T"].brackets.get_center() - self.m["w2"].brackets.get_center())
        self.play(FadeIn(w2), run_time=0.6)
        self._transpose_in_place()
        self.play(FadeIn(ops["dot2"]), FadeIn(ops["eq3"]), FadeIn(g["P2"]), run_time=0.6)

    def _transpose_in_place(self) -> None:
        """w₂'s entries fly to their places in w₂ᵀ, drawn where w₂ was."""
        old, new = self.g["w2"], self.g["w2T"]
        morphs = [(old[0].brackets, new[0].brackets), (old[1], new[1])]
        if old[0].shape_label is not None:
            morphs.append((old[0].shape_label, new[0].shape_label))
        transpose_in_place(self, self.w2t, self.m["w2"], self.m["w2T"], old=old, new=new, morphs=morphs)

    def _layer2_product(self) -> dict[str, Callable[[], None]]:
        """One entry of layer 2 worked term by term at full size (the frame has the room), the rest filled."""
        return self._product_plays(2, self.p2, self.m["F1"], self.m["w2T"], self.m["P2"])

    # --- the output -------------------------------------------------------------------------------

    def beat_output(self) -> None:
        g, ops, t = self.g, self.ops, self.theme
        self.play(*(FadeOut(m) for m in (g["P2"], ops["plus2"], g["B2"], ops["eq4"], self.bias_rows[2])), run_time=0.5)
        self.play(*self.rows.go("output", moving=[g["OUT"]]), run_time=0.8)
        parts = (
            ("X", self.p1.shapes["X"], t.left),
            ("f₁", self.f1.shapes["output"], t.result),
            ("output", self.out.shapes["output"], t.result),
        )
        # One Text, so that every part sits on the same baseline.
        pieces = [f"{name} {format_shape_x(shape)}" for name, shape, _ in parts]
        colors = {piece: color for piece, (_, _, color) in zip(pieces, parts)} | {"→": t.muted}
        flow = self.text("  →  ".join(pieces), t2c=colors)
        self.fit(flow, width=12.0).to_edge(DOWN, buff=0.6)
        self.play(FadeIn(flow), Indicate(self.m["OUT"].grid, color=t.result, scale_factor=1.05), run_time=1.0)
