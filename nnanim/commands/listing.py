"""``nnanim list``: a lecture's scenes in order. With the built-in values it reads the beat table
and builds no scene, so it imports no manim and writes nothing (the module is not named
``list``, which would shadow the builtin inside the package)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from nnanim.commands.common import checked_values
from nnanim.options import json_option, lecture_option, lecture_or_fail, values_option

__all__ = ["list_command"]


@click.command("list")
@lecture_option
@json_option
@values_option
def list_command(lecture_ref: str | None, as_json: bool, values_file: Path | None) -> None:
    """A lecture's scenes in order (lecture 1 unless --lecture): slug, title, beats, what each shows."""
    from nnanim.beat_table import beat_names, cached_beat_names

    lecture = lecture_or_fail(lecture_ref)
    # The built-in values compute (the tests hold them to it) and their beats are in the beat
    # table: no scene is computed or built. A lecturer's values are checked, and the beats asked of
    # each scene (its script, or its manim class).
    values = checked_values(lecture.slugs, values_file) if values_file else None
    rows = []
    for number, info in enumerate(lecture.scenes, start=1):
        slug = info.slug
        names = cached_beat_names(slug) if values_file is None else None
        if names is None:
            names = beat_names(slug, values, values_file)
        rows.append({"number": number, "slug": slug, "title": info.title, "beats": len(names),
                     "summary": info.summary, "beat_names": names})
    if as_json:
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False))
        return
    width = max(len(r["slug"]) for r in rows)
    title_width = max(len(r["title"]) for r in rows)
    for r in rows:
        click.echo(f"{r['number']:2d}  {r['slug']:<{width}}  {r['title']:<{title_width}}  {r['beats']:2d} beats  {r['summary']}")
