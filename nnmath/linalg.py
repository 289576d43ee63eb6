"""Dot products, vector-matrix, matrix-vector and matrix-matrix products, and transpose.

Every product follows ``np.dot``'s semantics for 1-D and 2-D arrays and keeps, for each output
entry, the row and column that met and their element-wise products.
"""

from __future__ import annotations

import numpy as np

from nnmath.errors import ShapeError
from nnmath.trace import ProductStep, Step
from nnmath.validate import as_array, format_shape

__all__ = ["dot_trace", "transpose_trace", "add_trace", "dot", "transpose", "product_kind", "check_inner"]

_KINDS = {
    (1, 1): ("dot", "dot product"),
    (1, 2): ("vector_matrix", "vector-matrix product"),
    (2, 1): ("matrix_vector", "matrix-vector product"),
    (2, 2): ("matrix_matrix", "matrix-matrix product"),
}


def product_kind(left_ndim: int, right_ndim: int) -> str:
    """``"dot"``, ``"vector_matrix"``, ``"matrix_vector"`` or ``"matrix_matrix"``."""
    return _KINDS[(left_ndim, right_ndim)][0]


def _row_view(shape: tuple[int, ...]) -> tuple[int, int]:
    return (1, shape[0]) if len(shape) == 1 else (shape[0], shape[1])


def _column_view(shape: tuple[int, ...]) -> tuple[int, int]:
    return (shape[0], 1) if len(shape) == 1 else (shape[0], shape[1])


def check_inner(
    left_shape: tuple[int, ...],
    right_shape: tuple[int, ...],
    *,
    left_name: str = "a",
    right_name: str = "b",
) -> None:
    """Raise :class:`ShapeError` unless ``left . right`` lines up.

    The message uses the lecture's view of a 1-D array — a ``(1, n)`` row on the left, an
    ``(n, 1)`` column on the right — and names both shapes and the two dimensions that differ,
    e.g. ``"(1, 3) . (4, 3): inner dimensions 3 and 4 differ"``.
    """
    left_view, right_view = _row_view(left_shape), _column_view(right_shape)
    if left_view[1] == right_view[0]:
        return
    hints = []
    if len(left_shape) == 1:
        hints.append(f"{left_name} has shape {format_shape(left_shape)}, a 1×{left_shape[0]} row")
    if len(right_shape) == 1:
        hints.append(f"{right_name} has shape {format_shape(right_shape)}, a {right_shape[0]}×1 column")
    message = (
        f"{format_shape(left_view)} . {format_shape(right_view)}: inner dimensions "
        f"{left_view[1]} and {right_view[0]} differ"
    )
    if hints:
        message += " (" + "; ".join(hints) + ")"
    message += (
        f": the columns of {left_name} must match the rows of {right_name}"
        if len(left_shape) == 2 or len(right_shape) == 2
        else f": {left_name} and {right_name} must have the same length"
    )
    raise ShapeError(
        message,
        left_shape=left_view,
        right_shape=right_view,
        left_dim=left_view[1],
        right_dim=right_view[0],
    )


def dot_trace(
    a: object,
    b: object,
    *,
    a_name: str = "a",
    b_name: str = "b",
    label: str | None = None,
    parents: tuple[Step, ...] = (),
) -> ProductStep:
    """``np.dot(a, b)`` for 1-D and 2-D arrays, keeping every product.

    Parameters
    ----------
    a : array of shape (n,) or (m, n)
    b : array of shape (n,) or (n, p)
    a_name, b_name
        Names used in labels and error messages.

    Returns
    -------
    ProductStep
        ``output`` has shape ``()``, ``(p,)``, ``(m,)`` or ``(m, p)`` as ``np.dot`` gives.
        ``intermediates``: ``left_view`` (m, n), ``right_view`` (n, p), ``products`` (m, p, n)
        and ``running_sum`` (m, p, n), the partial sums a scene writes term by term.

    Raises
    ------
    ShapeError
        Inner dimensions differ, or a rank other than 1 or 2.
    """
    if a_name == b_name:  # np.dot(a, a): keep both inputs in the record
        b_name = f"{b_name}'"
    left = as_array(a, a_name, ndim=(1, 2))
    right = as_array(b, b_name, ndim=(1, 2))
    check_inner(left.shape, right.shape, left_name=a_name, right_name=b_name)
    left_view = left.reshape(_row_view(left.shape))
    right_view = right.reshape(_column_view(right.shape))
    with np.errstate(over="ignore", invalid="ignore"):  # Step reports an overflow as an InputError
        products = left_view[:, None, :] * right_view.T[None, :, :]
        running_sum = np.cumsum(products, axis=-1)
    out_shape = left.shape[:-1] + right.shape[1:]
    output = running_sum[..., -1].reshape(out_shape)
    op, what = _KINDS[(left.ndim, right.ndim)]
    return ProductStep(
        op=op,
        label=label or f"np.dot({a_name}, {b_name})",
        inputs={a_name: left, b_name: right},
        output=output,
        intermediates={
            "left_view": left_view,
            "right_view": right_view,
            "products": products,
            "running_sum": running_sum,
        },
        parents=parents,
        note=f"{what}: {format_shape(left.shape)} . {format_shape(right.shape)} -> {format_shape(out_shape)}",
    )


def transpose_trace(m: object, *, name: str = "m", parents: tuple[Step, ...] = ()) -> Step:
    """Rows become columns: ``(r, c)`` -> ``(c, r)``; a 1-D vector of length n becomes an n×1 column.

    numpy's ``v.T`` leaves a 1-D array unchanged; the lecture's aᵀ is ``v.reshape(-1, 1)``,
    which is what this returns for a vector. ``intermediates["source_index"]`` has shape
    ``(c, r, 2)``: output entry ``(i, j)`` came from input entry ``source_index[i, j]``.
    """
    array = as_array(m, name, ndim=(1, 2))
    matrix = array.reshape(1, -1) if array.ndim == 1 else array
    output = matrix.T
    rows, cols = output.shape
    source_index = np.stack(np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")[::-1], axis=-1)
    return Step(
        op="transpose",
        label=f"{name}ᵀ",
        inputs={name: array},
        output=output,
        intermediates={"source_index": source_index},
        parents=parents,
        note=f"transpose: {format_shape(array.shape)} -> {format_shape(output.shape)}",
    )


def add_trace(
    x: object,
    y: object,
    *,
    x_name: str,
    y_name: str,
    label: str | None = None,
    parents: tuple[Step, ...] = (),
    note: str = "",
) -> Step:
    """``x + y`` with numpy broadcasting, e.g. a bias vector (n,) added to each row of (batch, n).

    Raises
    ------
    ShapeError
        The shapes do not broadcast.
    """
    left = as_array(x, x_name)
    right = as_array(y, y_name)
    try:
        output = left + right
    except ValueError:
        raise ShapeError(
            f"{x_name} {format_shape(left.shape)} + {y_name} {format_shape(right.shape)}: shapes do not line up"
        ) from None
    return Step(
        op="add",
        label=label or f"{x_name} + {y_name}",
        inputs={x_name: left, y_name: right},
        output=output,
        parents=parents,
        note=note or f"{format_shape(left.shape)} + {format_shape(right.shape)} -> {format_shape(output.shape)}",
    )


def dot(a: object, b: object) -> np.ndarray:
    """``np.dot(a, b)`` with the lecture's shape checks; a float64 array (0-D for two vectors)."""
    return np.array(dot_trace(a, b).output)


def transpose(m: object) -> np.ndarray:
    """Rows to columns; a 1-D vector becomes a column of shape ``(n, 1)``."""
    return np.array(transpose_trace(m).output)
