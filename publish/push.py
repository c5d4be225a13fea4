"""Carrying out a plan on the portal, writing one JSON line per action to the outcome log."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from publish.ckan import Client, PortalError
from publish.mapping import FILE_HASH, RESOURCE_KEY
from publish.plan import CREATE, DELETE, MARK, METADATA, REORDER, UNCHANGED, UPDATE, Action

DONE, FAILED, SKIPPED, NOT_RUN = "done", "failed", "unchanged", "not-run"


@dataclass(frozen=True)
class Outcome:
    action: Action
    result: str  # done, failed, unchanged or not-run
    message: str = ""


class OutcomeLog:
    """JSON lines, written as each action ends, so an interrupted push leaves its trace."""

    def __init__(self, handle: IO[str] | None) -> None:
        self.handle = handle

    def write(self, outcome: Outcome) -> None:
        if self.handle is None:
            return
        a = outcome.action
        line = {
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "dataset": a.dataset,
            "resource": a.resource,
            "action": a.kind,
            "reason": a.reason,
            "result": outcome.result,
            "message": outcome.message,
            "bytes": a.size if a.path is not None else 0,
        }
        self.handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.handle.flush()


def log_path(folder: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return folder / f"push-{stamp}.jsonl"


def _what(action: Action) -> str:
    if action.resource is None:
        return f"{action.kind} dataset {action.dataset}"
    return f"{action.kind} {action.resource} in dataset {action.dataset}"


def _do(action: Action, client: Client) -> None:
    what = _what(action)
    if action.resource is None and action.kind == CREATE:
        try:
            client.call("package_create", action.fields, what=what)
        except PortalError:
            # A retried create whose first attempt reached the portal: the dataset is there.
            if client.retried_writes and _exists(client, action.dataset):
                return
            raise
    elif action.resource is None and action.kind == UPDATE:
        client.call("package_patch", {"id": action.dataset, **action.fields}, what=what)
    elif action.kind == REORDER:
        package = client.call("package_show", {"id": action.dataset}, what=what)
        ids = {r.get(RESOURCE_KEY): r["id"] for r in package["resources"]}
        order = [ids[k] for k in action.fields["order"] if k in ids]
        client.call("package_resource_reorder", {"id": action.dataset, "order": order}, what=what)
    elif action.kind == CREATE:
        client.call(
            "resource_create",
            {"package_id": action.dataset, **action.fields},
            upload=action.path,
            what=what,
        )
    elif action.kind in (UPDATE, METADATA, MARK):
        client.call(
            "resource_patch",
            {"id": action.remote_id, **action.fields},
            upload=action.path,
            what=what,
        )
    elif action.kind == DELETE:
        client.call("resource_delete", {"id": action.remote_id}, what=what)
    else:
        raise ValueError(f"unknown action {action.kind}")


def _exists(client: Client, dataset: str) -> bool:
    try:
        client.call("package_show", {"id": dataset}, what=f"read dataset {dataset}")
    except PortalError:
        return False
    return True


def _tidy(client: Client, dataset: str) -> int:
    """Delete duplicate resources a retried upload may have left; returns how many."""
    package = client.call("package_show", {"id": dataset}, what=f"check dataset {dataset}")
    seen: set[tuple[Any, Any]] = set()
    removed = 0
    for resource in package["resources"]:
        key = (resource.get(RESOURCE_KEY), resource.get(FILE_HASH))
        if key[0] is None:
            continue
        if key in seen:
            client.call(
                "resource_delete",
                {"id": resource["id"]},
                what=f"remove a duplicate of {key[0]} in dataset {dataset}",
            )
            removed += 1
        seen.add(key)
    return removed


def execute(actions: list[Action], client: Client, log: OutcomeLog) -> list[Outcome]:
    """Do every action in order; a fatal error stops the run, others fail one action."""
    outcomes: list[Outcome] = []
    stopped: str | None = None
    failed_datasets: set[str] = set()
    retried = client.retried_writes
    for index, action in enumerate(actions):
        if stopped is not None:
            outcome = Outcome(action, NOT_RUN, stopped)
        elif action.kind == UNCHANGED:
            outcome = Outcome(action, SKIPPED)
        elif action.dataset in failed_datasets:
            outcome = Outcome(action, NOT_RUN, "the dataset could not be created or updated")
        else:
            try:
                _do(action, client)
                outcome = Outcome(action, DONE)
            except PortalError as error:
                outcome = Outcome(action, FAILED, str(error))
                if error.fatal:
                    stopped = "not tried: an earlier error stopped the push"
                if action.resource is None:
                    failed_datasets.add(action.dataset)
        outcomes.append(outcome)
        log.write(outcome)
        last_of_dataset = index + 1 == len(actions) or actions[index + 1].dataset != action.dataset
        if last_of_dataset and stopped is None and client.retried_writes != retried:
            with contextlib.suppress(PortalError):  # the next plan removes duplicates too
                _tidy(client, action.dataset)
            retried = client.retried_writes
    return outcomes
