"""A TensorFlow Playground link, read the way the playground reads it (``State.deserializeState``).

Only the part after ``#`` matters: ``key=value`` pairs joined by ``&``. A missing key takes the
playground's default (the defaults are the notes' run, so an empty link is the notes' link); a key
the playground does not know is ignored with a note; a value the playground would misread or that
no network here can be built from is a :class:`LinkError` naming the key and what is allowed.

Where the playground itself is lenient (``x=0`` counts as true, ``dataset=moon`` silently keeps the
circle), this parser refuses instead: a link copied from the website always holds the canonical
values, because the page rewrites its address with them as soon as it starts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from nnmath.errors import InputError

__all__ = [
    "ACTIVATIONS",
    "CLASSIFICATION_DATASETS",
    "FEATURES",
    "FEATURE_LABELS",
    "NOTES_LINK",
    "REGRESSION_DATASETS",
    "REGULARIZATIONS",
    "LinkError",
    "ParsedLink",
    "PlaygroundConfig",
    "parse_link",
]

#: The link in the lecture notes, as the issue gives it (the notes' copy lost ``&reg`` to an HTML entity).
NOTES_LINK = (
    "https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane"
    "&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.89302&showTestData=false"
    "&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false"
    "&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification"
    "&initZero=false&hideText=false"
)

ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
REGULARIZATIONS = ("none", "L1", "L2")
CLASSIFICATION_DATASETS = ("circle", "xor", "gauss", "spiral")
REGRESSION_DATASETS = ("reg-plane", "reg-gauss")
PROBLEMS = ("classification", "regression")
#: The input features in the playground's order (its ``INPUTS``); cosX and cosY are in the link
#: but not in the network.
FEATURES = ("x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY")
#: How the playground's page labels them.
FEATURE_LABELS = {"x": "X₁", "y": "X₂", "xSquared": "X₁²", "ySquared": "X₂²", "xTimesY": "X₁X₂", "sinX": "sin(X₁)", "sinY": "sin(X₂)"}
MAX_HIDDEN_LAYERS = 6  # the playground's "+" button stops at 6 layers
MAX_NEURONS = 8  # and at 8 neurons a layer
NOISE_RANGE = (0.0, 50.0)  # the noise slider, in percent
PERC_TRAIN_RANGE = (1.0, 99.0)  # both sets keep at least one point of the smallest data set

# Keys the playground reads that change only its page, not the numbers.
_UI_KEYS = ("showTestData", "discretize", "collectStats", "tutorial", "hideText", "cosX", "cosY")
_HIDE_SUFFIX = "_hide"
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


class LinkError(InputError):
    """A playground link with a value nnanim cannot use; the message names the key and what is allowed."""


@dataclass(frozen=True)
class PlaygroundConfig:
    """What a playground link configures; the defaults are the playground's (and the notes')."""

    activation: str = "tanh"
    regularization: str = "none"
    batch_size: int = 10
    dataset: str = "circle"
    reg_dataset: str = "reg-plane"
    learning_rate: float = 0.03
    regularization_rate: float = 0.0
    noise: float = 0.0
    network_shape: tuple[int, ...] = (4, 2)
    seed: str = "0.89302"
    perc_train_data: float = 50.0
    problem: str = "classification"
    init_zero: bool = False
    #: The features the network takes, in the playground's order.
    features: tuple[str, ...] = ("x", "y")
    #: Features the link hides (``x_hide=true``): the page drops them altogether.
    hidden_features: tuple[str, ...] = ()

    @property
    def shown_features(self) -> tuple[str, ...]:
        """The features the page draws as input nodes, on or off."""
        return tuple(f for f in FEATURES if f not in self.hidden_features)

    @property
    def data_name(self) -> str:
        """The data set in use: ``dataset`` for classification, ``regDataset`` for regression."""
        return self.dataset if self.problem == "classification" else self.reg_dataset

    def as_link_dict(self) -> dict[str, object]:
        """The configuration under the playground's own key names, features as true/false."""
        out: dict[str, object] = {}
        for f in fields(self):
            if f.name not in ("features", "hidden_features"):
                out[_LINK_NAMES[f.name]] = getattr(self, f.name)
        out["networkShape"] = list(self.network_shape)
        for feature in FEATURES:
            out[feature] = feature in self.features
        for feature in self.hidden_features:
            out[feature + _HIDE_SUFFIX] = True
        return out

    def link(self) -> str:
        """A playground link that gives this configuration."""
        parts = []
        for key, value in self.as_link_dict().items():
            if isinstance(value, bool):
                value = "true" if value else "false"
            elif isinstance(value, list):
                value = ",".join(str(v) for v in value)
            elif isinstance(value, float):
                value = repr(value).removesuffix(".0")
            parts.append(f"{key}={value}")
        return "https://playground.tensorflow.org/#" + "&".join(parts)


