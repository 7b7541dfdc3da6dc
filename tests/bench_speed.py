"""Speed benchmark (not part of the test suite): `python tests/bench_speed.py [FILES...]`.

Reports the median in-process time to lint each input (reports per second on one core) and the
median wall time of a one-file CLI run against Python's own start-up. Medians of repeated runs,
because shared machines are noisy.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> None:
    from disclosure_lint.lint import lint
    from disclosure_lint.registry import all_rules

    files = [Path(a) for a in argv] or sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("*.txt"))
    files = files or [ROOT / "examples" / "2024-report.txt"]
    rules = all_rules()
    datas = [(str(f), f.read_bytes()) for f in files]
    lint(*datas[0][:1], rules, datas[0][1])  # warm the parser caches

    def run_all():
        for path, data in datas:
            lint(path, rules, data)

    per_batch = median_seconds(run_all, 15)
    print(f"in-process: {len(datas) / per_batch:.0f} reports/s ({per_batch / len(datas) * 1000:.2f} ms median per report, {len(datas)} files)")

    python = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"]), 9)
    one = str(files[0])
    cli = median_seconds(lambda: subprocess.run([sys.executable, "-m", "disclosure_lint", "--no-frames", one],
                                                capture_output=True), 9)
    print(f"start-up: python -c pass {python * 1000:.0f} ms, disclosure-lint one file {cli * 1000:.0f} ms "
          f"(ratio {cli / python:.1f}x)")


if __name__ == "__main__":
    main(sys.argv[1:])
