"""What several of lecture 1's content modules share: curve sampling and class names."""

from __future__ import annotations

from collections.abc import Mapping

from nnmath.errors import InputError, ShapeError

__all__ = ["CURVE_SAMPLES", "class_names", "label_indices"]

#: Curves drawn on axes are sampled at this many points.
CURVE_SAMPLES = 101


def class_names(v: Mapping[str, object], slug: str, count: int) -> tuple[str, ...]:
    """The table's ``classes``, checked to name as many classes as the values give (``count``)."""
    names = tuple(v["classes"])
    if len(names) != count:
        raise ShapeError(f"{slug}.classes names {len(names)} classes but the values give {count}")
    return names


def label_indices(labels: tuple[str, ...], classes: tuple[str, ...], slug: str) -> list[int]:
    """Each label's index among ``classes``; a label that is not a class is an error naming it."""
    unknown = [name for name in labels if name not in classes]
    if unknown:
        raise InputError(f"{slug}.labels holds {unknown[0]!r}, not one of the classes {', '.join(classes)}")
    return [classes.index(name) for name in labels]
