"""One publishing run: validate, read the packages and the portal, plan, and push."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.validate import Report, targets, validate
from publish import local, mapping
from publish.ckan import Client, NotFound, PortalError
from publish.config import Config
from publish.plan import Action, plan
from publish.push import Outcome, OutcomeLog, execute


@dataclass
class Run:
    """What one run found: the datasets it publishes and the actions that bring the portal there."""

    config: Config
    client: Client
    wanted: list[mapping.DesiredDataset] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


def folders(paths: list[Path]) -> list[Path]:
    """The dataset folders named by ``paths`` (a CSV file names its whole dataset)."""
    return [root / name for root, chosen in targets(paths).items() for name in sorted(chosen)]


def check(paths: list[Path], settings: dict[str, Any]) -> Report:
    """The validator's report over the whole datasets the paths belong to."""
    return validate(folders(paths), settings)


def prefix(config: Config, dataset_folders: list[Path]) -> str:
    if config.prefix:
        return config.prefix
    roots = {f.parent for f in dataset_folders}
    districts = {d for d in (local.district(root) for root in roots) if d}
    return mapping.slug(districts.pop()) if len(districts) == 1 else config.organization


def client_for(config: Config, **options: Any) -> Client:
    return Client(
        config.url, config.token, retries=config.retries, timeout=config.timeout, **options
    )


def check_organization(client: Client, config: Config, *, write: bool) -> None:
    """The organisation exists and (for a push) the token may publish to it."""
    org = config.organization
    try:
        client.call(
            "organization_show",
            {"id": org, "include_datasets": False, "include_users": False, "include_extras": False},
            what=f"read organisation {org}",
        )
    except NotFound:
        raise PortalError(
            f"The organisation '{org}' does not exist on {config.url}. Check its name (setting "
            "ckan_organization or CKAN_ORGANIZATION: the name in the organisation's portal "
            "address, e.g. .../organization/sabzabad), or ask the portal's administrator to "
            "create it.",
            fatal=True,
        ) from None
    if not write:
        return
    allowed = client.call(
        "organization_list_for_user",
        {"permission": "create_dataset", "include_dataset_count": False},
        what="check what the API token may do",
    )
    if org not in {o.get("name") for o in allowed} | {o.get("id") for o in allowed}:
        raise PortalError(
            f"The API token in CKAN_API_TOKEN cannot publish to the organisation '{org}' on "
            f"{config.url}: the token is wrong or expired, or its user is not an editor or admin "
            "of that organisation. Create a new token on the portal (your user page, 'API "
            "Tokens') or ask the organisation's admin to add your user as an editor.",
            fatal=True,
        )


def read_remote(client: Client, names: list[str]) -> dict[str, dict[str, Any] | None]:
    remote: dict[str, dict[str, Any] | None] = {}
    for name in names:
        try:
            remote[name] = client.call("package_show", {"id": name}, what=f"read dataset {name}")
        except NotFound:
            remote[name] = None
    return remote


def prepare(paths: list[Path], config: Config, client: Client, *, write: bool) -> Run:
    """Read the packages and the portal and plan; makes only read calls."""
    dataset_folders = folders(paths)
    name_prefix = prefix(config, dataset_folders)
    run = Run(config, client)
    run.wanted = [
        mapping.desired(
            local.load(f),
            prefix=name_prefix,
            organization=config.organization,
            site_url=config.site_url,
        )
        for f in dataset_folders
    ]
    check_organization(client, config, write=write)
    remote = read_remote(client, [w.name for w in run.wanted])
    run.actions = plan(run.wanted, remote, config.removed)
    return run


def push(run: Run, log: OutcomeLog) -> Run:
    run.outcomes = execute(run.actions, run.client, log)
    return run
