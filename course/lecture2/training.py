"""training: the book's chapter-10 network trained on its spiral data, seen as it learns.

spiral_model draws the data and the 2 → hidden → classes network (ReLU, softmax) from one seeded
stream; nnmath.train runs the optimizer for the epochs, keeping the layers at evenly spaced
epochs; each kept network's predicted class over a grid of the plane is a snapshot of the
decision regions.

Training takes a few CPU seconds, so it runs only when the training's numbers are asked for:
``compute`` checks the values (building the data, the network and the optimizer, which is quick)
and returns an Explanation whose sections, quantities and objects train at their first use.
`nnanim list` and the check of a lecture's values before a render thus never train, and a run is
kept for the same values, so the scene and its explanation share one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

import numpy as np

from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import format_number
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.optimizers import SGD, Adagrad, Adam, RMSprop
from nnmath.spiral import spiral_model
from nnmath.trace import Step
from nnmath.training import predict_grid, train
from nnmath.values import NUMBER, Choice, Count

__all__ = ["SCHEMA", "BEATS", "compute", "script", "SPEC", "OPTIMIZERS"]

OPTIMIZERS = {"sgd": SGD, "adagrad": Adagrad, "rmsprop": RMSprop, "adam": Adam}

SCHEMA = {
    "samples": Key(Count(2, 500), "points per class of the book's spiral_data"),
    "classes": Key(Count(2, 6), "how many classes (spiral arms)"),
    "hidden": Key(Count(1, 256), "neurons in the hidden layer (the book's 64)"),
    "seed": Key(Count(0, 2**31 - 1), "the seed of the one stream the data and then the weights are drawn from"),
    "optimizer": Key(Choice(tuple(OPTIMIZERS)), "which of the book's optimizers trains the network"),
    "learning_rate": Key(NUMBER, "the optimizer's starting learning rate"),
    "decay": Key(NUMBER, "its learning-rate decay, lr·1/(1 + decay·t)"),
    "epochs": Key(Count(1, 100_000), "how many epochs the network is trained (the book's 10,000)"),
    "snapshots": Key(Count(2, 200), "how many epochs the decision regions are drawn at"),
    "resolution": Key(Count(20, 400), "grid points per side of the decision-region map"),
}
#: The built-in values: the [training] table of `nnanim values --lecture 2`.
VALUES = """
# The book's chapter-10 run: spiral_data(100, 3) with seed 0, a 2 → 64 → 3 network, Adam with
# lr 0.05 and decay 5e-7 for 10,000 epochs; 100 snapshots of the regions on a 160×160 grid.
[training]
samples = 100
classes = 3
hidden = 64
seed = 0
optimizer = "adam"
learning_rate = 0.05
decay = 5e-7
epochs = 10000
snapshots = 100
resolution = 160

"""


def compute(v: Mapping[str, object]) -> Explanation:
    """The training's Explanation, its values checked now and the network trained at first use."""
    # numbers arrive as 0-d arrays: as plain values they make the key of the kept run
    items = tuple((key, v[key].item() if isinstance(v[key], np.ndarray) else v[key]) for key in SCHEMA)
    _set_up(dict(items))  # bad values fail here, before anything is trained
    return Explanation(
        "training",
        SPEC.title,
        _LaterSections(items),
        _LaterMapping(items, "quantities"),
        _LaterMapping(items, "objects"),
    )


def _set_up(v: Mapping[str, object]):
    """The data, the untrained layers and the optimizer the values describe (nnmath checks them)."""
    X, y, layers = spiral_model(int(v["samples"]), int(v["classes"]), int(v["hidden"]), int(v["seed"]))
    optimizer = OPTIMIZERS[v["optimizer"]](learning_rate=float(v["learning_rate"]), decay=float(v["decay"]))
    return X, y, layers, optimizer


class _Later:
    """One part of the training's Explanation, taken from the trained run at its first use."""

    def __init__(self, items: tuple[tuple[str, object], ...], part: str) -> None:
        self._items, self._part = items, part

    @property
    def _value(self):
        return getattr(_run(self._items), self._part)

    def __repr__(self) -> str:
        return f"<{self._part} of the training run, computed at first use>"


class _LaterMapping(_Later, Mapping):
    def __getitem__(self, key: str) -> object:
        return self._value[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._value)

    def __len__(self) -> int:
        return len(self._value)


