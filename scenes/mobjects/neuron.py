"""A perceptron drawn as a diagram: inputs, weighted edges, Σ with the bias, the non-linearity g, ŷ.

The diagram shows only the numbers it is given (the inputs, the weights and the bias). Whatever a
scene computes on the way — each product xᵢwᵢ, the sum, z, ŷ — is placed by the scene at the
diagram's slots (:meth:`NeuronDiagram.place_product`, :meth:`~NeuronDiagram.place_sum`,
:meth:`~NeuronDiagram.place_z`, :meth:`~NeuronDiagram.place_output`), as a :class:`Num` made by
:meth:`NeuronDiagram.number` so that it matches the diagram's size after any scaling.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Line,
    Mobject,
    Rectangle,
    RoundedRectangle,
    Text,
    VGroup,
    VMobject,
)

from nnmath.display import drawn_decimals, subscripted
from scenes.mobjects.numbers import Num
from scenes.theme import Theme

__all__ = ["NeuronDiagram", "MAX_INPUTS", "COMPACT_ROW_GAP"]

#: More inputs than this are elided: the first ones, ⋮, and the last (as :class:`DotTerms` does).
MAX_INPUTS = 6

#: The least gap between two input nodes: a weight's name (above its value) still clears the row above.
COMPACT_ROW_GAP = 0.25


def _shown_inputs(n: int) -> list[int | None]:
    return list(range(n)) if n <= MAX_INPUTS else [*range(MAX_INPUTS - 2), None, n - 1]


class NeuronDiagram(VGroup):
    """One neuron, ŷ = g(b + Σ xᵢwᵢ), laid out left to right.

    Each input xᵢ is a node holding its value; an edge carries it to the sum node Σ, with the
    weight wᵢ written on the edge and a free slot after it for the product xᵢwᵢ. The bias b
    enters Σ from above. An arrow (the wire z) leads from Σ to the node g, and another from g
    to the output ŷ.

    Parameters
    ----------
    inputs : array of shape (n,), the inputs x
    weights : array of shape (n,), the weights w (one per input)
    bias : the bias b, a number
    theme : colours and font
    activation : the name of g written under its node, e.g. ``"relu"`` (``None``: just g)
    font_size : size of the numbers (default: 0.8 × the theme's number size)
    digits : decimals of every number drawn
    part_labels : write "inputs", "weights", "sum", "non-linearity", "output" under the parts
    row_gap : the vertical gap between two input nodes (:data:`COMPACT_ROW_GAP` is the least that
        keeps a weight's name clear of the row above, for a diagram that must not be shrunk more)

    Attributes
    ----------
    n : the number of inputs
    input_nodes, input_values, input_names : per input i, its node (a circle, or a pill when
        the values are wide), its :class:`Num` and its name x₁, x₂, … (``None`` where elided)
    edges, weight_values, weight_names : per input i, its edge, the :class:`Num` of wᵢ and the
        name w₁, w₂, … (``None`` where elided)
    dots : the ⋮ standing for elided inputs (``None`` if none are elided)
    inputs_group, edges_group, weights_group : all the inputs, edges and weights, to animate together
    sum_node : the circle with Σ; ``sum_symbol`` the Σ
    bias_node, bias_value, bias_name, bias_arrow : the bias b and its arrow into Σ
    z_arrow, z_name : the wire from Σ to g and its name z
    activation_node, activation_symbol, activation_label : the node g, its g, and the name of
        the activation under it (``None`` without ``activation``)
    output_arrow, output_name : the wire out of g and its name ŷ
    labels : the part labels (empty without ``part_labels``)
    """

    def __init__(
        self,
        inputs: np.ndarray,
        weights: np.ndarray,
        bias: float,
        theme: Theme,
        *,
        activation: str | None = None,
        font_size: float | None = None,
        digits: int = 4,
        part_labels: bool = True,
        row_gap: float = 0.45,
    ) -> None:
        super().__init__()
        x = np.asarray(inputs, dtype=float).ravel()
        w = np.asarray(weights, dtype=float).ravel()
        if x.shape != w.shape:
            raise ValueError(f"one weight per input: inputs have shape {x.shape}, weights {w.shape}")
        self.theme = theme
        self.n = len(x)
        self._font_size = font_size or 0.8 * theme.number_size
        self._digits = digits
        self._shown = _shown_inputs(self.n)
        self._row_gap = row_gap
        self.input_nodes: list[RoundedRectangle | None] = [None] * self.n
        self.input_values: list[Num | None] = [None] * self.n
        self.input_names: list[Text | None] = [None] * self.n
        self.edges: list[VMobject | None] = [None] * self.n
        self.weight_values: list[Num | None] = [None] * self.n
        self.weight_names: list[Text | None] = [None] * self.n
        self.dots: Text | None = None

        self._build_inputs(x)
        self._build_weights(w)
        self._build_sum(bias)
        self._build_activation(activation)
        self.labels = self._build_labels() if part_labels else VGroup()
        self.add(self.labels)
        # Remember the size as built, so numbers placed later can be scaled to match.
        self._reference_width = self.sum_node.width
        self.center()

    # --- building -------------------------------------------------------------------------

    def _text(self, content: str, *, color: str, scale: float = 1.0) -> Text:
        return Text(content, font=self.theme.font, font_size=self._font_size * scale, color=color)

    def _build_inputs(self, x: np.ndarray) -> None:
        theme = self.theme
        # The inputs are one vector: their entries share their decimals, as the term line writes them.
        decimals = drawn_decimals(x, self._digits, MAX_INPUTS)
        nums = {
            i: Num(x[i], theme, color=theme.left, font_size=self._font_size, digits=self._digits, decimals=decimals)
            for i in self._shown
            if i is not None
        }
        # Every input node has the same size: a circle, stretched into a pill for wide values.
        height = max(0.84, max(num.height for num in nums.values()) + 0.42)
        width = max(height, max(num.width for num in nums.values()) + 0.34)
        self._half_width = width / 2
        self._spacing = height + self._row_gap
        rows = len(self._shown)
        self._row_y = [((rows - 1) / 2 - r) * self._spacing for r in range(rows)]
        group = VGroup()
        for r, i in enumerate(self._shown):
            center = np.array([0.0, self._row_y[r], 0.0])
            if i is None:
                self.dots = self._text("⋮", color=theme.muted).move_to(center)
                group.add(self.dots)
                continue
            node = RoundedRectangle(corner_radius=height / 2, width=width, height=height, stroke_color=theme.left, stroke_width=3)
            node.set_fill(theme.background, opacity=1).move_to(center)
            nums[i].move_to(center)
            name = self._text(subscripted("x", i + 1), color=theme.left, scale=0.75)
            name.next_to(node, LEFT, buff=0.15)
            self.input_nodes[i], self.input_values[i], self.input_names[i] = node, nums[i], name
            group.add(node, nums[i], name)
        self.inputs_group = group

    def _build_weights(self, w: np.ndarray) -> None:
        theme = self.theme
        decimals = drawn_decimals(w, self._digits, MAX_INPUTS)
        nums = {
            i: Num(w[i], theme, color=theme.right, font_size=self._font_size, digits=self._digits, decimals=decimals)
            for i in self._shown
            if i is not None
        }
        widest = max(num.width for num in nums.values())
        # Along each edge: the weight, then a slot for the product, then the bend towards Σ.
        self._slot_width = max(widest, 1.3)
        self._weight_x = self._half_width + 0.6 + widest / 2
        self._product_x = self._weight_x + widest / 2 + 0.55 + self._slot_width / 2
        self._bend_x = self._product_x + self._slot_width / 2 + 0.35
        self._sum_center = np.array([self._bend_x + 2.3, 0.0, 0.0])
        self._sum_radius = 0.5
        edges, labels = VGroup(), VGroup()
        for r, i in enumerate(self._shown):
            if i is None:
                continue
            y = self._row_y[r]
            start = np.array([self._half_width, y, 0.0])
            bend = np.array([self._bend_x, y, 0.0])
            towards = self._sum_center - bend
            end = self._sum_center - towards / np.linalg.norm(towards) * self._sum_radius
            edge = VMobject(stroke_color=theme.muted, stroke_width=3).set_points_as_corners([start, bend, end])
            edge.set_z_index(-2)
            weight = nums[i].move_to(np.array([self._weight_x, y, 0.0]))
            name = self._text(subscripted("w", i + 1), color=theme.right, scale=0.6)
            name.next_to(weight, UP, buff=0.1)
            self.edges[i], self.weight_values[i], self.weight_names[i] = edge, weight, name
            edges.add(edge)
            labels.add(self.patch(weight), weight, name)
        self.edges_group = edges
        self.weights_group = labels
        self.add(edges, self.inputs_group, labels)

    def patch(self, mobject: Mobject) -> Rectangle:
        """A background-coloured patch to put behind ``mobject`` so that no edge runs through it."""
        pad = 0.08 * self._scale() if hasattr(self, "_reference_width") else 0.08
        patch = Rectangle(width=mobject.width + 2 * pad, height=mobject.height + 1.5 * pad, stroke_width=0)
        patch.set_fill(self.theme.background, opacity=1).move_to(mobject)
        patch.set_z_index(-1)
        return patch

    def _build_sum(self, bias: float) -> None:
        theme = self.theme
        self.sum_node = Circle(radius=self._sum_radius, stroke_color=theme.text, stroke_width=3).move_to(self._sum_center)
        self.sum_node.set_fill(theme.background, opacity=1)
        self.sum_symbol = self._text("Σ", color=theme.text, scale=1.1).move_to(self._sum_center)
        self.bias_value = Num(bias, theme, color=theme.bias, font_size=self._font_size, digits=self._digits)
        # Close above Σ; the edges from the top inputs reach Σ from the left, below the bias node.
        top = 1.45
        self.bias_node = RoundedRectangle(
            corner_radius=0.15, width=self.bias_value.width + 0.4, height=self.bias_value.height + 0.36, stroke_color=theme.bias, stroke_width=3
        )
        self.bias_node.set_fill(theme.background, opacity=1).move_to(self._sum_center + np.array([0.0, top, 0.0]))
        self.bias_value.move_to(self.bias_node)
        self.bias_name = self._text("b", color=theme.bias, scale=0.75).next_to(self.bias_node, RIGHT, buff=0.15)
        self.bias_arrow = Arrow(
            self.bias_node.get_bottom(), self.sum_node.get_top(), buff=0.05, stroke_width=3, color=theme.bias, max_tip_length_to_length_ratio=0.2, tip_length=0.2
        )
        self.add(self.bias_arrow, self.sum_node, self.sum_symbol, self.bias_node, self.bias_value, self.bias_name)

    def _build_activation(self, activation: str | None) -> None:
        theme = self.theme
        # Room above the wire z for its name and below it for its value.
        g_center = self._sum_center + np.array([3.0, 0.0, 0.0])
        self.activation_node = Circle(radius=self._sum_radius, stroke_color=theme.text, stroke_width=3).move_to(g_center)
        self.activation_node.set_fill(theme.background, opacity=1)
        self.activation_symbol = self._text("g", color=theme.text, scale=1.1).move_to(g_center)
        self.z_arrow = self._wire(self.sum_node.get_right(), self.activation_node.get_left())
        self.z_name = self._text("z", color=theme.text, scale=0.75).next_to(self.z_arrow, UP, buff=0.12)
        self.activation_label = None
        if activation:
            self.activation_label = self._text(f"g = {activation}", color=theme.text, scale=0.7)
            self.activation_label.next_to(self.activation_node, UP, buff=0.2)
        out_start = self.activation_node.get_right()
        self.output_arrow = self._wire(out_start, out_start + np.array([2.1, 0.0, 0.0]))
        self.output_name = self._text("ŷ", color=theme.result, scale=0.85).next_to(self.output_arrow, UP, buff=0.12)
        self.add(self.z_arrow, self.z_name, self.activation_node, self.activation_symbol, self.output_arrow, self.output_name)
        if self.activation_label is not None:
            self.add(self.activation_label)

    def _wire(self, start: np.ndarray, end: np.ndarray) -> Arrow:
        return Arrow(start, end, buff=0.05, stroke_width=3, color=self.theme.muted, max_tip_length_to_length_ratio=0.15, tip_length=0.2)

    def _build_labels(self) -> VGroup:
        theme = self.theme
        baseline = self._row_y[-1] - self._spacing / 2 - 0.2

        def label(content: str, x: float) -> Text:
            text = self._text(content, color=theme.muted, scale=0.6)
            return text.move_to(np.array([x, baseline, 0.0]))

        return VGroup(
            label("inputs", 0.0),
            label("weights", self._weight_x),
            label("sum", self._sum_center[0]),
            label("non-linearity", self.activation_node.get_center()[0]),
            label("output", self.output_arrow.get_end()[0]),
        )

    # --- accessors for scenes ---------------------------------------------------------------

    def _scale(self) -> float:
        return self.sum_node.width / self._reference_width

    def number(self, value: float, *, color: str | None = None, digits: int | None = None, decimals: int | None = None) -> Num:
        """A :class:`Num` of ``value`` at the size of the diagram's numbers (after any scaling);
        ``decimals`` as :class:`Num`'s (a product or a sum written as its term line writes it)."""
        num = Num(
            value, self.theme, color=color, font_size=self._font_size, digits=self._digits if digits is None else digits, decimals=decimals
        )
        return num.scale(self._scale())

    def shown(self) -> list[int]:
        """The indices of the inputs drawn (all of them unless more than :data:`MAX_INPUTS`)."""
        return [i for i in self._shown if i is not None]

    def input(self, i: int) -> VGroup | None:
        """Input i's node with its value and name, e.g. to highlight it."""
        if self.input_nodes[i] is None:
            return None
        return VGroup(self.input_nodes[i], self.input_values[i], self.input_names[i])

    def weight(self, i: int) -> VGroup | None:
        """Weight i's value with its name."""
        if self.weight_values[i] is None:
            return None
        return VGroup(self.weight_values[i], self.weight_names[i])

    def bias(self) -> VGroup:
        """The bias node with its value, name and arrow into Σ."""
        return VGroup(self.bias_node, self.bias_value, self.bias_name, self.bias_arrow)

    def sum(self) -> VGroup:
        """The Σ node."""
        return VGroup(self.sum_node, self.sum_symbol)

    def activation(self) -> VGroup:
        """The node g with its name."""
        group = VGroup(self.activation_node, self.activation_symbol)
        if self.activation_label is not None:
            group.add(self.activation_label)
        return group

    def output(self) -> VGroup:
        """The wire out of g with its name ŷ."""
        return VGroup(self.output_arrow, self.output_name)

    def product_point(self, i: int) -> np.ndarray:
        """Where the product xᵢwᵢ goes: on edge i, after the weight."""
        edge = self.edges[i]
        if edge is None:
            raise IndexError(f"input {i} is elided")
        # The first segment runs from the node to the bend; its corner is the fourth point.
        start, bend = edge.get_start(), edge.points[3]
        fraction = (self._product_x - self._half_width) / (self._bend_x - self._half_width)
        return start + (bend - start) * fraction

    def place_product(self, i: int, num: Mobject) -> Mobject:
        """Move ``num`` to edge i's product slot (put :meth:`patch` behind it to hide the edge)."""
        return num.move_to(self.product_point(i))

    def place_sum(self, num: Mobject) -> Mobject:
        """Move ``num`` under the Σ node (put :meth:`patch` behind it: edges may pass close by)."""
        return num.next_to(self.sum_node, DOWN, buff=0.2 * self._scale())

    def place_z(self, num: Mobject) -> Mobject:
        """Move ``num`` under the wire z, towards g (clear of the sum under Σ)."""
        num.next_to(self.z_arrow, DOWN, buff=0.15 * self._scale())
        return num.align_to(self.z_arrow, RIGHT)

    def place_output(self, num: Mobject) -> Mobject:
        """Move ``num`` under the wire ŷ."""
        return num.next_to(self.output_arrow, DOWN, buff=0.15 * self._scale())

    def box(self, part: Mobject, *, color: str | None = None) -> RoundedRectangle:
        """A rounded outline around ``part`` (e.g. :meth:`input` or :meth:`weight`), to fade in."""
        pad = 0.12 * self._scale()
        return RoundedRectangle(
            corner_radius=0.12,
            width=part.width + 2 * pad,
            height=part.height + 2 * pad,
            stroke_color=color or self.theme.result,
            stroke_width=3,
        ).move_to(part)

    def edge_line(self, i: int) -> Line:
        """A straight copy of edge i's first segment (input to bend), e.g. to flash it."""
        edge = self.edges[i]
        if edge is None:
            raise IndexError(f"input {i} is elided")
        return Line(edge.get_start(), edge.points[3], stroke_width=6, color=self.theme.product)
