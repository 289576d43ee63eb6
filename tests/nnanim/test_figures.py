"""``nnanim figures``: what each figure plots is nnmath's numbers, read back from its artists;
a few figures against image baselines; the command's files, errors and previews.

Baselines: ``NNANIM_UPDATE_BASELINES=1 pytest tests/nnanim/test_figures.py -k baseline`` rewrites them
(look at every one before committing it).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import av
import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib.colors import to_hex
from PIL import Image

from course import explain, load_values
from course.lecture1 import forward_pass
from nnanim.commands.figures import figures_command
from nnanim.figures import output as output_module
from nnanim.figures.output import save_figure
from nnanim.figures.registry import FIGURES, animated_names
from nnanim.figures.style import get_theme, themed
from nnmath import ACTIVATIONS, softmax
from nnmath.display import format_fixed, format_number
from nnmath.sine_fit import sine_fit, target

BASELINES = Path(__file__).parents[1] / "baselines" / "figures"
#: Baselines are small: 512×288 before the tight crop.
BASELINE_DPI = 40
#: Root mean square of the pixel difference (0–255) a re-render may show: font hinting, antialiasing.
RMS_TOLERANCE = 2.0


# --- helpers -----------------------------------------------------------------------------------


def _draw(name: str, theme: str = "dark", values=None):
    """Draw figure ``name`` and return it with everything drawn (text positions are known)."""
    with themed(get_theme(theme)):
        figure = FIGURES[name].draw(values or load_values(), get_theme(theme))
        figure.canvas.draw()  # lays out the figure as saving would
    return figure


def _artists(figure, gid: str) -> list:
    return figure.findobj(lambda a: a.get_gid() == gid)


def _line(figure, gid: str) -> np.ndarray:
    """The (x, y) data of the one line tagged ``gid``: shape (points, 2), without the NaN rows that
    break a line where it jumps."""
    lines = [a for a in _artists(figure, gid) if hasattr(a, "get_xydata")]
    assert len(lines) == 1, f"{gid}: {lines}"
    data = np.asarray(lines[0].get_xydata())
    return data[~np.isnan(data).any(axis=1)]


def _dots_and_labels(figure, gid: str) -> tuple[np.ndarray, list[str]]:
    """The marked points tagged ``gid`` (shape (points, 2)) and their labels' texts."""
    dots = np.concatenate([a.get_xydata() for a in _artists(figure, gid) if hasattr(a, "get_xydata")])
    labels = [a.get_text() for a in _artists(figure, gid) if hasattr(a, "get_text")]
    return dots, labels


def _shown(value: float, digits: int = 4) -> str:
    """A number as a figure writes it: nnmath's text, with a typographic minus."""
    return format_number(value, digits).replace("-", "−")


def _values_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "values.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(figures_command, [*args, "--out", str(tmp_path / "out")])

    return invoke


# --- each figure plots nnmath's values -----------------------------------------------------------


@pytest.mark.parametrize("name", ["relu", "sigmoid", "step", "tanh"])
def test_each_activation_figure_plots_the_function_its_derivative_and_the_points(lecture, name):
    v = lecture["activations"]
    figure = _draw(f"activations-{name}")
    grid = np.linspace(v["x_min"], v["x_max"], v["samples"])
    activation = ACTIVATIONS[name]
    np.testing.assert_array_equal(_line(figure, "curve"), np.stack([grid, activation.function(grid)], axis=1))
    np.testing.assert_array_equal(_line(figure, "derivative"), np.stack([grid, activation.derivative(grid)], axis=1))
    dots, labels = _dots_and_labels(figure, "point")
    points = np.asarray(v["points"])
    np.testing.assert_array_equal(dots, np.stack([points, activation.function(points)], axis=1))
    assert labels == [f"({_shown(x, 3)}, {_shown(y, 3)})" for x, y in zip(points, activation.function(points))]


