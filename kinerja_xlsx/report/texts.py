"""The standard texts of the reports: read once from ``kinerja_xlsx/texts/laporan.toml``.

Texts are plain text (no markup); :func:`fill` replaces ``{name}`` placeholders and
leaves unknown ones as written, so an office editing the file cannot break a report.
"""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources
from typing import Any, Mapping

TEXTS_FILE = "laporan.toml"

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Texts(dict):
    """The TOML as nested dicts; ``texts["bab2"]["kalimat"]``. A plain dict, so picklable."""

    def get_text(self, section: str, key: str) -> Any:
        return self[section][key]


@functools.lru_cache(maxsize=None)
def load_texts(path: str | None = None) -> Texts:
    """The standard texts: the packaged file, or another TOML file with the same keys."""
    if path is None:
        data = resources.files("kinerja_xlsx").joinpath("texts", TEXTS_FILE).read_bytes()
    else:
        with open(path, "rb") as fh:
            data = fh.read()
    return Texts(tomllib.loads(data.decode("utf-8")))


def fill(template: str, values: Mapping[str, Any]) -> str:
    """``fill("Triwulan {triwulan}", {"triwulan": "II"})`` -> ``Triwulan II``; unknown names stay."""

    def repl(match: re.Match) -> str:
        key = match.group(1)
        return str(values[key]) if key in values else match.group(0)

    return _PLACEHOLDER.sub(repl, template)
