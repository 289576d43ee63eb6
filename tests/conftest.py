from __future__ import annotations

import pytest
from hypothesis import settings

from nnmath.values import LectureValues, load_values

# Hypothesis keeps no example database: the tests write nothing into the checkout (.hypothesis/).
settings.register_profile("nnanim", database=None)
settings.load_profile("nnanim")


@pytest.fixture(scope="session")
def lecture() -> LectureValues:
    """The built-in lecture values."""
    return load_values()
