"""The plain operations are kernels, not traces: the same checks and numbers as the traced twins."""

from __future__ import annotations

import numpy as np
import pytest

import nnmath
from nnmath.errors import InputError, ShapeError


def _operands(seed: int = 0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(50, 8)), rng.normal(size=(16, 8)), rng.normal(size=16)


@pytest.mark.parametrize("layout", ["neurons_inputs", "inputs_neurons"])
def test_plain_dense_is_the_traced_layer_to_rounding(layout):
    x, w, b = _operands()
    weights = w if layout == "neurons_inputs" else w.T
    plain = nnmath.dense(x, weights, b, weights_layout=layout)
    traced = nnmath.dense_trace(x, weights, b, weights_layout=layout).output
    np.testing.assert_allclose(plain, traced, rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(plain, np.dot(x, w.T) + b, rtol=1e-13, atol=1e-13)


def test_plain_dense_refuses_what_the_trace_refuses_with_the_same_words():
    x, w, b = _operands()
    for bad in ((x[:, :7], w, b), (x, w, b.reshape(-1, 1)), (x, w, b[:3])):
        with pytest.raises(ShapeError) as plain:
            nnmath.dense(*bad)
        with pytest.raises(ShapeError) as traced:
            nnmath.dense_trace(*bad)
        assert str(plain.value) == str(traced.value)


def test_plain_dense_refuses_an_overflowing_output():
    with pytest.raises(InputError, match="overflows float64"):
        nnmath.dense([[1e308, 1e308]], [[10.0, 10.0]], [0.0])


def test_plain_dense_does_not_copy_or_change_its_inputs():
    x, w, b = _operands()
    before = x.copy()
    nnmath.dense(x, w, b)
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize("name", sorted(nnmath.ACTIVATIONS))
def test_plain_activations_are_the_traced_kernels(name):
    z = np.linspace(-3, 3, 13).reshape(1, -1)
    np.testing.assert_array_equal(getattr(nnmath, name)(z), nnmath.activation_trace(name, z).output)


def test_plain_softmax_is_the_traced_kernel_and_refuses_the_same():
    z = np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -5.0]])
    np.testing.assert_array_equal(nnmath.softmax(z), nnmath.softmax_trace(z).output)
    with pytest.raises(InputError, match="only finite numbers"):
        nnmath.softmax([float("nan")])


def test_an_error_named_after_its_scene_keeps_its_fields():
    import course

    values = course.load_values()
    tables = {slug: dict(values[slug]) for slug in values}
    tables["vector-matrix"]["a"] = np.array([1.0, 2.0])
    from nnmath.values import LectureValues

    with pytest.raises(ShapeError) as caught:
        course.explain("vector-matrix", LectureValues(tables, values.errata, values.sources))
    assert str(caught.value).startswith("[vector-matrix] ")
    assert (caught.value.left_dim, caught.value.right_dim) == (2, 3)
