"""playground: the notes' TensorFlow Playground run, before and after training."""

from __future__ import annotations

from collections.abc import Mapping

from course.spec import SceneSpec
from nnmath.playground.explain import MAX_SCENE_EPOCHS, LinkValue, explain_values
from nnmath.lecture import Explanation
from nnmath.values import Count

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {"link": LinkValue(), "epochs": Count(1, MAX_SCENE_EPOCHS)}


def compute(v: Mapping[str, object]) -> Explanation:
    """The run of ``link`` for ``epochs`` epochs (cached: the scene and its tests ask for it often)."""
    return explain_values(v)


SPEC = SceneSpec(
    "playground",
    "A Neural Network Playground",
    "the notes' TensorFlow Playground run, before and after training",
    compute,
    "scenes.playground:Playground",
    SCHEMA,
)