@pytest.mark.parametrize(("name", "gid", "closed", "open_"), [("relu", "derivative", 0.0, 1.0), ("step", "curve", 0.0, 1.0)])
def test_a_jump_is_drawn_with_a_closed_and_an_open_dot(name, gid, closed, open_):
    """ReLU′ and the step jump at 0: the line breaks there, a closed dot holds nnmath's value at 0
    and an open dot the limit from the right; a smooth curve has no break and no dots."""
    figure = _draw(f"activations-{name}")
    [line] = [a for a in _artists(figure, gid) if hasattr(a, "get_xydata")]
    assert np.isnan(np.asarray(line.get_xydata())).any()
    assert ACTIVATIONS[name].derivative(np.array(0.0)) == closed if gid == "derivative" else ACTIVATIONS[name].function(np.array(0.0)) == closed
    np.testing.assert_array_equal(_line(figure, f"{gid}:closed"), [[0.0, closed]])
    np.testing.assert_array_equal(_line(figure, f"{gid}:open"), [[0.0, open_]])
    smooth = _draw("activations-sigmoid")
    assert not _artists(smooth, "curve:open") and not _artists(smooth, "derivative:open")


def test_the_shared_axes_hold_every_activation_of_the_values_and_its_derivative(tmp_path):
    values = load_values(_values_file(tmp_path, '[activations]\nfunctions = ["tanh", "relu"]\nx_min = -2.0\nsamples = 9\n'))
    figure = _draw("activations", values=values)
    grid = np.linspace(-2.0, values["activations"]["x_max"], 9)
    curves, derivatives = figure.axes
    assert [line.get_gid() for line in curves.get_lines() if line.get_gid()] == ["curve:tanh", "curve:relu"]
    for name in ("tanh", "relu"):
        np.testing.assert_array_equal(_line(figure, f"curve:{name}")[:, 1], ACTIVATIONS[name].function(grid))
        np.testing.assert_array_equal(_line(figure, f"derivative:{name}")[:, 1], ACTIVATIONS[name].derivative(grid))
        np.testing.assert_array_equal(_line(figure, f"curve:{name}")[:, 0], grid)


def test_the_sine_fit_figure_plots_the_network_its_line_and_every_pair(lecture):
    v = lecture["why-activations"]
    figure = _draw("why-activations")
    fit = sine_fit(v["pairs"], v["x_min"], v["x_max"])
    grid = np.linspace(v["x_min"], v["x_max"], v["samples"])
    np.testing.assert_allclose(_line(figure, "fit")[:, 1], fit.predict(grid), rtol=0, atol=1e-12)
    np.testing.assert_allclose(_line(figure, "line")[:, 1], fit.predict(grid, relu=False), rtol=0, atol=1e-12)
    np.testing.assert_array_equal(_line(figure, "target")[:, 1], target(grid))
    for i in range(fit.pairs):
        np.testing.assert_allclose(_line(figure, f"pair:{i + 1}")[:, 1], fit.pair_contribution(grid, i), atol=1e-12)
        ramp = _line(figure, f"ramp:{i + 1}")
        start, end = fit.areas_of_effect[i]
        assert ramp[:, 0].min() >= start and ramp[:, 0].max() <= end
    # The contributions add up to the fit (less the flat start v₀).
    total = sum(_line(figure, f"pair:{i + 1}")[:, 1] for i in range(fit.pairs))
    np.testing.assert_allclose(total + fit.knot_values[0], fit.predict(grid), atol=1e-9)
    assert _shown(fit.max_error, 3) in figure.axes[0].get_title(loc="left")


@pytest.mark.parametrize(
    ("values_text", "digits"),
    [("", 4), ("[softmax]\nz = [[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]]\n", 2)],
    ids=["lecture", "a batch: shorter labels"],
)
def test_softmax_bars_are_z_before_and_the_probabilities_after(tmp_path, values_text, digits):
    values = load_values(_values_file(tmp_path, values_text))
    figure = _draw("softmax", values=values)
    z = np.atleast_2d(values["softmax"]["z"])
    expected = softmax(z)
    for s in range(len(z)):
        before = _artists(figure, f"z:{s}")
        after = _artists(figure, f"softmax:{s}")
        np.testing.assert_array_equal([bar.get_height() for bar in before], z[s])
        np.testing.assert_allclose([bar.get_height() for bar in after], expected[s], rtol=1e-15)
    texts = {t.get_text() for ax in figure.axes for t in ax.texts}
    # Each row's labels share one number of decimals (0.0900 beside 0.2447).
    assert {t.replace("-", "−") for row in expected for t in format_fixed(row, digits)} <= texts


