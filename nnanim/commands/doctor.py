"""``nnanim doctor``: one line per check of what a render needs (the checks are
:mod:`nnanim.doctor`), and exit 1 if any fails, so ``make lecture`` can run it first."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from nnanim.doctor import run_checks

__all__ = ["doctor_command"]


@click.command("doctor")
@click.option(
    "--out",
    type=click.Path(file_okay=True, dir_okay=True, path_type=Path),
    default=Path("renders"),
    show_default=True,
    help="The folder renders are written to (checked, not created: a render creates it).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of text.")
def doctor_command(out: Path, as_json: bool) -> None:
    """Check Python, manim, Cairo, Pango, LaTeX, dvisvgm and the output folder; say what to fix.

    Exits 0 when everything is in place, 1 when anything is missing.
    """
    checks = run_checks(out)
    failing = [c for c in checks if not c.ok]
    if as_json:
        document = {"ok": not failing, "checks": [asdict(c) for c in checks]}
        click.echo(json.dumps(document, indent=1, ensure_ascii=False))
    else:
        for check in checks:
            click.echo(check.line())
        if failing:
            click.echo(f"{len(failing)} of {len(checks)} checks failed: {', '.join(c.name for c in failing)}.")
        else:
            click.echo(f"All {len(checks)} checks passed: nnanim can render.")
    click.get_current_context().exit(1 if failing else 0)
