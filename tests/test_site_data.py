"""The data pages: built by the plugin from the site bundle, refused from a stale one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from pipeline import bundle, cli, formats, load, packages

from conftest import ROOT, set_cell


def build_site(datasets: Path, bundle_path: Path, output: Path) -> None:
    override = {
        "OUTPUT_PATH": str(output),
        "SHAFAF_BUNDLE": str(bundle_path),
        "SHAFAF_DATASETS": str(datasets),
    }
    Pelican(read_settings(str(ROOT / "pelicanconf.py"), override=override)).run()


@pytest.fixture(scope="module")
def built(mini_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("data-site")
    path = tmp_path / "bundle.json"
    assert cli.main(["analyse", str(mini_source), "--out", str(path)]) == 0
    build_site(mini_source, path, tmp_path / "site")
    return tmp_path / "site"


def test_budget_page_per_council_in_both_languages(mini_source: Path, built: Path) -> None:
    lines = load.table(mini_source / "budget", "budget-*")
    for code in lines["lg_code"].unique():
        english = (built / code.lower() / "budget/index.html").read_text(encoding="utf-8")
        urdu = (built / "ur" / code.lower() / "budget/index.html").read_text(encoding="utf-8")
        assert '<html lang="en" dir="ltr">' in english
        assert '<html lang="ur" dir="rtl">' in urdu
        # The totals shown are the sums of the budget lines, formatted for each language.
        year = lines[(lines.lg_code == code) & (lines.fiscal_year == "2024-25")]
        approved = int(year["approved"].sum())
        assert formats.rupees(approved, "en") in english
        assert formats.rupees(approved, "ur") in urdu
        assert formats.rupees_exact(approved, "en") in english
        # The language switch leads to the same page in the other language.
        assert f'href="../../ur/{code.lower()}/budget/"' in english
        assert f'href="../../../{code.lower()}/budget/"' in urdu
    councils = (built / "councils/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="\.\./[a-z0-9-]+/budget/"', councils)) == lines.lg_code.nunique()


def test_analyse_refuses_invalid_data(mini: Path, tmp_path: Path, capsys) -> None:
    set_cell(mini / "budget/budget-2024-25.csv", 3, "approved", "Rs. 5,000")
    path = tmp_path / "bundle.json"
    assert cli.main(["analyse", str(mini), "--out", str(path)]) == 1
    assert "The site bundle was not updated." in capsys.readouterr().out
    assert not path.exists()


def test_stale_or_missing_bundle_is_refused(mini: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "bundle.json"
    assert cli.main(["check-bundle", str(mini), "--bundle", str(path)]) == 1
    assert "does not exist: run `make analyse` first" in capsys.readouterr().err
    assert cli.main(["analyse", str(mini), "--out", str(path)]) == 0
    assert cli.main(["check-bundle", str(mini), "--bundle", str(path)]) == 0
    set_cell(mini / "budget/budget-2024-25.csv", 3, "approved", "5000")
    assert cli.main(["check-bundle", str(mini), "--bundle", str(path)]) == 1
    assert "older than the data" in capsys.readouterr().err
    with pytest.raises(bundle.BundleError):
        bundle.read(path, mini)


@pytest.mark.parametrize(
    ("paisa", "lang", "text"),
    [
        (458_346_100_000, "en", "Rs 458.3 crore"),
        (458_346_100_000, "ur", "458.3\xa0کروڑ روپے"),
        (12_500_000, "en", "Rs 1.2 lakh"),
        (12_500_000_00, "ur", "1.2\xa0کروڑ روپے"),
        (5_000, "en", "Rs 50"),
        (None, "en", "–"),
    ],
)
def test_rupees_read_as_pakistani_readers_expect(paisa, lang, text) -> None:
    assert formats.rupees(paisa, lang) == text


def test_money_is_exact_paisa() -> None:
    import pandas as pd

    values = load.money(pd.Series(["1,20,000", "1200.5", "-5.25", None]))
    assert values.tolist()[:3] == [12_000_000, 120_050, -525]
    assert values.isna().tolist() == [False, False, False, True]


def test_spending_and_supplier_pages(mini_source: Path, built: Path) -> None:
    payments = load.table(mini_source / "spending", "payments-*")
    suppliers = load.table(mini_source / "spending", "suppliers")
    for code in payments["lg_code"].unique():
        for prefix, lang in (("", "en"), ("ur/", "ur")):
            page = (built / prefix / code.lower() / "spending/index.html").read_text("utf-8")
            year = payments[(payments.lg_code == code) & (payments.fiscal_year == "2024-25")]
            assert formats.rupees(int(year["amount"].sum()), lang) in page
    firms = suppliers[suppliers.kind != "individual_redacted"]
    busiest = payments[payments.supplier_id.isin(firms.supplier_id)].supplier_id.value_counts()
    sid, count = busiest.index[0], int(busiest.iloc[0])
    pages = -(-count // 50)
    folder = built / "suppliers" / sid.lower()
    listed = (folder / "index.html").read_text("utf-8").count('<td class="num">')
    assert listed == min(count, 50)
    if pages > 1:
        assert (folder / f"page-{pages}/index.html").exists()
        assert not (folder / f"page-{pages + 1}").exists()
    # Individuals are never listed one by one.
    people = suppliers[suppliers.kind == "individual_redacted"].supplier_id
    for person in people:
        assert not (built / "suppliers" / person.lower()).exists()


def test_complaints_pages(mini_source: Path, built: Path) -> None:
    requests = load.table(mini_source / "complaints", "complaints-*")
    for code in requests["lg_code"].unique():
        year = requests[(requests.lg_code == code) & (requests.fiscal_year == "2024-25")]
        closed = year[year.status == "closed"]
        days = (closed.resolved_datetime - closed.requested_datetime).dt.total_seconds() / 86400
        for prefix, lang in (("", "en"), ("ur/", "ur")):
            page = (built / prefix / code.lower() / "complaints/index.html").read_text("utf-8")
            section = page.split('id="fy-2024-25"', 1)[1].split("<section", 1)[0]
            assert f"<dd>{len(year)}</dd>" in section
            assert f"<dd>{formats.days(round(float(days.median()), 1), lang)}</dd>" in section
            # satisfaction is of the complaints the citizen rated, and says how many those are
            rated = year.citizen_feedback.isin(["satisfied", "not_satisfied"])
            satisfied = int((year.citizen_feedback == "satisfied").sum())
            assert formats.percent(satisfied / int(rated.sum()), lang) in section
            if lang == "en":
                assert f"({satisfied} of the {int(rated.sum())} complaints the citizen rated; " in (
                    section
                )


def test_complaint_statistics_on_a_known_case() -> None:
    import pandas as pd

    from pipeline.analyse import complaints

    t0 = pd.Timestamp("2024-08-01T10:00:00+05:00")
    frame = pd.DataFrame(
        {
            "lg_code": "X-MC", "fiscal_year": "2024-25", "ward_code": ["W1", "W1", "W2"],
            "service_code": "drain", "agency_responsible": "SAN",
            "status": ["closed", "closed", "open"],
            "requested_datetime": [t0, t0, t0],
            "updated_datetime": [t0, t0, t0 + pd.Timedelta(days=50)],
            "resolved_datetime": [t0 + pd.Timedelta(days=2), t0 + pd.Timedelta(days=30), pd.NaT],
            "citizen_feedback": ["satisfied", "not_satisfied", "none"],
            "reopened_count": [0, 1, 0],
        }
    )  # fmt: skip
    categories = pd.DataFrame(
        {"service_code": ["drain"], "service_name_en": ["Drain"], "service_name_ur": ["نالی"]}
    )
    departments = pd.DataFrame({"dept_code": ["SAN"], "name_en": ["San"], "name_ur": ["صفائی"]})
    wards = pd.DataFrame(
        {"ward_code": ["W1", "W2"], "name_en": ["One", "Two"], "name_ur": ["ا", "ب"],
         "population": [2000, 1000]}
    )  # fmt: skip
    year = complaints.summary(frame, categories, departments, wards)["X-MC"]["2024-25"]
    totals = year["totals"]
    assert (totals["received"], totals["resolved"], totals["median_days"]) == (3, 2, 16.0)
    assert totals["within_target"] == 0.5  # 2 days yes, 30 days no
    assert totals["satisfied_rate"] == 1 / 2  # of the two the citizen rated
    assert (totals["satisfied"], totals["rated"], totals["not_rated"]) == (1, 2, 1)
    assert totals["reopened_rate"] == 1 / 3
    assert (year["open"], year["overdue"]) == (1, 1)  # open 50 days
    assert [w["per_1000"] for w in year["wards"]] == [1.0, 1.0]


def test_dataset_pages_and_downloads(mini_source: Path, built: Path) -> None:

    for descriptor in mini_source.glob("*/datapackage.json"):
        meta = packages.read_descriptor(descriptor.parent)  # shared schemas inlined
        name = meta["name"]
        for prefix in ("", "ur/"):
            page = (built / prefix / "data" / name / "index.html").read_text("utf-8")
            for resource in meta["resources"]:
                assert f"{resource['path']}</bdi></a>" in page
                for field in resource.get("schema", {}).get("fields", []):
                    assert f"<code>{field['name']}</code>" in page
        # Every file is offered byte for byte as published.
        assert (built / "data" / name / "datapackage.json").read_bytes() == descriptor.read_bytes()
        for file in packages.package_files(descriptor.parent):  # schema files too
            published = built / "data" / name / file
            assert published.read_bytes() == (descriptor.parent / file).read_bytes()
    catalogue = (built / "data/index.html").read_text("utf-8")
    assert catalogue.count('/">') >= 4


def test_urdu_percentages_keep_their_sign_in_place() -> None:
    assert formats.percent(0.109, "en") == "10.9%"
    assert formats.percent(0.109, "ur") == "\u206610.9%\u2069"
    assert formats.percent(None, "ur") == "–"


def test_fiscal_year_start_comes_from_the_settings(mini_source: Path) -> None:
    from pipeline import settings

    config = {**settings.DEFAULTS, "fiscal_year_start_month": 4}
    content = bundle.build(mini_source, config)
    assert content["fiscal_year_start_month"] == 4
    year = content["spending"]["SBZ-MC"]["2024-25"]
    assert [m["month"] for m in year["months"]][:2] == ["2024-04", "2024-05"]
    assert content["complaints"]["SBZ-MC"]["2024-25"]["first_month"] == "2024-04"
    default = bundle.build(mini_source)
    assert default["spending"]["SBZ-MC"]["2024-25"]["months"][0]["month"] == "2024-07"


def test_department_pages(mini_source: Path, built: Path) -> None:
    payments = load.table(mini_source / "spending", "payments-*")
    suppliers = load.table(mini_source / "spending", "suppliers")
    people = set(suppliers[suppliers.kind == "individual_redacted"].supplier_id)
    year = payments[payments.fiscal_year == "2024-25"]
    for (code, dept), part in year.groupby(["lg_code", "dept_code"]):
        for prefix, lang in (("", "en"), ("ur/", "ur")):
            folder = built / prefix / code.lower() / "departments"
            page = (folder / dept.lower() / "index.html").read_text("utf-8")
            section = page.split('id="fy-2024-25"', 1)[1].split("<section", 1)[0]
            assert formats.rupees(int(part["amount"].sum()), lang) in section
            largest = part.sort_values(["amount", "transaction_id"], ascending=[False, True])
            assert largest.iloc[0]["transaction_id"] in section
            # a payment to a person is listed without saying who was paid
            for person in people & set(part.supplier_id):
                assert f"suppliers/{person.lower()}/" not in section
            index = (folder / "index.html").read_text("utf-8")
            assert f'href="{dept.lower()}/"' in index


def test_ward_pages_and_map(mini_source: Path, built: Path) -> None:
    requests = load.table(mini_source / "complaints", "complaints-*")
    year = requests[requests.fiscal_year == "2024-25"]
    for (code, ward), part in year.groupby(["lg_code", "ward_code"]):
        for prefix, lang in (("", "en"), ("ur/", "ur")):
            folder = built / prefix / code.lower() / "wards"
            page = (folder / ward.lower() / "index.html").read_text("utf-8")
            section = page.split('id="fy-2024-25"', 1)[1].split("<section", 1)[0]
            assert f"<dd>{formats.number(len(part), lang)}</dd>" in section
            index = (folder / "index.html").read_text("utf-8")
            assert f'href="{ward.lower()}/"' in index
            # the ward map of the year, drawn from wards.geojson
            assert re.search(
                rf'src="[./]*charts/wards-map_{code}_2024-25\.{lang}\.\w+\.svg"', index
            )


def test_department_figures_on_a_known_case() -> None:
    import pandas as pd

    from pipeline.analyse import departments

    day = pd.Timestamp("2024-08-01")
    payments = pd.DataFrame(
        {
            "transaction_id": ["T1", "T2", "T3", "T4"], "lg_code": "X-MC",
            "fiscal_year": "2024-25", "dept_code": "ENG", "object_code": "A03901",
            "supplier_id": ["F1", "F1", "F2", "P1"], "amount": [600, 200, 100, 100],
            "payment_date": [day, day, day + pd.Timedelta(days=40), day], "purpose": "x",
        }
    )  # fmt: skip
    suppliers = pd.DataFrame(
        {"supplier_id": ["F1", "F2", "P1"], "name_en": ["Firm 1", "Firm 2", "Redacted"],
         "name_ur": ["فرم", None, "پوشیدہ"], "kind": ["firm", "firm", "individual_redacted"]}
    )  # fmt: skip
    objects = pd.DataFrame({"object_code": ["A03901"], "name_en": ["Stationery"], "name_ur": ["x"]})
    eng = departments.summary(payments, suppliers, objects)["X-MC"]["ENG"]["2024-25"]
    assert (eng["amount"], eng["count"]) == (1000, 4)
    assert eng["hhi"] == round(0.8**2 + 0.1**2 + 0.1**2, 4)  # the person counts as a supplier
    assert [s["code"] for s in eng["suppliers"]] == ["F1", "F2"]  # people are never named
    assert [p["supplier"] for p in eng["largest"]] == ["F1", "F1", "F2", None]
    assert eng["largest"][2]["supplier_ur"] == "Firm 2"  # no Urdu name: the English one
    assert eng["largest"][3]["supplier_en"] is None
    # July to October: nothing is published before August, the first month with a payment
    assert [m["amount"] for m in eng["months"][:4]] == [None, 900, 100, None]


def test_ward_ranks_on_a_known_case() -> None:
    import pandas as pd

    from pipeline.analyse import wards

    t0 = pd.Timestamp("2024-08-01T10:00:00+05:00")
    frame = pd.DataFrame(
        {
            "lg_code": "X-MC", "fiscal_year": "2024-25", "ward_code": ["W1", "W2", "W2"],
            "service_code": "drain", "agency_responsible": "SAN", "status": "closed",
            "requested_datetime": t0, "updated_datetime": t0,
            "resolved_datetime": t0 + pd.Timedelta(days=1),
            "citizen_feedback": "none", "reopened_count": 0,
        }, index=range(3),
    )  # fmt: skip
    categories = pd.DataFrame(
        {"service_code": ["drain"], "service_name_en": ["Drain"], "service_name_ur": ["نالی"]}
    )
    table = pd.DataFrame(
        {"ward_code": ["W1", "W2", "W3"], "lg_code": "X-MC", "name_en": ["A", "B", "C"],
         "name_ur": ["ا", "ب", "ج"], "kind": "ward", "population": [500, 4000, 100]}
    )  # fmt: skip
    found = wards.summary(frame, categories, table)["X-MC"]
    assert found["W1"]["years"]["2024-25"]["per_1000"] == 2.0  # 1 complaint, 500 people
    assert found["W2"]["years"]["2024-25"]["per_1000"] == 0.5
    assert (found["W1"]["years"]["2024-25"]["rank"], found["W1"]["years"]["2024-25"]["of"]) == (
        1,
        2,
    )
    assert found["W3"]["years"] == {}  # no complaints: listed, with no figures


def test_ward_map_winds_outlines_for_d3_and_names_unmapped_wards() -> None:
    from pipeline.charts import wards

    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]  # counter-clockwise, as RFC 7946 winds it
    rewound = wards.rewind({"type": "Polygon", "coordinates": [square]})
    assert rewound["coordinates"][0] == square[::-1]
    assert wards.rewind(rewound) == rewound
    ward = {"name_en": "A", "name_ur": "ا", "population": 1000, "years": {
        "2024-25": {"totals": {"received": 3}, "per_1000": 3.0}}}  # fmt: skip
    both = {"X-W1": ward, "X-W2": {**ward, "name_en": "Unmapped", "name_ur": "ب"}}
    shapes = {"X-W1": {"type": "Polygon", "coordinates": [square]}}
    fig = wards.figure("wards-map/X/2024-25", both, shapes, "2024-25")
    assert fig is not None and "Unmapped" in fig.description["en"]
    assert wards.figure("wards-map/X/2024-25", both, {}, "2024-25") is None


def test_report_pages_route_each_kind_of_complaint(mini_source: Path, built: Path) -> None:
    categories = load.table(mini_source / "complaints", "categories")
    councils = load.table(mini_source / "local-governments", "local-governments")
    for code in councils["lg_code"]:
        for prefix, lang in (("", "en"), ("ur/", "ur")):
            page = (built / prefix / code.lower() / "report/index.html").read_text("utf-8")
            for row in categories.itertuples():
                assert getattr(row, f"service_name_{lang}") in page
            assert 'href="https://citizenportal.gov.pk/"' in page  # the default channel
            assert "<form" not in page  # no intake service configured: no form


def test_report_form_posts_to_the_intake_service(mini_source: Path, tmp_path: Path) -> None:
    from conftest import pelican_build

    datasets = tmp_path / "datasets"
    import shutil

    shutil.copytree(mini_source, datasets)
    (datasets / "settings.toml").write_text(
        'feedback_url = "http://127.0.0.1:8311"\nhelpline = "1334"\n', encoding="utf-8"
    )
    path = tmp_path / "bundle.json"
    assert cli.main(["analyse", str(datasets), "--out", str(path)]) == 0
    settings = {"SHAFAF_BUNDLE": str(path), "SHAFAF_DATASETS": str(datasets)}
    assert pelican_build("pelicanconf.py", tmp_path / "site", settings) == []
    wards = load.table(datasets / "local-governments", "wards")
    code = wards["lg_code"].iloc[0]
    page = (tmp_path / "site" / code.lower() / "report/index.html").read_text("utf-8")
    assert 'action="http://127.0.0.1:8311/open311/v2/requests.json"' in page
    assert f'name="jurisdiction_id" value="{code}"' in page
    for ward in wards[wards.lg_code == code].ward_code:
        assert f'<option value="{ward}">' in page
    assert 'href="tel:1334"' in page
    assert 'name="website" tabindex="-1"' in page  # the honeypot bots fill in
