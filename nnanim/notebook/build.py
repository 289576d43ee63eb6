"""A lecture as a Jupyter notebook: per scene its captions, its video and its plain-numpy code,
written with the code's outputs, byte for byte the same for the same inputs.

:func:`build_notebook` assembles the cells (no kernel), :func:`execute` runs them on a fresh
kernel (nbclient, ipykernel) and removes what varies from run to run, :func:`write_notebook`
writes the result atomically. The command (:mod:`nnanim.commands.notebook`) renders the videos
first, through the batch and its cache.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from nnanim.files import write_atomically
from nnanim.notebook.cells import CODE, IMPORTS, code_cells
from nnmath.lecture import Explanation

__all__ = ["SceneParts", "build_notebook", "execute", "reuse_outputs", "outputs_digest", "write_notebook", "notebook_text", "video_html"]

#: Seconds a cell may run before the notebook is given up (the slowest runs in well under one).
CELL_TIMEOUT = 60
# Always the same kernel and language description, so the file does not depend on the machine's
# Python version or on the kernel's display name.
_KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
_LANGUAGE_INFO = {
    "name": "python",
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
# Characters a caption may hold that markdown would read as formatting or HTML.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_<>#|])")


@dataclass(frozen=True)
class SceneParts:
    """What the notebook shows of one scene: its number in the lecture, its explanation (slug,
    title, errata), its values table, its beats' captions and its video file."""

    number: int
    explanation: Explanation
    values: Mapping[str, object]
    captions: Sequence[str]
    video: Path


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _scene_text(part: SceneParts) -> str:
    e = part.explanation
    lines = [f"## {part.number}. {_escape(e.title)}", "", f"`nnanim render {e.slug}`", ""]
    lines += [f"- {_escape(caption)}" for caption in part.captions]
    if e.slug not in CODE:
        lines += ["", f"No numpy cell for this scene: `nnanim explain {e.slug}` prints every number it shows."]
    corrected = [row for row in e.errata if row.applies and row.differs]
    if corrected:
        lines += ["", "**Where the notes went wrong:**", ""]
        lines += [
            f"- {_escape(row.erratum.where)}: the notes wrote {_escape(row.erratum.notes)}; "
            f"computed {_escape(row.computed)}" + (f" ({_escape(row.how)})" if row.how else "")
            for row in corrected
        ]
    return "\n".join(lines)


def video_html(video: Path, folder: Path, *, embed: bool) -> str:
    """A ``<video>`` element for ``video``: its path relative to ``folder`` (where the notebook is),
    or, with ``embed``, the whole file as base64 so the notebook travels alone."""
    if embed:
        source = "data:video/mp4;base64," + base64.b64encode(video.read_bytes()).decode("ascii")
    else:
        source = Path(os.path.relpath(video, folder)).as_posix()
    return f'<video controls src="{source}" style="max-width: 100%"></video>'


def build_notebook(
    title: str,
    parts: Sequence[SceneParts],
    folder: Path,
    *,
    embed: bool = False,
    values_name: str | None = None,
    metadata: Mapping[str, object] | None = None,
) -> nbformat.NotebookNode:
    """The notebook of ``parts`` in order, before execution; ``folder`` is where it will be written
    (the videos' paths are relative to it). Every cell has a stable id made from its scene."""
    source = f"the values in `{values_name}`" if values_name else "the lecture's values"
    intro = "\n".join(
        [
            f"# {_escape(title)}",
            "",
            f"For each scene: what it shows, its video, then the numpy that computes its numbers from {source}.",
            "The code needs only numpy: change a number and run the cell again.",
        ]
    )
    cells = [new_markdown_cell(intro, id="lecture"), new_code_cell(IMPORTS, id="imports")]
    for part in parts:
        slug = part.explanation.slug
        cells.append(new_markdown_cell(_scene_text(part), id=f"{slug}-text"))
        cells.append(new_markdown_cell(video_html(part.video, folder, embed=embed), id=f"{slug}-video"))
        for k, code in enumerate(code_cells(slug, part.values, part.explanation), start=1):
            cells.append(new_code_cell(code, id=f"{slug}-code-{k}"))
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = dict(_KERNELSPEC)
    notebook.metadata["language_info"] = dict(_LANGUAGE_INFO)
    if metadata:
        notebook.metadata["nnanim"] = dict(metadata)
    return notebook


