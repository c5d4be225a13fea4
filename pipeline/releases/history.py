"""The releases of the datasets, read from git: each commit that changed a data package is one.

Council staff publish by committing data files, so the repository's history is the record of what
was published when. A release is named by its date (Pakistan time) and short commit id, e.g.
``2026-11-28-5a9a651``: the name never changes, so its page and files can be cited. Uncommitted
changes to the datasets (a clerk previewing an edit) show as one more release, ``unreleased``.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pipeline.i18n import N_

PKT = timezone(timedelta(hours=5), "PKT")  # Pakistan Standard Time, no daylight saving
UNRELEASED = "unreleased"
DATA_SUFFIXES = (".csv", ".json", ".geojson")


class GitError(Exception):
    """git failed in a way that leaves the history unknown; the message says what to do."""


@dataclass(frozen=True)
class Release:
    """One published state of the datasets."""

    id: str
    commit: str | None  # None for uncommitted changes
    date: datetime | None  # commit date; None for uncommitted changes
    subject: str  # first line of the commit message
    files: dict[str, str] = field(default_factory=dict)  # "spending/suppliers.csv" → git blob id


@dataclass(frozen=True)
class History:
    """Every release, oldest first, with why the history may be incomplete."""

    releases: tuple[Release, ...]
    note: str | None = None  # e.g. a shallow clone: said on the releases page

    def fingerprint(self) -> str:
        """Changes when any release, or the uncommitted state, changes."""
        hasher = hashlib.sha256((self.note or "").encode())
        for release in self.releases:
            hasher.update(release.id.encode() + b"\0")
            for path, blob in sorted(release.files.items()):
                hasher.update(f"{path}\0{blob}\0".encode())
        return hasher.hexdigest()


def release_id(commit: str, date: datetime) -> str:
    return f"{date.astimezone(PKT):%Y-%m-%d}-{commit[:7]}"


class Git:
    """git commands run in one repository."""

    def __init__(self, top: Path) -> None:
        self.top = top

    @classmethod
    def around(cls, folder: Path) -> Git | None:
        """The repository holding ``folder``, or None when it is not in one (or git is missing)."""
        try:
            result = subprocess.run(
                ["git", "rev-parse", "--show-toplevel"],
                cwd=folder, capture_output=True, text=True, check=False, timeout=30,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            return None
        if result.returncode != 0 or not result.stdout.strip():
            return None
        return cls(Path(result.stdout.strip()))

    def run(self, *args: str, stdin: bytes | None = None) -> bytes:
        try:
            result = subprocess.run(
                ["git", *args], cwd=self.top, input=stdin, capture_output=True, check=False,
                timeout=300,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError) as error:
            raise GitError(f"git {args[0]} failed: {error}") from error
        if result.returncode != 0:
            message = result.stderr.decode(errors="replace").strip()
            raise GitError(
                f"Could not read the history of the datasets from git (git {args[0]}: {message}). "
                "Check the repository with `git fsck`, or clone it again."
            )
        return result.stdout

    def blobs(self, ids: list[str]) -> dict[str, bytes]:
        """The contents of the blobs ``ids``, read with one `git cat-file --batch`."""
        if not ids:
            return {}
        out = self.run("cat-file", "--batch", stdin="".join(f"{i}\n" for i in ids).encode())
        contents: dict[str, bytes] = {}
        position = 0
        for blob in ids:
            end = out.index(b"\n", position)
            header = out[position:end].split()
            if len(header) != 3:
                raise GitError(
                    f"Could not read the history of the datasets from git: the file version {blob} "
                    "is missing from the repository. Check it with `git fsck`, or clone it again."
                )
            size = int(header[2])
            contents[blob] = out[end + 1 : end + 1 + size]
            position = end + 1 + size + 1
        return contents


def _package_file(relative: str) -> bool:
    """A file inside a data package folder (not settings.toml or holidays.csv beside them)."""
    return "/" in relative and relative.endswith(DATA_SUFFIXES)


def read(datasets: Path) -> History:
    """The releases of the data packages under ``datasets``, oldest first."""
    git = Git.around(datasets)
    if git is None:  # e.g. a downloaded copy: the data as it is, and no history
        files = {path: _blob_id(p.read_bytes()) for path, p in _package_files(datasets).items()}
        return History(
            (Release(UNRELEASED, None, None, "", files),) if files else (),
            N_("The datasets are not in a git repository, so there is no history of releases."),
        )
    prefix = datasets.resolve().relative_to(git.top.resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    shallow = git.run("rev-parse", "--is-shallow-repository").strip() == b"true"
    try:
        log = git.run(
            "log", "--first-parent", "--format=%H%x1f%cI%x1f%s%x1e", "--",
            f":(glob){prefix}*/**",
        ).decode()  # fmt: skip
    except GitError:
        log = ""  # a repository with no commit yet
    releases = []
    for record in reversed([r.strip() for r in log.split("\x1e") if r.strip()]):
        commit, date_text, subject = record.split("\x1f")
        date = datetime.fromisoformat(date_text)
        releases.append(
            Release(release_id(commit, date), commit, date, subject, _tree(git, commit, prefix))
        )
    working = _working(git, datasets, prefix)
    if working and (not releases or working != releases[-1].files):
        releases.append(Release(UNRELEASED, None, None, "", working))
    note = None
    if shallow:
        note = N_(
            "This copy of the repository is shallow (only recent commits), so older releases are "
            "missing: check out with the full history (fetch-depth: 0 in GitHub Actions)."
        )
    return History(tuple(releases), note)


def _tree(git: Git, commit: str, prefix: str) -> dict[str, str]:
    listing = git.run("ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix or ".")
    files = {}
    for entry in listing.decode().split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        kind, blob = meta.split()[1:3]
        relative = path[len(prefix) :]
        if kind == "blob" and _package_file(relative):
            files[relative] = blob
    return files


def _package_files(datasets: Path) -> dict[str, Path]:
    """The package files on disk, by path relative to ``datasets`` (hidden ones left out)."""
    found = {}
    for path in sorted(datasets.rglob("*")):
        relative = path.relative_to(datasets)
        hidden = any(part.startswith(".") for part in relative.parts)
        if path.is_file() and _package_file(relative.as_posix()) and not hidden:
            found[relative.as_posix()] = path
    return found


def _blob_id(data: bytes) -> str:
    """The id git gives a file's contents (SHA-1 object format), for data outside git."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _working(git: Git, datasets: Path, prefix: str) -> dict[str, str]:
    """The package files as they are on disk, with the blob ids git gives them."""
    files = _package_files(datasets)
    if not files:
        return {}
    top = git.top.resolve()
    names = "\n".join(p.resolve().relative_to(top).as_posix() for p in files.values())
    ids = git.run("hash-object", "--stdin-paths", stdin=names.encode()).decode().split()
    return dict(zip(files, ids, strict=True))
