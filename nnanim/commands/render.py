"""``nnanim render``: scenes to video, with subtitles and a clip per beat."""

from __future__ import annotations

import click

from nnanim.commands.common import jobs_for, run_batch, select_scenes, selection_arguments
from nnanim.options import VIDEO_FORMATS, render_options

__all__ = ["render_command"]


@click.command("render")
@selection_arguments
@render_options
@click.option("--format", "fmt", type=click.Choice(VIDEO_FORMATS), default="mp4", show_default=True,
              help="Video format, as manim's --format.")
@click.option("--scheduler", envvar="NNANIM_SCHEDULER", default=None, metavar="ADDRESS",
              help="Render on the Dask cluster of this scheduler (tcp://HOST:8786; docs/cluster.md). "
              "[default: $NNANIM_SCHEDULER, else this machine]")
def render_command(patterns, all_scenes, lecture_ref, quality, theme, out, values_file, jobs, force, debug, fmt,
                   scheduler) -> None:
    """Render scenes to video, with .srt subtitles (one caption per beat) and a clip per beat.

    Videos go to OUT/<lecture>/<theme>/<quality>/NN_<slug>.<format>. A scene whose video is up to date for
    the same code, values, quality and theme is skipped; --force renders it anyway.
    """
    slugs = select_scenes(patterns, all_scenes, lecture_ref)
    batch = jobs_for(slugs, kind="video", fmt=fmt, quality=quality, theme=theme, out=out, values_file=values_file)
    run_batch(batch, jobs_at_once=jobs, force=force, debug=debug, label="rendering", scheduler=scheduler)
