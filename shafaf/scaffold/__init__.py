"""``shafaf new``: a council's own site repository, from a council file or from answers.

The new repository holds only what is the council's: its data packages (the engine's standard
packages, valid and empty but for the council and its wards), its settings, its pages, its import
profiles and its CI workflows, with the engine pinned in ``requirements.txt``. The files are
rendered from ``templates/`` (as ``pelican-quickstart`` renders its own), with ``[[ … ]]`` and
``[% … %]`` as delimiters so that GitHub's ``${{ … }}`` stays as it is.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import shutil
import subprocess
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2

import shafaf
from pipeline import packages, settings

TEMPLATES = Path(__file__).resolve().parent / "templates"
PROVINCES = {
    "punjab": ("Punjab", "پنجاب"),
    "sindh": ("Sindh", "سندھ"),
    "khyber_pakhtunkhwa": ("Khyber Pakhtunkhwa", "خیبر پختونخوا"),
    "balochistan": ("Balochistan", "بلوچستان"),
    "islamabad_capital_territory": ("Islamabad Capital Territory", "اسلام آباد وفاقی دارالحکومت"),
    "gilgit_baltistan": ("Gilgit-Baltistan", "گلگت بلتستان"),
    "azad_jammu_kashmir": ("Azad Jammu and Kashmir", "آزاد جموں و کشمیر"),
}
FISCAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


class ScaffoldError(Exception):
    """The council file or the target folder cannot be used; the message says how to fix it."""


@dataclass(frozen=True)
class Key:
    """One key of a section of the council file."""

    name: str
    help: str
    required: bool = True
    default: Any = ""
    kind: type = str


COUNCIL_KEYS = (
    Key("code", "the council's code, e.g. CHN-MC (capitals: 3-5 for the place, 2-3 for the tier)"),
    Key("name_en", "its name in English, e.g. Municipal Committee Chiniot"),
    Key("name_ur", "its name in Urdu, e.g. میونسپل کمیٹی چنیوٹ"),
    Key("tier", "its tier, e.g. municipal_committee"),
    Key("district_en", "its district in English"),
    Key("district_ur", "its district in Urdu"),
    Key("province", "its province, e.g. punjab"),
    Key("population", "its population (the latest census)", kind=int),
    Key("website", "its own website, if it has one", required=False),
)
SITE_KEYS = (
    Key("name_en", "the site's name in English, e.g. Chiniot Open Data"),
    Key("name_ur", "the site's name in Urdu"),
    Key("url", "the site's public address, e.g. https://data.chiniot.gov.pk", required=False),
    Key("first_fiscal_year", "the first fiscal year you will publish, e.g. 2024-25"),
    Key("fiscal_year_start_month", "the month (1-12) the fiscal year starts in", False, 7, int),
    Key("currency", "the ISO 4217 code of the currency of every amount", False, "PKR"),
    Key("language", "the language of the clerks' reports: en or ur", False, "en"),
)
CKAN_KEYS = (
    Key("url", "the CKAN portal's address", required=False),
    Key("organization", "the council's organisation on that portal", required=False),
)
WARD_KEYS = (
    Key("code", "the ward's code: the council's code, then W, UC, VC or NC and 2-3 digits"),
    Key("name_en", "the ward's name in English"),
    Key("name_ur", "the ward's name in Urdu"),
    Key("kind", "ward, union_council, village_council or neighbourhood_council", default="ward"),
    Key("population", "the ward's population, if known", required=False, kind=int),
)
SECTIONS: dict[str, tuple[Key, ...]] = {
    "council": COUNCIL_KEYS,
    "site": SITE_KEYS,
    "ckan": CKAN_KEYS,
}


@dataclass
class Council:
    """What a council file says, checked."""

    council: dict[str, Any]
    site: dict[str, Any]
    ckan: dict[str, Any]
    wards: list[dict[str, Any]] = field(default_factory=list)


# --- reading and checking a council file --------------------------------------------------


def _field_rules(table: str) -> dict[str, dict[str, Any]]:
    """The constraints of the standard local-governments tables, to check answers by them."""
    schema = json.loads(
        (packages.STANDARD / "local-governments" / f"{table}.schema.json").read_text("utf-8")
    )
    return {f["name"]: f.get("constraints", {}) for f in schema["fields"]}


def _check(
    where: str, keys: tuple[Key, ...], values: Any, rules: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    if not isinstance(values, dict):
        raise ScaffoldError(f"{where} must be a table of keys and values.")
    names = [k.name for k in keys]
    for name in values:
        if name not in names:
            close = difflib.get_close_matches(name, names, 1)
            hint = (
                f" Did you mean '{close[0]}'?" if close else f" The keys are: {', '.join(names)}."
            )
            raise ScaffoldError(f"{where} has an unknown key '{name}'.{hint}")
    checked: dict[str, Any] = {}
    for key in keys:
        value = values.get(key.name, key.default)
        if isinstance(value, str):
            value = value.strip()
        if key.required and value in ("", None):
            raise ScaffoldError(f"{where} needs '{key.name}': {key.help}.")
        if key.kind is int and value != "":
            if isinstance(value, str) and value.replace(",", "").isdigit():
                value = int(value.replace(",", ""))
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ScaffoldError(f"{where}: '{key.name}' must be a whole number, not {value!r}.")
        elif not isinstance(value, str):
            raise ScaffoldError(f"{where}: '{key.name}' must be text, not {value!r}.")
        rule = rules.get({"code": "lg_code"}.get(key.name, key.name), {})
        if key.name == "code" and "ward_code" in rules:
            rule = rules["ward_code"]
        if value != "" and "enum" in rule and value not in rule["enum"]:
            close = difflib.get_close_matches(str(value), rule["enum"], 1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise ScaffoldError(
                f"{where}: '{key.name}' is {value!r}, which is not one of "
                f"{', '.join(rule['enum'])}.{hint}"
            )
        if value != "" and "pattern" in rule and not re.fullmatch(rule["pattern"], str(value)):
            raise ScaffoldError(f"{where}: '{key.name}' is {value!r}; it must be {key.help}.")
        checked[key.name] = value
    return checked


def check(data: dict[str, Any], source: str = "the council file") -> Council:
    """A council from the parsed council file ``data``; ScaffoldError says what to fix."""
    known = [*SECTIONS, "wards"]
    for name in data:
        if name not in known:
            close = difflib.get_close_matches(name, known, 1)
            hint = (
                f" Did you mean [{close[0]}]?"
                if close
                else f" The sections are: {', '.join(known)}."
            )
            raise ScaffoldError(f"{source} has an unknown section [{name}].{hint}")
    lg_rules, ward_rules = _field_rules("local-governments"), _field_rules("wards")
    council = _check(f"{source} [council]", COUNCIL_KEYS, data.get("council", {}), lg_rules)
    site = _check(f"{source} [site]", SITE_KEYS, data.get("site", {}), {})
    if not FISCAL_YEAR.match(site["first_fiscal_year"]) or (
        int(site["first_fiscal_year"][2:4]) + 1
    ) % 100 != int(site["first_fiscal_year"][5:]):
        raise ScaffoldError(
            f"{source} [site]: 'first_fiscal_year' is {site['first_fiscal_year']!r}; write a "
            "fiscal year as 2024-25 (July 2024 to June 2025)."
        )
    ckan = _check(f"{source} [ckan]", CKAN_KEYS, data.get("ckan", {}), {})
    wards_in = data.get("wards", [])
    if not isinstance(wards_in, list):
        raise ScaffoldError(f"{source}: each ward is a [[wards]] table.")
    wards = []
    for number, ward in enumerate(wards_in, start=1):
        checked = _check(f"{source} ward {number}", WARD_KEYS, ward, ward_rules)
        if not checked["code"].startswith(council["code"] + "-"):
            raise ScaffoldError(
                f"{source} ward {number}: its code {checked['code']!r} must start with the "
                f"council's code and a hyphen ({council['code']}-W01)."
            )
        wards.append(checked)
    codes = [w["code"] for w in wards]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise ScaffoldError(f"{source}: the ward code {twice[0]} is given twice.")
    return Council(council, site, ckan, wards)


def read(path: Path) -> Council:
    """The council file at ``path``, checked."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ScaffoldError(f"There is no council file {path}.") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ScaffoldError(f"{path} is not valid TOML: {error}") from error
    return check(data, str(path))