def execute(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """Run every code cell on a fresh kernel started in ``folder``, then make the result depend on
    the cells alone: no timings, one output per stream, the fixed kernel and language description.

    Raises ``nbclient.exceptions.CellExecutionError`` if a cell fails.
    """
    import subprocess

    from nbclient import NotebookClient

    # nbclient says "Executing notebook with kernel" at INFO through whatever handler manim gave the
    # root logger; the command prints its own line, so only warnings get through.
    log = logging.getLogger("nnanim.notebook.kernel")
    log.setLevel(logging.WARNING)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name=_KERNELSPEC["name"],
        record_timing=False,
        resources={"metadata": {"path": str(folder)}},
        log=log,
    )
    # The kernel's own log (a warning that it talks over local TCP) is not the user's business;
    # a cell's error comes back as a message, not on the kernel's stderr.
    client.execute(stderr=subprocess.DEVNULL)
    return normalise(notebook)


def normalise(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove what differs between two runs of the same cells (in place; returned for chaining)."""
    notebook.metadata["kernelspec"] = dict(_KERNELSPEC)
    notebook.metadata["language_info"] = dict(_LANGUAGE_INFO)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = _merge_streams(cell.outputs)
    return notebook


def outputs_digest(notebook: nbformat.NotebookNode) -> str:
    """A hash of every code cell's id, source and outputs, and of numpy's version (numpy prints the
    numbers): the notebook records it, so that outputs edited by hand are not taken for a run's."""
    import numpy

    digest = hashlib.sha256(numpy.__version__.encode())
    for cell in notebook.cells:
        if cell.cell_type == "code":
            record = [cell.id, cell.source, cell.execution_count, cell.outputs]
            digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def _code(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(cell.id, cell.source) for cell in notebook.cells if cell.cell_type == "code"]


def reuse_outputs(notebook: nbformat.NotebookNode, candidates: Sequence[Path]) -> bool:
    """Give ``notebook`` the outputs of the first written notebook in ``candidates`` whose code cells
    are the same (ids and sources) and whose outputs are those it recorded, with this numpy; the
    cells are deterministic, so running them again would print the same. ``False`` (nothing
    changed) if none qualifies: the notebook must then be executed."""
    code = _code(notebook)
    for candidate in candidates:
        try:
            previous = nbformat.read(candidate, as_version=4)
            recorded = previous.metadata.get("nnanim", {}).get("outputs")
        except (OSError, ValueError, AttributeError):  # missing, not JSON, not a notebook
            continue
        if recorded != outputs_digest(previous) or _code(previous) != code:
            continue
        ran = [cell for cell in previous.cells if cell.cell_type == "code"]
        for cell, old in zip((c for c in notebook.cells if c.cell_type == "code"), ran):
            cell.outputs, cell.execution_count = old.outputs, old.execution_count
        return True
    return False


def _merge_streams(outputs: list) -> list:
    """Consecutive text on one stream as one output: the kernel flushes prints in chunks whose
    boundaries depend on timing."""
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    """The notebook as nbformat 4 JSON (sorted keys, as nbformat writes it), validated."""
    nbformat.validate(notebook)
    return nbformat.writes(notebook, version=4) + "\n"


def write_notebook(notebook: nbformat.NotebookNode, path: Path) -> None:
    """Write ``notebook`` to ``path`` atomically: readers see the old file or the whole new one."""
    text = notebook_text(notebook)
    write_atomically(path, lambda target: target.write_text(text, encoding="utf-8"))
