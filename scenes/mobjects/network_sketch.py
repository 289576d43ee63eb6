"""A compact drawing of a small dense network: columns of neurons joined by their weights' edges.

Only the wiring is drawn, never the weights' values: an edge whose weight is exactly zero is
drawn faint, so a dense layer that is mostly switched off (the sine network's diagonal layer 2)
still reads as dense while the edges that matter stand out. Each hidden column is headed by its
activation: a small ReLU hinge and its name, which :meth:`NetworkSketch.straighten` turns into
the identity's straight line (and strikes out) when the activations are removed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Circle,
    Create,
    Line,
    Text,
    Transform,
    VGroup,
    VMobject,
)

from scenes.mobjects.numbers import ShapeText
from scenes.theme import Theme

__all__ = ["NetworkSketch"]

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

# Edge looks: (stroke width, opacity) of a zero weight, of a weight, and of a lit edge.
_ZERO_EDGE = (1.0, 0.14)
_EDGE = (1.6, 0.55)
_LIT_EDGE = (3.2, 1.0)
# The activation glyphs, in units of _GLYPH_SIZE: ReLU's hinge, and the identity with as many corners.
_GLYPH_SIZE = 0.16
_HINGE = [(-1.0, -0.5), (0.0, -0.5), (1.0, 0.5)]
_IDENTITY = [(-1.0, -0.5), (0.0, 0.0), (1.0, 0.5)]


class NetworkSketch(VGroup):
    """A network drawn left to right: the input column, the hidden columns, the output column.

    Parameters
    ----------
    weights : the layers' weight matrices in the (neurons, inputs) layout, e.g. shapes
        (8, 1), (8, 8), (1, 8); they fix the column sizes and which edges are drawn faint (zero)
    theme
    hidden_label : the activation written above each hidden column
    input_name, output_name : written beside the input and output neurons
    height : the tallest column's height in scene units
    layer_gap : horizontal distance between columns

    Attributes
    ----------
    nodes : one VGroup per column, one circle per neuron (``nodes[l][j]``, j from the top)
    glyphs : the activation's hinge glyph in each hidden column's header
    edges : one dict per weight matrix, ``edges[l][(j, k)]`` joins neuron k of column l to
        neuron j of column l + 1 (the weight ``weights[l][j, k]``)
    headers : the activation names above the hidden columns
    shape_labels : each weight matrix's name and shape, below the gap it spans
    """

    def __init__(
        self,
        weights: Sequence[np.ndarray],
        theme: Theme,
        *,
        hidden_label: str = "ReLU",
        input_name: str = "x",
        output_name: str = "y",
        height: float = 3.4,
        layer_gap: float = 1.25,
    ) -> None:
        super().__init__()
        self.theme = theme
        matrices = [np.asarray(w) for w in weights]
        sizes = [matrices[0].shape[1], *(w.shape[0] for w in matrices)]
        spacing = min(0.55, height / max(max(sizes) - 1, 1))
        self.radius = 0.34 * spacing
        self.nodes = VGroup()
        for column, size in enumerate(sizes):
            top = (size - 1) / 2 * spacing
            self.nodes.add(
                VGroup(
                    *(
                        Circle(
                            radius=self.radius,
                            stroke_color=theme.muted,
                            stroke_width=2,
                            fill_color=theme.background,
                            fill_opacity=1.0,
                        ).move_to([column * layer_gap, top - j * spacing, 0])
                        for j in range(size)
                    )
                )
            )
        self.edges: list[dict[tuple[int, int], Line]] = []
        edge_group = VGroup()
        for layer, matrix in enumerate(matrices):
            lines: dict[tuple[int, int], Line] = {}
            for j in range(matrix.shape[0]):
                for k in range(matrix.shape[1]):
                    width, opacity = _ZERO_EDGE if matrix[j, k] == 0 else _EDGE
                    line = Line(
                        self.nodes[layer][k].get_center(),
                        self.nodes[layer + 1][j].get_center(),
                        buff=self.radius,
                        stroke_color=theme.muted,
                        stroke_width=width,
                        stroke_opacity=opacity,
                    )
                    lines[(j, k)] = line
                    edge_group.add(line)
            self.edges.append(lines)
        label_size = theme.small_size
        self.headers, self.glyphs = VGroup(), VGroup()
        for c in range(1, len(sizes) - 1):
            glyph = self._glyph(_HINGE)
            name = Text(hidden_label, font=theme.font, font_size=label_size, color=theme.muted)
            VGroup(glyph, name).arrange(UP, buff=0.1).next_to(self.nodes[c], UP, buff=0.18)
            self.glyphs.add(glyph)
            self.headers.add(name)
        self.input_label = Text(input_name, font=theme.font, font_size=theme.label_size, color=theme.text)
        self.input_label.next_to(self.nodes[0], LEFT, buff=0.15)
        self.output_label = Text(output_name, font=theme.font, font_size=theme.label_size, color=theme.text)
        self.output_label.next_to(self.nodes[-1], RIGHT, buff=0.15)
        self.shape_labels = VGroup()
        bottom = min(column.get_bottom()[1] for column in self.nodes) - 0.25
        for layer, matrix in enumerate(matrices):
            name = Text(
                f"w{layer + 1}".translate(_SUBSCRIPTS), font=theme.font, font_size=label_size, color=theme.muted
            )
            shape = ShapeText(matrix.shape, theme, font_size=label_size)
            label = VGroup(name, shape).arrange(RIGHT, buff=0.12)
            # Wide shapes (20×20) would run into the next gap's label.
            if label.width > 0.92 * layer_gap:
                label.scale_to_fit_width(0.92 * layer_gap)
            label.move_to([(layer + 0.5) * layer_gap, bottom, 0], aligned_edge=UP)
            self.shape_labels.add(label)
        self.strikes = VGroup()
        self.add(edge_group, self.nodes, self.glyphs, self.strikes, self.headers)
        self.add(self.input_label, self.output_label, self.shape_labels)

    # --- glyphs ---------------------------------------------------------------------------------

    def _glyph(self, points: list[tuple[float, float]]) -> VMobject:
        glyph = VMobject(stroke_color=self.theme.text, stroke_width=3)
        return glyph.set_points_as_corners([np.array([a, b, 0.0]) * _GLYPH_SIZE for a, b in points])

    def straighten(self) -> Animation:
        """Turn each ReLU hinge into the identity's straight line and strike out its name."""
        animations = []
        for glyph, header in zip(self.glyphs, self.headers):
            line = self._glyph(_IDENTITY).set_stroke(self.theme.wrong).move_to(glyph)
            strike = Line(
                header.get_corner(DOWN + LEFT) + 0.05 * LEFT,
                header.get_corner(UP + RIGHT) + 0.05 * RIGHT,
                color=self.theme.wrong,
                stroke_width=3,
            )
            self.strikes.add(strike)  # inside the sketch, so it moves and scales with it
            animations += [Transform(glyph, line), Create(strike), header.animate.set_color(self.theme.wrong)]
        return AnimationGroup(*animations)

    def restore(self) -> Animation:
        """Undo :meth:`straighten`: the hinges and the names come back, the strikes go."""
        animations = []
        for glyph, header in zip(self.glyphs, self.headers):
            hinge = self._glyph(_HINGE).move_to(glyph)
            animations += [Transform(glyph, hinge), header.animate.set_color(self.theme.muted)]
        # Faded rather than removed: FadeOut of a part would split the sketch on the scene.
        animations += [strike.animate.set_stroke(opacity=0) for strike in self.strikes]
        return AnimationGroup(*animations)

    # --- lighting pairs -------------------------------------------------------------------------

    def pair_nodes(self, i: int) -> VGroup:
        """Neuron i of each hidden column."""
        return VGroup(*(self.nodes[c][i] for c in range(1, len(self.nodes) - 1)))

    def pair_edges(self, i: int) -> VGroup:
        """The path through pair i: input → neuron i → neuron i → … → output (first output neuron)."""
        last = len(self.edges) - 1
        # Neuron i of each hidden column: the input column and the output column have one neuron.
        return VGroup(
            *(
                self.edges[layer][(0 if layer == last else i, 0 if layer == 0 else i)]
                for layer in range(len(self.edges))
            )
        )

    def light_pair(self, i: int, color: str, *, fill_opacity: float = 0.45) -> AnimationGroup:
        """Colour pair i's neurons and the path through them."""
        width, opacity = _LIT_EDGE
        return AnimationGroup(
            *(node.animate.set_stroke(color).set_fill(color, fill_opacity) for node in self.pair_nodes(i)),
            *(edge.animate.set_stroke(color, width=width, opacity=opacity) for edge in self.pair_edges(i)),
        )

    def settle_pair(self, i: int, color: str) -> AnimationGroup:
        """Pair i done: its neurons keep a light fill of ``color``, its path a thinner stroke."""
        width, opacity = _EDGE
        return AnimationGroup(
            *(node.animate.set_stroke(color).set_fill(color, 0.25) for node in self.pair_nodes(i)),
            *(edge.animate.set_stroke(color, width=width + 0.6, opacity=0.9) for edge in self.pair_edges(i)),
        )
