"""backprop-neuron: the book's neuron as a computational graph, values forward, gradients back.

Left to right: each input xᵢ and weight wᵢ in a box, a × node per pair, the + node with the bias,
the ReLU node and the output. Forward, the value of each edge is written above it; backward, its
gradient is written below it (in the gradient colour) as it arrives, node by node: ReLU, the sum,
the products. Then one SGD step changes the weights and the bias, and the forward pass again
gives a lower output. Every number is from the content module's Explanation.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Arrow,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    Mobject,
    RoundedRectangle,
    ShowPassingFlash,
    ReplacementTransform,
    VGroup,
    Write,
)

from nnmath.display import subscripted
from scenes.base import LectureScene
from scenes.lecture2_style import role
from scenes.mobjects import Num

__all__ = ["BackpropNeuron"]

_BOX_LEFT = -6.75  # the input and weight boxes' left edge (clear of the safe margin, 0.35 from the frame's)
_MUL_X = -2.6  # the × nodes (room on the weight's edge for dwᵢ beside the widest wᵢ box)
_PRODUCT_X = -1.1  # each product's value box
_SUM = np.array([0.55, -0.2, 0])
_RELU = np.array([3.1, -0.2, 0])
_OUT = np.array([5.9, -0.2, 0])
_TOP, _BOTTOM = 2.1, -2.5  # the rows' span
_NUM_SIZE = 30
_BOX_SIZE = 26  # the numbers in the input and weight boxes
_GRAD_SIZE = 22  # dx, dw on the edges into the × nodes


class BackpropNeuron(LectureScene):
    """Forward values above the edges, gradients below them, then one step of SGD."""

    slug = "backprop-neuron"

    def setup(self) -> None:
        super().setup()
        q = {name: quantity.value for name, quantity in self.explanation.quantities.items()}
        self.q = q
        self.n = len(q["dx"])
        self.gradient = role(self.theme, "gradient")

    # --- pieces ---------------------------------------------------------------------------------

    def _num(self, value: float, color: str, size: float = _NUM_SIZE) -> Num:
        return Num(value, self.theme, color=color, font_size=size)

    def _named(self, name: str, value: float, color: str, size: float = _NUM_SIZE) -> VGroup:
        """``name = value``, the name muted, a little smaller than the value but never under the
        smallest size (dx₁ beside its 22-size value would be 17 px)."""
        name_size = max(size - 4, self.theme.small_size)
        return VGroup(self.text(f"{name} =", size=name_size, color=self.theme.muted), self._num(value, color, size)).arrange(RIGHT, buff=0.12)

    def _box(self, content: VGroup, color: str, *, width: float = 0.0) -> VGroup:
        """``content`` in a frame at least ``width`` wide (room for a wider value later), left-aligned."""
        frame = RoundedRectangle(corner_radius=0.12, width=max(content.width, width) + 0.3, height=0.62, stroke_color=color, stroke_width=2.5)
        content.move_to(frame.get_left() + 0.15 * RIGHT, aligned_edge=LEFT)
        return VGroup(frame, content)

    def _named_width(self, name: str, values) -> float:
        """The width of ``name = value`` for the widest of ``values``."""
        return max(self._named(name, v, self.theme.text, _BOX_SIZE).width for v in values)

    def _node(self, symbol: str, at: np.ndarray, *, wide: bool = False) -> VGroup:
        label = self.text(symbol, size=30 if wide else 36)
        if wide:
            shape = RoundedRectangle(corner_radius=0.18, width=label.width + 0.45, height=0.8, stroke_color=self.theme.muted, stroke_width=3)
        else:
            shape = Circle(radius=0.36, stroke_color=self.theme.muted, stroke_width=3)
        return VGroup(shape, label.move_to(shape)).move_to(at)

    @staticmethod
    def _between(a: Mobject, b: Mobject) -> tuple[np.ndarray, np.ndarray]:
        """The segment from ``a``'s border to ``b``'s border along their centres' line."""
        ca, cb = a.get_center(), b.get_center()
        direction = (cb - ca) / np.linalg.norm(cb - ca)
        return a.get_boundary_point(direction), b.get_boundary_point(-direction)

    def _wire(self, a: Mobject, b: Mobject) -> Line:
        start, end = self._between(a, b)
        return Line(start, end, color=self.theme.muted, stroke_width=3)

    @staticmethod
    def _beside(line: Line, label: Mobject, *, above: bool, at: float = 0.5, gap: float = 0.28) -> Mobject:
        """Place ``label`` beside ``line`` at fraction ``at`` of its length, above or below it."""
        start, end = line.get_start(), line.get_end()
        point = start + at * (end - start)
        normal = np.array([-(end - start)[1], (end - start)[0], 0.0])
        normal /= np.linalg.norm(normal)
        if normal[1] < 0:
            normal = -normal
        side = normal if above else -normal
        # from the point, past half the label's extent along the normal
        extent = abs(side[0]) * label.width / 2 + abs(side[1]) * label.height / 2
        return label.move_to(point + side * (gap + extent))

    def _flow_back(self, *lines: Line) -> list:
        """A gradient-coloured flash running each line from its end back to its start."""
        return [ShowPassingFlash(line.copy().set_color(self.gradient).set_stroke(width=8).reverse_direction(), time_width=0.6) for line in lines]

    # --- beats ----------------------------------------------------------------------------------

    def beat_graph(self) -> None:
        q, theme = self.q, self.theme
        x, w = np.asarray(self.explanation.step("np.dot(x, w)").inputs["x"]), np.asarray(self.explanation.step("np.dot(x, w)").inputs["w"])
        b = float(self.explanation.step("Σ xᵢwᵢ + b").inputs["b"])
        self.heading = self.title("Backpropagation through one neuron")
        rows = np.linspace(_TOP, _BOTTOM + 0.6, self.n) if self.n > 1 else np.array([0.0])
        self.x_boxes, self.w_boxes, self.w_nums, self.muls = [], [], [], []
        for i, y in enumerate(rows):
            xb = self._box(self._named(subscripted("x", i + 1), x[i], role(theme, "input"), _BOX_SIZE), role(theme, "input"))
            xb.move_to([_BOX_LEFT, y + 0.42, 0], aligned_edge=LEFT)
            wnum = self._num(w[i], role(theme, "weight"), _BOX_SIZE)
            wb = self._box(
                VGroup(self.text(f"{subscripted('w', i + 1)} =", size=_BOX_SIZE - 4, color=theme.muted), wnum).arrange(RIGHT, buff=0.12),
                role(theme, "weight"),
                width=self._named_width(subscripted("w", i + 1), (w[i], q["w_new"][i])),
            )
            wb.move_to([_BOX_LEFT, y - 0.42, 0], aligned_edge=LEFT)
            self.x_boxes.append(xb)
            self.w_boxes.append(wb)
            self.w_nums.append(wnum)
            self.muls.append(self._node("×", np.array([_MUL_X, y, 0])))
        self.sum_node = self._node("+", _SUM)
        self.relu_node = self._node("ReLU", _RELU, wide=True)
        self.b_num = self._num(b, role(theme, "bias"), _BOX_SIZE)
        self.b_box = self._box(
            VGroup(self.text("b =", size=_BOX_SIZE - 4, color=theme.muted), self.b_num).arrange(RIGHT, buff=0.12),
            role(theme, "bias"),
            width=self._named_width("b", (b, q["b_new"])),
        )
        self.b_box.move_to(_SUM + np.array([0.4, -2.3, 0]))  # right of the products' boxes, clear of the lowest
        self.out_label = self.text("y", size=34, color=role(theme, "output")).move_to(_OUT + 0.45 * RIGHT)

        # each product's value in a box of its own (micrograd's "data | grad" node): the three edges
        # into + converge, so a number written on them would be ambiguous
        wide = max(self._num(v, theme.text).width for v in (*q["products"], *q["products_new"]))
        self.p_frames = [
            RoundedRectangle(corner_radius=0.12, width=wide + 0.3, height=0.62, stroke_color=role(theme, "product"), stroke_width=2.5).move_to([_PRODUCT_X, m.get_y(), 0])
            for m in self.muls
        ]
        self.x_wires = [self._wire(xb, m) for xb, m in zip(self.x_boxes, self.muls)]
        self.w_wires = [self._wire(wb, m) for wb, m in zip(self.w_boxes, self.muls)]
        self.m_wires = [self._wire(m, f) for m, f in zip(self.muls, self.p_frames)]
        self.p_wires = [self._wire(f, self.sum_node) for f in self.p_frames]
        self.b_wire = self._wire(self.b_box, self.sum_node)
        self.z_wire = self._wire(self.sum_node, self.relu_node)
        self.y_wire = Arrow(self.relu_node.get_right(), _OUT, buff=0.05, color=theme.muted, stroke_width=3, max_tip_length_to_length_ratio=0.12)

        graph = VGroup(*self.x_boxes, *self.w_boxes, *self.muls, *self.p_frames, self.sum_node, self.relu_node, self.b_box, self.out_label)
        wires = VGroup(*self.x_wires, *self.w_wires, *self.m_wires, *self.p_wires, self.b_wire, self.z_wire, self.y_wire)
        self.play(Write(self.heading), run_time=0.8)
        self.play(FadeIn(VGroup(*self.x_boxes, *self.w_boxes, self.b_box)), run_time=0.8)
        self.play(FadeIn(VGroup(*self.muls, *self.p_frames, self.sum_node, self.relu_node, self.out_label)), Create(wires), run_time=1.2)
        self.graph = VGroup(graph, wires)

    def beat_forward(self) -> None:
        q, theme = self.q, self.theme
        self.product_nums = [self._num(p, role(theme, "product")).move_to(f) for f, p in zip(self.p_frames, q["products"])]
        self.z_num = self._beside(self.z_wire, self._named("z", q["z"], role(theme, "output")), above=True)
        self.y_num = self._beside(self.y_wire, self._num(q["y"], role(theme, "output")), above=True)
        self.play(*(ShowPassingFlash(line.copy().set_color(theme.text).set_stroke(width=6), time_width=0.6) for line in (*self.x_wires, *self.w_wires, *self.m_wires)), run_time=0.8)
        self.play(*(FadeIn(n, scale=1.3) for n in self.product_nums), run_time=0.8)
        self.play(FadeIn(self.z_num, shift=0.1 * RIGHT), run_time=0.7)
        self.play(FadeIn(self.y_num, shift=0.1 * RIGHT), run_time=0.7)

    def beat_relu(self) -> None:
        q, theme = self.q, self.theme
        self.up_num = self._beside(self.y_wire, self._num(q["upstream"], self.gradient), above=False)
        self.dz_num = self._beside(self.z_wire, self._named("dz", q["dz"], self.gradient), above=False)
        legend = VGroup(
            self.text("forward: each value  ·  backward, in this colour:", size=theme.caption_size, color=theme.muted),
            self.text("its gradient", size=theme.caption_size, color=self.gradient),
        ).arrange(RIGHT, buff=0.15).to_edge(DOWN, buff=0.35)
        self.play(FadeIn(self.up_num, shift=0.1 * LEFT), FadeIn(legend), run_time=0.8)
        self.play(*self._flow_back(self.y_wire), Indicate(self.relu_node, color=self.gradient), run_time=1.0)
        self.play(*self._flow_back(self.z_wire), FadeIn(self.dz_num, shift=0.1 * LEFT), run_time=0.9)
        self.legend = legend

    def beat_sum(self) -> None:
        q = self.q
        self.dp_nums = [self._num(g, self.gradient, 26).next_to(f, DOWN, buff=0.12) for f, g in zip(self.p_frames, q["dproducts"])]
        self.db_num = self._beside(self.b_wire, self._named("db", q["db"], self.gradient), above=False)
        self.db_num.next_to(self.b_wire, RIGHT, buff=0.2)
        self.play(Indicate(self.sum_node, color=self.gradient), run_time=0.6)
        self.play(*self._flow_back(*self.p_wires, self.b_wire), *(FadeIn(n, shift=0.1 * LEFT) for n in (*self.dp_nums, self.db_num)), run_time=1.0)

    def beat_products(self) -> None:
        q, theme = self.q, self.theme
        self.dx_nums, self.dw_nums = [], []
        for i in range(self.n):
            dx = self._beside(self.x_wires[i], self._named(f"d{subscripted('x', i + 1)}", q["dx"][i], self.gradient, _GRAD_SIZE), above=True, at=0.5, gap=0.1)
            dw = self._beside(self.w_wires[i], self._named(f"d{subscripted('w', i + 1)}", q["dw"][i], self.gradient, _GRAD_SIZE), above=False, at=0.5, gap=0.1)
            # clear of the weight's box, which is as wide as the updated weight will be
            dw.shift(max(0.0, self.w_boxes[i].get_right()[0] + 0.1 - dw.get_left()[0]) * RIGHT)
            self.dx_nums.append(dx)
            self.dw_nums.append(dw)
        self.play(*(Indicate(m, color=self.gradient) for m in self.muls), run_time=0.6)
        self.play(*self._flow_back(*self.m_wires), run_time=0.6)
        self.play(*self._flow_back(*self.x_wires, *self.w_wires), *(FadeIn(n) for n in (*self.dx_nums, *self.dw_nums)), run_time=1.2)

    def beat_step(self) -> None:
        q, theme = self.q, self.theme
        formula = VGroup(
            self.text("w ← w −", size=26),
            self._num(q["learning_rate"], theme.text, 26),
            self.text("· dw,   b ← b −", size=26),
            self._num(q["learning_rate"], theme.text, 26),
            self.text("· db", size=26),
        ).arrange(RIGHT, buff=0.12)
        formula.to_edge(DOWN, buff=0.35)
        new_w = [self._num(v, role(theme, "weight"), _BOX_SIZE).move_to(old, aligned_edge=LEFT) for v, old in zip(q["w_new"], self.w_nums)]
        new_b = self._num(q["b_new"], role(theme, "bias"), _BOX_SIZE).move_to(self.b_num, aligned_edge=LEFT)
        stale = VGroup(*self.product_nums, self.z_num, self.y_num)
        self.play(FadeOut(self.legend), FadeIn(formula), stale.animate.set_opacity(0), run_time=0.8)
        self.remove(stale)
        # Replaced, not transformed: each Num on screen must be the one holding the value it shows
        self.play(
            *(ReplacementTransform(old, new) for old, new in zip(self.w_nums, new_w)),
            ReplacementTransform(self.b_num, new_b),
            *(Indicate(box[0], color=role(theme, "weight")) for box in self.w_boxes),
            run_time=1.2,
        )
        self.w_nums, self.b_num, self.formula = new_w, new_b, formula

    def beat_again(self) -> None:
        q, theme = self.q, self.theme
        products = [self._num(p, role(theme, "product")).move_to(f) for f, p in zip(self.p_frames, q["products_new"])]
        z_num = self._beside(self.z_wire, self._named("z", q["z_new"], role(theme, "output")), above=True)
        old_y = self._num(q["y"], theme.muted, 26)
        arrow = self.text("→", size=26, color=theme.muted)
        new_y = self._num(q["y_new"], role(theme, "output"), 26)
        y_change = VGroup(old_y, arrow, new_y).arrange(RIGHT, buff=0.15)
        self._beside(self.y_wire, y_change, above=True)
        y_change.shift((self.y_wire.get_center()[0] - y_change.get_center()[0]) * RIGHT)
        strike = Line(old_y.get_left(), old_y.get_right(), color=theme.muted, stroke_width=3)
        self.play(*(FadeIn(p, shift=0.1 * RIGHT) for p in products), run_time=0.8)
        self.play(FadeIn(z_num, shift=0.1 * RIGHT), run_time=0.6)
        self.play(FadeIn(old_y), Create(strike), run_time=0.5)
        self.play(FadeIn(arrow), FadeIn(new_y, shift=0.1 * RIGHT), run_time=0.7)
        self.play(Indicate(new_y, color=role(theme, "output")), run_time=0.7)