_LINK_NAMES = {
    "activation": "activation",
    "regularization": "regularization",
    "batch_size": "batchSize",
    "dataset": "dataset",
    "reg_dataset": "regDataset",
    "learning_rate": "learningRate",
    "regularization_rate": "regularizationRate",
    "noise": "noise",
    "network_shape": "networkShape",
    "seed": "seed",
    "perc_train_data": "percTrainData",
    "problem": "problem",
    "init_zero": "initZero",
}


@dataclass(frozen=True)
class ParsedLink:
    """A link's configuration and the notes made while reading it (ignored keys, defaults used)."""

    config: PlaygroundConfig
    notes: tuple[str, ...] = field(default_factory=tuple)


_MANGLED_HINT = (
    " (the link's '&reg' was turned into '®' by a text converter: write '&reg' instead of '®', "
    "or copy the link again from the playground)"
)


def _fail(key: str, value: str, allowed: str) -> LinkError:
    hint = _MANGLED_HINT if "®" in value else ""
    return LinkError(f"playground link: {key}={value} is not allowed; {key} must be {allowed}{hint}")


def _choice(key: str, value: str, options: tuple[str, ...]) -> str:
    if value not in options:
        raise _fail(key, value, "one of " + ", ".join(options))
    return value


def _number(key: str, value: str, low: float, high: float, what: str) -> float:
    if not _NUMBER.fullmatch(value.strip()):
        raise _fail(key, value, what)
    number = float(value)
    if not (math.isfinite(number) and low <= number <= high):
        raise _fail(key, value, what)
    return number


def _whole(key: str, value: str, low: int, high: int | None) -> int:
    what = f"a whole number from {low}" + (f" to {high}" if high is not None else " up")
    number = _number(key, value, low, math.inf if high is None else high, what)
    if number != int(number):
        raise _fail(key, value, what)
    return int(number)


def _boolean(key: str, value: str) -> bool:
    return _choice(key, value, ("true", "false")) == "true"


def _shape(value: str) -> tuple[int, ...]:
    what = (
        f"0 to {MAX_HIDDEN_LAYERS} hidden-layer sizes separated by commas, each a whole number "
        f"from 1 to {MAX_NEURONS} (empty for no hidden layer)"
    )
    if value.strip() == "":
        return ()
    parts = value.split(",")
    if len(parts) > MAX_HIDDEN_LAYERS:
        raise _fail("networkShape", value, what)
    sizes = []
    for part in parts:
        if not re.fullmatch(r"\d+", part.strip()) or not 1 <= int(part) <= MAX_NEURONS:
            raise _fail("networkShape", value, what)
        sizes.append(int(part))
    return tuple(sizes)


def _configuration_part(link: str) -> str:
    if "#" in link:
        return link.split("#", 1)[1]
    if "=" in link and "/" not in link.split("=", 1)[0]:
        return link  # the part after # on its own
    return ""


