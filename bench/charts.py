"""Chart rendering: first-call cost, time per chart warm and cached, and SVG sizes (demo data)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Run in a fresh process, so the first call to vl-convert is really the first.
MEASURE = """
import gzip, json, statistics, sys, tempfile, time
from pathlib import Path
from pipeline import bundle
from pipeline.charts import index, render

content = bundle.build(Path("datasets"))
figures = list(index.figures(content))
start = time.perf_counter()
render._converter()
first = time.perf_counter() - start
specs = [render.spec(f.chart(lang), validate=False) for f in figures for lang in ("en", "ur")]
start = time.perf_counter()
for spec in specs:
    render.render_spec(spec)
warm = (time.perf_counter() - start) / len(specs)
with tempfile.TemporaryDirectory() as tmp:
    out = Path(tmp)
    start = time.perf_counter()
    built = index.build_all(content, out)
    total = time.perf_counter() - start
    start = time.perf_counter()
    index.build_all(content, out)
    cached = time.perf_counter() - start
    svgs = [(out / name).read_bytes() for e in built.values() for name in e["svg"].values()]
    by_lang = {
        lang: [len(gzip.compress((out / e["svg"][lang]).read_bytes(), 9)) for e in built.values()]
        for lang in ("en", "ur")
    }
    parallel = None
    if int(sys.argv[1]) > 1:
        with tempfile.TemporaryDirectory() as tmp2:
            start = time.perf_counter()
            index.build_all(content, Path(tmp2), workers=int(sys.argv[1]))
            parallel = time.perf_counter() - start
print(json.dumps({
    "charts": len(built), "svgs": len(svgs), "first": first, "warm": warm, "total": total,
    "cached": cached, "parallel": parallel, "bytes": sum(map(len, svgs)),
    "median": statistics.median(map(len, svgs)),
    "gz": {lang: statistics.median(sizes) for lang, sizes in by_lang.items()},
}))
"""


def run(workers: int = 2) -> None:
    print("Charts: every chart of the demo bundle, both languages (pipeline/charts)")
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(workers)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    r = json.loads(result.stdout.strip().splitlines()[-1])
    per = r["total"] / r["svgs"] * 1000
    print(f"  charts rendered   {r['charts']} charts, {r['svgs']} SVG files (en + ur)")
    print(f"  first call        {r['first']:7.2f} s  (vl-convert start and font loading)")
    print(f"  warm render       {r['warm'] * 1000:7.1f} ms per chart (vl-convert only)")
    print(f"  build_all, cold   {r['total']:7.2f} s  ({per:.0f} ms per chart, Altair included)")
    if r["parallel"] is not None:
        print(f"  build_all, {workers} procs {r['parallel']:7.2f} s  (each process starts its own)")
    print(f"  build_all, cached {r['cached']:7.2f} s  (nothing to render)")
    print(
        f"  SVG size          {r['bytes'] / 1024:7.1f} KB in all; median "
        f"{r['median'] / 1024:.1f} KB, gzipped {r['gz']['en'] / 1024:.1f} KB (en) / "
        f"{r['gz']['ur'] / 1024:.1f} KB (ur) per chart"
    )


if __name__ == "__main__":
    run()