def test_the_class_regions_are_where_nnmath_predicts_each_class(lecture):
    figure = _draw("forward-pass")
    regions = forward_pass.regions(lecture["forward-pass"])
    classes = explain("forward-pass", lecture).objects["classes"]
    grid = np.stack(np.meshgrid(regions.xs, regions.ys), axis=-1).reshape(-1, 2)
    margins = regions.margins.reshape(-1, len(classes))
    for k, name in enumerate(classes):
        filled = [path for contour in _artists(figure, f"region:{name}") for path in contour.get_paths()]
        inside = np.zeros(len(grid), dtype=bool)
        for path in filled:
            if len(path.vertices):
                inside |= path.contains_points(grid)
        # Clear of a region's edge (and of the plane's), a grid point is filled exactly when nnmath
        # predicts this class there.
        on_plane_edge = np.isin(grid[:, 0], regions.xs[[0, -1]]) | np.isin(grid[:, 1], regions.ys[[0, -1]])
        clear = (np.abs(margins[:, k]) > 0.02) & ~on_plane_edge
        np.testing.assert_array_equal(inside[clear], margins[clear, k] > 0, err_msg=name)
    scene = explain("forward-pass", lecture)
    for i, sample in enumerate(np.atleast_2d(lecture["forward-pass"]["features"]), start=1):
        dots, [label] = _dots_and_labels(figure, f"sample:{i}")
        np.testing.assert_array_equal(dots, [sample])
        predicted = scene.quantities[f"predicted f{i}"].value
        probability = max(scene.quantities[f"probabilities f{i}"].value)
        assert label.endswith(f"{predicted} {_shown(probability, 3)}")


def test_the_cross_entropy_curve_is_minus_ln_p_with_the_table_and_the_example_marked(lecture):
    v = lecture["cross-entropy"]
    figure = _draw("cross-entropy")
    curve = _line(figure, "curve")
    # −ln p itself, exact: −ln 1 = 0 (only a loss's predictions are clipped).
    np.testing.assert_allclose(curve[:, 1], -np.log(curve[:, 0]), rtol=1e-14)
    assert curve[-1, 1] == 0
    assert curve[-1, 0] == 1.0
    dots, labels = _dots_and_labels(figure, "table")
    np.testing.assert_allclose(dots, np.stack([v["table"], -np.log(v["table"])], axis=1), rtol=1e-14)
    assert labels == [f"−ln {_shown(p)} = {_shown(-np.log(p), 3)}" for p in v["table"]]
    [[p, loss]], [example] = _dots_and_labels(figure, "example")
    true_p = float(np.dot(v["predictions"], v["targets"]))
    assert (p, loss) == pytest.approx((true_p, -np.log(true_p)), rel=1e-14)
    assert example == f"daisy: −ln {_shown(true_p, 3)} = {_shown(-np.log(true_p), 3)}"


def test_the_mse_parabolas_are_the_squared_errors_with_each_prediction_marked(lecture):
    v = lecture["mse"]
    figure = _draw("mse")
    for i, (truth, prediction) in enumerate(zip(v["y_true"], v["y_pred"])):
        curve = _line(figure, f"curve:{i}")
        np.testing.assert_allclose(curve[:, 1], (truth - curve[:, 0]) ** 2, rtol=1e-14)
        assert curve[:, 0].min() < truth < curve[:, 0].max()
        dots, [label] = _dots_and_labels(figure, f"prediction:{i}")
        np.testing.assert_array_equal(dots, [[prediction, (truth - prediction) ** 2]])
        assert label == f"({_shown(truth)} − {_shown(prediction)})² = {_shown((truth - prediction) ** 2)}"
        np.testing.assert_array_equal(_line(figure, f"truth:{i}"), [[truth, 0.0]])


@pytest.mark.parametrize(
    "values_text",
    ["", "[layers]\nX = [[1, 2, 3, 4], [5, 6, 7, 8]]\nw2 = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]\nb2 = [1.0, 2.0]\n"],
    ids=["lecture", "two samples, two outputs"],
)
def test_the_shape_flow_writes_each_array_s_shape(tmp_path, values_text):
    values = load_values(_values_file(tmp_path, values_text))
    v = values["layers"]
    figure = _draw("layers", values=values)

    def text(gid: str) -> str:
        [t] = _artists(figure, gid)
        return t.get_text()

    def written(shape: tuple[int, ...]) -> str:
        return f"({shape[0]},)" if len(shape) == 1 else "×".join(map(str, shape))

    f1 = np.dot(v["X"], np.transpose(v["w1"])) + v["b1"]
    output = np.dot(f1, np.transpose(v["w2"])) + v["b2"]
    for layer, (inputs, w, b, result) in enumerate(((v["X"], v["w1"], v["b1"], f1), (f1, v["w2"], v["b2"], output)), start=1):
        shapes = [np.shape(inputs), np.shape(w)[::-1], np.shape(b), np.shape(result)]
        assert [text(f"shape:{layer}.{k}") for k in range(4)] == [written(s) for s in shapes]
        assert text(f"inner:{layer}") == f"{np.shape(inputs)[-1]} = {np.shape(w)[1]}"
    assert [text(f"name:1.{k}") for k in range(4)] == ["X", "w1ᵀ", "b1", "f1"]
    assert [text(f"name:2.{k}") for k in range(4)] == ["f1", "w2ᵀ", "b2", "output"]


