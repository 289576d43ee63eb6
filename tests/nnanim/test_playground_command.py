"""``nnanim playground LINK``: its JSON against the playground's own numbers, and every error."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from nnanim.cli import main
from nnmath.playground import NOTES_LINK

GOLDEN = json.loads((Path(__file__).parents[1] / "data" / "playground" / "notes.json").read_text())
REQUIRED_KEYS = {"config", "train", "test", "weights", "biases", "epochs", "output_grid"}


def invoke(*args: str):
    return CliRunner().invoke(main, ["playground", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def notes_document() -> dict:
    result = invoke(NOTES_LINK, "--epochs", str(GOLDEN["epochs"]), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_has_the_issues_keys(notes_document):
    assert REQUIRED_KEYS <= set(notes_document)
    assert notes_document["config"]["networkShape"] == [4, 2] and notes_document["config"]["seed"] == "0.89302"
    assert notes_document["notes"] == []


def test_json_numbers_are_the_playgrounds(notes_document):
    close = lambda a, b: np.testing.assert_allclose(np.array(a, dtype=float), np.array(b, dtype=float), rtol=0, atol=1e-12)  # noqa: E731
    close(notes_document["train"], GOLDEN["train"])
    close(notes_document["test"], GOLDEN["test"])
    for layer, golden_layer in zip(notes_document["weights"], GOLDEN["snapshots"]["0"]["weights"], strict=True):
        close(layer, golden_layer)
    close(notes_document["biases"][0], GOLDEN["snapshots"]["0"]["biases"][0])
    epochs = notes_document["epochs"]
    assert [e["epoch"] for e in epochs] == list(range(GOLDEN["epochs"] + 1))
    close([[e["train_loss"], e["test_loss"]] for e in epochs], GOLDEN["losses"])
    assert len(notes_document["output_grid"]) == 100 and all(len(row) == 100 for row in notes_document["output_grid"])
    close(notes_document["output_grid"], GOLDEN["output_grid"])


def test_json_labels_are_whole_for_classification(notes_document):
    assert {point[2] for point in notes_document["train"]} == {-1, 1}
    assert all(isinstance(point[2], int) for point in notes_document["train"])


def test_text_shows_configuration_initial_weights_and_losses():
    result = invoke("#seed=0.89302&networkShape=3", "--epochs", "10")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "initial weights into layer 1" in text and "config hidden layers    3" in text
    assert "loss epoch 10" in text and "loss epoch 20" not in text


def test_unknown_key_is_a_note_on_stderr_and_the_json_stays_clean():
    result = invoke("#seed=1&colour=blue&networkShape=", "--epochs", "1", "--json")
    assert result.exit_code == 0
    assert "note: unknown key 'colour' ignored" in result.stderr
    document = json.loads(result.stdout)
    assert document["notes"] == ["unknown key 'colour' ignored"]
    assert document["weights"] and len(document["weights"]) == 1  # no hidden layer: features straight to the output


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("learningRate=abc", "learningRate=abc is not allowed; learningRate must be a number from 0 up"),
        ("networkShape=9,99", "networkShape=9,99 is not allowed; networkShape must be 0 to 6 hidden-layer sizes"),
        ("dataset=moon", "dataset=moon is not allowed; dataset must be one of circle, xor, gauss, spiral"),
        ("x=false&y=false", "no input feature is on"),
    ],
)
def test_a_bad_value_is_one_error_and_nothing_is_computed(fragment, expected, monkeypatch):
    import nnmath.playground.explain as explain

    def refuse(*args, **kwargs):
        raise AssertionError("computed despite a bad link")

    monkeypatch.setattr(explain, "cached_run", refuse)
    result = invoke("https://playground.tensorflow.org/#seed=1&" + fragment, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert expected in result.stderr
    assert result.stderr.count("Error:") == 1


@pytest.mark.parametrize(("value", "expected"), [("-1", "-1 is not in the range 0<=x<=100000"), ("abc", "'abc' is not a valid integer"), ("100001", "0<=x<=100000")])
def test_bad_epochs(value, expected):
    result = invoke(NOTES_LINK, "--epochs", value)
    assert result.exit_code == 2
    assert "--epochs" in result.stderr and expected in result.stderr


def test_missing_link():
    result = invoke()
    assert result.exit_code == 2 and "Missing argument 'LINK'" in result.stderr


def test_a_diverging_run_is_an_error_naming_the_epoch_and_the_fix():
    result = invoke("#seed=1&activation=linear&learningRate=10&networkShape=4&problem=regression", "--epochs", "5", "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "diverges" in result.stderr and "from epoch 1 on" in result.stderr and "lower learningRate" in result.stderr


def test_explain_playground_prints_configuration_data_weights_and_recorded_losses():
    result = CliRunner().invoke(main, ["explain", "playground"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = result.stdout
    for expected in ("config activation       tanh", "config seed             0.89302", "training points", "test points",
                     "initial weights into layer 1", "initial weights into the output", "loss epoch 0 ", "loss epoch 500"):
        assert expected in text, expected
    assert text.count("loss epoch") == 60  # every recorded epoch


def test_a_values_file_with_a_bad_link_names_the_key_and_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[playground]\nlink = "#networkShape=9,99"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", "playground", "--values", str(bad)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "link" in result.stderr and "networkShape=9,99 is not allowed" in result.stderr and ":2" in result.stderr
