"""Loading, checking and overriding the lecture's values."""

from __future__ import annotations

import numpy as np
import pytest

from course import explain, load_values, schema
from nnmath.values import ValuesError

SCHEMA = schema()


def write(tmp_path, text: str):
    path = tmp_path / "values.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_values_match_the_schema_exactly():
    values = load_values()
    assert list(values) == list(SCHEMA)
    for slug in SCHEMA:
        assert set(values[slug]) == set(SCHEMA[slug]), slug
    assert values.sources == ("built-in",)


def test_arrays_are_read_only_float64():
    X = load_values()["layers"]["X"]
    assert X.dtype == np.float64 and X.shape == (3, 4)
    with pytest.raises(ValueError):
        X[0, 0] = 99


def test_override_replaces_only_the_keys_given(tmp_path):
    values = load_values(write(tmp_path, "[softmax]\nz = [0.5, 0.5]\n"))
    assert values["softmax"]["z"].tolist() == [0.5, 0.5]
    assert values["dot-product"]["a"].tolist() == [1, 2, 3]
    np.testing.assert_allclose(explain("softmax", values).quantities["output"].value, [0.5, 0.5])


def test_override_with_other_shapes_computes(tmp_path):
    values = load_values(
        write(tmp_path, "[vector-matrix]\na = [1, 0]\nB = [[1, 2, 3, 4], [5, 6, 7, 8]]\n")
    )
    assert explain("vector-matrix", values).quantities["output"].value.tolist() == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[softmx]\nz = [1]\n", r"values.toml:1: unknown table \[softmx\]; did you mean 'softmax'\?"),
        ("[softmax]\n\n\nq = 1\n", r"values.toml:4: unknown key 'q' in \[softmax\].*Keys of \[softmax\]: z"),
        ("[layers]\nX = [[1, 2], [3]]\n", r"values.toml:2: layers.X is ragged"),
        ("[layers]\nX = 3\n", r"values.toml:2: layers.X has shape \(\) \(rank 0\); expected rank 1 or 2"),
        ("[softmax]\nz = [1, nan]\n", r"values.toml:2: softmax.z holds nan at index 1"),
        ("[softmax]\nz = [inf]\n", r"softmax.z holds inf"),
        ("[softmax]\nz = []\n", r"softmax.z is empty"),
        ("[softmax]\nz = \"1, 2\"\n", r"softmax.z must be numbers, got the text"),
        ("[why-activations]\npairs = 0\n", r"why-activations.pairs must be a whole number from 1 to 64, got 0"),
        ("[why-activations]\npairs = 2.5\n", r"why-activations.pairs must be a whole number"),
        ("[neuron]\nactivation = \"gelu\"\n", r"neuron.activation must be one of \"relu\""),
        ("[activations]\nfunctions = [\"relu\", 3]\n", r"activations.functions must be a list of names"),
        ("softmax = 3\n", r"softmax must be a table"),
        ("[[errata]]\nscene = \"x\"\n", r"errata describe the lecture notes and cannot be overridden"),
        ("[softmax\nz = 1\n", r"not valid TOML"),
        # Inline and dotted tables name their line too, and a table after a long array is found.
        ("# mine\nsoftmax = {z = [1, \"x\"]}\n", r"values.toml:2: softmax.z must be real numbers"),
        ("\nsoftmax.z = [1, \"x\"]\n", r"values.toml:2: softmax.z must be real numbers"),
        ("\n\n'softmax' . \"z\" = 3\n", r"values.toml:3: softmax.z has shape"),
        ("[layers]\nX = [\n  [1, 2],\n  [3, 4]\n]\nq = 1\n", r"values.toml:6: unknown key 'q' in \[layers\]"),
        ("[softmax]\nz = [1, 2]\n\n[nope]\nq = 1\n", r"values.toml:4: unknown table \[nope\]"),
        ("s = \"\"\"\n[nope]\n\"\"\"\n", r"values.toml:1: unknown table \[s\]"),
        # numpy's "<U21" is not a word a lecturer knows: the text itself is named.
        ("[softmax]\nz = [1, \"two\", 3]\n", r"values.toml:2: softmax.z must be real numbers, got the text 'two'"),
    ],
)
def test_bad_values_name_the_file_line_key_and_expectation(tmp_path, text, expected):
    with pytest.raises(ValuesError, match=expected):
        load_values(write(tmp_path, text))


def test_a_byte_order_mark_is_not_part_of_the_toml(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes("\ufeff[dot-product]\na = [1, 1, 1]\n".encode("utf-8"))
    assert load_values(path)["dot-product"]["a"].tolist() == [1, 1, 1]


def test_reading_stops_at_the_size_limit(tmp_path):
    from nnmath.values import MAX_VALUES_BYTES

    with pytest.raises(ValuesError, match="holds more than 8 MB"):
        load_values("/dev/zero")  # never ends: read up to the limit, then refused
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"# " + b"x" * MAX_VALUES_BYTES + b"\n")
    with pytest.raises(ValuesError, match="is it the right file"):
        load_values(huge)


def test_a_file_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes("[one-hot]\nclasses = [\"rosé\", \"daisy\", \"tulip\"]\n".encode("latin-1"))
    with pytest.raises(ValuesError, match="not UTF-8 text.*save it as UTF-8"):
        load_values(path)


def test_missing_file(tmp_path):
    with pytest.raises(ValuesError, match="does not exist"):
        load_values(tmp_path / "nope.toml")


def test_values_file_is_data_not_code(tmp_path):
    # TOML has no way to run code; a string that looks like Python stays a string and is rejected.
    with pytest.raises(ValuesError, match="must be numbers"):
        load_values(write(tmp_path, "[softmax]\nz = \"__import__('os').system('false')\"\n"))
