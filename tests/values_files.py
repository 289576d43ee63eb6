"""Values files for the scene tests: a scene is tested with the lecture's values and with others.

Every scene test writes its other values (a TOML table) to a temporary file and runs the scene
with each; these helpers are that fixture, written once.

    values_file = lecture_and_other(OTHER["training"])   # a fixture: None (the lecture's values), then the file

    def test_numbers_on_screen_are_nnmaths(values_file):
        assert numbers_per_beat("training", values_file) == expected_per_beat(values_file)

``other_values = values_file_fixture(OTHER[slug])`` is the fixture of the file alone, for the
tests about those values only. ``OTHER`` holds each scene's other values in one place, so that a
test about many scenes (the product lines) runs them with the same values as their own tests (and
shares their dry runs: ``dry_run`` keeps one per values file content).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from scene_harness import dry_run

__all__ = ["OTHER", "write_values", "values_file_fixture", "lecture_and_other", "numbers_per_beat"]

#: Each scene's other values: shapes, decimals and signs the lecture's values do not have.
OTHER: dict[str, str] = {
    # 4 inputs with decimals and negatives, another activation.
    "neuron": '[neuron]\ninputs = [-1.5, 2, 0.25, -3]\nweights = [0.4, -0.75, 1.2, 0.05]\nbias = -0.5\nactivation = "sigmoid"\n',
    "dot-product": "[dot-product]\na = [1.5, -2, 0.25, 3, -1.2]\nb = [2, 0.5, -4, -1.25, 10]\n",
    "vector-matrix": "[vector-matrix]\na = [2, -1]\nB = [[1, 2.5, 3, 4], [0.5, 1, -2, 3]]\n",
    # A 4×4 B with decimals and negatives: np.dot(a, B) needs a square B to exist at all.
    "matrix-vector": "[matrix-vector]\na = [2, -1, 0.5, 3]\nB = [[1, 2, 0, -1], [0.5, -3, 2, 1], [4, 1.5, -2, 0], [0, 2, 1, 6]]\n",
    # A 2×3 and B 4×3 with decimals and negatives: Bᵀ is 3×4, the result 2×4.
    "matrix-matrix": "[matrix-matrix]\nA = [[1.5, -2, 0.25], [-1, 3, 2]]\nB = [[2, 0.5, -1], [-0.5, 1, 4], [1, 1, 1], [0, -2, 0.75]]\n",
    # 2 samples of 3 features, 4 neurons then 2: w₁ 4×3, b₁ (4,), w₂ 2×4, b₂ (2,).
    "layers": (
        "[layers]\n"
        "X = [[1.5, -2, 0.5], [0.25, 1, -1]]\n"
        "w1 = [[0.2, -0.5, 1], [0.4, 0.1, -0.3], [-1, 0.5, 0.25], [0.6, -0.2, 0.1]]\n"
        "b1 = [0.5, -1, 0, 2]\n"
        "w2 = [[0.1, -0.2, 0.3, 0.5], [-0.4, 0.25, 0.2, -0.1]]\n"
        "b2 = [1, -0.5]\n"
    ),
    # 4 pairs over [0, 2].
    "why-activations": "[why-activations]\npairs = 4\nx_min = 0.0\nx_max = 2.0\n",
    # Two rates on a steeper bowl, starting right of the minimum; three decays.
    "gradient-descent": (
        "[gradient-descent]\ncurvature = 2.5\ncenter = -1.5\nfloor = 0.0\nstart = 2.0\n"
        "learning_rates = [0.02, 0.45]\nsteps = 6\ndecay_learning_rate = 0.5\ndecays = [0.1, 0.01, 0.001]\n"
        "decay_iterations = 200\n"
    ),
    # A rounder valley from another start, 40 steps, other rates.
    "optimizers": (
        "[optimizers]\ncurvatures = [0.2, 1.5]\nstart = [2.5, -1.5]\nsteps = 40\nsgd_learning_rate = 0.3\n"
        "momentum = 0.5\nrmsprop_learning_rate = 0.02\nadam_learning_rate = 0.1\n"
    ),
    # Two inputs, a gradient of 2 from above and a larger step.
    "backprop-neuron": "[backprop-neuron]\nx = [0.5, -1.5]\nw = [2.0, -1.0]\nb = 0.25\nupstream = 2.0\nlearning_rate = 0.1\n",
    # A small run: 20 points of 2 classes, 8 neurons, 40 epochs of SGD with decay.
    "training": (
        "[training]\nsamples = 20\nclasses = 2\nhidden = 8\nseed = 3\noptimizer = \"sgd\"\n"
        "learning_rate = 0.5\ndecay = 0.01\nepochs = 40\nsnapshots = 5\nresolution = 24\n"
    ),
}


def write_values(folder: Path, text: str, name: str = "other.toml") -> Path:
    """``text`` written as the values file ``folder/name``; its path."""
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path


def values_file_fixture(text: str, *, name: str = "other_values"):
    """A fixture named ``name`` (module-scoped: the file is read, never changed) giving the path
    of a values file holding ``text``."""

    @pytest.fixture(scope="module", name=name)
    def fixture(tmp_path_factory):
        return write_values(tmp_path_factory.mktemp("values"), text)

    return fixture


def lecture_and_other(text: str, *, name: str = "values_file"):
    """A fixture named ``name``, run twice: ``None`` (the lecture's values, test id ``lecture``),
    then the path of a values file holding ``text`` (id ``other``)."""

    @pytest.fixture(scope="module", name=name, params=["lecture", "other"])
    def fixture(request, tmp_path_factory):
        if request.param == "lecture":
            return None
        return write_values(tmp_path_factory.mktemp("values"), text)

    return fixture


def numbers_per_beat(slug: str, values: Path | None = None) -> dict[str, Counter]:
    """The numbers the scene shows at the end of each beat, by beat name (a dry run with ``values``)."""
    return {record.name: Counter(record.numbers) for record in dry_run(slug, values=values).records}