# --- theme and legibility ---------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_figures_take_the_scene_theme_and_text_is_slide_sized(theme):
    colors = get_theme(theme)
    figure = _draw("cross-entropy", theme)
    assert to_hex(figure.get_facecolor()) == colors.background
    assert to_hex(figure.axes[0].get_facecolor()) == colors.background
    assert figure.axes[0].get_title(loc="left")
    assert to_hex(figure.axes[0]._left_title.get_color()) == colors.text
    sizes = [t.get_fontsize() for t in figure.findobj(lambda a: hasattr(a, "get_fontsize") and getattr(a, "get_text", lambda: "")())]
    assert sizes and min(sizes) >= 12  # points, on a 12.8-inch slide-wide figure
    assert {to_hex(t.get_color()) for t in _artists(figure, "table") if hasattr(t, "get_text")} == {colors.right}


# --- image regression ---------------------------------------------------------------------------


def _render_png(name: str, theme: str) -> np.ndarray:
    figure = _draw(name, theme)
    buffer = io.BytesIO()
    with themed(get_theme(theme)):
        save_figure(figure, buffer, "png", dpi=BASELINE_DPI)
    return np.asarray(Image.open(buffer).convert("RGB"), dtype=np.float64)


def _rms(a: np.ndarray, b: np.ndarray) -> float:
    assert a.shape == b.shape, f"sizes differ: {a.shape} and {b.shape}"
    return float(np.sqrt(np.mean((a - b) ** 2)))


@pytest.mark.parametrize(
    ("name", "theme"),
    [("activations", "dark"), ("cross-entropy", "light"), ("forward-pass", "light"), ("layers", "dark")],
)
def test_key_figures_match_their_baseline(name, theme):
    baseline = BASELINES / f"{name}-{theme}.png"
    rendered = _render_png(name, theme)
    if os.environ.get("NNANIM_UPDATE_BASELINES"):
        baseline.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(rendered.astype(np.uint8)).save(baseline, optimize=True)
    expected = np.asarray(Image.open(baseline).convert("RGB"), dtype=np.float64)
    assert _rms(rendered, expected) <= RMS_TOLERANCE, f"{name} ({theme}) no longer looks like {baseline}"


def test_the_baseline_comparison_sees_a_moved_mark(tmp_path):
    """A table entry of 0.2 instead of 0.1 moves one dot and its label: beyond the tolerance."""
    baseline = np.asarray(Image.open(BASELINES / "cross-entropy-light.png").convert("RGB"), dtype=np.float64)
    values = load_values(_values_file(tmp_path, "[cross-entropy]\ntable = [0.9, 0.5, 0.2]\n"))
    figure = _draw("cross-entropy", "light", values)
    buffer = io.BytesIO()
    with themed(get_theme("light")):
        save_figure(figure, buffer, "png", dpi=BASELINE_DPI)
    moved = np.asarray(Image.open(buffer).convert("RGB"), dtype=np.float64)
    assert _rms(moved, baseline) > RMS_TOLERANCE


# --- the command ------------------------------------------------------------------------------


def test_figures_go_to_out_figures_theme_name_and_each_path_is_printed(run, tmp_path):
    result = run("softmax", "mse", "--theme", "light")
    assert result.exit_code == 0, result.output
    written = [tmp_path / "out" / "lecture-1" / "figures" / "light" / f"{n}.png" for n in ("softmax", "mse")]
    assert result.output.splitlines() == [str(p) for p in written]
    for path in written:
        assert Image.open(path).format == "PNG"
    assert sorted(p.name for p in written[0].parent.iterdir()) == ["mse.png", "softmax.png"]  # no temporary files


