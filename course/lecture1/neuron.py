"""neuron: one neuron: the inputs times their weights, summed, plus the bias, through an activation."""

from __future__ import annotations

from collections.abc import Mapping

from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import cell_line, format_number, term_text
from nnmath.activations import ACTIVATIONS, activation_trace
from nnmath.lecture import Explanation, Quantity, Section, sum_of_products
from nnmath.linalg import add_trace, dot_trace
from nnmath.trace import Step
from nnmath.values import NUMBER, VECTOR, Choice

__all__ = ["SCHEMA", "compute", "script", "SPEC", "activation_step"]

SCHEMA = {
    "inputs": Key(VECTOR, "the inputs x₁ … xₙ"),
    "weights": Key(VECTOR, "one weight wᵢ per input (same length as `inputs`)"),
    "bias": Key(NUMBER, "the bias b added to Σ xᵢwᵢ"),
    "activation": Key(Choice(tuple(ACTIVATIONS)), "the non-linearity g in ŷ = g(b + Σ xᵢwᵢ)"),
}
#: The built-in values: the [neuron] table of `nnanim values`.
VALUES = """
[neuron]
# The book's single neuron: y = g(b + Σ xᵢwᵢ).
inputs = [1.0, 2.0, 3.0]
weights = [0.2, 0.8, -0.5]
bias = 2.0
activation = "relu"
"""

#: Products written out in the products beat's caption; more end in "…".
_LISTED = 4


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


def activation_step(e: Explanation) -> Step:
    """The activation the values chose: the step made from z (its label is e.g. "relu(z)")."""
    z = e.step("z = b + Σ xᵢwᵢ")
    return next(step for step in e.steps if z in step.parents)


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The beats as words: the neuron, each input times its weight, the sum, the bias, g."""
    weighted, z, g = e.step("Σ xᵢwᵢ"), e.step("z = b + Σ xᵢwᵢ"), activation_step(e)
    cell = weighted.cell()
    # Every number of the products as the screen writes it (nnmath.display.term_line).
    line = cell_line(cell)
    terms = ", ".join(f"{line.factor_text(k, first=True)} = {line.products[k]}" for k in range(min(len(cell.products), _LISTED)))
    more = ", …" if len(cell.products) > _LISTED else ""
    b = z.inputs["b"]
    return (
        BeatScript(
            "perceptron",
            f"A neuron: {len(weighted.inputs['x'])} inputs x, their weights w and a bias b give ŷ = g(b + Σ xᵢwᵢ)",
        ),
        BeatScript("products", f"Each input times its weight: {terms}{more}"),
        BeatScript("sum", f"Σ xᵢwᵢ = {line.sum_line()}"),
        BeatScript(
            "bias", f"Σ adds the bias: z = b + Σ xᵢwᵢ = {format_number(b)} + {term_text(line.total)} = {format_number(z.output)}"
        ),
        BeatScript(
            "activation",
            f"g is {g.op}, {g.note}: ŷ = {g.op}({format_number(g.inputs['z'])}) = {format_number(g.output)}",
        ),
    )


SPEC = SceneSpec(
    "neuron",
    "A neuron",
    "inputs, weights, sum, bias, non-linearity: ŷ = g(b + Σ xᵢwᵢ)",
    compute,
    "scenes.neuron:Neuron",
    SCHEMA,
    script,
    values=VALUES,
    place=10,
)
