"""derivatives: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import pytest

from course import explain, load_values
from scene_harness import dry_run, flat, texts


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    (_, secant), (z, y, chain) = (s.steps for s in explain("derivatives", load_values(values_file)).sections)
    x, f_x = float(secant.inputs["x"]), float(secant.intermediates["f_x"])
    hs, fxh, slopes = secant.inputs["hs"], secant.intermediates["f_x_plus_h"], secant.intermediates["slopes"]
    point = [x, f_x]
    expected = {"curve": texts(point)}
    for k in range(len(hs)):
        # (f(x+h) − f(x)) / h = slope, and the table of slopes so far.
        line = [fxh[k], f_x, hs[k], slopes[k]]
        expected[f"secant-{k + 1}"] = texts(point + flat(line, hs[: k + 1], slopes[: k + 1]))
    expected["tangent"] = texts(point + flat(hs, slopes, secant.output))

    shown = flat(z.inputs["w"], z.inputs["x"], z.inputs["b"], z.output)
    shown += flat(*(z.intermediates[k] for k in ("dz_dw", "dz_dx", "dz_db")))
    expected["z"] = texts(shown)
    shown += flat(y.inputs["z"], y.output, y.inputs["z"], y.intermediates["derivative"])
    expected["y"] = texts(shown)
    for k, name in enumerate("wxb"):
        shown += flat(chain.intermediates["factors"][k], chain.output[k])
        expected[f"dy-d{name}"] = texts(shown)
    return expected


@pytest.fixture(scope="module")
def other_values(tmp_path_factory):
    """sin at 0.5 with four hs (one negative); the chain rule through sigmoid with a negative w."""
    path = tmp_path_factory.mktemp("values") / "other.toml"
    path.write_text(
        "[derivatives]\n"
        'function = "sin"\nx = 0.5\nhs = [0.8, -0.4, 0.2, 0.05]\n'
        'chain_activation = "sigmoid"\nchain_x = 1.5\nchain_w = -0.8\nchain_b = 0.3\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, other_values):
    values_file = other_values if use_other else None
    scene = dry_run("derivatives", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)


def test_lecture_key_values():
    records = {r.name: r for r in dry_run("derivatives").records}
    assert [r for r in records if r.startswith("secant")] == [f"secant-{k}" for k in range(1, 6)]
    assert records["secant-1"].caption == "h = 1: the secant's slope is (4 − 1) / 1 = 3"
    assert {"3", "2.5", "2.25", "2.1", "2.01", "2"} <= set(records["tangent"].numbers)
    assert records["tangent"].caption.endswith("f′(1) = 2")
    # g = square: g′(z) = 2z = 4 at z = 2, so each partial visibly multiplies two factors.
    assert records["y"].caption.endswith("square′(2) = 4")
    assert records["dy-dw"].caption.endswith("= 4 · 2 = 8")
    assert records["dy-dx"].caption.endswith("= 4 · 0.5 = 2")
    assert records["dy-db"].caption.endswith("= 4 · 1 = 4")
    assert "∂y/∂w = outer slope · inner slope = 4 · 2 = 8" in records["dy-dw"].texts


def test_other_values_use_sigmoid(other_values):
    records = {r.name: r for r in dry_run("derivatives", values=other_values).records}
    assert len([r for r in records if r.startswith("secant")]) == 4
    assert "sigmoid" in records["y"].caption
    assert "−" not in "".join(records["z"].numbers)  # numbers are recorded as nnmath formats them
    assert "-0.8" in records["z"].numbers


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_x_and_y_share_one_scale(use_other, other_values):
    """A slope of 2 looks like 2: one unit along x is as long on screen as one unit along y."""
    scene = dry_run("derivatives", values=other_values if use_other else None)
    axes = scene.plot.axes
    assert axes.x_axis.get_unit_size() == pytest.approx(axes.y_axis.get_unit_size(), rel=1e-6)


def test_the_secants_stay_inside_the_axes():
    scene = dry_run("derivatives")
    axes = scene.plot.axes
    low = axes.c2p(axes.x_range[0], axes.y_range[0])
    high = axes.c2p(axes.x_range[1], axes.y_range[1])
    for point in (scene.secant_line.get_start(), scene.secant_line.get_end()):
        assert low[0] - 1e-6 <= point[0] <= high[0] + 1e-6 and low[1] - 1e-6 <= point[1] <= high[1] + 1e-6
