"""The shape rule of a product: (m×n)·(n×p) → m×p, with the inner dimensions to light up."""

from __future__ import annotations

from manim import DOWN, RIGHT, Brace, Text, VGroup

from scenes.mobjects.numbers import ShapeText
from scenes.theme import Theme

__all__ = ["ShapeCheck", "ShapeBlock", "MAX_CELLS"]


class ShapeCheck(VGroup):
    """``(1×3) · (3×3) → 1×3``: two shapes, their inner dimensions, and the result's shape.

    Parameters
    ----------
    left_shape, right_shape : the shapes in the lecture's two-dimensional view
    result_shape : the product's shape as nnmath computed it, or ``None`` when the inner
        dimensions differ (the arrow then leads to a ✗)

    Attributes
    ----------
    left, right : :class:`ShapeText` of the two shapes
    left_inner, right_inner : the digits of the inner dimensions (to highlight)
    result : :class:`ShapeText` of the result, or the ✗ mark
    """

    def __init__(
        self,
        left_shape: tuple[int, int],
        right_shape: tuple[int, int],
        result_shape: tuple[int, ...] | None,
        theme: Theme,
        *,
        left_color: str | None = None,
        right_color: str | None = None,
        font_size: float | None = None,
    ) -> None:
        super().__init__()
        size = font_size or theme.label_size
        self.left = ShapeText(left_shape, theme, color=left_color or theme.left, font_size=size)
        self.right = ShapeText(right_shape, theme, color=right_color or theme.right, font_size=size)
        # The inner dimensions are the last digits of the left shape and the first of the right.
        self.left_inner = self.left[-len(str(left_shape[-1])) :]
        self.right_inner = self.right[: len(str(right_shape[0]))]
        self.matches = result_shape is not None
        if self.matches:
            self.result = ShapeText(result_shape, theme, color=theme.result, font_size=size)
        else:
            self.result = Text("✗", font=theme.font, font_size=size, color=theme.wrong)
        self.arrow = Text("→", font=theme.font, font_size=size, color=theme.muted)
        self.dot = Text("·", font=theme.font, font_size=size, color=theme.muted)
        self.add(self.left, self.dot, self.right, self.arrow, self.result)
        self.arrange(RIGHT, buff=0.18)
        self.theme = theme

    def inner_note(self, text: str | None = None, *, font_size: float | None = None, direction=DOWN) -> VGroup:
        """A brace under the two inner dimensions with the lecture's words: "must be the same!".

        In the result colour when they match, the erratum colour (and "differ: no product!") when
        they do not; under the check, or over it with ``direction=UP``. Not added to the check: the
        scene animates it.
        """
        theme = self.theme
        color = theme.result if self.matches else theme.wrong
        words = text or ("must be the same!" if self.matches else "differ: no product!")
        brace = Brace(VGroup(self.left_inner, self.right_inner), direction, buff=0.08, color=color)
        label = Text(words, font=theme.font, font_size=font_size or theme.label_size, color=color)
        label.next_to(brace, direction, buff=0.08)
        return VGroup(brace, label)


class ShapeBlock(VGroup):
    """A shape drawn as a grid of cells, ``rows`` × ``cols``, with what its rows and columns count.

    The picture of a matrix without its numbers: three rows of four cells is a 3×4 matrix whose
    rows are, say, neurons and whose columns are inputs. More than :data:`MAX_CELLS` along an axis
    are drawn as :data:`MAX_CELLS` (the written shape stays true).

    Parameters
    ----------
    shape : (rows, cols)
    name : written above the grid (``"Wᵀ"``)
    row_label, col_label : what the rows and the columns count, written left of and above the grid
    color : the object's role colour (outline of the cells, the name)

    Attributes
    ----------
    grid : the cells; ``rows_text``, ``cols_text`` the side labels; ``shape_text`` the shape below
    """

    def __init__(
        self,
        shape: tuple[int, int],
        theme: Theme,
        *,
        name: str,
        row_label: str,
        col_label: str,
        color: str,
        cell: float = 0.32,
        font_size: float | None = None,
    ) -> None:
        from manim import LEFT, UP, Square

        super().__init__()
        size = font_size or theme.label_size
        rows, cols = (min(int(n), MAX_CELLS) for n in shape)
        self.grid = VGroup(
            *(
                Square(cell, stroke_color=color, stroke_width=2, fill_color=color, fill_opacity=0.25).move_to(
                    [c * cell, -r * cell, 0]
                )
                for r in range(rows)
                for c in range(cols)
            )
        )
        self.name = Text(name, font=theme.font, font_size=size * 1.15, color=color)
        self.cols_text = Text(col_label, font=theme.font, font_size=size, color=theme.muted)
        self.rows_text = Text(row_label, font=theme.font, font_size=size, color=theme.muted)
        self.shape_text = ShapeText(shape, theme, font_size=size)
        self.cols_text.next_to(self.grid, UP, buff=0.12)
        self.rows_text.next_to(self.grid, LEFT, buff=0.15)
        self.name.next_to(self.cols_text, UP, buff=0.15)
        self.shape_text.next_to(self.grid, DOWN, buff=0.15)
        self.add(self.grid, self.name, self.cols_text, self.rows_text, self.shape_text)


#: Cells drawn per axis of a :class:`ShapeBlock`.
MAX_CELLS = 6