def ask(prompt: Callable[[str], str] = input, say: Callable[[str], None] = print) -> Council:
    """A council from answers typed at the terminal (for people who do not write TOML)."""
    say("Answer each question; press Enter to leave an optional answer empty.")
    data: dict[str, Any] = {}
    for section, keys in SECTIONS.items():
        data[section] = {}
        for key in keys:
            while True:
                answer = prompt(f"{section} {key.name} ({key.help}): ").strip()
                if answer or not key.required:
                    break
                say(f"  {key.name} is needed.")
            if answer:
                data[section][key.name] = answer
    data["wards"] = []
    say("Now the wards (or union councils), one at a time; an empty code ends the list.")
    while True:
        code = prompt(f"ward code (e.g. {data['council'].get('code', 'CHN-MC')}-W01): ").strip()
        if not code:
            break
        ward = {"code": code}
        for key in WARD_KEYS[1:]:
            ward[key.name] = prompt(f"  {key.name} ({key.help}): ").strip() or key.default
        data["wards"].append(ward)
    while True:
        try:
            return check(data, "your answers")
        except ScaffoldError as error:  # say what is wrong and ask that question again
            say(str(error))
            where, name = _culprit(str(error))
            if where is None:
                raise
            data[where][name] = prompt(f"{where} {name}: ").strip()


