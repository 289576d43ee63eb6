"""dot-product: the dot product of two vectors, term by term, in both orders."""

from __future__ import annotations

from collections.abc import Mapping

from course.spec import SceneSpec
from nnmath.lecture import Explanation, Quantity, Section, sum_of_products
from nnmath.linalg import dot_trace
from nnmath.values import VECTOR

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {"a": VECTOR, "b": VECTOR}


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


SPEC = SceneSpec(
    "dot-product",
    "The dot product",
    "a·b term by term, and a·b = b·a",
    compute,
    "scenes.dot_product:DotProduct",
    SCHEMA,
)
