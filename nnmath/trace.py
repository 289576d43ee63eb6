"""Traced steps: every operation records its inputs, its output and what it was made from.

In the spirit of micrograd's ``Value``: a :class:`Step` keeps its ``parents`` (the steps whose
outputs it consumed), so any result can be walked back to the numbers it came from, printed,
or turned into JSON for ``nnanim explain --json``. Scenes read the ``intermediates`` — each
product of a dot product, each exponential of a softmax — instead of recomputing them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from nnmath.display import format_array
from nnmath.errors import InputError

__all__ = ["Step", "ProductStep", "Cell", "Trace", "ancestors"]


def _frozen(arrays: Mapping[str, object]) -> Mapping[str, np.ndarray]:
    frozen = {}
    for name, value in arrays.items():
        array = np.array(value, copy=True)
        array.setflags(write=False)
        frozen[name] = array
    return MappingProxyType(frozen)


def _jsonable(value: object) -> object:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def check_finite(value: object, what: str) -> None:
    """Refuse a non-finite result: inputs are checked finite on the way in, so it means float64
    overflowed; ``what`` names the result in the message."""
    array = np.asarray(value)
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        raise InputError(f"{what} overflows float64 (the inputs are too large to compute and show); use smaller values")


@dataclass(frozen=True, eq=False)
class Step:
    """One computed operation.

    Parameters
    ----------
    op
        The operation's name, e.g. ``"dot"``, ``"add_bias"``, ``"softmax"``.
    label
        How the lecture writes it, e.g. ``"np.dot(a, b)"``.
    inputs
        The named arrays it was given.
    output
        What it returned.
    intermediates
        The named arrays a scene shows on the way, e.g. ``products`` and ``running_sum``.
    parents
        The steps whose outputs are among ``inputs``.
    note
        One sentence on what the step means, shown by ``nnanim explain``.
    """

    op: str
    label: str
    inputs: Mapping[str, np.ndarray]
    output: np.ndarray
    intermediates: Mapping[str, np.ndarray] = field(default_factory=dict)
    parents: tuple[Step, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        for name, value in (("output", self.output), *self.intermediates.items()):
            check_finite(value, f"{self.label}: {name}")
        object.__setattr__(self, "inputs", _frozen(self.inputs))
        object.__setattr__(self, "intermediates", _frozen(self.intermediates))
        output = np.array(self.output, copy=True)
        output.setflags(write=False)
        object.__setattr__(self, "output", output)

    @property
    def shapes(self) -> dict[str, tuple[int, ...]]:
        """Shapes of every input and of the output."""
        shapes = {name: tuple(value.shape) for name, value in self.inputs.items()}
        shapes["output"] = tuple(self.output.shape)
        return shapes

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict: op, label, note, inputs, intermediates, output and their shapes."""
        return {
            "op": self.op,
            "label": self.label,
            "note": self.note,
            "inputs": {k: _jsonable(v) for k, v in self.inputs.items()},
            "intermediates": {k: _jsonable(v) for k, v in self.intermediates.items()},
            "output": _jsonable(self.output),
            "shapes": {k: list(v) for k, v in self.shapes.items()},
            "parents": [p.label for p in self.parents],
        }

    def rows(self, digits: int = 4) -> list[tuple[str, str, str]]:
        """``(quantity, shape, value)`` rows for a printed table."""
        rows = [(f"in  {k}", _shape(v), format_array(v, digits)) for k, v in self.inputs.items()]
        rows += [(f"    {k}", _shape(v), format_array(v, digits)) for k, v in self.intermediates.items()]
        rows.append(("out", _shape(self.output), format_array(self.output, digits)))
        return rows

    def __repr__(self) -> str:
        return f"Step({self.label}: {_shape(self.output)} = {format_array(self.output)})"


@dataclass(frozen=True)
class Cell:
    """One entry of a product: ``value = sum(left * right)``, with ``products = left * right``.

    ``index`` is the entry's index in the product's output (``()`` for a scalar result);
    ``row`` and ``column`` are the row of the left operand and the column of the right
    operand that met, in the two-dimensional view (a 1-D left operand is one row, a 1-D
    right operand one column).
    """

    index: tuple[int, ...]
    row: int
    column: int
    left: np.ndarray
    right: np.ndarray
    products: np.ndarray
    value: float


@dataclass(frozen=True, eq=False, repr=False)
class ProductStep(Step):
    """A dot, vector-matrix, matrix-vector or matrix-matrix product, cell by cell.

    ``intermediates["products"]`` has shape ``(m, p, n)`` in the two-dimensional view
    ``(m, n) . (n, p)``: ``products[i, j, k] = left[i, k] * right[k, j]``.
    """

    def cell(self, *index: int) -> Cell:
        """The record of output entry ``index`` (no index for a scalar result)."""
        left = self.intermediates["left_view"]
        right = self.intermediates["right_view"]
        row, column = self._row_column(index)
        products = self.intermediates["products"][row, column]
        return Cell(
            index=tuple(index),
            row=row,
            column=column,
            left=left[row],
            right=right[:, column],
            products=products,
            value=float(self.output[tuple(index)]),
        )

    def cells(self) -> Iterator[Cell]:
        """Every output entry in reading order (row by row)."""
        for index in np.ndindex(*self.output.shape):
            yield self.cell(*index)

    def _row_column(self, index: tuple[int, ...]) -> tuple[int, int]:
        if len(index) != self.output.ndim:
            raise IndexError(f"output has shape {self.output.shape}; give {self.output.ndim} indices")
        left_1d = self.inputs[next(iter(self.inputs))].ndim == 1
        if self.output.ndim == 0:
            return 0, 0
        if self.output.ndim == 2:
            return index[0], index[1]
        return (0, index[0]) if left_1d else (index[0], 0)


class Trace(Sequence[Step]):
    """An ordered list of steps, e.g. a forward pass; ``trace.output`` is the last step's."""

    def __init__(self, steps: Sequence[Step]) -> None:
        if not steps:
            raise ValueError("a trace needs at least one step")
        self._steps = tuple(steps)

    def __getitem__(self, index):  # type: ignore[override]
        return self._steps[index]

    def __len__(self) -> int:
        return len(self._steps)

    @property
    def output(self) -> np.ndarray:
        return self._steps[-1].output

    def find(self, op: str) -> Step:
        """The first step whose ``op`` is ``op``."""
        for step in self._steps:
            if step.op == op:
                return step
        raise KeyError(f"no step {op!r} in this trace; it has {[s.op for s in self._steps]}")

    def to_list(self) -> list[dict[str, object]]:
        return [step.to_dict() for step in self._steps]

    def __repr__(self) -> str:
        return "Trace(" + ", ".join(s.label for s in self._steps) + ")"


def ancestors(step: Step) -> list[Step]:
    """Every step ``step`` was made from, itself last, each once, in the order computed."""
    order: list[Step] = []
    seen: set[int] = set()

    def visit(node: Step) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(step)
    return order


def _shape(value: np.ndarray) -> str:
    return "×".join(str(n) for n in value.shape) if value.shape else "scalar"
