"""``nnanim values``: a lecture's values file, every key a ``--values`` file may set; with
``--keys``, what each key is: its shape and its meaning, scene by scene (the content modules'
:class:`course.Key` s), as the Markdown tables docs/values.md used to copy by hand."""

from __future__ import annotations

import click

from nnanim.options import lecture_option, lecture_or_fail

__all__ = ["values_command", "keys_text"]


@click.command("values")
@lecture_option
@click.option("--keys", "keys", is_flag=True,
              help="Instead of the values, each key's shape and meaning, a Markdown table per scene.")
def values_command(lecture_ref: str | None, keys: bool) -> None:
    """Print a lecture's values file (TOML): every key a --values file may set."""
    lecture = lecture_or_fail(lecture_ref)
    click.echo(keys_text(lecture) if keys else lecture.values_text(), nl=False)


def keys_text(lecture) -> str:
    """Every key of ``lecture``'s scenes, scene by scene in lecture order: a ``### `[slug]``` heading
    and a table of key, shape (what an error names when a value has the wrong kind) and meaning."""
    blocks = []
    for spec in lecture.scenes:
        rows = [f"| `{key}` | {kind.describe()} | {kind.meaning} |" for key, kind in spec.schema.items()]
        blocks.append("\n".join([f"### `[{spec.slug}]`", "", "| key | shape | meaning |", "|---|---|---|", *rows]) + "\n")
    return "\n".join(blocks)
