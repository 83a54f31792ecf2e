"""docs/rules.md is generated from the rule registry: the file and the registry agree, and
every code of the contract (WORKBOOK.md section 3) is registered and documented."""

import importlib.util
import re

from conftest import ROOT
from kinerja_xlsx.rules import SECTIONS, all_rules

# WORKBOOK.md section 3, code and level
CONTRACT = {
    "K101": "Galat", "K102": "Info", "K103": "Galat", "K104": "Peringatan", "K105": "Peringatan",
    "K106": "Peringatan", "K107": "Galat",
    "K201": "Galat", "K202": "Info", "K203": "Galat", "K204": "Galat", "K205": "Peringatan",
    "K301": "Galat", "K302": "Galat", "K303": "Galat",
    "K401": "Info", "K402": "Peringatan", "K403": "Peringatan", "K404": "Galat",
    "K501": "Galat", "K502": "Peringatan", "K503": "Info",
}
STALE = "docs/rules.md tidak sesuai registri aturan; jalankan: python scripts/buat_dokumen_aturan.py"


def _script():
    spec = importlib.util.spec_from_file_location("buat_dokumen_aturan", ROOT / "scripts" / "buat_dokumen_aturan.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _file() -> str:
    return (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_docs_match_the_registry():
    assert _file() == _script().render(), STALE


def test_every_contract_code_is_registered_with_its_level():
    registered = {r.code: r.level.value for r in all_rules()}
    assert {code: registered.get(code) for code in CONTRACT} == CONTRACT


def test_every_contract_code_is_documented_in_full():
    text = _file()
    for code in CONTRACT:
        match = re.search(rf"^## {code}: .*?(?=^## K|\Z)", text, flags=re.MULTILINE | re.DOTALL)
        assert match, f"{code} missing from docs/rules.md"
        for label in ("Tingkat", *_script().LABELS.values()):
            assert f"**{label}:**" in match.group(0), (code, label)


def test_every_rule_has_each_section():
    for r in all_rules():
        assert all(r.doc.get(s) for s in SECTIONS), r.code


def test_the_check_mode_reports_stale_docs(tmp_path, monkeypatch, capsys):
    module = _script()
    stale = tmp_path / "rules.md"
    stale.write_text("lama\n", encoding="utf-8")
    monkeypatch.setattr(module, "OUTPUT", str(stale))
    assert module.main(["--periksa"]) == 1
    assert "buat_dokumen_aturan.py" in capsys.readouterr().err
    assert module.main([]) == 0 and module.main(["--periksa"]) == 0


def test_readme_rule_table_names_every_registered_code():
    import re
    from pathlib import Path

    from kinerja_xlsx.rules import all_rules

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    listed = dict(re.findall(r"^\| (K\d{3}) \| (\w+) \|", readme, flags=re.MULTILINE))
    assert listed == {r.code: r.level.value for r in all_rules()}
