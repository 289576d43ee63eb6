from __future__ import annotations

import pytest

from nnmath.values import LectureValues, load_values


@pytest.fixture(scope="session")
def lecture() -> LectureValues:
    """The built-in lecture values."""
    return load_values()
