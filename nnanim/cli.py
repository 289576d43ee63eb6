"""The ``nnanim`` command: a thin click layer over nnmath (and, for rendering, the scenes).

Commands that only compute (``values``, ``explain``, ``errata``) never import manim, so they are
fast and work where LaTeX is missing.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import sys
from pathlib import Path

import click

from nnanim.options import (  # noqa: F401 — QUALITY_CHOICES and render_options are also read from here
    QUALITY_CHOICES,
    VIDEO_FORMATS,
    F,
    json_option,
    lecture_option,
    lecture_or_fail,
    load_values_or_fail as _load,
    render_options,
    values_option,
)
from nnmath.errors import NNMathError

def _unknown_slug(slug: str, known: list[str]) -> click.UsageError:
    close = difflib.get_close_matches(slug, known, n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    return click.UsageError(f"unknown scene {slug!r}.{hint} Known scenes: {', '.join(known)} (see `nnanim list`).")


#: Commands in modules of their own, imported only when used: `nnanim list` does not pay for the
#: doctor's package metadata or the playground's trainer.
_LAZY_COMMANDS = {
    "doctor": "nnanim.doctor:doctor_command",
    "figures": "nnanim.figures.command:figures_command",
    "notebook": "nnanim.notebook.command:notebook_command",
    "playground": "nnanim.playground_command:playground_command",
}


class _Commands(click.Group):
    """Every command's unexpected error becomes one readable message and a non-zero exit; the
    traceback is shown only with ``nnanim --debug`` (or ``NNANIM_DEBUG=1``). The commands of
    :data:`_LAZY_COMMANDS` are imported when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in _LAZY_COMMANDS and name not in self.commands:
            from importlib import import_module

            module, attribute = _LAZY_COMMANDS[name].split(":")
            self.add_command(getattr(import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`nnanim list | head`): nothing more to say, and nowhere to say it.
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115 — keeps Python quiet at exit
            ctx.exit(0)
        except OSError as exc:
            if _debugging(ctx):
                raise
            from nnanim.errors import describe_os_error

            raise click.ClickException(describe_os_error(exc)) from None
        except Exception as exc:
            if _debugging(ctx):
                raise
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {exc}\n"
                "Run the command again as `nnanim --debug ...` to see where, and report it."
            ) from None


def _debugging(ctx: click.Context) -> bool:
    return bool(ctx.find_root().params.get("debug")) or os.environ.get("NNANIM_DEBUG", "") not in ("", "0")


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nnanim")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error.")
def main(debug: bool) -> None:
    """Lecture videos, stills and the numbers behind them for "Neural Networks from Scratch"."""


@main.command("values")
@lecture_option
def values_command(lecture_ref: str | None) -> None:
    """Print a lecture's values file (TOML): every key a --values file may set."""
    click.echo(lecture_or_fail(lecture_ref).values_text(), nl=False)


@main.command("explain")
@click.argument("patterns", nargs=-1, metavar="[SLUG|GLOB]...")
@click.option("--all", "all_scenes", is_flag=True, help="Explain every scene of the lecture, in order.")
@lecture_option
@json_option
@values_option
def explain_command(patterns: tuple[str, ...], all_scenes: bool, lecture_ref: str | None, as_json: bool,
                    values_file: Path | None) -> None:
    """Print every computed step of scene SLUG: inputs, intermediate numbers, outputs and shapes."""
    import course
    from nnmath.report import explanation_text

    slugs = select_scenes(patterns, all_scenes, lecture_ref)
    values = _load(values_file)
    try:
        explanations = [course.explain(slug, values) for slug in slugs]
    except NNMathError as exc:
        raise click.UsageError(f"{exc}\nHint: fix the value in {values_file or 'the values'} and run again.") from None
    if as_json:
        documents = [e.to_dict() for e in explanations]
        _write_json(documents[0] if len(documents) == 1 else documents)
    else:
        click.echo("\n\n".join(explanation_text(e) for e in explanations))


def _write_json(document: object, chunk: int = 1 << 20) -> None:
    """``document`` as indented JSON on stdout, written a megabyte at a time: a 100×100 product's
    million products never become one string in memory."""
    pieces: list[str] = []
    size = 0
    for piece in json.JSONEncoder(indent=1, ensure_ascii=False).iterencode(document):
        pieces.append(piece)
        size += len(piece)
        if size >= chunk:
            sys.stdout.write("".join(pieces))
            pieces, size = [], 0
    sys.stdout.write("".join(pieces) + "\n")


