"""Generator: runs the parts local government by local government and writes the data sets."""

from __future__ import annotations

import contextlib
import os
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.sample import codes, complaints, payments, places, planted
from pipeline.sample.budget import BUDGET_COLUMNS, budget_lines, payable_weight
from pipeline.sample.config import DOMINANT_SHARE, SampleConfig, rng_for
from pipeline.sample.dates import elapsed_share, fy_bounds
from pipeline.sample.suppliers import SUPPLIER_COLUMNS, suppliers_frame
from pipeline.sample.writer import CsvWriter, write_descriptors, write_geojson, write_truth

_INDICATOR_ORDER = {code: i for i, code in enumerate(planted.INDICATORS)}


@dataclass
class Summary:
    """What a run wrote: rows per file and planted cases per indicator."""

    rows: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)
    truth: str = ""

    def line(self) -> str:
        """One line for the terminal."""
        files = ", ".join(f"{name} {count:,}" for name, count in self.rows.items())
        cases = ", ".join(f"{name} {count}" for name, count in self.cases.items())
        return f"wrote {files}; planted cases ({self.truth}): {cases}"


def _allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Whole numbers proportional to ``weights`` that add up to ``total``."""
    raw = total * weights / weights.sum()
    counts = np.floor(raw).astype(np.int64)
    short = total - int(counts.sum())
    counts[np.argsort(-(raw - counts), kind="stable")[:short]] += 1
    return counts


def check_config(config: SampleConfig) -> None:
    """Refuse settings the descriptors cannot describe."""
    current = config.fiscal_years[-1]
    first, last = fy_bounds(current)
    if not first <= config.as_of <= last:
        raise ValueError(
            f"--as-of must fall in fiscal year {current} ({first} to {last}), the current year "
            f"the data package descriptors list; got {config.as_of}."
        )
    if config.local_governments < 1 or config.payments < 1 or config.threshold < 1000:
        raise ValueError("local governments and payments must be positive, threshold >= 1000.")


def _process(
    lg: places.LocalGovernment,
    lines: dict[str, pd.DataFrame],
    pay_counts: dict[str, int],
    complaint_counts: dict[str, int],
    pools: payments.SupplierPools,
    suppliers: pd.DataFrame,
    wards: pd.DataFrame,
    config: SampleConfig,
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict], dict[str, pd.DataFrame]]:
    """Payments, complaints and planted cases of one local government, all years, and its
    budget lines with the actual expenditure filled in."""
    seed, as_of, threshold = config.seed, config.as_of, config.threshold
    years = list(config.fiscal_years)
    complete = [fy for fy in years if elapsed_share(fy, as_of) >= 1.0]
    frames = [
        payments.year_payments(
            lg,
            lines[fy],
            pay_counts[fy],
            pools,
            wards,
            rng_for(seed, "payments", lg.lg_code, fy),
            as_of,
        )
        for fy in years
    ]
    pay = pd.concat(frames, ignore_index=True)
    pay["_planted"] = False
    pay["_key"] = np.arange(len(pay))
    rng = rng_for(seed, "planted", lg.lg_code)
    cases: list[planted.Case] = []
    for fy in complete:
        n_lines = int((lines[fy]["_target"] > 0).sum())
        count = int(np.clip(round(n_lines / 35), 1, 3))
        cases += planted.plant_over_budget(pay, lines[fy], count, rng)
    for fy in years:
        n = max(1, pay_counts[fy])
        count = int(np.clip(round(n / 1000), 1, 5))
        pay, found = planted.plant_splits(
            pay, lines[fy], count, pools, rng, threshold, as_of, int(pay["_key"].max()) + 1
        )
        cases += found
        pay, found = planted.plant_duplicates(
            pay, lines[fy], count, rng, threshold, as_of, int(pay["_key"].max()) + 1
        )
        cases += found
    protected: set[tuple[str, str, str]] = set()
    dominant_years = rng.permutation(complete)[: 2 if sum(pay_counts.values()) > 8000 else 1]
    for fy in sorted(dominant_years):
        case = planted.plant_dominance(pay, str(fy), pools, rng, DOMINANT_SHARE, threshold)
        if case is not None:
            cases.append(case)
            protected.add((case.lg_code, case.fiscal_year, str(case.dept_code)))
    pay = payments.declutter(pay, pools, rng, as_of, threshold, DOMINANT_SHARE, protected)

    # Actual expenditure of finished years is what was paid on each line.
    for fy in complete:
        frame = lines[fy]
        paid = pay[pay["fiscal_year"] == fy].groupby("budget_line_id")["amount"].sum()
        payable = frame["_kind"] != "salary"
        actual = frame["line_id"].map(paid).fillna(0).astype(np.int64)
        frame.loc[payable, "actual"] = actual[payable].to_numpy()

    pay = payments.finalise(pay, suppliers, lg, rng, threshold)
    ids = dict(zip(pay["_key"].tolist(), pay["transaction_id"].tolist(), strict=True))

    cmp = pd.concat(
        [
            complaints.year_complaints(
                lg,
                fy,
                complaint_counts[fy],
                wards,
                rng_for(seed, "complaints", lg.lg_code, fy),
                as_of,
            )
            for fy in years
        ],
        ignore_index=True,
    )
    cmp["_key"] = np.arange(len(cmp))
    for fy in years:
        count = complaint_counts[fy]
        if count >= 60:
            case = planted.plant_closed_without_action(
                cmp, fy, int(np.clip(count // 400, 2, 6)), rng, as_of
            )
            if case is not None:
                cases.append(case)
    cmp = complaints.finalise(cmp, lg)
    complaint_ids = dict(zip(cmp["_key"].tolist(), cmp["service_request_id"].tolist(), strict=True))

    truth = []
    for case in cases:
        if case.indicator == "closed_without_action":
            rows = sorted(complaint_ids[k] for k in case.keys)
        elif case.indicator == "over_budget_line":
            frame = lines[case.fiscal_year].set_index("line_id")
            line = frame.loc[str(case.line_id)]
            case.amount = int(line["actual"]) - int(line["revised"])
            rows = [str(case.line_id)]
        elif case.indicator == "dominant_supplier":
            group = pay[
                (pay["fiscal_year"] == case.fiscal_year) & (pay["dept_code"] == case.dept_code)
            ]
            mine = group[group["supplier_id"] == case.supplier_id]
            case.amount = int(mine["amount"].sum())
            share = case.amount / int(group["amount"].sum())
            case.note = (
                f"{case.supplier_id} received {share:.0%} of {case.dept_code}'s "
                f"payments in {case.fiscal_year} ({len(mine)} payments)."
            )
            rows = sorted(mine["transaction_id"].tolist())
        else:
            rows = sorted(ids[k] for k in case.keys)
        truth.append(case.as_truth(rows))
    return pay, cmp, truth, lines


def _process_task(args: tuple) -> tuple:
    """:func:`_process` for a worker process."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*infer_string.*")
        with _plain_strings():
            return _process(*args)


