"""A layered network diagram: a column of neurons per layer, edges between neighbouring layers.

Each neuron is a rounded box wide enough to hold the number it computes, so a scene can write a
sample's values into the network layer by layer (:meth:`NetworkDiagram.values`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, Line, RoundedRectangle, Text, VGroup

from scenes.mobjects.numbers import Num
from scenes.theme import Theme

__all__ = ["NetworkDiagram", "NodeValues", "MAX_NODES"]

#: Layers with more neurons show the first ones, ⋮, and the last one.
MAX_NODES = 6


def _shown(n: int, max_nodes: int) -> list[int | None]:
    """Neurons drawn in a layer of ``n``: all of them, or the first ones, ``None`` (dots), the last."""
    if n <= max_nodes:
        return list(range(n))
    return [*range(max_nodes - 2), None, n - 1]


class NodeValues(VGroup):
    """One :class:`Num` per drawn neuron of a layer, centred in its box.

    Attributes
    ----------
    nums : dict mapping the neuron's index to its :class:`Num` (elided neurons have none)
    """

    def __init__(self, nums: dict[int, Num]) -> None:
        super().__init__(*nums.values())
        self.nums = nums


class NetworkDiagram(VGroup):
    """Layers of neurons left to right, every neuron joined to every neuron of the next layer.

    Parameters
    ----------
    sizes : the number of neurons of each layer, inputs first, e.g. ``(2, 3, 3)``
    theme
    headers : a short text under each layer (``"input"``, ``"Linear → ReLU"`` ...), optional
    node_width, node_height : size of a neuron's box in scene units
    layer_gap : horizontal space between two layers' boxes
    node_gap : vertical space between two boxes of a layer
    max_nodes : layers with more neurons are elided with ⋮

    Attributes
    ----------
    nodes : dict mapping (layer, neuron) to its box, for the neurons drawn
    columns : one :class:`VGroup` per layer: its boxes and elision dots, top to bottom
    edges : one :class:`VGroup` of lines per pair of neighbouring layers (``len(sizes) - 1``)
    headers : the header texts, one per layer (empty when none were given)
    sizes : the true layer sizes
    """

    def __init__(
        self,
        sizes: Sequence[int],
        theme: Theme,
        *,
        headers: Sequence[str] | None = None,
        node_width: float = 1.35,
        node_height: float = 0.66,
        layer_gap: float = 1.9,
        node_gap: float = 0.42,
        max_nodes: int = MAX_NODES,
        header_size: float | None = None,
    ) -> None:
        super().__init__()
        if headers is not None and len(headers) != len(sizes):
            raise ValueError(f"{len(headers)} headers for {len(sizes)} layers")
        self.theme = theme
        self.sizes = tuple(int(n) for n in sizes)
        self.node_width, self.node_height = node_width, node_height
        self.nodes: dict[tuple[int, int], RoundedRectangle] = {}
        self.columns: list[VGroup] = []
        for layer, n in enumerate(self.sizes):
            shown = _shown(n, max_nodes)
            column = VGroup()
            x = layer * (node_width + layer_gap)
            # Each layer is centred on y = 0, so layers of different sizes line up in the middle.
            top = (len(shown) - 1) * (node_height + node_gap) / 2
            for row, index in enumerate(shown):
                y = top - row * (node_height + node_gap)
                if index is None:
                    column.add(Text("⋮", font=theme.font, font_size=theme.label_size, color=theme.muted).move_to([x, y, 0]))
                    continue
                box = RoundedRectangle(
                    corner_radius=0.16,
                    width=node_width,
                    height=node_height,
                    stroke_color=theme.muted,
                    stroke_width=2.5,
                    fill_color=theme.background,
                    fill_opacity=1.0,
                ).move_to([x, y, 0])
                self.nodes[layer, index] = box
                column.add(box)
            self.columns.append(column)
        self.edges = [self._build_edges(k) for k in range(len(self.sizes) - 1)]
        self.headers = VGroup()
        if headers is not None:
            size = header_size or theme.caption_size
            bottom = min(column.get_bottom()[1] for column in self.columns)
            for column, header in zip(self.columns, headers):
                text = Text(header, font=theme.font, font_size=size, color=theme.muted)
                text.next_to(np.array([column.get_x(), bottom, 0]), DOWN, buff=0.3)
                self.headers.add(text)
        # Edges first, so the opaque boxes sit on top of the line ends.
        self.add(*self.edges, *self.columns, self.headers)

    def _build_edges(self, k: int) -> VGroup:
        lines = VGroup()
        for (layer_a, a), left in self.nodes.items():
            if layer_a != k:
                continue
            for (layer_b, b), right in self.nodes.items():
                if layer_b == k + 1:
                    lines.add(Line(left.get_right(), right.get_left(), color=self.theme.muted, stroke_width=1.6, stroke_opacity=0.55))
        return lines

    def node(self, layer: int, index: int) -> RoundedRectangle | None:
        """The box of neuron ``index`` of ``layer``, or ``None`` if it is elided."""
        return self.nodes.get((layer, index))

    def layer_nodes(self, layer: int) -> VGroup:
        """The drawn boxes of ``layer``, top to bottom."""
        return VGroup(*(box for (k, _), box in self.nodes.items() if k == layer))

    def values(
        self,
        layer: int,
        values: np.ndarray,
        *,
        color: str | None = None,
        digits: int = 4,
        font_size: float | None = None,
    ) -> NodeValues:
        """Numbers nnmath computed for ``layer``, one per drawn neuron, centred in the boxes.

        Parameters
        ----------
        layer : which layer (0 = the inputs)
        values : array of shape (sizes[layer],), one sample's values
        color, digits, font_size : passed to :class:`Num`; a number too wide for its box is shrunk

        Returns
        -------
        NodeValues
            not yet added to the scene.
        """
        array = np.asarray(values, dtype=float).ravel()
        if array.shape != (self.sizes[layer],):
            raise ValueError(f"layer {layer} has {self.sizes[layer]} neurons, got {array.shape[0]} values")
        nums: dict[int, Num] = {}
        for (k, index), box in self.nodes.items():
            if k != layer:
                continue
            num = Num(array[index], self.theme, color=color, digits=digits, font_size=font_size or self.theme.label_size)
            # The diagram may have been scaled since it was built: scale the number with it, and
            # shrink a number too wide for its box so it stays inside with a margin.
            zoom = box.width / self.node_width
            num.scale(min(zoom, 0.86 * box.width / max(num.width, 1e-9), 0.72 * box.height / max(num.height, 1e-9)))
            nums[index] = num.move_to(box)
        return NodeValues(nums)