@main.command("errata")
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



# --- choosing scenes and rendering them -----------------------------------------------------------

def selection_arguments(function: F) -> F:
    """``[SLUG|GLOB ...] [--all] [--lecture N]``: the scenes to work on, in lecture order."""
    function = lecture_option(function)
    function = click.option("--all", "all_scenes", is_flag=True, help="Every scene of the lecture.")(function)
    return click.argument("patterns", nargs=-1, metavar="[SLUG|GLOB]...")(function)


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
            raise _unknown_slug(pattern, known)
        chosen.update(matches)
    return [slug for slug in known if slug in chosen]


def _checked_values(slugs: list[str], values_file: Path | None):
    """Load ``values_file`` and compute every chosen scene with it, before anything renders."""
    import course

    values = _load(values_file)
    for slug in slugs:
        try:
            course.explain(slug, values)
        except NNMathError as exc:
            source = values_file or "the built-in values"
            raise click.UsageError(f"scene {slug}: {exc}\nHint: fix [{slug}] in {source} and run again.") from None
    return values


def _jobs_for(slugs: list[str], *, kind: str, fmt: str, quality: str, theme: str, out: Path,
              values_file: Path | None, transparent: bool = False):
    import course
    from nnanim.batch import Job, values_fingerprint
    from nnanim.fingerprint import scene_fingerprint

    values = _checked_values(slugs, values_file)
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


def _run_batch(jobs, *, jobs_at_once: int | None, force: bool, debug: bool, label: str, scheduler: str | None = None):
    """Run ``jobs`` under one progress bar; report each scene; fail if any scene failed.

    The counts printed are of what is rendered: up-to-date outputs are not counted as rendering,
    and a deck (a still set and a video per scene) counts its scenes and its renders apart.
    """
    from nnanim.batch import BatchInterrupted, is_up_to_date, run_jobs
    from nnanim.cluster import ClusterError

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


@main.command("list")
@lecture_option
@json_option
@values_option
def list_command(lecture_ref: str | None, as_json: bool, values_file: Path | None) -> None:
    """A lecture's scenes in order (lecture 1 unless --lecture): slug, title, beats, what each shows."""
    from nnanim.beat_table import beat_names, cached_beat_names

    lecture = lecture_or_fail(lecture_ref)
    # The built-in values compute (the tests hold them to it) and their beats are in the beat
    # table: no scene is computed or built. A lecturer's values are checked, and the beats asked of
    # each scene (its script, or its manim class).
    values = _checked_values(lecture.slugs, values_file) if values_file else None
    rows = []
    for number, info in enumerate(lecture.scenes, start=1):
        slug = info.slug
        names = cached_beat_names(slug) if values_file is None else None
        if names is None:
            names = beat_names(slug, values, values_file)
        rows.append({"number": number, "slug": slug, "title": info.title, "beats": len(names),
                     "summary": info.summary, "beat_names": names})
    if as_json:
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False))
        return
    width = max(len(r["slug"]) for r in rows)
    title_width = max(len(r["title"]) for r in rows)
    for r in rows:
        click.echo(f"{r['number']:2d}  {r['slug']:<{width}}  {r['title']:<{title_width}}  {r['beats']:2d} beats  {r['summary']}")


@main.command("render")
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
    batch = _jobs_for(slugs, kind="video", fmt=fmt, quality=quality, theme=theme, out=out, values_file=values_file)
    _run_batch(batch, jobs_at_once=jobs, force=force, debug=debug, label="rendering", scheduler=scheduler)


@main.command("stills")
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
    batch = _jobs_for(slugs, kind="stills", fmt=fmt, quality=quality, theme=theme, out=out,
                      values_file=values_file, transparent=transparent)
    _run_batch(batch, jobs_at_once=jobs, force=force, debug=debug, label="drawing stills of")


@main.command("deck")
@selection_arguments
@render_options
@click.option("--format", "fmt", type=click.Choice(["pdf", "pptx", "html"]), default="pdf", show_default=True,
              help="pdf (vector pages), pptx (stills, clips, captions in the notes) or html (offline, arrow keys).")
