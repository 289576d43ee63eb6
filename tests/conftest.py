from __future__ import annotations

import tempfile

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from course import load_values
from nnmath.values import LectureValues

# Hypothesis keeps no example database and its caches in a temporary folder: the tests write
# nothing into the checkout (no .hypothesis/).
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="nnanim-hypothesis-"))
settings.register_profile("nnanim", database=None)
settings.load_profile("nnanim")


@pytest.fixture(scope="session")
def lecture() -> LectureValues:
    """The built-in lecture values."""
    return load_values()
