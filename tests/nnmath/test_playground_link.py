"""Reading a playground link: defaults, ignored keys, and one clear error per bad value."""

from __future__ import annotations

import pytest

from nnmath.playground import NOTES_LINK, LinkError, PlaygroundConfig, parse_link

# How the lecture notes' text file holds the link: "&reg" became "®" (and reg-plane "regularized-plane").
NOTES_TEXT_LINK = NOTES_LINK.replace("&reg", "®").replace("Dataset=reg-plane", "Dataset=regularized-plane")


def test_the_notes_link():
    parsed = parse_link(NOTES_LINK)
    c = parsed.config
    assert (c.activation, c.batch_size, c.dataset, c.learning_rate, c.noise) == ("tanh", 10, "circle", 0.03, 0)
    assert (c.network_shape, c.seed, c.perc_train_data, c.features) == ((4, 2), "0.89302", 50, ("x", "y"))
    assert (c.problem, c.regularization, c.regularization_rate, c.init_zero) == ("classification", "none", 0, False)
    assert parsed.notes == ()


def test_an_empty_link_is_the_playgrounds_defaults_which_are_the_notes_run():
    parsed = parse_link("https://playground.tensorflow.org/#")
    assert parsed.config == parse_link(NOTES_LINK).config == PlaygroundConfig()
    assert any("seed" in note for note in parsed.notes)


def test_only_the_part_after_the_hash_matters():
    assert parse_link("http://example.org/a=b?activation=relu#activation=sigmoid").config.activation == "sigmoid"
    assert parse_link("activation=relu&seed=1").config.activation == "relu"  # the part after # alone
    no_hash = parse_link("https://playground.tensorflow.org/")
    assert no_hash.config == PlaygroundConfig() and any("no '#'" in n for n in no_hash.notes)


def test_the_notes_text_with_its_mangled_reg_keys_is_refused_with_the_fix():
    # The notes' text file turned "&reg" into "®", gluing "regDataset" onto dataset's value.
    with pytest.raises(LinkError) as caught:
        parse_link(NOTES_TEXT_LINK)
    message = str(caught.value)
    assert "dataset=circle®Dataset is not allowed" in message
    assert "write '&reg' instead of '®'" in message
    repaired = NOTES_TEXT_LINK.replace("®", "&reg")
    with pytest.raises(LinkError, match="regDataset=regularized-plane is not allowed; regDataset must be one of reg-plane, reg-gauss"):
        parse_link(repaired)
    assert parse_link(repaired.replace("regularized-plane", "reg-plane")).config == parse_link(NOTES_LINK).config


def test_unknown_keys_are_ignored_with_a_note():
    parsed = parse_link("#activation=relu&colour=blue&seed=1")
    assert parsed.config.activation == "relu"
    assert parsed.notes == ("unknown key 'colour' ignored",)
    assert "write '&reg'" in parse_link("#seed=1&®ularization=L1").notes[0]


def test_missing_keys_take_the_defaults():
    c = parse_link("#seed=abc&activation=relu").config
    assert c.seed == "abc" and c.activation == "relu"
    assert c.batch_size == PlaygroundConfig.batch_size and c.network_shape == PlaygroundConfig.network_shape


def test_no_hidden_layer_and_features_in_the_playgrounds_order():
    c = parse_link("#networkShape=&seed=1&sinY=true&xTimesY=true&x=false&xSquared=true").config
    assert c.network_shape == ()
    assert c.features == ("y", "xSquared", "xTimesY", "sinY")


def test_a_hidden_feature_leaves_the_network_and_cos_is_not_a_feature():
    parsed = parse_link("#seed=1&x_hide=true&y_hide=false&cosX=true&xTimesY=true&learningRate_hide=true")
    assert parsed.config.features == ("y", "xTimesY")
    assert any("cosX" in n for n in parsed.notes)


def test_regression_uses_reg_dataset():
    c = parse_link("#problem=regression&regDataset=reg-gauss&dataset=xor&seed=1").config
    assert c.data_name == "reg-gauss"


def test_config_link_round_trips():
    c = parse_link("#activation=relu&networkShape=3&seed=s&sinX=true&learningRate=0.003&regularization=L1&regularizationRate=0.01").config
    assert parse_link(c.link()).config == c


@pytest.mark.parametrize(
    ("fragment", "key", "allowed"),
    [
        ("learningRate=abc", "learningRate", "a number from 0 up"),
        ("learningRate=-1", "learningRate", "a number from 0 up"),
        ("learningRate=Infinity", "learningRate", "a number from 0 up"),
        ("regularizationRate=nan", "regularizationRate", "a number from 0 up"),
        ("networkShape=9,99", "networkShape", "each a whole number from 1 to 8"),
        ("networkShape=1,1,1,1,1,1,1", "networkShape", "0 to 6 hidden-layer sizes"),
        ("networkShape=2,,3", "networkShape", "each a whole number from 1 to 8"),
        ("networkShape=2.5", "networkShape", "each a whole number from 1 to 8"),
        ("dataset=moon", "dataset", "one of circle, xor, gauss, spiral"),
        ("regDataset=circle", "regDataset", "one of reg-plane, reg-gauss"),
        ("activation=softmax", "activation", "one of relu, tanh, sigmoid, linear"),
        ("regularization=l1", "regularization", "one of none, L1, L2"),
        ("problem=clustering", "problem", "one of classification, regression"),
        ("batchSize=0", "batchSize", "a whole number from 1 up"),
        ("batchSize=2.5", "batchSize", "a whole number from 1 up"),
        ("noise=51", "noise", "a number from 0 to 50"),
        ("percTrainData=100", "percTrainData", "a number from 1 to 99"),
        ("x=yes", "x", "one of true, false"),
        ("initZero=1", "initZero", "one of true, false"),
    ],
)
def test_a_bad_value_is_one_error_naming_the_key_and_what_is_allowed(fragment, key, allowed):
    with pytest.raises(LinkError) as caught:
        parse_link("https://playground.tensorflow.org/#seed=1&" + fragment)
    message = str(caught.value)
    assert f"{fragment} is not allowed" in message
    assert f"{key} must be" in message and allowed in message


def test_no_feature_at_all_is_refused():
    with pytest.raises(LinkError, match="no input feature"):
        parse_link("#x=false&y=false&seed=1")


def test_a_key_without_value_keeps_the_default_with_a_note():
    parsed = parse_link("#activation&seed=1&noise=")
    assert parsed.config.activation == "tanh" and parsed.config.noise == 0
    assert any(n.startswith("activation has no value") for n in parsed.notes)
    assert any(n.startswith("noise has no value") for n in parsed.notes)
