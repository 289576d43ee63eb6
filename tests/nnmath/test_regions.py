"""nnmath.regions: the flower network's predicted class over the (length, width) plane."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from course import explain
from course.lecture1 import forward_pass
from nnmath.errors import InputError, ShapeError
from nnmath.layers import forward_trace
from nnmath.regions import class_margins, class_regions, plane_range


def test_regions_agree_with_the_forward_pass_at_every_grid_point(lecture):
    regions = forward_pass.regions(lecture["forward-pass"], resolution=9)
    layers = forward_pass.network(lecture["forward-pass"])
    for i, y in enumerate(regions.ys):
        for j, x in enumerate(regions.xs):
            output = forward_trace([x, y], layers).output
            np.testing.assert_allclose(regions.probabilities[i, j], output, rtol=1e-12)
            assert regions.predicted[i, j] == np.argmax(output)


def test_the_samples_are_predicted_as_the_forward_pass_scene_predicts_them(lecture):
    regions = forward_pass.regions(lecture["forward-pass"])
    scene = explain("forward-pass", lecture)
    classes = scene.objects["classes"]
    for i, k in enumerate(regions.sample_predicted, start=1):
        assert classes[k] == scene.quantities[f"predicted f{i}"].value
        np.testing.assert_allclose(regions.sample_probabilities[i - 1], scene.quantities[f"probabilities f{i}"].value)


def test_the_plane_holds_every_sample_and_the_origin(lecture):
    regions = forward_pass.regions(lecture["forward-pass"], resolution=5)
    for column, axis in ((0, regions.xs), (1, regions.ys)):
        assert axis[0] <= min(0.0, regions.samples[:, column].min())
        assert axis[-1] > regions.samples[:, column].max()
    assert plane_range([-4.0, 6.0]) == (-9.0, 11.0)


@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(2, 5)), elements=st.floats(0, 1)))
def test_a_margin_is_positive_only_for_a_class_that_leads_alone(probabilities):
    margins = class_margins(probabilities)
    for row, margin in zip(probabilities, margins):
        others = [np.delete(row, k).max() for k in range(len(row))]
        np.testing.assert_allclose(margin, row - others, atol=1e-15)
        leaders = np.flatnonzero(row == row.max())
        if len(leaders) == 1:
            assert np.argmax(margin) == leaders[0] and margin.max() > 0


def test_a_plane_needs_two_features_and_a_real_grid(lecture):
    v = lecture["forward-pass"]
    with pytest.raises(ShapeError, match="exactly 2 features"):
        class_regions([[1.0, 2.0, 3.0]], forward_pass.network(v))
    with pytest.raises(InputError, match="resolution"):
        class_regions(v["features"], forward_pass.network(v), resolution=1)
