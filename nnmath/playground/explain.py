"""The playground's run as an :class:`~nnmath.lecture.Explanation`: what ``nnanim explain
playground`` and ``nnanim playground`` print and what the scene draws.

The run itself is cached: the same link, epochs and recorded epochs always give the same numbers,
and the scene, its tests and ``explain`` ask for the same run several times.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from nnmath.display import format_number
from nnmath.errors import InputError
from nnmath.playground.link import FEATURE_LABELS, LinkError, PlaygroundConfig, parse_link
from nnmath.playground.run import MAX_EPOCHS, PlaygroundRun, run_playground
from nnmath.trace import Step

__all__ = ["text_epochs", "LinkValue", "SCENE_RECORDED", "MAX_SCENE_EPOCHS", "recorded_epochs", "cached_run", "playground_explanation", "explain_values", "describe_config"]

SCENE_RECORDED = 60  # epochs whose every heatmap the scene can show while training
MAX_SCENE_EPOCHS = 5000  # a lecture's run; the command takes up to MAX_EPOCHS
TEXT_EPOCHS = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000)


@dataclass(frozen=True)
class LinkValue:
    """The values-file kind of ``[playground] link``: a playground link, read by :func:`parse_link`."""

    def describe(self) -> str:
        return "a TensorFlow Playground link (its part after '#' is read)"

    def check(self, value: object, name: str) -> str:
        if not isinstance(value, str):
            raise InputError(f"{name} must be {self.describe()}, got {value!r}")
        try:
            parse_link(value)
        except LinkError as exc:
            raise InputError(f"{name}: {exc}") from None
        return value


def recorded_epochs(epochs: int, count: int = SCENE_RECORDED) -> tuple[int, ...]:
    """``count`` epochs from 0 to ``epochs`` (all of them if there are fewer), spaced evenly on a
    log scale so that the first epochs, where the boundary moves most, are the densest."""
    if epochs + 1 <= count:
        return tuple(range(epochs + 1))
    chosen: set[int] = set()
    points = count - 1
    while len(chosen) < count - 1:
        chosen = {int(round(e)) for e in np.geomspace(1, epochs, points)}
        points += 1
    # Rounding may give one too many: drop the one nearest its lower neighbour past the first few.
    ordered = sorted(chosen)
    while len(ordered) > count - 1:
        gaps = [b / a for a, b in zip(ordered[:-1], ordered[1:])]
        del ordered[1 + int(np.argmin(gaps[1:-1])) if len(gaps) > 2 else 1]
    return (0, *ordered)


@lru_cache(maxsize=4)  # a lecture run with its 60 recorded epochs holds ~35 MB of grids
def cached_run(config: PlaygroundConfig, epochs: int, record: tuple[int, ...]) -> PlaygroundRun:
    return run_playground(config, epochs, record)


def describe_config(config: PlaygroundConfig) -> dict[str, str]:
    """The configuration as the playground's controls name it, each value as text."""
    shape = ", ".join(str(n) for n in config.network_shape) or "none"
    return {
        "problem": config.problem,
        "data": config.data_name,
        "features": ", ".join(FEATURE_LABELS[f] for f in config.features),
        "hidden layers": shape,
        "activation": config.activation,
        "learning rate": format_number(config.learning_rate, 5),
        "regularization": config.regularization
        + ("" if config.regularization == "none" else f", rate {format_number(config.regularization_rate, 5)}"),
        "batch size": str(config.batch_size),
        "noise": format_number(config.noise),
        "training data": f"{format_number(config.perc_train_data)}%",
        "seed": config.seed,
        "initial weights": "zero" if config.init_zero else "random",
    }


