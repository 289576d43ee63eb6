"""``nnanim notebook``: the lecture as a Jupyter notebook, written executed.

The notebook goes to ``OUT/<lecture>/<theme>/<quality>/notebooks/lecture.ipynb`` (``lecture-embedded.ipynb``
with ``--embed``), beside the videos it shows. It uses the render commands' options and batch
(:mod:`nnanim.commands.common`); the notebook's cells and writing are :mod:`nnanim.notebook`.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from nnanim.options import lecture_option, render_options

__all__ = ["notebook_command"]


def _check_out(out: Path) -> None:
    from nnanim.doctor import check_output_folder

    check = check_output_folder(out)
    if not check.ok:
        raise click.UsageError(f"cannot write the notebook: {check.line()}")


@click.command("notebook")
@lecture_option
@render_options
@click.option("--embed", is_flag=True, help="Put the videos inside the notebook (base64), so it travels alone.")
def notebook_command(lecture_ref, quality, theme, out, values_file, jobs, force, debug, embed) -> None:
    """The lecture as a Jupyter notebook: per scene its captions, its video and plain numpy code
    that prints the numbers the scene shows, already run.

    Renders the videos that are not up to date first. Writes
    OUT/<lecture>/<theme>/<quality>/notebooks/lecture.ipynb (lecture-embedded.ipynb with
    --embed), which links the videos beside it, or holds them with --embed.
    """
    from nbclient.exceptions import CellExecutionError

    from nnanim.commands.common import jobs_for, run_batch
    from nnanim.notebook.write import write_lecture_notebook
    from nnanim.options import lecture_or_fail, load_values_or_fail

    lecture = lecture_or_fail(lecture_ref)
    # The values are checked (and every scene computed) before anything is written.
    batch = jobs_for(lecture.slugs, kind="video", fmt="mp4", quality=quality, theme=theme, out=out, values_file=values_file)
    _check_out(out)
    results = run_batch(batch, jobs_at_once=jobs, force=force, debug=debug, label="preparing a notebook of")
    started = time.perf_counter()
    try:
        path, ran = write_lecture_notebook(results, load_values_or_fail(values_file), lecture=lecture, embed=embed,
                                           values_file=values_file)
    except CellExecutionError as exc:
        # The values were checked and every cell is tested: a failing cell is a bug in nnanim.
        raise click.ClickException(f"a cell of the notebook failed; nothing was written. Report this:\n{exc}") from None
    how = "cells run" if ran else "cells unchanged: their outputs kept"
    click.echo(f"notebook of {len(results)} scenes ({how}) in {time.perf_counter() - started:.1f} s: {path}")
