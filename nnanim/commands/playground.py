"""``nnanim playground LINK``: the TensorFlow Playground's run of any playground link.

Only the part of the link after ``#`` matters. Notes (ignored keys, defaults used) go to stderr so
that ``--json`` output stays one JSON document; a bad value is one error naming the key and what is
allowed, and then nothing is computed.
"""

from __future__ import annotations

import json

import click

from nnanim.options import json_option
from nnmath.errors import NNMathError
from nnmath.playground import DEFAULT_EPOCHS, MAX_EPOCHS, parse_link

__all__ = ["playground_command"]


@click.command("playground")
@click.argument("link")
@click.option(
    "--epochs",
    type=click.IntRange(0, MAX_EPOCHS),
    default=DEFAULT_EPOCHS,
    show_default=True,
    help="How many epochs to train (the playground's epoch counter).",
)
@json_option
def playground_command(link: str, epochs: int, as_json: bool) -> None:
    """Compute the TensorFlow Playground's run of LINK, as the playground computes it.

    LINK is a playground.tensorflow.org link (quote it: it holds '&'), or only its part after '#'.
    Prints the configuration, the data, the initial weights and the losses; --json prints
    everything: the data after the shuffle, the initial weights and biases, the losses of every
    epoch and the output over the 100x100 grid after the last one.
    """
    from nnmath.playground.explain import playground_explanation, text_epochs
    from nnmath.report import explanation_text

    try:
        parsed = parse_link(link)
    except NNMathError as exc:
        raise click.UsageError(str(exc)) from None
    for note in parsed.notes:
        click.echo(f"note: {note}", err=True)
    try:
        explanation = playground_explanation(link, epochs, text_epochs(epochs))
    except NNMathError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        document = {**explanation.objects["run"].to_dict(), "notes": list(parsed.notes)}
        click.echo(json.dumps(document, ensure_ascii=False))
    else:
        click.echo(explanation_text(explanation))
