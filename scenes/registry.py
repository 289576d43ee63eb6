"""Which scene class draws which slug of the course (:mod:`course`).

Classes are named as ``module:Class`` in each scene's spec and imported on demand, so listing the
scenes does not import manim.
"""

from __future__ import annotations

from importlib import import_module

import course

__all__ = ["SCENE_CLASSES", "scene_class", "scene_file"]

#: Every scene of the course, in course order: slug → ``module:Class``.
SCENE_CLASSES: dict[str, str] = {slug: course.spec(slug).scene for slug in course.all_slugs()}


def scene_class(slug: str) -> type:
    """The scene class of ``slug``; ``KeyError`` if the slug has no scene."""
    module, name = course.spec(slug).scene.split(":")
    return getattr(import_module(module), name)


def scene_file(slug: str) -> str:
    """The path of the scene's file relative to the repository root, e.g. ``scenes/vector_matrix.py``."""
    return course.spec(slug).scene_file
