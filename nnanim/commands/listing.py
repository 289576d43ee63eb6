"""``nnanim list``: a lecture's scenes in order. With the built-in values it answers from the beat
table (:mod:`nnanim.beat_table`) while the table is current: it imports neither the course nor numpy
nor manim, builds no scene and writes nothing. With ``--values``, a lecture the table does not
name, or no current table, it asks the course and prints the same rows, more slowly. (The module is
not named ``list``, which would shadow the builtin inside the package.)"""

from __future__ import annotations

import json
from pathlib import Path

import click

from nnanim.options import json_option, lecture_option, values_option

__all__ = ["list_command"]


@click.command("list")
@lecture_option
@json_option
@values_option
def list_command(lecture_ref: str | None, as_json: bool, values_file: Path | None) -> None:
    """A lecture's scenes in order (lecture 1 unless --lecture): slug, title, beats, what each shows."""
    from nnanim.beat_table import listed_lecture

    listed = listed_lecture(lecture_ref) if values_file is None else None
    if listed is not None:
        scenes = [(s["slug"], s["title"], s["summary"], s["beats"]) for s in listed["scenes"]]
    else:
        scenes = _asked(lecture_ref, values_file)
    rows = [
        {"number": number, "slug": slug, "title": title, "beats": len(names), "summary": summary, "beat_names": names}
        for number, (slug, title, summary, names) in enumerate(scenes, start=1)
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False))
        return
    width = max(len(r["slug"]) for r in rows)
    title_width = max(len(r["title"]) for r in rows)
    for r in rows:
        click.echo(f"{r['number']:2d}  {r['slug']:<{width}}  {r['title']:<{title_width}}  {r['beats']:2d} beats  {r['summary']}")


def _asked(lecture_ref: str | None, values_file: Path | None) -> list[tuple[str, str, str, list[str]]]:
    """The lecture's scenes as the course has them (slug, title, summary, beat names): a lecturer's
    values are checked, and the beats asked of each scene (its script, or its manim class). An
    unknown lecture is the course's usage error."""
    from nnanim.beat_table import beat_names
    from nnanim.commands.common import checked_values
    from nnanim.options import lecture_or_fail

    lecture = lecture_or_fail(lecture_ref)
    values = checked_values(lecture.slugs, values_file) if values_file else None
    return [(s.slug, s.title, s.summary, beat_names(s.slug, values, values_file)) for s in lecture.scenes]
