"""Building a site's pages: real Pelican into a side folder that replaces ``output/`` only when
complete, so a failed build never leaves a half-written site behind."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline import bundle


class BuildError(Exception):
    """The site could not be built; the message says why in one sentence."""


def html(
    settings_file: Path,
    datasets: Path,
    bundle_path: Path,
    output: Path,
    overrides: dict[str, object] | None = None,
    content: Path = Path("content"),
) -> None:
    """Build ``output`` with the Pelican settings in ``settings_file`` from the bundle at
    ``bundle_path``, which must match ``datasets``; raises BuildError, leaving ``output`` as it
    was, if anything goes wrong (Pelican prints what it found)."""
    try:
        bundle.read(bundle_path, datasets)
    except bundle.BundleError as error:
        raise BuildError(str(error)) from error
    if not settings_file.is_file():
        raise BuildError(f"There is no {settings_file}: run this in the site's folder.")
    if not content.is_dir():
        raise BuildError(f"There is no {content}/ folder: run this in the site's folder.")
    partial = output.with_name(output.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    settings = {"SHAFAF_BUNDLE": str(bundle_path), "SHAFAF_DATASETS": str(datasets)}
    settings.update({k: v for k, v in (overrides or {}).items()})  # type: ignore[misc]
    command = [
        sys.executable, "-m", "pelican", str(content), "-s", str(settings_file),
        "-o", str(partial), "--fatal", "errors",
        "-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items()),
    ]  # fmt: skip
    if subprocess.run(command, check=False).returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        raise BuildError(f"Pelican could not build the site; {output}/ was left as it was.")
    shutil.rmtree(output, ignore_errors=True)
    partial.rename(output)


def parse_overrides(pairs: list[str]) -> dict[str, object]:
    """``KEY=JSON`` pairs, as ``pelican -e`` takes them."""
    values: dict[str, object] = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key:
            raise BuildError(f"A setting is written KEY=VALUE (VALUE in JSON), not {pair!r}.")
        try:
            values[key] = json.loads(text)
        except json.JSONDecodeError as error:
            raise BuildError(f"The value of {key} is not JSON: {error}") from error
    return values
