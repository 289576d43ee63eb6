"""The errors nnmath raises, each with a message that names what is wrong."""

from __future__ import annotations

__all__ = ["NNMathError", "InputError", "ShapeError"]


class NNMathError(ValueError):
    """Base class of every error nnmath raises on bad input."""

    def within(self, where: str) -> NNMathError:
        """The same error, its message prefixed with ``[where]`` (the scene it happened in), every
        attribute kept (a :class:`ShapeError`'s shapes and dimensions)."""
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.args = (f"[{where}] {self}", *self.args[1:])
        return copy


class InputError(NNMathError):
    """A value that is not a finite number, an empty array, or a label out of range."""


class ShapeError(NNMathError):
    """Shapes that do not line up, or an array of the wrong rank.

    Attributes
    ----------
    left_shape, right_shape : tuple of int or None
        The two shapes that were combined, as the lecture views them
        (a 1-D left operand is a ``(1, n)`` row, a 1-D right operand an ``(n, 1)`` column).
    left_dim, right_dim : int or None
        The two dimensions that had to be equal and are not.
    """

    def __init__(
        self,
        message: str,
        *,
        left_shape: tuple[int, ...] | None = None,
        right_shape: tuple[int, ...] | None = None,
        left_dim: int | None = None,
        right_dim: int | None = None,
    ) -> None:
        super().__init__(message)
        self.left_shape = left_shape
        self.right_shape = right_shape
        self.left_dim = left_dim
        self.right_dim = right_dim
