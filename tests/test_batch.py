"""A reviewer's folder of 100 mixed files: text, web pages, Word documents and PDFs, three of them
corrupt and one a zip bomb. The four are one DL001 each, every other file is linted as usual, and
the whole run stays within a stated memory bound."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES, example_text
from docgen.docx import write_docx, zip_bomb
from docgen.html import write_html
from docgen.layout import from_tab_text
from docgen.pdf import write_pdf

MEMORY_BOUND_MB = 200  # peak resident memory of one CLI run over the folder (measured: 86 MB)


def _folder(root: Path) -> tuple[set[str], set[str]]:
    """(the clean files, the defective ones) of a 96-file folder, plus the four bad files."""
    made = root / "made"
    made.mkdir()
    sources = {}
    for name in ("2024-report", "2024-report-defects"):
        layout = from_tab_text(example_text(name))
        sources[name] = [EXAMPLES / f"{name}.txt", write_html(layout, made / f"{name}.html"),
                         write_docx(layout, made / f"{name}.docx"), write_pdf(layout, made / f"{name}.pdf")]
    reports = root / "reports"
    reports.mkdir()
    clean, defective = set(), set()
    for i in range(96):
        name = "2024-report" if i % 3 else "2024-report-defects"
        source = sources[name][i % 4]
        target = reports / f"{i:03d}-{source.name}"
        if source.suffix == ".txt" and i % 8 == 1:  # some archives are GB18030
            target.write_bytes(source.read_text(encoding="utf-8").encode("gb18030"))
        else:
            shutil.copyfile(source, target)
        (clean if name == "2024-report" else defective).add(str(target))
    pdf = sources["2024-report"][3].read_bytes()
    docx = sources["2024-report"][2].read_bytes()
    (reports / "bad-truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (reports / "bad-truncated.docx").write_bytes(docx[: len(docx) // 2])
    (reports / "bad-binary.txt").write_bytes(bytes(range(256)) * 64)
    (reports / "bad-bomb.docx").write_bytes(zip_bomb(512 * 1024 * 1024))
    return clean, defective


def test_a_folder_of_100_mixed_files_reports_the_four_bad_ones_and_lints_the_rest(tmp_path: Path):
    clean, defective = _folder(tmp_path)
    # The child reports its own peak (other children of this test process, a browser, must not count).
    code = ("import resource, sys\nfrom disclosure_lint.cli import main\ntry:\n    main(sys.argv[1:])\nfinally:\n"
            "    sys.stderr.write('PEAK %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    done = subprocess.run([sys.executable, "-c", code, "--format", "json", str(tmp_path / "reports")],
                          capture_output=True, text=True, timeout=600)
    peak_mb = int(done.stderr.rsplit("PEAK ", 1)[1].split()[0]) / 1024
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)
    by_path: dict[str, list[str]] = {}
    for f in findings:
        by_path.setdefault(f["path"], []).append(f["code"])
    bad = {p: codes for p, codes in by_path.items() if Path(p).name.startswith("bad-")}
    assert sorted(Path(p).name for p in bad) == ["bad-binary.txt", "bad-bomb.docx", "bad-truncated.docx",
                                                 "bad-truncated.pdf"]
    assert all(codes == ["DL001"] for codes in bad.values())
    assert not clean & set(by_path)  # the clean copies, in every format, have no finding
    expected = sorted(["DL105", "DL301", "DL303", "DL203", "DL104"])
    assert {p: sorted(by_path.get(p, [])) for p in defective} == {p: expected for p in defective}
    assert peak_mb < MEMORY_BOUND_MB, f"peak {peak_mb:.0f} MB"
