"""``nnanim figures playground``: what it plots is nnmath's run, read back from its artists."""

from __future__ import annotations

import numpy as np
import pytest

from course import explain, load_values
from nnanim.figures.playground import draw_playground
from nnanim.figures.style import get_theme, themed
from nnmath.display import format_number


@pytest.fixture(scope="module")
def lecture_values():
    return load_values()


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_before_and_after_boundaries_points_and_losses_are_the_runs(theme, lecture_values):
    colors = get_theme(theme)
    run = explain("playground", lecture_values).objects["run"]
    with themed(colors):
        figure = draw_playground(lecture_values, colors)
    found = {a.get_gid(): a for a in figure.findobj(lambda a: a.get_gid() is not None)}
    for snap in (run.snapshots[0], run.final):
        image = found[f"boundary:{snap.epoch}"]
        np.testing.assert_array_equal(np.asarray(image.get_array()), colors.scale.rgb(snap.grids[run.output_id]))
        np.testing.assert_array_equal(found[f"points:{snap.epoch}"].get_offsets(), run.train[:, :2])
        title = image.axes.get_title(loc="left")
        assert f"epoch {snap.epoch}" in title
        assert f"training {format_number(run.train_loss[snap.epoch], 3)}, test {format_number(run.test_loss[snap.epoch], 3)}" in title
    np.testing.assert_array_equal(found["loss:train"].get_ydata(), run.train_loss)
    np.testing.assert_array_equal(found["loss:test"].get_ydata(), run.test_loss)
    np.testing.assert_array_equal(found["loss:train"].get_xdata(), np.arange(run.epochs + 1))
