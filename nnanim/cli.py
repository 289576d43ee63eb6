"""The ``nnanim`` command: a thin click layer over nnmath (and, for rendering, the scenes).

Commands that only compute (``values``, ``explain``, ``errata``) never import manim, so they are
fast and work where LaTeX is missing.
"""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from nnmath.errors import NNMathError

F = TypeVar("F", bound=Callable[..., object])


def values_option(function: F) -> F:
    """``--values FILE``: a TOML file whose keys replace the lecture's built-in values."""
    return click.option(
        "--values",
        "values_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="A TOML file with keys from `nnanim values`; they replace the lecture's values.",
    )(function)


def json_option(function: F) -> F:
    """``--json``: print one JSON document instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")(function)


def _load(values_file: Path | None):
    from nnmath.values import load_values

    try:
        return load_values(values_file)
    except NNMathError as exc:
        raise click.UsageError(f"{exc}\nHint: `nnanim values` prints every key and its built-in value.") from None


def _unknown_slug(slug: str, known: list[str]) -> click.UsageError:
    close = difflib.get_close_matches(slug, known, n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    return click.UsageError(f"unknown scene {slug!r}.{hint} Known scenes: {', '.join(known)} (see `nnanim list`).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nnanim")
def main() -> None:
    """Lecture videos, stills and the numbers behind them for "Neural Networks from Scratch"."""


@main.command("values")
def values_command() -> None:
    """Print the lecture's values file (TOML): every key a --values file may set."""
    from nnmath.values import builtin_text

    click.echo(builtin_text(), nl=False)


@main.command("explain")
@click.argument("slugs", nargs=-1)
@click.option("--all", "all_scenes", is_flag=True, help="Explain every scene, in lecture order.")
@json_option
@values_option
def explain_command(slugs: tuple[str, ...], all_scenes: bool, as_json: bool, values_file: Path | None) -> None:
    """Print every computed step of scene SLUG: inputs, intermediate numbers, outputs and shapes."""
    from nnmath.lecture import CATALOGUE, explain
    from nnmath.report import explanation_text

    known = list(CATALOGUE)
    if all_scenes:
        slugs = tuple(known)
    if not slugs:
        raise click.UsageError(f"name a scene or give --all. Scenes: {', '.join(known)}")
    for slug in slugs:
        if slug not in CATALOGUE:
            raise _unknown_slug(slug, known)
    values = _load(values_file)
    try:
        explanations = [explain(slug, values) for slug in slugs]
    except NNMathError as exc:
        raise click.UsageError(f"{exc}\nHint: fix the value in {values_file or 'the values'} and run again.") from None
    if as_json:
        documents = [e.to_dict() for e in explanations]
        click.echo(json.dumps(documents[0] if len(documents) == 1 else documents, indent=1, ensure_ascii=False))
    else:
        click.echo("\n\n".join(explanation_text(e) for e in explanations))


@main.command("errata")
@json_option
def errata_command(as_json: bool) -> None:
    """Print what the lecture notes wrote and what nnmath computes instead."""
    from nnmath.lecture import errata
    from nnmath.report import errata_text

    rows = errata()
    if as_json:
        document = [
            {
                "scene": r.erratum.scene,
                "where": r.erratum.where,
                "notes": r.erratum.notes,
                "computed": r.computed,
                "how": r.how,
            }
            for r in rows
        ]
        click.echo(json.dumps(document, indent=1, ensure_ascii=False))
    else:
        click.echo(errata_text(rows))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
