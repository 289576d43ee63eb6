"""A lecture's notebook from its rendered scenes: where it goes, each scene's parts (explanation,
values, captions, video), and the notebook built, executed — or given the outputs of the same
cells already written — and written.

``nnanim notebook`` (:mod:`nnanim.commands.notebook`) renders the videos through the batch and
calls :func:`write_lecture_notebook` with the results.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["notebook_title", "notebook_path", "beat_captions", "write_lecture_notebook"]


def notebook_title(lecture) -> str:
    """The notebook's title: ``Lecture 2: <the lecture's title>`` for a :class:`course.Lecture`."""
    return f"Lecture {lecture.number}: {lecture.title}"


def notebook_path(folder: Path, *, embed: bool) -> Path:
    """Where the notebook of the videos in a folder goes.

    Parameters
    ----------
    folder : Path
        The videos' folder, ``OUT/<lecture>/<theme>/<quality>``.
    embed : bool
        Whether the notebook holds its videos (``lecture-embedded.ipynb``) or links them
        (``lecture.ipynb``).

    Returns
    -------
    Path
        ``folder/notebooks/lecture.ipynb`` or ``folder/notebooks/lecture-embedded.ipynb``.
    """
    return folder / "notebooks" / ("lecture-embedded.ipynb" if embed else "lecture.ipynb")


def beat_captions(result, values) -> list[str]:
    """The captions of a rendered scene's beats, in order, without rendering or playing anything.

    Parameters
    ----------
    result : nnanim.batch.JobResult
        The scene's render.
    values : course.LectureValues
        The values it was rendered with.

    Returns
    -------
    list of str
        From the course's beat script when the scene has one, else from its render (the batch's
        manifest keeps each beat's caption), else by building the scene's beats without playing
        them.
    """
    import course

    script = course.beat_script(result.job.slug, values)
    if script is not None:
        return [beat.caption for beat in script]
    if result.beats:
        return [beat.caption for beat in result.beats]
    from scenes.render import scene_beats

    return [beat.caption for beat in scene_beats(result.job.slug, values=result.job.values)]


def _scene_parts(results: Sequence, values) -> list:
    """What the notebook shows of each rendered scene, in the order of ``results``."""
    import course
    from nnanim.notebook.build import SceneParts

    return [
        SceneParts(
            number=r.job.number,
            explanation=course.explain(r.job.slug, values),
            values=values[r.job.slug],
            captions=beat_captions(r, values),
            video=r.job.folder / r.files[0],
        )
        for r in results
    ]


def write_lecture_notebook(
    results: Sequence, values, *, lecture, embed: bool, values_file: Path | None
) -> tuple[Path, bool]:
    """Build, execute and write the notebook of a lecture's rendered scenes.

    Parameters
    ----------
    results : sequence of nnanim.batch.JobResult
        The scenes' videos, in lecture order, all in one folder.
    values : course.LectureValues
        The values they were rendered with.
    lecture : course.Lecture
        The lecture, for the notebook's title and metadata.
    embed : bool
        Put the videos inside the notebook rather than link them.
    values_file : Path or None
        The lecturer's values file, named in the notebook (``None``: the lecture's values).

    Returns
    -------
    path : Path
        The notebook written (:func:`notebook_path`).
    ran : bool
        Whether its cells ran; ``False`` when the same cells' outputs were taken from the
        notebook already written (or its linked/embedded sibling).

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        A cell failed; nothing is written.
    """
    from nnanim.notebook.build import build_notebook, execute, outputs_digest, reuse_outputs, write_notebook

    first = results[0].job
    path = notebook_path(first.folder, embed=embed)
    values_name = values_file.name if values_file else None
    metadata: Mapping[str, object] = {"lecture": lecture.key, "theme": first.theme, "quality": first.quality,
                                      "values": values_name}
    notebook = build_notebook(notebook_title(lecture), _scene_parts(results, values), path.parent, embed=embed,
                              values_name=values_name, metadata=metadata)
    path.parent.mkdir(parents=True, exist_ok=True)  # the kernel starts in it
    # The same code as the notebook already written (or its linked/embedded sibling) prints the same:
    # its outputs are taken instead of starting a kernel.
    ran = not reuse_outputs(notebook, [path, notebook_path(first.folder, embed=not embed)])
    if ran:
        execute(notebook, path.parent)
    notebook.metadata["nnanim"]["outputs"] = outputs_digest(notebook)
    write_notebook(notebook, path)
    return path, ran
