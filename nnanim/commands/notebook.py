"""``nnanim notebook``: the lecture as a Jupyter notebook, written executed.

The notebook goes to ``OUT/<lecture>/<theme>/<quality>/notebooks/lecture.ipynb`` (``lecture-embedded.ipynb``
with ``--embed``), beside the videos it shows. It uses the render commands' options and batch
(:mod:`nnanim.commands.common`); the notebook's cells and writing are :mod:`nnanim.notebook`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import click

from nnanim.options import render_options
from nnanim.options import lecture_option

__all__ = ["notebook_command", "notebook_path", "lecture_scenes", "beat_captions", "write_lecture_notebook"]


def lecture_scenes(lecture_ref: str | None) -> tuple[object, str]:
    """The lecture named by ``--lecture`` (lecture 1 by default) and the notebook's title; a usage
    error for an unknown lecture."""
    from nnanim.options import lecture_or_fail

    lecture = lecture_or_fail(lecture_ref)
    return lecture, f"Lecture {lecture.number}: {lecture.title}"


def beat_captions(result, values) -> list[str]:
    """The captions of a rendered scene's beats, in order, without rendering or playing anything:
    from the course's beat script when the scene has one, else from its render (the batch's
    manifest keeps each beat's caption), else by building the scene's beats without playing them."""
    import course

    script = course.beat_script(result.job.slug, values)
    if script is not None:
        return [beat.caption for beat in script]
    if result.beats:
        return [beat.caption for beat in result.beats]
    from scenes.render import scene_beats

    return [beat.caption for beat in scene_beats(result.job.slug, values=result.job.values)]


def notebook_path(folder: Path, *, embed: bool) -> Path:
    """Where the notebook of the videos in ``folder`` (``OUT/<lecture>/<theme>/<quality>``) goes."""
    return folder / "notebooks" / ("lecture-embedded.ipynb" if embed else "lecture.ipynb")


def _check_out(out: Path) -> None:
    from nnanim.doctor import check_output_folder

    check = check_output_folder(out)
    if not check.ok:
        raise click.UsageError(f"cannot write the notebook: {check.line()}")


def write_lecture_notebook(
    results: Sequence, values, *, title: str, embed: bool, values_file: Path | None, lecture: str
) -> tuple[Path, bool]:
    """Build, execute and write the notebook of the rendered scenes ``results`` (in lecture order):
    its path, and whether its cells ran (``False``: the outputs of the same cells were kept)."""
    from nbclient.exceptions import CellExecutionError

    import course
    from nnanim.notebook.build import SceneParts, build_notebook, execute, outputs_digest, reuse_outputs, write_notebook

    first = results[0].job
    path = notebook_path(first.folder, embed=embed)
    parts = [
        SceneParts(
            number=r.job.number,
            explanation=course.explain(r.job.slug, values),
            values=values[r.job.slug],
            captions=beat_captions(r, values),
            video=r.job.folder / r.files[0],
        )
        for r in results
    ]
    metadata = {"lecture": lecture, "theme": first.theme, "quality": first.quality,
                "values": values_file.name if values_file else None}
    notebook = build_notebook(title, parts, path.parent, embed=embed,
                              values_name=values_file.name if values_file else None, metadata=metadata)
    path.parent.mkdir(parents=True, exist_ok=True)  # the kernel starts in it
    # The same code as the notebook already written (or its linked/embedded sibling) prints the same:
    # its outputs are taken instead of starting a kernel.
    ran = not reuse_outputs(notebook, [path, notebook_path(first.folder, embed=not embed)])
    if ran:
        try:
            execute(notebook, path.parent)
        except CellExecutionError as exc:
            # The values were checked and every cell is tested: a failing cell is a bug in nnanim.
            raise click.ClickException(f"a cell of the notebook failed; nothing was written. Report this:\n{exc}") from None
    notebook.metadata["nnanim"]["outputs"] = outputs_digest(notebook)
    write_notebook(notebook, path)
    return path, ran


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
    from nnanim.commands.common import jobs_for, run_batch
    from nnanim.options import load_values_or_fail

    lecture, title = lecture_scenes(lecture_ref)
    # The values are checked (and every scene computed) before anything is written.
    batch = jobs_for(lecture.slugs, kind="video", fmt="mp4", quality=quality, theme=theme, out=out, values_file=values_file)
    _check_out(out)
    results = run_batch(batch, jobs_at_once=jobs, force=force, debug=debug, label="preparing a notebook of")
    started = time.perf_counter()
    path, ran = write_lecture_notebook(results, load_values_or_fail(values_file), title=title, embed=embed,
                                       values_file=values_file, lecture=lecture.key)
    how = "cells run" if ran else "cells unchanged: their outputs kept"
    click.echo(f"notebook of {len(results)} scenes ({how}) in {time.perf_counter() - started:.1f} s: {path}")
