"""The CKAN client: the only module that imports ckanapi; retries, plain errors, call counts."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ckanapi
import requests

USER_AGENT = "shafaf-publish/0.1 (+https://github.com/shafaf)"
READ_SUFFIXES = ("_show", "_list", "_search", "_list_for_user")


class PortalError(Exception):
    """A call the portal refused or could not answer; ``str()`` is a message for people.

    ``fatal`` errors (the portal cannot be reached, the token may not write) stop the push;
    others fail one action and the push goes on with the next.
    """

    def __init__(self, message: str, *, fatal: bool = False) -> None:
        super().__init__(message)
        self.fatal = fatal


class NotFound(PortalError):
    """The dataset, resource or organisation asked for does not exist on the portal."""


class _Transient(Exception):
    """A failure worth retrying: no connection, a timeout, or a server error (5xx)."""


class _Remote(ckanapi.RemoteCKAN):
    """ckanapi's client, remembering the HTTP status of the last answer."""

    status = 0

    def _request_fn(
        self, url: str, data: Any, headers: dict[str, str], files: Any, options: dict[str, Any]
    ) -> tuple[int, str]:
        status, text = super()._request_fn(url, data, headers, files, options)
        self.status = status
        return status, text


def is_write(action: str) -> bool:
    return not action.endswith(READ_SUFFIXES) and action != "status_show"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


class Client:
    """Calls CKAN actions with bounded retries and turns failures into PortalError."""

    def __init__(
        self,
        url: str,
        token: str | None,
        *,
        retries: int = 4,
        timeout: float = 120,
        backoff: float = 1.0,
        max_wait: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        before_call: Callable[[str], None] | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        self._remote = _Remote(self.url, apikey=token or None, user_agent=USER_AGENT)
        self._remote.session = requests.Session()
        self.retries = retries
        self.timeout = timeout
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.before_call = before_call  # a hook for tests (e.g. to stop the server midway)
        self.calls: Counter[str] = Counter()
        self.retried_writes = 0

    # figures ----------------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return sum(self.calls.values())

    @property
    def writes(self) -> int:
        return sum(n for action, n in self.calls.items() if is_write(action))

    # calling ----------------------------------------------------------------------------------
    def call(
        self,
        action: str,
        data: dict[str, Any] | None = None,
        *,
        upload: Path | None = None,
        what: str = "",
    ) -> Any:
        """Run ``action``, uploading ``upload`` as its file; ``what`` names it in messages."""
        what = what or action
        attempt = 0
        while True:
            try:
                return self._once(action, data or {}, upload)
            except _Transient as error:
                if attempt >= self.retries:
                    raise PortalError(
                        f"Cannot reach the CKAN portal at {self.url} to {what}: {error} "
                        f"(tried {attempt + 1} times). Check the address (setting ckan_url or "
                        "CKAN_URL) and that the portal is up, then run the push again: it "
                        "carries on where it stopped.",
                        fatal=True,
                    ) from None
                if is_write(action):
                    self.retried_writes += 1
                self.sleep(min(self.max_wait, self.backoff * 2**attempt))
                attempt += 1
            except ckanapi.NotFound as error:
                raise NotFound(f"Not found on the portal: {what} ({error}).") from None
            except ckanapi.NotAuthorized:
                raise PortalError(
                    f"The portal refused to {what}: the API token in CKAN_API_TOKEN is not "
                    "allowed to. Check that the token is still valid and that its user is an "
                    "editor or admin of the organisation.",
                    fatal=True,
                ) from None
            except ckanapi.ValidationError as error:
                raise PortalError(self._rejected(what, error.error_dict, upload)) from None
            except (ckanapi.CKANAPIError, ckanapi.ServerIncompatibleError) as error:
                status = self._remote.status
                if status == 413 and upload is not None:
                    raise PortalError(self._too_large(what, upload)) from None
                raise PortalError(
                    f"The portal at {self.url} gave an answer Shafaf does not understand when "
                    f"asked to {what} (HTTP {status}). Is {self.url} the address of a CKAN "
                    "portal (version 2.9 or later)?",
                    fatal=status in (0, 404),
                ) from error

    def _once(self, action: str, data: dict[str, Any], upload: Path | None) -> Any:
        self.calls[action] += 1
        if self.before_call is not None:
            self.before_call(action)
        self._remote.status = 0
        options = {"timeout": self.timeout}
        try:
            if upload is None:
                result = self._remote.call_action(action, data, requests_kwargs=options)
            else:
                with upload.open("rb") as handle:
                    result = self._remote.call_action(
                        action,
                        data,
                        files={"upload": (upload.name, handle)},
                        requests_kwargs=options,
                    )
        except requests.Timeout:
            raise _Transient(f"no answer within {self.timeout:g} s") from None
        except requests.ConnectionError:
            raise _Transient("no connection") from None
        except (ckanapi.CKANAPIError, ckanapi.ServerIncompatibleError):
            if self._remote.status >= 500:
                raise _Transient(f"server error HTTP {self._remote.status}") from None
            raise
        return result

    # messages ---------------------------------------------------------------------------------
    def _too_large(self, what: str, upload: Path) -> str:
        return (
            f"The portal refused to {what}: {upload.name} ({_mb(upload.stat().st_size)}) is "
            "larger than the portal accepts (its ckan.max_resource_size). Ask the portal's "
            "administrator to raise that limit, or split the file (for example by fiscal year)."
        )

    def _rejected(self, what: str, errors: Any, upload: Path | None) -> str:
        if not isinstance(errors, dict):
            return f"The portal refused to {what}: {errors}"
        problems = {k: v for k, v in errors.items() if k not in ("__type", "message")}
        if upload is not None and any("too large" in str(v).lower() for v in problems.values()):
            return self._too_large(what, upload)
        if "name" in problems and "already in use" in str(problems["name"]):
            return (
                f"The portal refused to {what}: that dataset name is already used by another "
                "dataset, perhaps in another organisation. Choose another ckan_dataset_prefix "
                "in datasets/settings.toml, or ask the portal's administrator."
            )
        if "owner_org" in problems:
            return (
                f"The portal refused to {what}: the organisation is not one the token's user "
                f"may publish to ({'; '.join(map(str, problems['owner_org']))})."
            )
        text = "; ".join(
            f"field '{k}': {' '.join(map(str, v)) if isinstance(v, list) else v}"
            for k, v in sorted(problems.items())
        ) or str(errors.get("message", errors))
        return f"The portal refused to {what}: {text}."
