"""A product written out term by term writes each number as the screen beside it does.

In the beat that works out an entry, a factor reads as in the matrix (or vector) it comes from
(``0.20`` beside w₁'s ``0.20``, never ``0.2``), the total as in the result grid, and the caption
says the same sum. What is compared is what each scene shows (its BeatRecords) against
``nnmath.display.cell_line``, for the lecture's values and for other values with decimals.
"""

from __future__ import annotations

import importlib
from collections import Counter

import pytest

import course
from course.products import product_cells
from nnmath.display import TermLine, cell_line, drawn_decimals, format_decimals
from scene_harness import dry_run
from values_files import OTHER, write_values

# Which products each scene fills cell by cell: (step label, beat prefix, digits, content module).
_PLAYERS = {
    "vector-matrix": [("np.dot(a, B)", "entry", 4, "course.lecture1.vector_matrix")],
    "matrix-vector": [("np.dot(B, a)", "entry", 4, "course.lecture1.matrix_vector")],
    "matrix-matrix": [("np.dot(A, Bᵀ)", "entry", 4, "course.lecture1.matrix_matrix")],
    "layers": [
        ("np.dot(X, w1ᵀ)", "layer-1", 3, "course.lecture1.layers"),
        ("np.dot(f1, w2ᵀ)", "layer-2", 3, "course.lecture1.layers"),
    ],
}


def _plain(text: str) -> str:
    return text.replace("\u2212", "-")


def _drawn(record) -> tuple[Counter, Counter]:
    """The numbers a beat draws: every number (matrix entries included), and the matrices' entries."""
    numbers = Counter(_plain(s.text) for s in record.shown if s.kind == "Num")
    matrices = Counter(_plain(t) for s in record.shown if s.kind == "MatrixMob" for t in s.entries)
    return numbers, matrices


def _missing(expected: list[str], drawn: Counter) -> Counter:
    return Counter(expected) - drawn


def _values(which: str, slug: str, folder):
    """None for the lecture's values, else a file of the scene's other values (OTHER)."""
    return None if which == "lecture" else write_values(folder, OTHER[slug])


_WHICH = pytest.mark.parametrize("which", ["lecture", "other"])


@_WHICH
@pytest.mark.parametrize("slug", list(_PLAYERS))
def test_a_products_line_writes_its_numbers_as_its_matrices_do(slug, which, tmp_path):
    values = _values(which, slug, tmp_path)
    explanation = course.explain(slug, course.load_values(values))
    records = {r.name: r for r in dry_run(slug, values=values).records}
    checked = 0
    for label, prefix, digits, module in _PLAYERS[slug]:
        step = explanation.step(label)
        detailed = importlib.import_module(module).DETAILED
        detailed = detailed[int(prefix[-1])] if isinstance(detailed, dict) else detailed
        for name, cells, rest in product_cells(step, detailed=detailed, prefix=prefix):
            record = records[name]
            if rest:
                # The caption lists the other entries as the result grid writes them.
                decimals = drawn_decimals(step.output, digits)
                assert format_decimals(cells[0].value, decimals, digits) in record.caption, name
                continue
            (cell,) = cells
            line = cell_line(cell, step, digits=digits)
            _check_line(name, record, line)
            assert line.sum_line() in record.caption, (name, record.caption)
            checked += 1
        if "erratum" in records:
            # matrix-vector's notes wrote 69: the entry is worked again beside B and aᵀ.
            row = importlib.import_module(module).erratum_to_show(explanation)
            _check_line("erratum", records["erratum"], cell_line(step.cell(*row.index), step, digits=digits))
    assert checked


def _check_line(name: str, record, line: TermLine) -> None:
    numbers, matrices = _drawn(record)
    terms = [i for i in line.shown if i is not None]
    # Every factor and the total are written exactly as the matrices beside them write them.
    factors = {line.lefts[i] for i in terms} | {line.rights[i] for i in terms}
    assert factors <= set(matrices), (name, factors - set(matrices))
    assert line.total in matrices, (name, line.total)
    # The line drawn is nnmath's, number by number, besides the matrices' own entries.
    assert not _missing(line.written(), numbers - matrices), (name, _missing(line.written(), numbers - matrices))


@_WHICH
def test_the_dot_products_lines_write_their_numbers_as_the_vectors_do(which, tmp_path):
    values = _values(which, "dot-product", tmp_path)
    explanation = course.explain("dot-product", course.load_values(values))
    records = {r.name: r for r in dry_run("dot-product", values=values).records}
    ab, ba = (cell_line(explanation.step(s).cell()) for s in ("np.dot(a, b)", "np.dot(b, a)"))
    # a and b are drawn as two vectors above the line; a·b's total again as the result.
    vectors = [t for line in (ab,) for i in line.shown if i is not None for t in (line.lefts[i], line.rights[i])]
    numbers, _ = _drawn(records["sum"])
    assert not _missing(ab.written() + vectors + [ab.total], numbers)
    assert ab.sum_line() in records["sum"].caption
    numbers, _ = _drawn(records["order"])
    assert not _missing(ba.written() + vectors + [ba.total, ab.total], numbers)
    assert f"= {ba.total}:" in records["order"].caption


@_WHICH
def test_the_neurons_line_writes_its_numbers_as_the_diagram_does(which, tmp_path):
    values = _values(which, "neuron", tmp_path)
    explanation = course.explain("neuron", course.load_values(values))
    records = {r.name: r for r in dry_run("neuron", values=values).records}
    line = cell_line(explanation.step("Σ xᵢwᵢ").cell())
    terms = [i for i in line.shown if i is not None]
    # The diagram's inputs and weights, each product on its edge and Σ, written as in the line.
    diagram = [t for i in terms for t in (line.lefts[i], line.rights[i], line.products[i])] + [line.total]
    numbers, _ = _drawn(records["sum"])
    assert not _missing(line.written() + diagram, numbers)
    assert line.sum_line() in records["sum"].caption
    assert line.factor_text(0, first=True) + " = " + line.products[0] in records["products"].caption
    numbers, _ = _drawn(records["bias"])
    assert Counter(numbers)[line.total] >= 2  # Σ in the diagram and in z = b + Σ
