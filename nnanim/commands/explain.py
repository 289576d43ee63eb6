"""``nnanim explain``: every computed step of a scene, as text or JSON; never imports manim."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from nnanim.commands.common import scene_selection, select_scenes
from nnanim.options import json_option, load_values_or_fail, values_option
from nnmath.errors import NNMathError

__all__ = ["explain_command"]


@click.command("explain")
@scene_selection(all_help="Explain every scene of the lecture, in order.")
@json_option
@values_option
def explain_command(patterns: tuple[str, ...], all_scenes: bool, lecture_ref: str | None, as_json: bool,
                    values_file: Path | None) -> None:
    """Print every computed step of scene SLUG: inputs, intermediate numbers, outputs and shapes."""
    import course
    from nnmath.report import explanation_text

    slugs = select_scenes(patterns, all_scenes, lecture_ref)
    values = load_values_or_fail(values_file)
    try:
        explanations = [course.explain(slug, values) for slug in slugs]
    except NNMathError as exc:
        raise click.UsageError(f"{exc}\nHint: fix the value in {values_file or 'the values'} and run again.") from None
    if as_json:
        documents = [e.to_dict() for e in explanations]
        _write_json(documents[0] if len(documents) == 1 else documents)
    else:
        click.echo("\n\n".join(explanation_text(e) for e in explanations))


def _write_json(document: object, chunk: int = 1 << 20) -> None:
    """``document`` as indented JSON on stdout, written a megabyte at a time: a 100×100 product's
    million products never become one string in memory."""
    pieces: list[str] = []
    size = 0
    for piece in json.JSONEncoder(indent=1, ensure_ascii=False).iterencode(document):
        pieces.append(piece)
        size += len(piece)
        if size >= chunk:
            sys.stdout.write("".join(pieces))
            pieces, size = [], 0
    sys.stdout.write("".join(pieces) + "\n")
