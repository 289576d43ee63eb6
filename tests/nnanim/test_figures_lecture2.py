"""Lecture 2's figures plot nnmath's numbers: read back from the artists."""

from __future__ import annotations

import numpy as np
from click.testing import CliRunner

import course
from nnanim.cli import main
from nnanim.figures.descent import draw_gradient_descent, draw_optimizers
from scenes.theme import THEMES


def _lines(figure, prefix):
    return {line.get_gid(): line for ax in figure.axes for line in ax.get_lines() if (line.get_gid() or "").startswith(prefix)}


def test_gradient_descent_figure_draws_every_run_on_the_loss():
    values = course.load_values()
    e = course.explain("gradient-descent", values)
    figure = draw_gradient_descent(values, THEMES["light"])
    runs = _lines(figure, "run:")
    assert len(runs) == len(e.sections) - 2
    for k, section in enumerate(e.sections[1:-1]):
        path = section.steps[0].intermediates["path"][:, 0]
        np.testing.assert_allclose(runs[f"run:{k}"].get_xdata(), path)
    labels = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert labels[1:] == ["lr 0.05: too slow", "lr 0.4: converges", "lr 1.05: diverges"]


def test_optimizers_figure_draws_each_path_and_its_distance():
    values = course.load_values()
    e = course.explain("optimizers", values)
    figure = draw_optimizers(values, THEMES["dark"])
    paths = _lines(figure, "path:")
    for section in e.sections[1:]:
        path = section.steps[0].intermediates["path"]
        line = paths[f"path:{section.heading}"]
        np.testing.assert_allclose(np.column_stack([line.get_xdata(), line.get_ydata()]), path)
    labels = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert "SGD + momentum: 0.017 left" in labels and "RMSprop: 3.026 left" in labels


def test_figures_of_lecture_two_go_to_its_folder(tmp_path):
    result = CliRunner().invoke(main, ["figures", "--all", "--lecture", "2", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "lecture-2" / "figures" / "dark").iterdir())
    assert {"gradient-descent.png", "optimizers.png"} <= set(written)
    assert not (tmp_path / "lecture-1").exists()


def test_training_figure_shows_the_last_snapshot_and_every_epochs_loss():
    from nnanim.figures.descent import draw_training

    values = course.load_values()
    e = course.explain("training", values)
    figure = draw_training(values, THEMES["light"])
    left, right = figure.axes[:2]
    [image] = [im for im in left.get_images() if im.get_gid() == "regions"]
    np.testing.assert_array_equal(np.asarray(image.get_array()), e.objects["regions"][-1])
    lines = {line.get_gid(): line for line in right.get_lines()}
    np.testing.assert_array_equal(lines["loss"].get_ydata(), e.sections[0].steps[0].intermediates["loss"])
    np.testing.assert_array_equal(lines["accuracy"].get_ydata(), e.sections[0].steps[0].intermediates["accuracy"])
    points = sum(len(c.get_offsets()) for c in left.collections if (c.get_gid() or "").startswith("class:"))
    assert points == len(e.objects["y"])
