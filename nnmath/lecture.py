"""What a scene shows, computed: the :class:`Explanation` every scene, report and figure reads.

An :class:`Explanation` is the traced steps of one scene in the order the scene shows them,
grouped in :class:`Section` s, plus named ``quantities`` (a value and how it was computed) that the
errata table and the captions refer to. Which scenes there are and what each computes from its
values is the course's business (``course/``, one content module per scene); this module only
knows the shape of the answer, and the few helpers content modules share to write it (the entries
of a product with their sums of products, shapes in the lecture's notation).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from nnmath.display import format_array, format_number, format_shape_x, shown_indices
from nnmath.trace import Cell, ProductStep, Step
from nnmath.values import Erratum

__all__ = ["Quantity", "Section", "Explanation", "ErratumRow", "jsonable", "shown_cells", "entries", "sum_of_products", "shape_text"]

@dataclass(frozen=True)
class Quantity:
    """A named computed value: ``value`` (a number, an array, or a text such as a shape) and
    ``how`` it was computed, in the lecture's notation."""

    value: object
    how: str = ""
    #: For one entry of a product's output, the entry's index in it.
    index: tuple[int, ...] | None = None
    #: The inputs this value is computed from (an entry's row and column, one p of a table): an
    #: erratum about it applies while they are the notes' own, whatever else a lecturer changed.
    about: tuple[object, ...] = ()

    def text(self, digits: int = 3) -> str:
        if isinstance(self.value, str):
            return self.value
        return format_array(np.asarray(self.value), digits)


@dataclass(frozen=True)
class ErratumRow:
    """One row of the errata table: what the notes wrote and what nnmath computes."""

    erratum: Erratum
    computed: str
    how: str
    #: The values the erratum is about (:attr:`Quantity.about`) are the lecture's own: what the
    #: notes wrote is about these numbers. Reports and scenes show only the rows that apply.
    applies: bool = True
    #: The output entry the erratum is about, when it is one entry of a product.
    index: tuple[int, ...] | None = None

    @property
    def differs(self) -> bool:
        return self.computed != self.erratum.notes


@dataclass(frozen=True)
class Section:
    """A beat's worth of steps under a heading."""

    heading: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Explanation:
    """Everything one scene shows, computed."""

    slug: str
    title: str
    sections: tuple[Section, ...]
    quantities: Mapping[str, Quantity]
    objects: Mapping[str, object] = field(default_factory=dict)
    errata: tuple[ErratumRow, ...] = ()

    @property
    def errata_that_apply(self) -> tuple[ErratumRow, ...]:
        """The errata rows about values that are still the notes' own (what a report prints)."""
        return tuple(row for row in self.errata if row.applies)

    @property
    def steps(self) -> list[Step]:
        return [step for section in self.sections for step in section.steps]

    def step(self, label: str) -> Step:
        """The step labelled ``label``."""
        for step in self.steps:
            if step.label == label:
                return step
        raise KeyError(f"{self.slug} has no step {label!r}; it has {[s.label for s in self.steps]}")

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict of the sections, their steps and the quantities."""
        return {
            "slug": self.slug,
            "title": self.title,
            "sections": [
                {"heading": s.heading, "steps": [_step_dict(step) for step in s.steps]} for s in self.sections
            ],
            "quantities": {
                name: {"value": jsonable(q.value), "text": q.text(), "how": q.how}
                for name, q in self.quantities.items()
            },
            "errata": [
                {"where": r.erratum.where, "notes": r.erratum.notes, "computed": r.computed, "how": r.how}
                for r in self.errata_that_apply
            ],
        }


def jsonable(value: object) -> object:
    """A value of the lecture as JSON data: text stays text, arrays and name lists become lists."""
    return value if isinstance(value, str) else np.asarray(value).tolist()


def _step_dict(step: Step) -> dict[str, object]:
    record = step.to_dict()
    if isinstance(step, ProductStep):
        # The entries the screen writes; the others' products are in the intermediates.
        record["cells"] = [
            {
                "index": list(cell.index),
                "row": cell.row,
                "column": cell.column,
                "left": cell.left.tolist(),
                "right": cell.right.tolist(),
                "products": cell.products.tolist(),
                "value": cell.value,
            }
            for cell in shown_cells(step)
        ]
    return record


def shape_text(array: np.ndarray) -> str:
    """Shapes as the lecture writes them: ``3×4`` for a matrix, numpy's ``(3,)`` for a vector."""
    shape = tuple(np.shape(array))
    return f"({shape[0]},)" if len(shape) == 1 else format_shape_x(shape)


def sum_of_products(cell_left: np.ndarray, cell_right: np.ndarray) -> str:
    """``10·1 + 11·2 + 12·3``; a long sum elided as the screen writes it: ``a·b + … + y·z``."""
    return " + ".join(
        "…" if i is None else f"{format_number(cell_left[i])}·{format_number(cell_right[i])}"
        for i in shown_indices(len(cell_left))
    )


def shown_cells(step: ProductStep) -> list[Cell]:
    """The entries of a product the screen writes out (each axis elided past
    :data:`~nnmath.display.MAX_SHOWN`), in reading order: all 9 of a 3×3, 25 of a 100×100."""
    axes = [[i for i in shown_indices(n) if i is not None] for n in step.output.shape]
    return [step.cell(*index) for index in itertools.product(*axes)]


def entries(step: ProductStep, name: str = "output") -> dict[str, Quantity]:
    """``output``, and ``output[i]`` / ``output[i, j]`` with the sum of products behind each, for
    the entries the screen shows (a 100×100 product names 25, not 10 000)."""
    quantities = {name: Quantity(step.output, step.label)}
    for cell in shown_cells(step):
        if cell.index:
            key = f"{name}[{', '.join(str(i) for i in cell.index)}]"
            quantities[key] = Quantity(
                cell.value, sum_of_products(cell.left, cell.right), index=cell.index, about=(cell.left, cell.right)
            )
    return quantities
