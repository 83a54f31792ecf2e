"""Write ``docs/rules.md`` from the rule registry.

Every rule's code, level and name come from its ``@rule`` registration and the rest from
its docstring (title, Memeriksa, Mengapa, Contoh, Tindakan), so the documentation cannot
drift from the code: ``tests/test_docs_rules.py`` regenerates it in memory and fails when
the file differs.

Usage (from the repository root)::

    python scripts/buat_dokumen_aturan.py            # rewrite docs/rules.md
    python scripts/buat_dokumen_aturan.py --periksa  # exit 1 when docs/rules.md is stale
"""

from __future__ import annotations

import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from kinerja_xlsx.rules import SECTIONS, all_rules  # noqa: E402

OUTPUT = os.path.join(REPO_ROOT, "docs", "rules.md")
COMMAND = "python scripts/buat_dokumen_aturan.py"

INTRO = f"""\
# Aturan pemeriksaan

<!-- Dibuat dari registri aturan (kinerja_xlsx/rules) oleh `{COMMAND}`. Jangan disunting
langsung: ubah docstring aturannya, lalu jalankan perintah itu. -->

Setiap temuan punya kode tetap, tingkat, unit, alamat sel (`'Kasi Pemerintahan'!G14`), angka
yang dilaporkan, angka seharusnya, pesan, dan bila angkanya memungkinkan, saran perbaikan
beserta buktinya. Tingkat:

- **Galat**: angka yang salah atau tidak dapat diperiksa; laporan perlu diperbaiki.
- **Peringatan**: kemungkinan salah; perlu dilihat auditor.
- **Info**: tidak mengubah penilaian; cara tulis atau pembulatan.

Contoh diambil dari laporan kinerja individu Triwulan II 2023 Kecamatan Kedungjajang
(`input/contoh_kedungjajang_tw2_2023.xlsx`). Aturan K501-K503 hanya berjalan bila workbook
triwulan sebelumnya diberikan (`--sebelumnya BERKAS`).
"""

LABELS = {"Memeriksa": "Memeriksa", "Mengapa": "Mengapa penting", "Contoh": "Contoh",
          "Tindakan": "Yang harus dilakukan"}


def render() -> str:
    """The whole of ``docs/rules.md``."""
    rules = all_rules()
    out = [INTRO, "| Kode | Tingkat | Temuan |", "|---|---|---|"]
    out += [f"| [{r.code}](#{r.code.lower()}) | {r.level.value} | {r.name} |" for r in rules]
    for r in rules:
        doc = r.doc
        out += ["", f'<a id="{r.code.lower()}"></a>', "", f"## {r.code}: {r.name}", "",
                f"**Tingkat:** {r.level.value}", "", doc["Judul"]]
        for section in SECTIONS:
            out += ["", f"**{LABELS[section]}:** {doc.get(section, '')}"]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--periksa" in argv:
        with open(OUTPUT, encoding="utf-8") as fh:
            stale = fh.read() != text
        if stale:
            print(f"docs/rules.md tidak sesuai registri aturan; jalankan: {COMMAND}", file=sys.stderr)
        return 1 if stale else 0
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"{os.path.relpath(OUTPUT, REPO_ROOT)}: {len(all_rules())} aturan")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