def playground_explanation(link: str, epochs: int, record: Iterable[int] | None = None, *, slug: str = "playground") -> object:
    """Run ``link`` for ``epochs`` epochs and explain it: configuration, data, initial weights,
    losses at the recorded epochs (``record``, by default :func:`recorded_epochs`), final weights."""
    from nnmath.lecture import Explanation, Quantity, Section

    parsed = parse_link(link)
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or not 0 <= epochs <= MAX_EPOCHS:
        raise InputError(f"epochs must be a whole number from 0 to {MAX_EPOCHS}, got {epochs!r}")
    recorded = tuple(sorted(set(record))) if record is not None else recorded_epochs(int(epochs))
    run = cached_run(parsed.config, int(epochs), recorded)
    diverged = _diverged_at(run)
    if diverged is not None:
        raise InputError(
            f"the playground run diverges: its loss is not a finite number from epoch {diverged} on "
            f"(learning rate {format_number(parsed.config.learning_rate, 5)}); lower learningRate or run fewer epochs"
        )
    config = parsed.config
    data = Section(
        "configuration and data",
        (
            Step("playground_data", "training points", {}, run.train,
                 note=f"[x, y, label] after the shuffle, seed {config.seed!r}: {len(run.train)} of the {len(run.train) + len(run.test)} {config.data_name} points"),
            Step("playground_data", "test points", {}, run.test,
                 note=f"the other {len(run.test)} points"),
        ),
    )
    before = Section("the network before training", tuple(_layer_steps(run, run.initial_weights, run.initial_biases, "initial ")))
    losses = Step(
        "playground_losses",
        "losses at the recorded epochs",
        {"epochs": np.array(recorded, dtype=float)},
        np.stack([run.train_loss[list(recorded)], run.test_loss[list(recorded)]], axis=1),
        note="rows: [training loss, test loss]: the mean of ½(output − label)² over each set",
    )
    after = Section(f"after {run.epochs} epochs", tuple(_layer_steps(run, run.final.weights, run.final.biases, "final ")))
    quantities: dict[str, Quantity] = {f"config {name}": Quantity(text, "from the link") for name, text in describe_config(config).items()}
    quantities |= {
        "training points": Quantity(len(run.train), f"floor({len(run.train) + len(run.test)}·{format_number(config.perc_train_data)}/100)"),
        "test points": Quantity(len(run.test), "the rest"),
    }
    for e in recorded:
        quantities[f"loss epoch {e}"] = Quantity(np.array([run.train_loss[e], run.test_loss[e]]), "[training, test]")
    quantities["dead links"] = Quantity(int(sum(int(d.sum()) for d in run.final.dead)), "weights L1 pushed across 0")
    return Explanation(
        slug,
        "A Neural Network Playground",
        (data, before, Section("training", (losses,)), after),
        quantities,
        objects={
            "run": run,
            "config": config,
            "configuration": describe_config(config),
            "notes": parsed.notes,
            "link": link,
            "recorded": recorded,
        },
    )


def _layer_steps(run: PlaygroundRun, weights, biases, prefix: str) -> Iterable[Step]:
    for l, (w, b) in enumerate(zip(weights, biases), start=1):
        sources, targets = run.node_ids[l - 1], run.node_ids[l]
        yield Step(
            "playground_layer",
            f"{prefix}weights into layer {l}" if l < len(weights) else f"{prefix}weights into the output",
            {},
            w,
            {"biases": b},
            note=f"rows: nodes {', '.join(targets)}; columns: from {', '.join(sources)}",
        )


def _diverged_at(run: PlaygroundRun) -> int | None:
    bad = ~(np.isfinite(run.train_loss) & np.isfinite(run.test_loss))
    return int(np.argmax(bad)) if bad.any() else None


def explain_values(v: Mapping[str, object]) -> object:
    """The lecture's ``[playground]`` table: ``link`` and ``epochs``."""
    return playground_explanation(str(v["link"]), int(v["epochs"]))


def text_epochs(epochs: int) -> tuple[int, ...]:
    """The epochs ``nnanim playground`` prints: 0, 1, 2, 5, 10, 20, 50, … up to and with ``epochs``."""
    return tuple(sorted({e for e in TEXT_EPOCHS if e <= epochs} | {epochs}))

