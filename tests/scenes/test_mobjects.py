"""The shared mobjects: numbers, matrices with elision, term-by-term dot products, shape checks."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.mobjects import DotTerms, MatrixMob, Num, ShapeCheck, ShapeText
from scenes.theme import DARK, LIGHT, THEMES, theme_from_environment


def test_num_keeps_nnmaths_text_and_draws_a_true_minus():
    n = Num(-0.50001, DARK)
    assert n.number_text == "-0.5"
    assert n.text == "\u22120.5"
    assert n.value == -0.50001


def test_matrix_small_shows_every_entry_with_its_shape():
    m = MatrixMob(np.arange(12).reshape(3, 4), DARK, name="X")
    assert m.shape == (3, 4)
    assert set(m.entries) == {(i, j) for i in range(3) for j in range(4)}
    assert m.entry(2, 3).number_text == "11"
    assert m.shape_label.text == "3×4"
    assert m.name_label.text == "X="  # Text drops spaces from .text


def test_matrix_vector_row_and_column_views():
    row = MatrixMob([1, 2, 3], DARK)
    column = MatrixMob([1, 2, 3], DARK, column=True)
    assert row.shape == (1, 3) and column.shape == (3, 1)
    assert row.entry(2).number_text == "3"
    assert column.entry(2, 0).number_text == "3"
    assert column.width < row.width


def test_large_matrix_is_elided_but_keeps_its_true_shape():
    values = np.arange(50 * 50).reshape(50, 50)
    m = MatrixMob(values, DARK)
    assert m.shape == (50, 50)
    assert m.shape_label.text == "50×50"
    shown_rows = {i for i, _ in m.entries}
    assert shown_rows == {0, 1, 2, 3, 49}
    assert m.entry(10, 10) is None
    assert m.entry(49, 49).number_text == "2499"
    dots = [t.text for t in m.grid if not isinstance(t, Num)]
    assert "⋮" in dots and "⋯" in dots and "⋱" in dots
    # six rows and columns drawn at most: as wide as a 6×6 of the same numbers, not 50 columns
    assert m.width < MatrixMob(values[:6, :6], DARK).width * 1.2


def test_row_and_column_boxes_cover_their_cells():
    m = MatrixMob(np.arange(9).reshape(3, 3), DARK)
    box = m.column_box(1)
    for cell in m.column(1):
        assert box.get_left()[0] <= cell.get_left()[0] and cell.get_right()[0] <= box.get_right()[0]
        assert box.get_bottom()[1] <= cell.get_bottom()[1] and cell.get_top()[1] <= box.get_top()[1]
    row = m.row_box(2)
    assert row.width > row.height


def test_dot_terms_show_every_factor_product_and_the_total():
    d = DotTerms(np.array([1.0, 2, 3]), np.array([4.0, 5, 6]), np.array([4.0, 10, 18]), 32.0, LIGHT)
    assert [n.number_text for n in d.lefts] == ["1", "2", "3"]
    assert [n.number_text for n in d.rights] == ["4", "5", "6"]
    assert [n.number_text for n in d.products] == ["4", "10", "18"]
    assert d.total.number_text == "32"
    assert d.product_line.get_center()[1] < d.factor_line.get_center()[1]


def test_long_dot_terms_are_elided():
    n = 10
    left, right = np.arange(n, dtype=float), np.ones(n)
    d = DotTerms(left, right, left * right, float(left.sum()), DARK)
    assert sum(x is not None for x in d.lefts) == 5
    assert d.lefts[-1].number_text == "9" and d.lefts[6] is None


def test_shape_check_lights_the_inner_dimensions():
    ok = ShapeCheck((1, 3), (3, 4), (1, 4), DARK)
    assert ok.matches and ok.result.text == "1×4"
    assert len(ok.left_inner) == 1 and len(ok.right_inner) == 1
    bad = ShapeCheck((1, 3), (4, 3), None, DARK)
    assert not bad.matches and bad.result.text == "✗"
    wide = ShapeCheck((2, 12), (12, 5), (2, 5), DARK)
    assert len(wide.left_inner) == 2 and len(wide.right_inner) == 2


def test_shape_text_keeps_the_shape():
    assert ShapeText((3, 4), DARK).shape == (3, 4)


def test_themes_differ_and_are_read_from_the_environment(monkeypatch):
    assert DARK.background != LIGHT.background
    monkeypatch.setenv("NNANIM_THEME", "light")
    assert theme_from_environment() is LIGHT
    monkeypatch.setenv("NNANIM_THEME", "sepia")
    with pytest.raises(ValueError, match="not a theme; use one of dark, light"):
        theme_from_environment()
    monkeypatch.delenv("NNANIM_THEME")
    assert theme_from_environment() is DARK
    assert set(THEMES) == {"dark", "light"}


def test_curve_plot_draws_through_the_given_points():
    from scenes.mobjects import CurvePlot

    plot = CurvePlot(DARK, x_range=(-5, 5), y_range=(-1, 1))
    x = np.linspace(-5, 5, 11)
    y = np.tanh(x)
    curve = plot.add_curve(x, y, color=DARK.left)
    corners = curve.get_anchors()
    for a, b in zip(x, y):
        assert np.min(np.linalg.norm(corners - plot.point(a, b), axis=1)) < 1e-9
    tick_texts = {t.text for t in plot.tick_labels}
    assert {"−4", "0", "4", "1", "−1"} <= tick_texts


def test_bars_heights_follow_the_values():
    from scenes.mobjects import Bars

    bars = Bars(np.array([0.09, 0.2447, 0.6652]), LIGHT, names=["rose", "daisy", "tulip"], max_height=3)
    heights = [b.height for b in bars.bars]
    np.testing.assert_allclose(np.array(heights) / heights[-1], np.array([0.09, 0.2447, 0.6652]) / 0.6652, rtol=1e-6)
    assert [v.number_text for v in bars.values] == ["0.09", "0.2447", "0.6652"]
    assert [n.text for n in bars.names] == ["rose", "daisy", "tulip"]


def test_nice_ticks_are_round_multiples_of_the_step():
    from scenes.mobjects.plot import nice_ticks

    assert nice_ticks(-1, 0.5).tolist() == [-1.0, -0.8, -0.6, -0.4, -0.2, 0.0, 0.2, 0.4]
    assert nice_ticks(-5, 5).tolist() == [-4.0, -2.0, 0.0, 2.0, 4.0]
