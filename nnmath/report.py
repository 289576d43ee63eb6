"""Plain-text reports of what nnmath computed: ``nnanim explain`` and ``nnanim errata``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nnmath.display import format_array, format_number, shown_indices
from nnmath.lecture import ErratumRow, Explanation, shown_cells
from nnmath.trace import ProductStep, Step

__all__ = ["explanation_text", "errata_text", "table"]

# Longer arrays are shortened in text (all of them are in --json).
_MAX_ITEMS = 24


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A left-aligned text table with a rule under the headers."""
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def _short(values: np.ndarray) -> str:
    array = np.asarray(values)
    if array.size <= _MAX_ITEMS:
        return format_array(array)
    flat = array.ravel()
    head = ", ".join(format_number(x) for x in flat[:6])
    tail = ", ".join(format_number(x) for x in flat[-3:])
    return f"[{head}, …, {tail}]  ({array.size} values)"


def _shape(values: np.ndarray) -> str:
    return "×".join(str(n) for n in np.shape(values)) or "scalar"


def _step_text(step: Step) -> str:
    rows = [(f"in {k}", _shape(v), _short(v)) for k, v in step.inputs.items()]
    if not isinstance(step, ProductStep):
        rows += [(f"   {k}", _shape(v), _short(v)) for k, v in step.intermediates.items()]
    rows.append(("out", _shape(step.output), _short(step.output)))
    text = f"{step.label}    ({step.note})\n" + table(("quantity", "shape", "value"), rows)
    if isinstance(step, ProductStep):
        # The entries the screen writes, elided as it elides them: a 100×100 product is 25 lines.
        cells = shown_cells(step)
        lines = []
        for cell in cells:
            where = f"[{', '.join(map(str, cell.index))}]" if cell.index else "   "
            shown = shown_indices(len(cell.products))
            terms = " + ".join("…" if i is None else f"{format_number(cell.left[i])}·{format_number(cell.right[i])}" for i in shown)
            products = " + ".join("…" if i is None else format_number(cell.products[i]) for i in shown)
            lines.append(f"  {where} = {terms} = {products} = {format_number(cell.value)}")
        heading = "each entry: row of the left · column of the right"
        if len(cells) < step.output.size:
            heading += f" (the {len(cells)} the scene shows of {step.output.size}; all are in --json's output)"
        text += f"\n{heading}\n" + "\n".join(lines)
    return text


def explanation_text(explanation: Explanation) -> str:
    """Every computed step of a scene, section by section, then its named quantities."""
    parts = [f"== {explanation.slug}: {explanation.title} =="]
    for number, section in enumerate(explanation.sections, start=1):
        parts.append(f"-- {number}. {section.heading}")
        parts += [_step_text(step) for step in section.steps]
    rows = [(name, q.value if isinstance(q.value, str) else _short(q.value), q.how) for name, q in explanation.quantities.items()]
    parts.append("-- results\n" + table(("quantity", "value", "how"), rows))
    # An erratum about numbers a lecturer replaced says nothing about what the scene shows.
    if explanation.errata_that_apply:
        parts.append("-- errata: what the notes wrote, and what is computed\n" + errata_text(explanation.errata_that_apply))
    return "\n\n".join(parts)


def errata_text(rows: Sequence[ErratumRow]) -> str:
    """The errata table: where, what the notes wrote, what nnmath computes, and how."""
    return table(
        ("scene", "where", "notes", "computed", "how"),
        [(r.erratum.scene, r.erratum.where, r.erratum.notes, r.computed, r.how) for r in rows],
    )