def generate(config: SampleConfig) -> Summary:
    """Generate every file of the sample into ``config.out`` and the truth into
    ``config.truth``."""
    check_config(config)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*infer_string.*")
        with _plain_strings():
            return _generate(config)


def _plain_strings() -> contextlib.AbstractContextManager:
    """Plain Python strings in object columns: here several times faster than Arrow strings."""
    try:
        pd.get_option("future.infer_string")
    except (KeyError, pd.errors.OptionError):
        return contextlib.nullcontext()
    return pd.option_context("future.infer_string", False)


def _generate(config: SampleConfig) -> Summary:
    """The body of :func:`generate`."""
    seed, as_of, out = config.seed, config.as_of, config.out
    years = list(config.fiscal_years)
    lgs = places.local_governments(config.local_governments, seed)
    districts = list(dict.fromkeys((lg.district_en, lg.district_ur) for lg in lgs))
    suppliers = suppliers_frame(districts, seed)
    pools = {
        str(d): payments.SupplierPools(group)
        for d, group in suppliers.groupby("_district", sort=False)
    }
    wards = {lg.lg_code: places.wards_frame(lg, seed) for lg in lgs}
    lines = {
        lg.lg_code: {
            fy: budget_lines(lg, fy, i, wards[lg.lg_code], seed, as_of)
            for i, fy in enumerate(years)
        }
        for lg in lgs
    }
    keys = [(lg.lg_code, fy) for lg in lgs for fy in years]
    pay_weights = np.array([payable_weight(lines[lg][fy]) for lg, fy in keys])
    pay_counts = dict(zip(keys, _allocate(config.payments, pay_weights).tolist(), strict=True))
    growth = {fy: 0.85 + 0.12 * i for i, fy in enumerate(years)}
    complaint_weights = np.array(
        [
            lg.population**0.9
            * (0.45 if lg.tier == "district_council" else 1.0)
            * growth[fy]
            * min(1.0, elapsed_share(fy, as_of) * 1.2)
            for lg in lgs
            for fy in years
        ]
    )
    complaint_counts = dict(
        zip(keys, _allocate(config.complaints, complaint_weights).tolist(), strict=True)
    )

    writer = CsvWriter()
    lg_dir, budget_dir = out / "local-governments", out / "budget"
    spend_dir, complaint_dir = out / "spending", out / "complaints"
    writer.write(
        lg_dir / "local-governments.csv",
        places.local_governments_frame(lgs),
        [
            "lg_code",
            "name_en",
            "name_ur",
            "tier",
            "district_en",
            "district_ur",
            "province",
            "population",
            "website",
        ],
    )
    all_wards = pd.concat(wards.values(), ignore_index=True)
    writer.write(
        lg_dir / "wards.csv",
        all_wards,
        ["ward_code", "lg_code", "name_en", "name_ur", "kind", "population"],
    )
    features = [f for lg in lgs for f in places.ward_features(lg, wards[lg.lg_code], seed)]
    write_geojson(lg_dir / "wards.geojson", features)
    writer.write(
        budget_dir / "departments.csv",
        codes.departments_frame(),
        ["dept_code", "name_en", "name_ur"],
    )
    writer.write(
        budget_dir / "object-codes.csv",
        codes.object_codes_frame(),
        ["object_code", "major_code", "name_en", "name_ur"],
    )
    writer.write(
        budget_dir / "function-codes.csv",
        codes.function_codes_frame(),
        ["function_code", "name_en", "name_ur"],
    )
    writer.write(
        complaint_dir / "categories.csv",
        codes.categories_frame(),
        ["service_code", "service_name_en", "service_name_ur", "group", "dept_code"],
    )
    writer.write(spend_dir / "suppliers.csv", suppliers, SUPPLIER_COLUMNS)
    empty = pd.DataFrame()
    for fy in years:
        writer.write(spend_dir / f"payments-{fy}.csv", empty, payments.PAYMENT_COLUMNS)
        writer.write(complaint_dir / f"complaints-{fy}.csv", empty, complaints.COMPLAINT_COLUMNS)

    tasks = [
        (
            lg,
            lines[lg.lg_code],
            {fy: pay_counts[(lg.lg_code, fy)] for fy in years},
            {fy: complaint_counts[(lg.lg_code, fy)] for fy in years},
            pools[lg.district_en],
            suppliers[suppliers["_district"] == lg.district_en],
            wards[lg.lg_code],
            config,
        )
        for lg in lgs
    ]
    jobs = config.jobs or (min(4, os.cpu_count() or 1) if len(lgs) >= 8 else 1)
    truth: list[dict] = []
    with contextlib.ExitStack() as stack:
        if jobs > 1:
            executor = stack.enter_context(ProcessPoolExecutor(jobs))
            results = executor.map(_process_task, tasks)
        else:
            results = map(_process_task, tasks)
        for lg, (pay, cmp, found, done) in zip(lgs, results, strict=True):
            lines[lg.lg_code] = done
            for fy, group in pay.groupby("fiscal_year", sort=True):
                writer.append(spend_dir / f"payments-{fy}.csv", group, payments.PAYMENT_COLUMNS)
            for fy, group in cmp.groupby("fiscal_year", sort=True):
                writer.append(
                    complaint_dir / f"complaints-{fy}.csv", group, complaints.COMPLAINT_COLUMNS
                )
            truth += found
    for fy in years:
        frame = pd.concat([lines[lg.lg_code][fy] for lg in lgs], ignore_index=True)
        writer.write(budget_dir / f"budget-{fy}.csv", frame, BUDGET_COLUMNS)

    truth.sort(
        key=lambda c: (
            _INDICATOR_ORDER[c["indicator"]],
            c["lg_code"],
            c["fiscal_year"],
            c["rows"][0] if c["rows"] else "",
        )
    )
    write_truth(config.truth, truth)
    write_descriptors(out, tuple(years))

    summary = Summary(truth=str(config.truth))
    for path, count in writer.rows.items():
        summary.rows[str(Path(path).relative_to(out))] = count
    for code in planted.INDICATORS:
        summary.cases[code] = sum(1 for c in truth if c["indicator"] == code)
    return summary
