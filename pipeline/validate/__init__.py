"""The validator: checks data packages and returns a report of findings; it never raises for data.

Use ``validate(paths, settings)``; render the report with ``pipeline.validate.render``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.i18n import lazy_gettext as _
from pipeline.validate.findings import Finding, Occurrence, Report
from pipeline.validate.packages import DESCRIPTOR, ConfigurationError, Validator, load_dataset

__all__ = ["ConfigurationError", "Finding", "Occurrence", "Report", "targets", "validate"]


def targets(paths: list[Path]) -> dict[Path, dict[str, set[str] | None]]:
    """What to check, by datasets root: dataset name -> resource names (None for all).

    A path may be the datasets folder, one dataset's folder, its datapackage.json, or one of
    its CSV files.
    """
    found: dict[Path, dict[str, set[str] | None]] = {}

    def add(folder: Path, resource: str | None) -> None:
        root = folder.parent.resolve()
        chosen = found.setdefault(root, {})
        if resource is None:
            chosen[folder.name] = None
        elif folder.name not in chosen or chosen[folder.name] is not None:
            chosen.setdefault(folder.name, set()).add(resource)  # type: ignore[union-attr]

    for path in paths:
        if not path.exists():
            raise ConfigurationError(_("%(path)s does not exist.", path=str(path)))
        if path.is_dir() and (path / DESCRIPTOR).exists():
            add(path.resolve(), None)
        elif path.is_dir():
            folders = sorted(p.parent for p in path.glob(f"*/{DESCRIPTOR}"))
            if not folders:
                raise ConfigurationError(
                    _(
                        "%(path)s holds no dataset (no %(pattern)s inside).",
                        path=str(path),
                        pattern=f"*/{DESCRIPTOR}",
                    )
                )
            for folder in folders:
                add(folder.resolve(), None)
        elif path.name == DESCRIPTOR:
            add(path.parent.resolve(), None)
        else:
            folder = path.parent.resolve()
            if not (folder / DESCRIPTOR).exists():
                raise ConfigurationError(
                    _(
                        "%(path)s is not inside a dataset folder (no %(descriptor)s).",
                        path=str(path),
                        descriptor=DESCRIPTOR,
                    )
                )
            dataset = load_dataset(folder)
            names = [
                r.name
                for r in dataset.package.resources
                if r.path and (folder / r.path).resolve() == path.resolve()
            ]
            if not names:
                raise ConfigurationError(
                    _(
                        "%(path)s is not listed in %(descriptor)s; add an entry for it first.",
                        path=str(path),
                        descriptor=f"{folder.name}/{DESCRIPTOR}",
                    )
                )
            add(folder, names[0])
    return found


def validate(paths: list[Path], settings: dict[str, Any]) -> Report:
    """Check every dataset named by ``paths``; configuration problems raise ConfigurationError."""
    report = Report()
    for root, chosen in targets(paths).items():
        part = Validator(root, settings).run(chosen)
        report.extend(part.findings)
        report.files_checked.extend(part.files_checked)
        report.rows_checked += part.rows_checked
    return report
