"""``nnanim stills``: one still per beat, at the beat's finished state; no video."""

from __future__ import annotations

import click

from nnanim.commands.common import jobs_for, run_batch, select_scenes, selection_arguments
from nnanim.options import render_options

__all__ = ["stills_command"]


@click.command("stills")
@selection_arguments
@render_options
@click.option("--format", "fmt", type=click.Choice(["png", "svg", "pdf"]), default="png", show_default=True,
              help="png (pixels at the quality's size), svg or pdf (vector).")
@click.option("--transparent", is_flag=True, help="No background (PNG with alpha; SVG/PDF without a backdrop).")
def stills_command(patterns, all_scenes, lecture_ref, quality, theme, out, values_file, jobs, force, debug, fmt, transparent) -> None:
    """One still per beat, drawn at the beat's finished state.

    Stills go to OUT/<lecture>/<theme>/<quality>/stills/NN_<slug>_BB_<beat>.<format> (stills-transparent/
    with --transparent), named so they sort in lecture order. No video is rendered.
    """
    slugs = select_scenes(patterns, all_scenes, lecture_ref)
    batch = jobs_for(slugs, kind="stills", fmt=fmt, quality=quality, theme=theme, out=out,
                     values_file=values_file, transparent=transparent)
    run_batch(batch, jobs_at_once=jobs, force=force, debug=debug, label="drawing stills of")
