"""The display policy (docs/display-policy.md): awkward values are rounded, elided or refused.

Each scene test dry-runs a scene with values that compute but are hard to show — twelve-digit and
1e-12 numbers, negatives, a 50-entry vector against a 50×50 matrix, a 50×40 transpose, a
40-term dot product — and checks that what is on screen is nnmath's rounding, that long axes are
elided with the true shape written, and that nothing leaves the frame.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from course import check_limits, explain, load_values
from course.lecture1.mse import MAX_EXAMPLES as MAX_MSE_EXAMPLES
from nnmath.display import cell_line, format_array, format_decimals, format_fixed, format_number, shared_decimals, sum_sign
from nnmath.limits import MAX_CLASSES, MAX_ENTRIES
from nnmath.values import ValuesError
from scene_harness import dry_run, flat
from scenes.mobjects.dot import MAX_TERMS
from scenes.mobjects.matrix import MAX_SHOWN

_RNG = np.random.default_rng(8)
_A50 = np.round(_RNG.normal(size=50) * 10, 2)
_B50 = np.round(_RNG.normal(size=(50, 50)) * 10, 2)


def _toml(array: np.ndarray) -> str:
    return "[" + ", ".join(_toml(row) for row in array) + "]" if array.ndim else repr(float(array))


def _write(tmp_path, text: str):
    path = tmp_path / "values.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _assert_in_frame(scene) -> None:
    for record in scene.records:
        assert not record.outside, (record.name, record.outside)


# --- rounding --------------------------------------------------------------------------------------


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300))
def test_every_number_is_at_most_twelve_characters(x):
    # 4 decimals below 1e6 ("-999999.9999"), three significant digits in scientific notation beyond.
    assert len(format_number(x)) <= 12


@pytest.mark.parametrize(
    ("value", "shown"),
    [(123456789012.5, "1.23e+11"), (1e-12, "1e-12"), (-1e12, "-1e+12"), (3.14159265, "3.1416"), (-0.00001, "-1e-05"), (999999.4, "999999.4")],
)
def test_rounding_examples_of_the_policy(value, shown):
    assert format_number(value) == shown


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        (-4.3125, 3, "-4.313"),  # half away from zero, as by hand (Python's round gives -4.312)
        (4.3125, 3, "4.313"),
        (2.675, 2, "2.68"),  # the float is 2.67499999…: rounding the binary value would give 2.67
        (1.0005, 3, "1.001"),  # the float is 1.000499999…
        (-1.0005, 3, "-1.001"),
        (0.125, 2, "0.13"),  # an exact binary half: banker's rounding would give 0.12
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (0.00049, 3, "4.9e-04"),  # below half of the last decimal: scientific, not "0"
        (-0.00004, 4, "-4e-05"),
        (-0.0004, 4, "-0.0004"),
        (1.23456e-7, 4, "1.23e-07"),
        (1.235e-7, 4, "1.24e-07"),  # scientific notation rounds half away from zero too
        (999999.99995, 4, "1e+06"),  # rounds up to a million: scientific like every number that large
    ],
)
def test_rounding_is_half_away_from_zero_on_the_decimal_value(value, digits, shown):
    assert format_number(value, digits) == shown


@given(st.integers(min_value=-10**6, max_value=10**6), st.integers(min_value=0, max_value=4))
def test_a_number_already_at_the_precision_is_shown_unchanged(units, digits):
    # Any decimal with at most `digits` decimals is shown as itself: rounding never moves it.
    value = units / 10**digits
    assert float(format_number(value, digits)) == value


def test_half_way_cases_round_away_from_zero_at_every_precision():
    for digits in range(5):
        for k in range(1, 200):
            half = (2 * k + 1) / (2 * 10**digits)  # k.5 in units of the last decimal
            expected = (k + 1) / 10**digits
            assert float(format_number(half, digits)) == pytest.approx(expected), (half, digits)
            assert float(format_number(-half, digits)) == pytest.approx(-expected), (-half, digits)


@pytest.mark.parametrize(
    ("values", "shown"),
    [
        ([0.09, 0.245, 0.665], ["0.090", "0.245", "0.665"]),
        ([48, 54, 60], ["48", "54", "60"]),
        ([1, 2.5, -3], ["1.0", "2.5", "-3.0"]),
        ([0.2, 0.8, -0.5], ["0.2", "0.8", "-0.5"]),
        ([0.33333333, 1], ["0.3333", "1.0000"]),
        ([1e-12, 0.5], ["1e-12", "0.5"]),  # scientific entries keep their own form
    ],
)
def test_one_vector_shares_one_number_of_decimals(values, shown):
    assert format_fixed(values) == shown
    assert shared_decimals(values) == max((len(t.split(".")[1]) for t in shown if "." in t and "e" not in t), default=0)


def test_format_array_shares_decimals_across_the_whole_array():
    assert format_array(np.array([0.09, 0.245])) == "[0.090, 0.245]"
    assert format_array(np.array([[1, 2], [3, 4.5]])) == "[[1.0, 2.0], [3.0, 4.5]]"
    assert format_array(np.array([48.0, 54.0, 60.0])) == "[48, 54, 60]"


@pytest.mark.parametrize(
    ("parts", "total", "digits", "sign"),
    [
        ([1 / 3, 1 / 3, 1 / 3], 1.0, 3, "≈"),  # 0.333 + 0.333 + 0.333 = 0.999, not 1
        ([0.25, 0.75], 1.0, 4, "="),
        ([0.09003057, 0.24472847, 0.66524096], 1.0, 3, "="),  # the softmax of [1, 2, 3]: 0.090 + 0.245 + 0.665 = 1
        ([0.335, 0.335, 0.33], 1.0, 2, "≈"),  # 0.34 + 0.34 + 0.33 = 1.01
        ([4, 10, 18], 32, 4, "="),
        (["0.2", "1.6", "-1.5"], "0.3", 4, "="),
        ([0.1, 0.2], 0.30000000000000004, 4, "="),  # the float error is below the display
    ],
)
def test_a_sum_of_shown_parts_is_equal_only_when_the_shown_parts_add_up(parts, total, digits, sign):
    assert sum_sign(parts, total, digits) == sign


def test_huge_tiny_and_negative_numbers_are_shown_rounded_and_in_frame(tmp_path):
    values = _write(
        tmp_path,
        "[vector-matrix]\na = [123456789012.5, -1e-12, 3.14159265]\nB = [[1e-12, 2, -3], [4e12, -5, 6], [-7, 8.123456, 9]]\n",
    )
    step = explain("vector-matrix", load_values(values)).step("np.dot(a, B)")
    scene = dry_run("vector-matrix", values=values)
    _assert_in_frame(scene)
    records = {r.name: r for r in scene.records}
    operands = flat(step.inputs["a"], step.inputs["B"])
    assert Counter(records["operands"].numbers) == Counter(format_number(v) for v in operands)
    assert {"1.23e+11", "-1e-12", "3.1416", "4e+12", "8.1235"} <= set(records["operands"].numbers)
    result = [format_number(v) for v in step.output]
    assert Counter(records["result"].numbers) >= Counter(result)
    # The caption's sum is nnmath's terms, rounded the same way, negatives in parentheses, each
    # product with its factors' decimals (4 here: a is written 3.1416):
    # 123456789012.5·1e-12 + (-1e-12)·4e12 + 3.14159265·(-7) = 0.1235 + (-4.0000) + (-21.9911), which
    # adds to -25.8676 as written while the total rounds to -25.8677: the caption says ≈.
    first = next(step.cells())
    line = cell_line(first, step)
    assert line.products == tuple(format_decimals(p, 4) for p in first.products)
    assert sum_sign(line.products, line.total) == "≈" and line.total == result[0]
    assert records["entry-1"].caption == (
        f"Entry [1]: row 1 · column 1 = {line.products[0]} + ({line.products[1]}) + ({line.products[2]}) ≈ {result[0]}"
    )


# --- elision ---------------------------------------------------------------------------------------


def test_a_50_vector_against_a_50x50_matrix_is_elided_with_its_true_shape(tmp_path):
    values = _write(tmp_path, f"[vector-matrix]\na = {_toml(_A50)}\nB = {_toml(_B50)}\n")
    step = explain("vector-matrix", load_values(values)).step("np.dot(a, B)")
    scene = dry_run("vector-matrix", values=values)
    _assert_in_frame(scene)
    records = {r.name: r for r in scene.records}
    kept = [*range(MAX_SHOWN - 2), 49]  # the first entries, the dots, the last
    shown_a = [format_number(step.inputs["a"][i]) for i in kept]
    shown_b = [format_number(step.inputs["B"][i, j]) for i in kept for j in kept]
    assert Counter(records["operands"].numbers) == Counter(shown_a + shown_b)
    assert {"1×50", "50×50", "⋯", "⋮", "⋱"} <= set(records["operands"].texts)
    assert Counter(records["result"].numbers) == Counter(shown_a + shown_b + [format_number(step.output[j]) for j in kept])
    # The term line and its caption are elided like the matrices: 6 terms, not 50.
    cell = next(step.cells())
    caption = records["entry-1"].caption
    assert caption.count(" + ") == MAX_TERMS - 1 and "…" in caption
    assert caption.endswith(f"{sum_sign(cell.products, cell.value)} {format_number(cell.value)}")
    shown_result = iter(format_fixed([step.output[j] for j in kept]))  # one vector, one number of decimals
    assert records["result"].caption.startswith("np.dot(a, B) = [" + ", ".join(
        "…" if j is None else next(shown_result) for j in [*kept[:-1], None, 49]
    ) + "]")
    # Only the drawn result entries are filled one by one (not all 48 others).
    rest = records["entry-rest"]
    assert rest.end - rest.start < 0.75 * (MAX_SHOWN - 2) + 2.0


def test_a_50x40_transpose_is_elided_and_plays(tmp_path):
    B = _B50[:, :40]
    values = _write(tmp_path, f"[transpose]\nB = {_toml(B)}\na = {_toml(_A50[:8])}\n")
    scene = dry_run("transpose", values=values)
    _assert_in_frame(scene)
    records = {r.name: r for r in scene.records}
    assert {"50×40", "40×50"} <= set(records["shape"].texts)
    row_1 = records["row-1"].caption
    # Written as drawn: with the decimals the drawn entries of B share.
    kept = [*range(MAX_SHOWN - 2), -1]
    decimals = shared_decimals(B[kept][:, kept])
    assert row_1.startswith(f"Row 1 of B ({format_decimals(B[0, 0], decimals)}, ") and "…" in row_1
    assert row_1.count(",") == MAX_SHOWN - 1


def test_a_40_term_dot_product_writes_six_terms(tmp_path):
    a, b = np.round(_RNG.normal(size=40), 2), np.round(_RNG.normal(size=40), 2)
    values = _write(tmp_path, f"[dot-product]\na = {_toml(a)}\nb = {_toml(b)}\n")
    cell = explain("dot-product", load_values(values)).step("np.dot(a, b)").cell()
    scene = dry_run("dot-product", values=values)
    _assert_in_frame(scene)
    records = {r.name: r for r in scene.records}
    assert "…" in records["vectors"].caption and records["vectors"].caption.count(",") < 20
    shown = [*range(MAX_TERMS - 2), 39]
    products = Counter(format_number(cell.products[i]) for i in shown)
    assert Counter(records["sum"].numbers) >= products + Counter([format_number(cell.value)])


# --- refusal ---------------------------------------------------------------------------------------


def test_the_lecture_values_are_within_the_limits(lecture):
    check_limits(lecture)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (f"[softmax]\nz = {_toml(np.arange(MAX_CLASSES + 1.0))}\n", ["[softmax] z", f"{MAX_CLASSES + 1} scores", f"at most {MAX_CLASSES}"]),
        (
            f"[mse]\ny_true = {_toml(np.arange(MAX_MSE_EXAMPLES + 1.0))}\ny_pred = {_toml(np.zeros(MAX_MSE_EXAMPLES + 1))}\n",
            ["[mse] y_true", f"{MAX_MSE_EXAMPLES + 1} examples", f"at most {MAX_MSE_EXAMPLES}"],
        ),
        (f"[matrix-matrix]\nA = {_toml(np.zeros((101, 100)))}\n", ["[matrix-matrix] A", "101×100", str(MAX_ENTRIES)]),
    ],
    ids=["softmax-bars", "mse-beats", "entries"],
)
def test_values_no_scene_can_show_are_refused_naming_key_and_limit(tmp_path, text, names):
    path = _write(tmp_path, text)
    with pytest.raises(ValuesError) as refused:
        load_values(path)
    for name in [f"{path}:2:", *names]:
        assert name in str(refused.value)


def test_values_at_the_limits_pass(tmp_path):
    classes = ", ".join(f'"c{i}"' for i in range(MAX_CLASSES))
    text = (
        f"[softmax]\nz = {_toml(np.arange(float(MAX_CLASSES)))}\n"
        f"[one-hot]\nclasses = [{classes}]\nlabels = [\"c0\"]\nfeatures = [[1, 2]]\n"
        f"[vector-matrix]\nB = {_toml(np.zeros((100, 100)))}\na = {_toml(np.zeros(100))}\n"
    )
    check_limits(load_values(_write(tmp_path, text)))