def parse_link(link: str) -> ParsedLink:
    """Read a playground link (or the part after its ``#``) into a :class:`PlaygroundConfig`.

    Raises :class:`LinkError` for a value the playground would not read as meant, before
    anything is computed.
    """
    if not isinstance(link, str):
        raise LinkError(f"playground link: expected text, got {type(link).__name__}")
    notes: list[str] = []
    part = _configuration_part(link.strip())
    if not part and link.strip():
        notes.append("the link has no '#': every setting takes the playground's default")
    raw: dict[str, str | None] = {}
    for pair in part.split("&"):
        if pair == "":
            continue
        # The playground splits on '=' and keeps the first two pieces; a later key wins.
        pieces = pair.split("=")
        raw[pieces[0]] = pieces[1] if len(pieces) > 1 else None
    given = {k: v for k, v in raw.items() if v is not None and v.strip() != ""}
    for key, value in raw.items():
        if key in _KNOWN and (value is None or (value.strip() == "" and key != "networkShape")):
            notes.append(f"{key} has no value: the playground's default is used")
    values: dict[str, object] = {}
    features = set(PlaygroundConfig.features)
    hidden: set[str] = set()
    for key, value in given.items():
        if key in _READERS:
            name, read = _READERS[key]
            values[name] = read(key, value)
        elif key in FEATURES:
            (features.add if _boolean(key, value) else features.discard)(key)
        elif key.endswith(_HIDE_SUFFIX) and key.removesuffix(_HIDE_SUFFIX):
            # The playground hides a control with <name>_hide=true; a hidden feature leaves the network.
            if _boolean(key, value) and key.removesuffix(_HIDE_SUFFIX) in FEATURES:
                hidden.add(key.removesuffix(_HIDE_SUFFIX))
        elif key in _UI_KEYS:
            if key in ("cosX", "cosY") and _boolean(key, value):
                notes.append(f"{key}=true: the playground has no {key} input, so it is ignored (as on the website)")
        else:
            notes.append(f"unknown key {key!r} ignored" + (_MANGLED_HINT if "®" in key else ""))
    if raw.get("networkShape") is not None and "networkShape" not in given:
        values["network_shape"] = ()  # networkShape= is a network with no hidden layer
    if "seed" not in given:
        notes.append(f"no seed in the link: the playground would draw a random one; nnanim uses {PlaygroundConfig.seed}")
    chosen = tuple(f for f in FEATURES if f in features and f not in hidden)
    if not chosen:
        raise LinkError(
            "playground link: no input feature is on; turn on at least one of " + ", ".join(f"{f}=true" for f in FEATURES)
        )
    values["features"] = chosen
    values["hidden_features"] = tuple(f for f in FEATURES if f in hidden)
    return ParsedLink(PlaygroundConfig(**values), tuple(notes))


_READERS: Mapping[str, tuple[str, object]] = {
    "activation": ("activation", lambda k, v: _choice(k, v, ACTIVATIONS)),
    "regularization": ("regularization", lambda k, v: _choice(k, v, REGULARIZATIONS)),
    "batchSize": ("batch_size", lambda k, v: _whole(k, v, 1, None)),
    "dataset": ("dataset", lambda k, v: _choice(k, v, CLASSIFICATION_DATASETS)),
    "regDataset": ("reg_dataset", lambda k, v: _choice(k, v, REGRESSION_DATASETS)),
    "learningRate": ("learning_rate", lambda k, v: _number(k, v, 0, math.inf, "a number from 0 up")),
    "regularizationRate": ("regularization_rate", lambda k, v: _number(k, v, 0, math.inf, "a number from 0 up")),
    "noise": ("noise", lambda k, v: _number(k, v, *NOISE_RANGE, "a number from 0 to 50 (percent)")),
    "networkShape": ("network_shape", lambda k, v: _shape(v)),
    "seed": ("seed", lambda k, v: v),
    "percTrainData": ("perc_train_data", lambda k, v: _number(k, v, *PERC_TRAIN_RANGE, "a number from 1 to 99 (percent)")),
    "problem": ("problem", lambda k, v: _choice(k, v, PROBLEMS)),
    "initZero": ("init_zero", _boolean),
}
_KNOWN = frozenset((*_READERS, *FEATURES, *_UI_KEYS))
