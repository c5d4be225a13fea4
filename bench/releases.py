"""What-changed pages: comparing releases read from git, cold and from the cache."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from pipeline import releases

ROOT = Path(__file__).resolve().parent.parent
RELEASES = 6  # the demo data, then five monthly updates


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}  # fmt: skip
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _update(path: Path, month: int) -> None:
    """A month's update: 400 payments added, 40 amounts corrected, 5 payments withdrawn."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    ident, amount = header.index("transaction_id"), header.index("amount")
    for row in body[month * 40 : month * 40 + 40]:
        row[amount] = str(int(float(row[amount].replace(",", ""))) + 100)
    del body[month * 7 : month * 7 + 5]
    for n, source in enumerate(body[:400]):
        row = list(source)
        row[ident] = f"{source[ident][:-7]}X{month:02d}{n:04d}"
        body.append(row)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *body])


def run() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        shutil.copytree(ROOT / "datasets", repo / "datasets")
        _git(repo, "init", "-q", "-b", "main")
        _git(repo, "add", ".")
        _git(repo, "commit", "-qm", "demo data")
        payments = sorted((repo / "datasets/spending").glob("payments-*.csv"))[-1]
        for month in range(1, RELEASES):
            _update(payments, month)
            _git(repo, "commit", "-qam", f"update {month}")
        rows = sum(1 for _ in payments.open(encoding="utf-8")) - 1
        print(f"What changed: {RELEASES} releases of the demo data ({payments.name} grows to "
              f"{rows:,} rows)")  # fmt: skip
        cache = repo / "cache"
        for label in ("cold (every release compared)", "warm (comparisons cached)"):
            start = time.perf_counter()
            section = releases.build(repo / "datasets", repo / "out", cache)
            seconds = time.perf_counter() - start
            print(f"  {label:<32} {seconds:6.2f} s")
        kept = sum(f.stat().st_size for f in (repo / "out").rglob("*") if f.is_file())
        data = sum(f.stat().st_size for f in (repo / "datasets").rglob("*") if f.is_file())
        print(f"  files kept for {len(section['releases'])} releases: {kept / 1e6:.1f} MB "
              f"(the data itself: {data / 1e6:.1f} MB)")  # fmt: skip


if __name__ == "__main__":
    run()
