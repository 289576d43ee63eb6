"""The ``nnanim`` command: the click group, its error handling, and where each command lives.

Every command is a module of :mod:`nnanim.commands`, imported only when that command runs (or
``--help`` lists them all): ``nnanim list`` pays neither for manim nor for the render batch, the
doctor's package metadata or the playground's trainer. The commands that only compute
(``values``, ``explain``, ``errata``, ``list``) never import manim, so they are fast and work
where LaTeX is missing.
"""

from __future__ import annotations

import os
import sys

import click

#: Each command's name and where its click command is, as ``module:attribute``; ``--help`` lists
#: them sorted by name.
COMMANDS = {
    "deck": "nnanim.commands.deck:deck_command",
    "doctor": "nnanim.commands.doctor:doctor_command",
    "errata": "nnanim.commands.errata:errata_command",
    "explain": "nnanim.commands.explain:explain_command",
    "figures": "nnanim.commands.figures:figures_command",
    "list": "nnanim.commands.listing:list_command",
    "notebook": "nnanim.commands.notebook:notebook_command",
    "playground": "nnanim.commands.playground:playground_command",
    "render": "nnanim.commands.render:render_command",
    "stills": "nnanim.commands.stills:stills_command",
    "values": "nnanim.commands.values:values_command",
}


class _Commands(click.Group):
    """Every command's unexpected error becomes one readable message and a non-zero exit; the
    traceback is shown only with ``nnanim --debug`` (or ``NNANIM_DEBUG=1``). The commands of
    :data:`COMMANDS` are imported when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            from importlib import import_module

            module, attribute = COMMANDS[name].split(":")
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
