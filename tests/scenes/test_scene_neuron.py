"""neuron: the numbers on screen are nnmath's, beat by beat, for two sets of values; the diagram's parts."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from course import explain, load_values
from nnmath.display import format_number
from scene_harness import dry_run, flat, texts, played_and_scripted
from values_files import OTHER, lecture_and_other, numbers_per_beat, values_file_fixture
from scenes.mobjects.neuron import MAX_INPUTS, NeuronDiagram
from scenes.theme import DARK


def _squashed(strings) -> list[str]:
    """Texts without spaces (manim's ``Text.text`` drops them, ``original_text`` keeps them)."""
    return [s.replace(" ", "") for s in strings]


def _steps(values_file=None):
    explanation = explain("neuron", load_values(values_file))
    weighted = explanation.step("Σ xᵢwᵢ")
    z = explanation.step("z = b + Σ xᵢwᵢ")
    [g] = [step for step in explanation.steps if z in step.parents]
    return weighted, z, g


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    weighted, z, g = _steps(values_file)
    cell = weighted.cell()
    diagram = flat(weighted.inputs["x"], weighted.inputs["w"], z.inputs["b"])
    on_edges = flat(cell.products)
    factors = flat(cell.left, cell.right)
    weighted_sum = float(weighted.output)
    return {
        "perceptron": texts(diagram),
        "products": texts(diagram + on_edges + factors),
        # The term-by-term line gains its products and total; the total also appears under Σ.
        "sum": texts(diagram + on_edges + factors + flat(cell.products) + [cell.value] + [weighted_sum]),
        # b added at Σ (b + Σ xᵢwᵢ under the node), z = b + Σ xᵢwᵢ written out, and z on the wire into g.
        "bias": texts(
            diagram + on_edges + flat(z.inputs["b"]) + [weighted_sum] + flat(z.inputs["b"], z.inputs["Σ xᵢwᵢ"], z.output) + flat(z.output)
        ),
        # ŷ = g(z) written out, and ŷ on the wire out of g.
        "activation": texts(
            diagram + on_edges + flat(z.inputs["b"]) + [weighted_sum] + flat(z.output) + flat(g.inputs["z"], g.output) + flat(g.output)
        ),
    }


other_values = values_file_fixture(OTHER["neuron"])
values_file = lecture_and_other(OTHER["neuron"])


def test_numbers_on_screen_are_nnmaths(values_file):
    assert numbers_per_beat("neuron", values_file) == expected_per_beat(values_file)
    # The beats played and their subtitles are the content module's script (known without manim).
    played, scripted = played_and_scripted("neuron", values_file)
    assert played == scripted


def test_lecture_neuron_gives_2_3():
    records = {r.name: r for r in dry_run("neuron").records}
    assert {"0.2", "1.6", "-1.5"} <= set(records["products"].numbers)
    assert records["sum"].caption == "Σ xᵢwᵢ = 0.2 + 1.6 + (-1.5) = 0.3"
    assert records["bias"].caption == "Σ adds the bias: z = b + Σ xᵢwᵢ = 2 + 0.3 = 2.3"
    assert records["activation"].caption.endswith("ŷ = relu(2.3) = 2.3")
    assert "g=relu" in _squashed(records["perceptron"].texts)


def test_other_values_name_their_activation(other_values):
    _, _, g = _steps(other_values)
    records = {r.name: r for r in dry_run("neuron", values=other_values).records}
    assert g.op == "sigmoid"
    assert "g=sigmoid" in _squashed(records["perceptron"].texts)
    assert "sigmoid(" in records["activation"].caption
    assert records["activation"].caption.endswith(f"= {format_number(g.output)}")


def test_diagram_parts_and_elision():
    inputs, weights = np.arange(1.0, 10.0), np.linspace(-1, 1, 9)
    diagram = NeuronDiagram(inputs, weights, 0.5, DARK, activation="tanh")
    shown = diagram.shown()
    assert shown == [*range(MAX_INPUTS - 2), 8]
    assert diagram.input(MAX_INPUTS - 1) is None and diagram.weight(MAX_INPUTS - 1) is None
    assert diagram.dots is not None
    assert [diagram.input_values[i].number_text for i in shown] == [format_number(inputs[i]) for i in shown]
    assert diagram.bias_value.number_text == "0.5"
    assert _squashed([diagram.activation_label.text]) == ["g=tanh"]
    # Numbers placed later match the diagram's size after it is scaled.
    before = diagram.number(1.0).height
    diagram.scale(0.5)
    assert diagram.number(1.0).height == pytest.approx(before * 0.5)
    # A product sits on its edge, between the weight and Σ.
    point = diagram.product_point(0)
    assert diagram.weight_values[0].get_center()[0] < point[0] < diagram.sum_node.get_center()[0]
    assert point[1] == pytest.approx(diagram.input_nodes[0].get_center()[1])


def test_diagram_needs_one_weight_per_input():
    with pytest.raises(ValueError, match="one weight per input"):
        NeuronDiagram(np.ones(3), np.ones(2), 0.0, DARK)
