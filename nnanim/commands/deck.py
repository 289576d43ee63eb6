"""``nnanim deck``: a slide deck with one slide per beat (pdf, pptx or html), from the stills and
clips the batch renders; the ``--name`` it is written under is checked before anything renders."""

from __future__ import annotations

import click

from nnanim.commands.common import jobs_for, run_batch, select_scenes, selection_arguments
from nnanim.options import render_options

__all__ = ["deck_command", "checked_deck_name", "MAX_DECK_NAME_BYTES"]


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


@click.command("deck")
@selection_arguments
@render_options
@click.option("--format", "fmt", type=click.Choice(_DECK_FORMATS), default="pdf", show_default=True,
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
    batch = jobs_for(slugs, kind="stills", fmt="pdf" if fmt == "pdf" else "png", **options)
    if fmt != "pdf":
        batch += jobs_for(slugs, kind="video", fmt="mp4", **options)
    results = run_batch(batch, jobs_at_once=jobs, force=force, debug=debug, label="preparing a deck of")
    slides = slides_of([r for r in results if r.job.kind == "stills"], [r for r in results if r.job.kind == "video"])
    path = batch[0].folder / "decks" / f"{name}.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    {"pdf": write_pdf, "pptx": write_pptx, "html": write_html}[fmt](slides, path)
    click.echo(f"deck of {len(slides)} slides: {path}")


def _deck_name(slugs: list[str]) -> str:
    """The default name: "lecture" for a whole lecture, else the scenes' slugs."""
    import course

    if slugs == course.lecture_of(slugs[0]).slugs:
        return "lecture"
    return slugs[0] if len(slugs) == 1 else f"{slugs[0]}-to-{slugs[-1]}-{len(slugs)}-scenes"
