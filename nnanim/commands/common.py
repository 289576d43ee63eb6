"""What several commands share: choosing scenes by slug or glob, checking the values before
anything renders, building the render jobs and running them under one progress bar."""

from __future__ import annotations

import contextlib
import difflib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from nnanim.options import F, lecture_option, lecture_or_fail, load_values_or_fail
from nnmath.errors import NNMathError

__all__ = ["unknown_slug", "scene_selection", "selection_arguments", "select_scenes", "checked_values", "jobs_for", "run_batch"]


def unknown_slug(slug: str, known: list[str]) -> click.UsageError:
    """A usage error for a scene name no lecture has, with the closest names as a hint."""
    close = difflib.get_close_matches(slug, known, n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    return click.UsageError(f"unknown scene {slug!r}.{hint} Known scenes: {', '.join(known)} (see `nnanim list`).")


def scene_selection(all_help: str = "Every scene of the lecture.") -> Callable[[F], F]:
    """``[SLUG|GLOB ...] [--all] [--lecture N]``: the scenes to work on, in lecture order.

    Parameters
    ----------
    all_help : str, optional
        The help of ``--all``, for a command that says what it does with every scene.

    Returns
    -------
    callable
        A decorator adding the argument ``patterns`` and the options ``all_scenes`` and
        ``lecture_ref`` to a click command (read them with :func:`select_scenes`).
    """

    def decorate(function: F) -> F:
        function = lecture_option(function)
        function = click.option("--all", "all_scenes", is_flag=True, help=all_help)(function)
        return click.argument("patterns", nargs=-1, metavar="[SLUG|GLOB]...")(function)

    return decorate


#: The scene selection as render, stills and deck take it (see :func:`scene_selection`).
selection_arguments = scene_selection()


def select_scenes(patterns: tuple[str, ...], all_scenes: bool, lecture_ref: str | None = None) -> list[str]:
    """The slugs named by ``patterns`` (slugs or shell globs such as ``matrix-*``), in course order.

    With ``--lecture`` the names are looked up in that lecture only, and ``--all`` is all of it;
    without, a slug or glob names scenes of any lecture and ``--all`` is lecture 1.
    """
    import fnmatch

    import course

    lecture = lecture_or_fail(lecture_ref)
    if all_scenes:
        if patterns:
            raise click.UsageError(
                f"give scene names or --all, not both (got --all and {' '.join(patterns)})."
            )
        return lecture.slugs
    known = lecture.slugs if lecture_ref is not None else course.all_slugs()
    if not patterns:
        raise click.UsageError(
            "name one or more scenes (a slug or a glob such as 'matrix-*'): name a scene or give --all.\n"
            f"Scenes: {', '.join(known)} (see `nnanim list`)."
        )
    chosen: set[str] = set()
    for pattern in patterns:
        matches = fnmatch.filter(known, pattern)
        if not matches:
            if any(c in pattern for c in "*?["):
                raise click.UsageError(f"no scene matches {pattern!r}. Scenes: {', '.join(known)}")
            raise unknown_slug(pattern, known)
        chosen.update(matches)
    return [slug for slug in known if slug in chosen]


def checked_values(slugs: list[str], values_file: Path | None):
    """Load ``values_file`` and compute every chosen scene with it, before anything renders."""
    import course

    values = load_values_or_fail(values_file)
    for slug in slugs:
        try:
            course.explain(slug, values)
        except NNMathError as exc:
            source = values_file or "the built-in values"
            raise click.UsageError(f"scene {slug}: {exc}\nHint: fix [{slug}] in {source} and run again.") from None
    return values


def jobs_for(slugs: list[str], *, kind: str, fmt: str, quality: str, theme: str, out: Path,
             values_file: Path | None, transparent: bool = False):
    """One render job per scene, its values checked and its names drawable before any job runs."""
    import course
    from nnanim.batch import Job, values_fingerprint
    from nnanim.fingerprint import scene_fingerprint

    values = checked_values(slugs, values_file)
    _refuse_missing_glyphs(slugs, values)
    return [
        Job(
            slug=slug,
            number=course.lecture_of(slug).position(slug),
            lecture=course.lecture_of(slug).key,
            kind=kind,
            out=out,
            quality=quality,
            theme=theme,
            fmt=fmt,
            transparent=transparent,
            values=values_file.resolve() if values_file else None,
            values_key=values_fingerprint(_scene_table(slug, values)),
            code_key=scene_fingerprint(slug),
        )
        for slug in slugs
    ]


def _refuse_missing_glyphs(slugs: list[str], values) -> None:
    """Stop before rendering when a name in the values (a class, a label) has letters no
    installed font draws: the scene would show boxes. The message names the font package."""
    from nnanim.doctor import check_glyphs

    names = {
        f"[{slug}] {key}": " ".join(value)
        for slug in slugs
        for key, value in values[slug].items()
        if isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    }
    check = check_glyphs(names)
    if not check.ok:
        raise click.UsageError(f"cannot draw the names: {check.detail}.\nFix: {check.fix}.")


def _scene_table(slug: str, values):
    """What scene ``slug`` computes from (its table, and those it reads: cross-entropy reads the
    forward pass's), so the cache re-renders it when any of them changes."""
    import course

    return course.scene_table(slug, values)


def _refuse_unless_ready(out: Path) -> None:
    """Stop before rendering when a tool a render needs is missing or ``out`` is not writable."""
    from nnanim.doctor import check_output_folder, missing_for_render

    problems = [*missing_for_render(), check_output_folder(out)]
    problems = [check for check in problems if not check.ok]
    if problems:
        raise click.UsageError(
            "cannot render:\n" + "\n".join(check.line() for check in problems) + "\nRun `nnanim doctor` to check again."
        )


def run_batch(jobs, *, jobs_at_once: int | None, force: bool, debug: bool, label: str, scheduler: str | None = None):
    """Run ``jobs`` under one progress bar; report each scene; fail if any scene failed.

    The counts printed are of what is rendered: up-to-date outputs are not counted as rendering,
    and a deck (a still set and a video per scene) counts its scenes and its renders apart.
    """
    from nnanim.batch import BatchInterrupted, is_up_to_date, run_jobs
    from nnanim.processes import interruptible
    from nnanim.cluster import ClusterError

    # From here on Ctrl-C or SIGTERM stops the command in order, even one that comes during the
    # checks (which import manim and run LaTeX) and is lost there: the batch then starts nothing.
    with interruptible():
        stale = [job for job in jobs if force or not is_up_to_date(job)]
        if stale:
            _refuse_unless_ready(jobs[0].out)
        scenes = len({job.slug for job in jobs})
        unit = "scene(s)" if len(jobs) == scenes else "render(s)"
        workers = jobs_at_once or os.cpu_count() or 1
        if unit == "scene(s)":
            up_to_date = len(jobs) - len(stale)
            what = f"{label} {len(stale)} scene(s)" + (f" ({up_to_date} up to date)" if up_to_date else "")
        else:
            what = f"{label} {scenes} scene(s): {len(stale)} of {len(jobs)} render(s) to do"
        progress = click.progressbar(
            length=len(stale),
            label=f"{what} " + (f"on the cluster at {scheduler}" if scheduler else f"with {min(workers, len(stale))} process(es)"),
            file=sys.stderr, item_show_func=lambda text: text,
        ) if stale else contextlib.nullcontext()
        with progress as bar:
            def advance(result) -> None:
                if result.status != "cached":
                    bar.update(1, f"{result.job.slug} {result.status}")

            try:
                results = run_jobs(jobs, workers=workers, force=force, on_result=advance, scheduler=scheduler)
            except ClusterError as exc:
                raise click.ClickException(str(exc)) from None
            except BatchInterrupted as stop:
                finished = [r for r in stop.results if r.status != "cached"]
                raise click.ClickException(
                    f"interrupted after {len(finished)} of {len(stale)} {unit}. Finished files are in place; "
                    "the others keep their previous files. Run the command again to finish."
                ) from None
    for result in results:
        where = result.job.folder
        main_file = result.files[0] if result.files else ""
        if result.status == "failed":
            click.echo(f"failed    {result.job.slug}: {result.message}", err=True)
            if debug and result.details:
                click.echo(result.details, err=True)
        elif result.status == "cached":
            click.echo(f"up to date {result.job.slug}: {where / main_file}")
        else:
            click.echo(f"rendered  {result.job.slug} in {result.seconds:.1f} s: {where / main_file}")
    failed = [r for r in results if r.status == "failed"]
    if failed:
        hint = "" if debug else " Run again with --debug for the traceback;"
        mixed = [r.job.slug for r in failed if not r.kept_previous]
        kept = (
            "Previous files were kept."
            if not mixed
            else f"{', '.join(mixed)}: left a mix of old and new files (see above), rendered again next time; "
            "the others kept their previous files."
        )
        raise click.ClickException(
            f"{len(failed)} of {len(stale)} {unit} failed: {', '.join(r.job.slug for r in failed)}."
            f"{hint} `nnanim doctor` checks the tools a render needs. {kept}"
        )
    return results
