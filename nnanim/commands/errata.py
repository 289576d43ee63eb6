"""``nnanim errata``: what the lecture notes wrote and what nnmath computes instead."""

from __future__ import annotations

import json

import click

from nnanim.options import json_option

__all__ = ["errata_command"]


@click.command("errata")
@json_option
def errata_command(as_json: bool) -> None:
    """Print what the lecture notes wrote and what nnmath computes instead."""
    from course import errata
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