def test_the_figure_names_are_in_lecture_order_and_sort_by_scene():
    import course

    order = course.all_slugs()  # the whole course, lecture by lecture
    slugs = [next(s for s in sorted(order, key=len, reverse=True) if name.startswith(s)) for name in FIGURES]
    assert [order.index(s) for s in slugs] == sorted(order.index(s) for s in slugs)
    assert set(animated_names()) == {"activations", *(f"activations-{n}" for n in ("relu", "sigmoid", "step", "tanh")), "why-activations"}


def test_an_unknown_name_suggests_close_ones(run):
    result = run("softmx")
    assert result.exit_code == 2
    assert "unknown figure 'softmx'" in result.output and "Did you mean softmax?" in result.output
    assert "Did you mean activations-relu?" in run("relu").output


def test_no_name_and_no_all_lists_the_figures(run):
    result = run()
    assert result.exit_code == 2
    assert all(name in result.output for name in FIGURES)


def test_a_still_figure_cannot_be_animated_and_the_error_names_those_that_can(run):
    result = run("softmax", "activations-relu", "--format", "gif")
    assert result.exit_code == 2
    assert "softmax does not move" in result.output
    assert "Figures that animate: " + ", ".join(animated_names()) in result.output


def test_values_that_do_not_fit_a_figure_are_a_usage_error(run, tmp_path):
    values = _values_file(
        tmp_path, "[forward-pass]\nfeatures = [[1.0, 2.0, 3.0]]\nw1 = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]\n"
    )
    result = run("forward-pass", "--values", values)
    assert result.exit_code == 2
    assert "exactly 2 features" in result.output and "Hint" in result.output
    assert not (tmp_path / "out" / "lecture-1" / "figures" / "dark" / "forward-pass.png").exists()


def test_a_failed_write_leaves_the_previous_file_and_no_partial_one(run, tmp_path, monkeypatch):
    target = tmp_path / "out" / "lecture-1" / "figures" / "dark" / "mse.png"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"the previous figure")

    def half_write(figure, path, fmt, **kwargs):
        Path(path).write_bytes(b"\x89PNG half")
        raise OSError("disk full")

    monkeypatch.setattr(output_module, "save_figure", half_write)
    result = run("mse")
    assert result.exit_code != 0
    assert target.read_bytes() == b"the previous figure"
    assert [p.name for p in target.parent.iterdir()] == ["mse.png"]


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_the_same_values_give_the_same_bytes(tmp_path, fmt):
    runner = CliRunner()
    outputs = []
    for out in ("a", "b"):
        result = runner.invoke(figures_command, ["forward-pass", "--format", fmt, "--out", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / out / "lecture-1" / "figures" / "dark" / f"forward-pass.{fmt}").read_bytes())
    assert outputs[0] == outputs[1]
    if fmt == "svg":  # text stays text, regions are paths: nothing is rasterised
        assert b"<text" in outputs[0] and b"f1 = (10, 5)" in outputs[0] and b"<image" not in outputs[0]
    if fmt == "pdf":
        assert b"/FontFile2" in outputs[0] and b"/Subtype /Image" not in outputs[0]


def test_the_gif_grows_the_fit_one_pair_per_frame(run, tmp_path):
    values = _values_file(tmp_path, "[why-activations]\npairs = 3\nsamples = 31\n")
    result = run("why-activations", "--format", "gif", "--values", values)
    assert result.exit_code == 0, result.output
    gif = Image.open(tmp_path / "out" / "lecture-1" / "figures" / "dark" / "why-activations.gif")
    assert gif.n_frames == 3 + 1  # the target alone, then one frame per pair


def test_the_mp4_moves_a_point_along_the_curve_once_per_sample(run, tmp_path):
    values = _values_file(tmp_path, "[activations]\nsamples = 12\n")
    result = run("activations-sigmoid", "--format", "mp4", "--values", values)
    assert result.exit_code == 0, result.output
    with av.open(str(tmp_path / "out" / "lecture-1" / "figures" / "dark" / "activations-sigmoid.mp4")) as container:
        stream = container.streams.video[0]
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(stream)]
        assert (stream.codec_context.name, stream.codec_context.pix_fmt) == ("h264", "yuv420p")
        assert stream.width % 2 == 0 and stream.height % 2 == 0
    assert len(frames) == 12
    assert np.abs(frames[0].astype(int) - frames[-1].astype(int)).max() > 100  # the point moved
