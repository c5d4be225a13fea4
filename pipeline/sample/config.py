"""Settings of the sample generator: defaults, scales, the procurement threshold and seeding."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

#: Procurement threshold in rupees that the integrity analytics default to: payments at or above
#: it need an open tender. Punjab's PPRA rules set the real figure by notification; this is the
#: demo default, and ``--threshold`` changes it. Planted ``split_payment`` cases sit just below it.
PROCUREMENT_THRESHOLD = 500_000

#: Payments below this are ordinarily direct purchases; between it and the threshold, quotations.
DIRECT_PURCHASE_LIMIT = 100_000

#: Days within which planted split payments fall (and ordinary ones are kept from clustering).
SPLIT_WINDOW_DAYS = 14

#: Days within which a planted duplicate repeats the original payment.
DUPLICATE_WINDOW_DAYS = 3

#: Supplier share of a department's payments in a year above which it is "dominant".
DOMINANT_SHARE = 0.60

#: Complaint resolution target (Pakistan Citizen Portal practice), days.
COMPLAINT_TARGET_DAYS = 20

#: The fiscal years the data package descriptors list; the last is the current year.
FISCAL_YEARS: tuple[str, ...] = ("2023-24", "2024-25", "2025-26", "2026-27")

DEFAULT_SEED = 2024
DEFAULT_AS_OF = date(2026, 10, 31)
DEFAULT_OUT = Path("datasets")
DEFAULT_TRUTH = Path("evaluation/ground-truth/sample.json")

#: Complaints generated per payment (demo: ~18,000 complaints for ~36,000 payments).
COMPLAINTS_PER_PAYMENT = 0.5


@dataclass(frozen=True)
class Scale:
    """A preset size: how many local governments and payments (all four years together)."""

    name: str
    local_governments: int
    payments: int


SCALES: dict[str, Scale] = {
    "demo": Scale("demo", 4, 36_000),
    "province": Scale("province", 300, 3_000_000),
}


@dataclass(frozen=True)
class SampleConfig:
    """Everything one run of the generator depends on."""

    out: Path = DEFAULT_OUT
    truth: Path = DEFAULT_TRUTH
    seed: int = DEFAULT_SEED
    as_of: date = DEFAULT_AS_OF
    scale: str = "demo"
    local_governments: int = SCALES["demo"].local_governments
    payments: int = SCALES["demo"].payments
    threshold: int = PROCUREMENT_THRESHOLD
    fiscal_years: tuple[str, ...] = FISCAL_YEARS
    jobs: int = 0  # worker processes; 0 = automatic (several for many local governments)

    @property
    def complaints(self) -> int:
        """Target number of complaints across all years."""
        return round(self.payments * COMPLAINTS_PER_PAYMENT)


def rng_for(seed: int, *keys: str | int) -> np.random.Generator:
    """A generator seeded by ``seed`` and stable keys, so each part is reproducible on its own."""
    entropy = [seed] + [k if isinstance(k, int) else zlib.crc32(k.encode("utf-8")) for k in keys]
    return np.random.default_rng(entropy)
