"""Rules on how figures were typed (K401-K404)."""

from __future__ import annotations

from ..findings import Level
from ..frame import FIGURES
from . import Context, make, rule, rows
from .capaian import _pos


@rule("K401", Level.INFO, "angka ditulis tidak baku atau ambigu")
def k401(ctx: Context):
    """Angka ditulis dengan cara tidak baku atau ambigu.

    Memeriksa: setiap angka yang diketik sebagai teks memakai cara tulis baku Indonesia:
    titik pemisah ribuan, koma desimal, tanda % pada persen.
    Mengapa: 83.3 bisa dibaca delapan puluh tiga koma tiga atau delapan ratus tiga puluh tiga
    ribu; persen tanpa tanda % bisa tertukar dengan pecahan. Pembacaan yang dipilih dicatat.
    Contoh: Kasi Pelayanan Umum: capaian "83.3 %" (titik desimal); Camat baris 2: capaian
    "39,76" tanpa tanda %.
    Tindakan: tulis 83,3% dan 39,76%.
    """
    for r in rows(ctx):
        for field, (column, _) in FIGURES.items():
            value = getattr(r, f"{field}_val")
            if not value.note:
                continue
            cell = getattr(r, f"{field}_cell")
            row, col = _pos(cell)
            yield make("K401", r.unit, getattr(r, f"{field}_ref"), row=row, col=col, indikator=r.indikator,
                       dilaporkan=value.text, seharusnya=_standard(value),
                       pesan=f"{column} '{value.text}' ditulis tidak baku: {value.note}.",
                       saran=f"Tulis {_standard(value)}.", extra={"id_key": field})


def _standard(value) -> str:
    from .. import fmt
    text = fmt.angka(value.number, value.decimals) if value.number is not None else value.text
    return text + ("%" if value.percent else (" " + value.unit if value.unit else ""))