def _culprit(message: str) -> tuple[str | None, str]:
    found = re.search(r"\[(council|site|ckan)\][^']*'([a-z_]+)'", message)
    return (found.group(1), found.group(2)) if found else (None, "")


# --- writing the repository ---------------------------------------------------------------


def engine_requirement() -> str:
    """The requirements.txt line that installs this very engine: its VCS address and commit, its
    folder, or its version on the package index."""
    try:
        dist = metadata.distribution("shafaf")
        direct = json.loads(dist.read_text("direct_url.json") or "null")
    except (metadata.PackageNotFoundError, ValueError):
        direct = None
    if isinstance(direct, dict) and "vcs_info" in direct:
        vcs = direct["vcs_info"]
        return f"shafaf @ {vcs['vcs']}+{direct['url']}@{vcs.get('commit_id', '')}"
    if isinstance(direct, dict) and str(direct.get("url", "")).startswith("file://"):
        return f"shafaf @ {direct['url']}"
    return f"shafaf=={shafaf.__version__}"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Makefiles, TOML and Markdown, not HTML
    )


def render(name: str, **context: Any) -> str:
    """The template ``name`` (relative to templates/) rendered with ``context``."""
    return _environment().get_template(name).render(**context)


def _csv(rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _settings(council: Council) -> str:
    lines = [
        "# Pipeline policy and identity of this site. Every setting, its default and its meaning",
        "# is listed in Shafaf's docs/settings.md; a name not listed there is refused.",
        "",
        f"site_name = {_toml_string(council.site['name_en'])}",
        f"site_name_ur = {_toml_string(council.site['name_ur'])}",
        f"site_url = {_toml_string(council.site['url'])}",
        f"ckan_url = {_toml_string(council.ckan['url'])}",
        f"ckan_organization = {_toml_string(council.ckan['organization'])}",
        f"fiscal_year_start_month = {council.site['fiscal_year_start_month']}",
        f"currency = {_toml_string(council.site['currency'])}",
        f"language = {_toml_string(council.site['language'])}",
        "utc_offset_hours = 5",
    ]
    return "\n".join(lines) + "\n"


def _check_settings(council: Council) -> None:
    """Refuse, before anything is written, settings the pipeline would refuse later."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.toml"
        path.write_text(_settings(council), encoding="utf-8")
        try:
            settings.load(path)
        except settings.SettingsError as error:
            raise ScaffoldError(
                str(error).replace(str(path), "the council file's [site]")
            ) from error


def _datasets(folder: Path, council: Council) -> None:
    publisher = {"contributors": [{"title": council.council["name_en"], "role": "publisher"}]}
    for package in packages.PACKAGES:
        packages.write_standard_package(
            folder, package, (), publisher, currency=council.site["currency"]
        )
    c = council.council
    lgs = folder / "local-governments"
    header = [
        "lg_code", "name_en", "name_ur", "tier", "district_en", "district_ur", "province",
        "population", "website",
    ]  # fmt: skip
    row = [c["code"], *(c[k] for k in header[1:-2]), c["population"], c["website"]]
    (lgs / "local-governments.csv").write_text(_csv([header, row]), encoding="utf-8")
    wards = [["ward_code", "lg_code", "name_en", "name_ur", "kind", "population"]]
    wards += [
        [w["code"], c["code"], w["name_en"], w["name_ur"], w["kind"], w["population"]]
        for w in council.wards
    ]
    (lgs / "wards.csv").write_text(_csv(wards), encoding="utf-8")
    (folder / "settings.toml").write_text(_settings(council), encoding="utf-8")
    shutil.copyfile(packages.STANDARD / "holidays.csv", folder / "holidays.csv")


def create(
    target: Path, council_file: Path | None, *, engine: str | None = None, git: bool = True,
    prompt: Callable[[str], str] = input, say: Callable[[str], None] = print,
) -> Path:  # fmt: skip
    """Make the site repository ``target`` for the council in ``council_file`` (or asked for)."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists and is not empty: choose a new folder.")
    council = read(council_file) if council_file else ask(prompt, say)
    _check_settings(council)
    province_en, province_ur = PROVINCES[council.council["province"]]
    context = {
        "council": council.council,
        "site": council.site,
        "engine": engine or engine_requirement(),
        "version": shafaf.__version__,
        "province_name": province_en,
        "province_name_ur": province_ur,
        "dependency_file": "requirements.txt",
    }
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(TEMPLATES.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        name = source.relative_to(TEMPLATES).as_posix()
        out = target / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render(name, **context), encoding="utf-8")
    (target / "content" / "news").mkdir(parents=True, exist_ok=True)
    _datasets(target / "datasets", council)
    if git and shutil.which("git"):
        subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    say(f"Made {target} for {council.council['name_en']}. Next:")
    say(f"  cd {target} && make site      # check the data and build the site")
    say("  then import your first export: see imports/README.md")
    return target
