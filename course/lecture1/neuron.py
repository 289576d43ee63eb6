"""neuron: one neuron: the inputs times their weights, summed, plus the bias, through an activation."""

from __future__ import annotations

from collections.abc import Mapping

from course.spec import SceneSpec
from nnmath.activations import ACTIVATIONS, activation_trace
from nnmath.lecture import Explanation, Quantity, Section, sum_of_products
from nnmath.linalg import add_trace, dot_trace
from nnmath.values import NUMBER, VECTOR, Choice

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {"inputs": VECTOR, "weights": VECTOR, "bias": NUMBER, "activation": Choice(tuple(ACTIVATIONS))}


def compute(v: Mapping[str, object]) -> Explanation:
    weighted = dot_trace(v["inputs"], v["weights"], a_name="x", b_name="w", label="Σ xᵢwᵢ")
    z = add_trace(weighted.output, v["bias"], x_name="Σ xᵢwᵢ", y_name="b", label="z = b + Σ xᵢwᵢ", parents=(weighted,))
    y = activation_trace(v["activation"], z.output, x_name="z", parents=(z,))
    return Explanation(
        "neuron",
        "A neuron",
        (Section("inputs times weights", (weighted,)), Section("plus the bias", (z,)), Section("the non-linearity", (y,))),
        {
            "weighted sum": Quantity(weighted.output, sum_of_products(v["inputs"], v["weights"])),
            "z": Quantity(z.output, "b + Σ xᵢwᵢ"),
            "output": Quantity(y.output, f"ŷ = {v['activation']}(z)"),
        },
    )


SPEC = SceneSpec(
    "neuron",
    "A neuron",
    "inputs, weights, sum, bias, non-linearity: ŷ = g(b + Σ xᵢwᵢ)",
    compute,
    "scenes.neuron:Neuron",
    SCHEMA,
)
