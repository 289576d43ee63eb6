"""dot-product: the dot product of two vectors, term by term, in both orders."""

from __future__ import annotations

from collections.abc import Mapping

from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import cell_line, vector_text
from nnmath.lecture import Explanation, Quantity, Section, sum_of_products
from nnmath.linalg import dot_trace
from nnmath.values import VECTOR

__all__ = ["SCHEMA", "compute", "script", "SPEC"]

SCHEMA = {
    "a": Key(VECTOR, "the left vector of a·b"),
    "b": Key(VECTOR, "the right vector, the same length as `a`"),
}
#: The built-in values: the [dot-product] table of `nnanim values`.
VALUES = """
[dot-product]
a = [1, 2, 3]
b = [4, 5, 6]
"""

#: Pairs written out in the terms beat's caption (more: the first two and "…"), and in the order beat's.
_PAIRS, _ORDER_PAIRS = 3, 4


def compute(v: Mapping[str, object]) -> Explanation:
    ab = dot_trace(v["a"], v["b"])
    ba = dot_trace(v["b"], v["a"], a_name="b", b_name="a")
    return Explanation(
        "dot-product",
        "The dot product",
        (Section("term by term", (ab,)), Section("the order does not matter", (ba,))),
        {
            "a·b": Quantity(ab.output, sum_of_products(v["a"], v["b"])),
            "b·a": Quantity(ba.output, sum_of_products(v["b"], v["a"])),
        },
    )


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The beats as words: the vectors, their lengths, the terms, their sum, and b·a."""
    ab, ba = e.step("np.dot(a, b)"), e.step("np.dot(b, a)")
    cell, again = ab.cell(), ba.cell()
    (n_a,), (n_b,) = ab.shapes["a"], ab.shapes["b"]
    (m, n), (n2, p) = ab.intermediates["left_view"].shape, ab.intermediates["right_view"].shape
    # Every number as the screen writes it (nnmath.display.term_line: the vectors' decimals).
    line, line_again = cell_line(cell), cell_line(again)
    pairs = [f"{line.factor_text(k, first=True)} = {line.products[k]}" for k in range(len(cell.products))]
    shown = pairs if len(pairs) <= _PAIRS else [*pairs[: _PAIRS - 1], "…"]
    ordered = " + ".join(line_again.factor_text(k, first=k == 0) for k in range(min(len(again.products), _ORDER_PAIRS)))
    more = " + …" if len(again.products) > _ORDER_PAIRS else ""
    return (
        BeatScript("vectors", f"a = {vector_text(ab.inputs['a'])} and b = {vector_text(ab.inputs['b'])}: multiply entry by entry, then add"),
        BeatScript("lengths", f"The lengths must match: {n_a} and {n_b} (as matrices, {m}×{n} · {n2}×{p} gives one number)"),
        BeatScript("terms", "Term by term: " + ", ".join(shown)),
        BeatScript("sum", f"a·b = {line.sum_line()}"),
        BeatScript("order", f"np.dot(b, a) = {ordered}{more} = {line_again.total}: the order does not matter"),
    )


SPEC = SceneSpec(
    "dot-product",
    "The dot product",
    "a·b term by term, and a·b = b·a",
    compute,
    "scenes.dot_product:DotProduct",
    SCHEMA,
    script,
    values=VALUES,
    place=20,
)