class _LaterSections(_Later, Sequence):
    def __init__(self, items: tuple[tuple[str, object], ...]) -> None:
        super().__init__(items, "sections")

    def __getitem__(self, index):
        return self._value[index]

    def __len__(self) -> int:
        return len(self._value)


@lru_cache(maxsize=4)
def _run(items: tuple[tuple[str, object], ...]) -> Explanation:
    """Train the network the values describe and compute everything the scene shows."""
    v = dict(items)
    X, y, layers, optimizer = _set_up(v)
    epochs = int(v["epochs"])
    kept = sorted(set(np.linspace(0, epochs, int(v["snapshots"])).round().astype(int).tolist()))
    history = train(X, y, layers, optimizer, epochs, snapshots=kept)

    extent = 1.1 * float(np.abs(X).max())
    axis = np.linspace(-extent, extent, int(v["resolution"]))
    probabilities = np.stack([predict_grid(history.snapshots[e], axis, axis) for e in kept])
    rows = [history[e] for e in kept]
    column = {key: np.array([row[key] for row in history]) for key in ("loss", "accuracy", "learning_rate")}
    run = Step(
        op="train",
        label=f"train({v['optimizer']}, {epochs} epochs)",
        inputs={"X": X, "y": y},
        output=np.array(column["loss"][-1]),
        intermediates={"loss": column["loss"], "accuracy": column["accuracy"], "learning_rate": column["learning_rate"]},
        note=f"{len(kept)} snapshots of the network, from epoch 0 (before any update) to {epochs}",
    )
    first, last = history[0], history[-1]
    return Explanation(
        "training",
        SPEC.title,
        (Section("training", (run,)),),
        {
            "epochs": Quantity(epochs, "updates"),
            "loss_start": Quantity(first["loss"], "mean cross-entropy at epoch 0"),
            "accuracy_start": Quantity(first["accuracy"], "at epoch 0"),
            "loss_end": Quantity(last["loss"], f"at epoch {epochs}"),
            "accuracy_end": Quantity(last["accuracy"], f"at epoch {epochs}"),
            "learning_rate_start": Quantity(first["learning_rate"], "at epoch 0"),
            "learning_rate_end": Quantity(last["learning_rate"], f"lr·1/(1 + decay·{epochs - 1})"),
        },
        objects={
            "X": X,
            "y": y,
            "axis": axis,
            "snapshot_epochs": tuple(kept),
            "snapshot_rows": tuple(rows),
            # each snapshot's predicted class and its probability at every grid point: (snapshots, rows, columns)
            "regions": probabilities.argmax(axis=-1),
            "confidence": probabilities.max(axis=-1),
            "history": tuple(history),
            "settings": v,
        },
    )


#: The beats, by name: declared in the spec too, so that listing the scene does not train it.
BEATS = ("data", "training", "curves")


def script(e: Explanation) -> tuple[BeatScript, ...]:
    q = {name: quantity.value for name, quantity in e.quantities.items()}
    s = e.objects["settings"]
    n = format_number
    points, classes = len(e.objects["y"]), int(s["classes"])
    captions = (
        f"{points} points on {classes} spiral arms, and a {2} → {s['hidden']} → {classes} network with small random "
        f"weights: loss {n(q['loss_start'], 3)}, accuracy {n(q['accuracy_start'], 3)}",
        f"{s['optimizer']} (lr {n(s['learning_rate'])}, decay {n(s['decay'])}) for {q['epochs']} epochs: the regions "
        f"bend around the arms; loss {n(q['loss_end'], 3)}, accuracy {n(q['accuracy_end'], 3)}",
        f"The loss falls from {n(q['loss_start'], 3)} to {n(q['loss_end'], 3)} as the accuracy climbs to "
        f"{n(q['accuracy_end'], 3)}; the learning rate decays to {n(q['learning_rate_end'], 5)}",
    )
    return tuple(BeatScript(name, caption) for name, caption in zip(BEATS, captions, strict=True))


SPEC = SceneSpec(
    "training",
    "Training the spiral network",
    "the chapter-10 network (2 → 64 → 3) trained on spiral data: decision regions, loss, accuracy, learning rate",
    compute,
    "scenes.training:Training",
    SCHEMA,
    script,
    beats=BEATS,
    values=VALUES,
    place=70,
)
