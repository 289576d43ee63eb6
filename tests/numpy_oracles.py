"""What the property tests of nnmath share (tests/nnmath/test_properties.py, test_sine_fit.py,
test_calculus.py): hypothesis strategies of moderate floats and small shapes, a closeness check
scaled by the size of the terms, and the activations and their derivatives written in plain numpy."""

from __future__ import annotations

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

RTOL = 1e-12
ATOL = 1e-12

FLOATS = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
PROBABILITIES = st.floats(0.0, 1.0, allow_nan=False, allow_infinity=False)
DIMS = st.integers(1, 6)


def fast(n: int = 60):
    """Modest example counts, no deadline, no example database written into the repo."""
    return settings(max_examples=n, deadline=None, database=None)


def arrays(shape, elements=FLOATS):
    return hnp.arrays(np.float64, shape, elements=elements)


def assert_close(actual, expected, scale=1.0, *, rtol=RTOL, atol=ATOL):
    """Same shape, and equal within ``rtol`` and ``atol`` scaled by the magnitude of the terms."""
    actual = np.asarray(actual)
    expected = np.asarray(expected)
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    bound = atol * max(1.0, float(np.max(np.abs(scale))))
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=bound)


def np_sigmoid(x):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


NUMPY_ACTIVATIONS = {
    "relu": lambda x: np.maximum(0.0, x),
    "sigmoid": np_sigmoid,
    "tanh": np.tanh,
    "step": lambda x: np.where(x > 0, 1.0, 0.0),
    "linear": lambda x: x,
}

NUMPY_DERIVATIVES = {
    "relu": lambda x: np.where(x > 0, 1.0, 0.0),
    "sigmoid": lambda x: np_sigmoid(x) * (1.0 - np_sigmoid(x)),
    "tanh": lambda x: 1.0 / np.cosh(np.clip(x, -700, 700)) ** 2,
    "step": lambda x: np.zeros_like(x),
    "linear": lambda x: np.ones_like(x),
}