@click.option("--name", default=None, callback=lambda ctx, param, value: checked_deck_name(value),
              help="The deck's file name without extension: letters, digits, spaces inside, - _ . + ( ) ,. "
                   "[default: lecture for --all]")
def deck_command(patterns, all_scenes, lecture_ref, quality, theme, out, values_file, jobs, force, debug, fmt, name) -> None:
    """A slide deck with one slide per beat, in lecture order.

    Renders what the deck needs first (vector stills for pdf; stills and per-beat clips for pptx
    and html; up-to-date ones are reused), then writes OUT/<lecture>/<theme>/<quality>/decks/NAME.<format>.
    """
    from nnanim.deck import slides_of, write_html, write_pdf, write_pptx

    slugs = select_scenes(patterns, all_scenes, lecture_ref)
    name = _deck_name(slugs) if name is None else name
    options = dict(quality=quality, theme=theme, out=out, values_file=values_file)
    batch = _jobs_for(slugs, kind="stills", fmt="pdf" if fmt == "pdf" else "png", **options)
    if fmt != "pdf":
        batch += _jobs_for(slugs, kind="video", fmt="mp4", **options)
    results = _run_batch(batch, jobs_at_once=jobs, force=force, debug=debug, label="preparing a deck of")
    slides = slides_of([r for r in results if r.job.kind == "stills"], [r for r in results if r.job.kind == "video"])
    path = batch[0].folder / "decks" / f"{name}.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    {"pdf": write_pdf, "pptx": write_pptx, "html": write_html}[fmt](slides, path)
    click.echo(f"deck of {len(slides)} slides: {path}")


#: Bytes of a deck's name: with ".pptx", "_files" or the ".NAME.xxxxxxxx.partial.html" of a write
#: in progress it must stay within the 255 bytes a file name may have.
MAX_DECK_NAME_BYTES = 200
_DECK_NAME_PUNCTUATION = frozenset("-_.+(),")
_DECK_FORMATS = ("pdf", "pptx", "html")


def checked_deck_name(name: str | None) -> str | None:
    """``--name`` as given, or a usage error saying what is wrong with it, before anything renders.

    A deck name is a plain file name that works in any shell and on any disk: letters (any
    script), digits, ``- _ . + ( ) ,`` and spaces between words; no folders, no glob characters,
    no extension (the format adds it), not starting with ``.`` or ``-``.
    """
    if name is None:
        return None
    def refuse(why: str) -> click.BadParameter:
        return click.BadParameter(f"{name!r} {why}", param_hint="'--name'")

    if not name.strip():
        raise refuse("is empty: give the deck a name, or leave --name out for the default")
    if name != name.strip():
        raise refuse("starts or ends with a space: give the name without them")
    if name[0] in ".-":
        raise refuse(f"starts with {name[0]!r}: a name starting with '.' is hidden and one starting with '-' "
                     "reads as an option; start with a letter or digit")
    if "/" in name or "\\" in name:
        raise refuse("names a folder: give a plain file name (the deck goes to OUT/.../decks/)")
    odd = sorted({c for c in name if not (c.isalnum() or c == " " or c in _DECK_NAME_PUNCTUATION)})
    if odd:
        shown = " ".join(repr(c) for c in odd)
        raise refuse(f"holds {shown}: use letters, digits, spaces between words and - _ . + ( ) , only")
    stem, dot, extension = name.rpartition(".")
    if dot and extension.lower() in _DECK_FORMATS:
        raise refuse(f"ends in .{extension}: give the name without an extension (--format adds it): --name {stem}")
    if len(name.encode("utf-8")) > MAX_DECK_NAME_BYTES:
        raise refuse(f"is {len(name)} characters long: a deck name has room for at most {MAX_DECK_NAME_BYTES} "
                     "bytes (a file name on disk has 255, and the deck adds to it)")
    return name


def _deck_name(slugs: list[str]) -> str:
    import course

    if slugs == course.lecture_of(slugs[0]).slugs:
        return "lecture"
    return slugs[0] if len(slugs) == 1 else f"{slugs[0]}-to-{slugs[-1]}-{len(slugs)}-scenes"



if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
