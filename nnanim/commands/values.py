"""``nnanim values``: a lecture's values file, every key a ``--values`` file may set."""

from __future__ import annotations

import click

from nnanim.options import lecture_option, lecture_or_fail

__all__ = ["values_command"]


@click.command("values")
@lecture_option
def values_command(lecture_ref: str | None) -> None:
    """Print a lecture's values file (TOML): every key a --values file may set."""
    click.echo(lecture_or_fail(lecture_ref).values_text(), nl=False)
