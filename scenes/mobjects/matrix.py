"""A matrix (or a vector) of numbers with brackets, a name, its shape, and highlightable rows and columns."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, RoundedRectangle, Text, VGroup, VMobject

from scenes.mobjects.highlight import highlight_box
# vector_text is re-exported: it writes a vector for a caption as MatrixMob draws it.
from nnmath.display import MAX_SHOWN, drawn_decimals, shown_indices, vector_text
from scenes.mobjects.numbers import Num, ShapeText
from scenes.theme import Theme

__all__ = ["MatrixMob", "MAX_SHOWN", "vector_text"]

# Rows or columns beyond MAX_SHOWN are elided with dots (the shape label keeps the true shape),
# by the one rule nnanim explain uses too: nnmath.display.shown_indices.
_shown_indices = shown_indices


class MatrixMob(VGroup):
    """Numbers in a grid between square brackets.

    Parameters
    ----------
    values : array of shape (rows, cols), or (n,) drawn as a 1×n row (or an n×1 column with
        ``column=True``)
    theme
    color : colour of the entries
    name : drawn left of the brackets as ``name =`` (optional)
    show_shape : write the shape (``3×3``) under the brackets
    max_shown : rows or columns beyond this are elided with ⋯ / ⋮
    digits : at most this many decimals; the drawn entries share one number of decimals

    Attributes
    ----------
    entries : dict mapping (i, j) of the true matrix to its :class:`Num`, for the entries drawn
    color : the colour of the entries (the object's role colour, e.g. ``theme.weight`` for B)
    shape : the true (rows, cols) shown
    """

    def __init__(
        self,
        values: np.ndarray,
        theme: Theme,
        *,
        color: str | None = None,
        name: str | None = None,
        show_shape: bool = True,
        column: bool = False,
        max_shown: int = MAX_SHOWN,
        digits: int = 4,
        font_size: float | None = None,
        h_gap: float = 0.55,
        v_gap: float = 0.28,
    ) -> None:
        super().__init__()
        array = np.asarray(values, dtype=float)
        if array.ndim == 1:
            array = array.reshape(-1, 1) if column else array.reshape(1, -1)
        if array.ndim != 2:
            raise ValueError(f"MatrixMob draws 1-D or 2-D arrays, got shape {array.shape}")
        self.theme = theme
        self.color = color or theme.text
        self.shape = array.shape
        self.entries: dict[tuple[int, int], Num] = {}
        size = font_size or theme.number_size
        rows = _shown_indices(self.shape[0], max_shown)
        cols = _shown_indices(self.shape[1], max_shown)

        cells: dict[tuple[int, int], VMobject] = {}
        # One number of decimals for the whole matrix (0.090 beside 0.245, never 0.09): the rule a
        # product's term line writes its factors and total with (nnmath.display.term_line).
        decimals = self.decimals = drawn_decimals(array, digits, max_shown)
        for r, i in enumerate(rows):
            for c, j in enumerate(cols):
                if i is None or j is None:
                    dots = "⋱" if i is None and j is None else ("⋮" if i is None else "⋯")
                    cells[r, c] = Text(dots, font=theme.font, font_size=size, color=theme.muted)
                else:
                    num = Num(array[i, j], theme, color=color, font_size=size, digits=digits, decimals=decimals)
                    self.entries[i, j] = num
                    cells[r, c] = num
        col_width = [max(cells[r, c].width for r in range(len(rows))) for c in range(len(cols))]
        row_height = max(cell.height for cell in cells.values())
        x = 0.0
        for c in range(len(cols)):
            for r in range(len(rows)):
                # Numbers are right-aligned in their column, as in a printed matrix.
                cells[r, c].move_to(np.array([x + col_width[c], -r * (row_height + v_gap), 0]), aligned_edge=RIGHT)
                cells[r, c].set_y(-r * (row_height + v_gap))
            x += col_width[c] + h_gap
        self.grid = VGroup(*cells.values())
        self._cells = cells
        self._rows, self._cols = rows, cols
        self.brackets = self._build_brackets(self.grid, theme)
        self.add(self.grid, self.brackets)
        self.name_label = None
        if name:
            self.name_label = Text(f"{name} =", font=theme.font, font_size=size, color=color or theme.text)
            self.name_label.next_to(self.brackets, LEFT, buff=0.2)
            self.add(self.name_label)
        self.shape_label = None
        if show_shape:
            # Sized with the numbers, so that a matrix shrunk to fit keeps a legible shape.
            self.shape_label = ShapeText(self.shape, theme, font_size=max(theme.label_size, 0.85 * size))
            self.shape_label.next_to(self.brackets, DOWN, buff=0.15)
            self.add(self.shape_label)
        self.center()

    @staticmethod
    def _build_brackets(grid: VGroup, theme: Theme) -> VGroup:
        pad_x, pad_y, lip = 0.24, 0.14, 0.16
        left, right = grid.get_left()[0] - pad_x, grid.get_right()[0] + pad_x
        top, bottom = grid.get_top()[1] + pad_y, grid.get_bottom()[1] - pad_y

        def bracket(x: float, direction: float) -> VMobject:
            path = VMobject(stroke_color=theme.text, stroke_width=3)
            path.set_points_as_corners(
                [
                    np.array([x + direction * lip, top, 0]),
                    np.array([x, top, 0]),
                    np.array([x, bottom, 0]),
                    np.array([x + direction * lip, bottom, 0]),
                ]
            )
            return path

        return VGroup(bracket(left, 1), bracket(right, -1))

    def entry(self, i: int, j: int = 0) -> Num | None:
        """The drawn entry (i, j) of the true matrix, or ``None`` if it is elided."""
        if self.shape[0] == 1 and j == 0 and i > 0:  # a 1×n row addressed by one index
            i, j = 0, i
        return self.entries.get((i, j))

    def row(self, i: int) -> VGroup:
        """The drawn cells of row i (elision dots included)."""
        r = self._rows.index(i) if i in self._rows else self._rows.index(None)
        return VGroup(*(self._cells[r, c] for c in range(len(self._cols))))

    def column(self, j: int) -> VGroup:
        """The drawn cells of column j (elision dots included)."""
        c = self._cols.index(j) if j in self._cols else self._cols.index(None)
        return VGroup(*(self._cells[r, c] for r in range(len(self._rows))))

    def highlight(self, cells: VGroup, *, color: str | None = None, opacity: float = 0.9) -> RoundedRectangle:
        """A filled rounded box behind ``cells`` (a row or a column), for the scene to fade in."""
        return highlight_box(cells, self.theme, color=color, opacity=opacity)

    def row_box(self, i: int, **kwargs) -> RoundedRectangle:
        return self.highlight(self.row(i), **kwargs)

    def column_box(self, j: int, **kwargs) -> RoundedRectangle:
        return self.highlight(self.column(j), **kwargs)
