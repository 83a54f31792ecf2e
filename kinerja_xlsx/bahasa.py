"""Indonesian for the command-line framework's own words: ``Penggunaan:``, ``Opsi``,
``Tampilkan bantuan ini lalu keluar.``, and usage errors (``Argumen 'MASUKAN' belum diisi.``).

Typer writes these in three places, so three small hooks, all applied by :func:`pasang`
to one application only:

- section titles and ``[wajib]``/``[bawaan: ...]`` go through ``gettext`` in
  ``typer.core``: its ``_`` is rebound to a lookup in :data:`TEKS` that falls back to the
  original text;
- the usage line, ``[OPTIONS]`` and the ``--help`` option's text: the app's group and
  commands get the subclasses below;
- usage errors are printed by :meth:`KinerjaGroup.main`, which translates the message
  with :data:`GALAT` (an unknown message stays in English rather than disappearing).
"""

from __future__ import annotations

import gettext
import re
import sys

import typer
from typer.core import TyperCommand, TyperGroup

try:  # typer >= 0.20 carries its own copy of click
    from typer._click import exceptions as _exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as _exceptions

TEKS = {
    "Options": "Opsi",
    "Arguments": "Argumen",
    "Commands": "Perintah",
    "required": "wajib",
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "Missing command.": "Perintah belum disebut.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "Aborted!": "Dibatalkan.",
}

USAGE = "Penggunaan: "
HELP_TEXT = "Tampilkan bantuan ini lalu keluar."
OPTIONS_METAVAR = "[OPSI]"
SUBCOMMAND_METAVAR = "PERINTAH [ARGUMEN]..."

# (pattern of the English message, its Indonesian); applied in order, first match wins
GALAT = (
    (r"Missing argument (.+?)\.?$", r"Argumen \1 belum diisi."),
    (r"Missing option (.+?)\.?$", r"Opsi \1 belum diisi."),
    (r"Missing parameter:? (.+?)\.?$", r"Parameter \1 belum diisi."),
    (r"No such option: (\S+) \(Possible options: (.+)\)$", r"Tidak ada opsi \1 (mungkin maksud Anda: \2)."),
    (r"No such option: (\S+)$", r"Tidak ada opsi \1."),
    (r"Got unexpected extra argument\(s\) \((.*)\)$", r"Argumen tambahan tidak dikenal: \1."),
    (r"Got unexpected extra arguments? \((.*)\)$", r"Argumen tambahan tidak dikenal: \1."),
    (r"Option '(.+)' requires an argument\.$", r"Opsi '\1' memerlukan nilai."),
    (r"Option '(.+)' requires (.+)$", r"Opsi '\1' memerlukan \2"),
    (r"Option '(.+)' does not take a value\.$", r"Opsi '\1' tidak menerima nilai."),
    (r"Value (.+) is not a valid (float|int|integer)\.$", r"\1 bukan angka."),
    (r"'?(.+?)'? is not a valid (float|int|integer)\.$", r"harus berupa angka."),  # click, typer < 0.29
    (r"Input should be a valid (number|integer).*$", r"harus berupa angka."),
)
INVALID = re.compile(r"Invalid value for (.+?): (.*)$", re.DOTALL)


def terjemah(message: str) -> str:
    """gettext lookup with the Indonesian table first."""
    return TEKS.get(message) or gettext.gettext(message)


def terjemah_galat(message: str) -> str:
    found = INVALID.match(message)
    if found:
        return f"Nilai tidak sah untuk {found[1]}: {terjemah_galat(found[2])}"
    for pattern, replacement in GALAT:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message, count=1)
    return message


class _Indonesian:
    """Usage line and --help text in Indonesian (mixed into Typer's command and group)."""

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE)

    def get_usage(self, ctx) -> str:
        formatter = ctx.make_formatter()
        self.format_usage(ctx, formatter)
        return formatter.getvalue().rstrip("\n")

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option


class KinerjaCommand(_Indonesian, TyperCommand):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.options_metavar == "[OPTIONS]":
            self.options_metavar = OPTIONS_METAVAR


class KinerjaGroup(_Indonesian, TyperGroup):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.options_metavar == "[OPTIONS]":
            self.options_metavar = OPTIONS_METAVAR
        if self.subcommand_metavar == "COMMAND [ARGS]...":
            self.subcommand_metavar = SUBCOMMAND_METAVAR

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """As Typer's, with usage errors shown in Indonesian."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _exceptions.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except _exceptions.UsageError as exc:
            tunjukkan_galat(exc)
            sys.exit(exc.exit_code)
        except _exceptions.ClickException as exc:
            typer.echo(f"Galat: {terjemah_galat(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo(TEKS["Aborted!"], err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def tunjukkan_galat(exc) -> None:
    ctx = exc.ctx
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            typer.echo(f"Coba '{ctx.command_path} {ctx.help_option_names[0]}' untuk bantuan.", err=True)
        typer.echo("", err=True)
    typer.echo(f"Galat: {terjemah_galat(exc.format_message())}", err=True)


def pasang(app: typer.Typer) -> None:
    """Make ``app`` speak Indonesian. Call after its commands are registered."""
    import typer.core as typer_core

    typer_core._ = terjemah
    if app.info.cls in (None, TyperGroup) or isinstance(app.info.cls, typer.models.DefaultPlaceholder):
        app.info.cls = KinerjaGroup
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = KinerjaCommand


__all__ = ["pasang", "terjemah", "terjemah_galat", "KinerjaCommand", "KinerjaGroup", "TEKS", "GALAT"]
