"""Suppliers: firms, companies, government bodies and redacted individuals, per district."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.sample.config import rng_for

REDACTED_EN = "Redacted (individual)"
REDACTED_UR = "پوشیدہ (فرد)"

SUPPLIER_COLUMNS = ["supplier_id", "name_en", "name_ur", "ntn", "kind"]

_PREFIXES: tuple[tuple[str, str], ...] = (
    ("Al-Noor", "النور"),
    ("Madina", "مدینہ"),
    ("Crescent", "کریسنٹ"),
    ("Shaheen", "شاہین"),
    ("Green Valley", "گرین ویلی"),
    ("Chenab", "چناب"),
    ("Hamza", "حمزہ"),
    ("Bismillah", "بسم اللہ"),
    ("Rehman", "رحمان"),
    ("Usman", "عثمان"),
    ("Zam Zam", "زم زم"),
    ("Five Star", "فائیو اسٹار"),
    ("New Star", "نیو اسٹار"),
    ("Al-Fateh", "الفتح"),
    ("Ghazi", "غازی"),
    ("Royal", "رائل"),
    ("Friends", "فرینڈز"),
    ("Al-Madina", "المدینہ"),
    ("Sabz Hilal", "سبز ہلال"),
    ("Taj", "تاج"),
    ("Al-Hamd", "الحمد"),
    ("Karim", "کریم"),
    ("Awan", "اعوان"),
    ("Bhatti", "بھٹی"),
    ("Chaudhry", "چوہدری"),
    ("Malik", "ملک"),
    ("Sheikh", "شیخ"),
    ("Gondal", "گوندل"),
    ("Tahir", "طاہر"),
    ("Faisal", "فیصل"),
    ("Noor Jahan", "نور جہاں"),
    ("Kohinoor", "کوہ نور"),
    ("Al-Rehmat", "الرحمت"),
    ("Jannat", "جنت"),
    ("Sitara", "ستارہ"),
    ("Al-Khair", "الخیر"),
    ("Nehar", "نہر"),
    ("Qadri", "قادری"),
    ("Anwar", "انور"),
    ("Hilal", "ہلال"),
    ("Pak Watan", "پاک وطن"),
    ("Super", "سپر"),
    ("City", "سٹی"),
    ("Sadaat", "سادات"),
    ("Haider", "حیدر"),
    ("Ittehad", "اتحاد"),
)

# Pool -> (number of suppliers in a district, business names, share that are companies).
_POOLS: dict[str, tuple[int, tuple[tuple[str, str], ...], float]] = {
    "works": (
        90,
        (
            ("Builders", "بلڈرز"),
            ("Construction Company", "کنسٹرکشن کمپنی"),
            ("Engineering Works", "انجینئرنگ ورکس"),
            ("Associates", "ایسوسی ایٹس"),
            ("Contractors", "کنٹریکٹرز"),
            ("Developers", "ڈویلپرز"),
        ),
        0.35,
    ),
    "general": (
        120,
        (
            ("Traders", "ٹریڈرز"),
            ("Enterprises", "انٹرپرائزز"),
            ("General Order Suppliers", "جنرل آرڈر سپلائرز"),
            ("Corporation", "کارپوریشن"),
            ("and Company", "اینڈ کمپنی"),
            ("and Sons", "اینڈ سنز"),
        ),
        0.3,
    ),
    "stationery": (
        24,
        (("Stationers", "اسٹیشنرز"), ("Printers", "پرنٹرز"), ("Book Depot", "بک ڈپو")),
        0.1,
    ),
    "it": (16, (("Computers", "کمپیوٹرز"), ("IT Solutions", "آئی ٹی سلوشنز")), 0.4),
    "vehicles": (
        24,
        (("Motors", "موٹرز"), ("Autos", "آٹوز"), ("Auto Workshop", "آٹو ورکشاپ")),
        0.15,
    ),
    "fuel": (12, (("Filling Station", "فلنگ اسٹیشن"), ("Petroleum", "پٹرولیم")), 0.2),
    "pharma": (
        12,
        (
            ("Pharmacy", "فارمیسی"),
            ("Medical Store", "میڈیکل اسٹور"),
            ("Pharma Distributors", "فارما ڈسٹری بیوٹرز"),
        ),
        0.25,
    ),
    "nursery": (10, (("Nursery", "نرسری"), ("Seed Store", "سیڈ اسٹور")), 0.0),
    "electric": (20, (("Electric Store", "الیکٹرک اسٹور"), ("Electricals", "الیکٹریکلز")), 0.1),
    "media": (10, (("Advertisers", "ایڈورٹائزرز"), ("Publicity Services", "پبلسٹی سروسز")), 0.3),
}

#: Redacted individuals per district (staff claiming allowances, landlords, counsel).
_INDIVIDUALS = 100

_GOVERNMENT: tuple[tuple[str, str, str], ...] = (
    ("gov_power", "{d} Electric Supply Company", "{u} الیکٹرک سپلائی کمپنی"),
    ("gov_gas", "{d} Gas Company", "{u} گیس کمپنی"),
    ("gov_phone", "{d} Telephone Exchange", "{u} ٹیلی فون ایکسچینج"),
    ("gov_post", "Post Office, {d}", "ڈاکخانہ {u}"),
    ("gov_grant", "District Sports Council, {d}", "ضلعی اسپورٹس کونسل {u}"),
    ("gov_grant", "Arts Council, {d}", "آرٹس کونسل {u}"),
    ("gov_grant", "Social Welfare Office, {d}", "سوشل ویلفیئر آفس {u}"),
    ("gov_grant", "Red Crescent Society, {d}", "ہلال احمر سوسائٹی {u}"),
)


def _district_suppliers(district_en: str, district_ur: str, seed: int) -> pd.DataFrame:
    """Suppliers of one district, with internal pool and popularity columns."""
    rng = rng_for(seed, "suppliers", district_en)
    frames = []
    for pool, (count, kinds, company_share) in _POOLS.items():
        combos = [(p, k) for p in range(len(_PREFIXES)) for k in range(len(kinds))]
        picks = rng.choice(len(combos), count, replace=False)
        en, ur = [], []
        for i in picks:
            p, k = combos[i]
            en.append(f"{_PREFIXES[p][0]} {kinds[k][0]}")
            ur.append(f"{_PREFIXES[p][1]} {kinds[k][1]}")
        company = rng.random(count) < company_share
        name_en = np.where(company, np.char.add(np.array(en), " (Pvt) Ltd"), en)
        name_ur = np.where(company, np.char.add(np.array(ur), " (پرائیویٹ) لمیٹڈ"), ur)
        name_ur = np.where(rng.random(count) < 0.75, name_ur, "")
        has_ntn = rng.random(count) < 0.9
        ntn = [
            f"{a:07d}-{b}"
            for a, b in zip(
                rng.integers(1_000_000, 9_999_999, count), rng.integers(0, 10, count), strict=True
            )
        ]
        frames.append(
            pd.DataFrame(
                {
                    "name_en": name_en,
                    "name_ur": name_ur,
                    "ntn": np.where(has_ntn, ntn, ""),
                    "kind": np.where(company, "company", "firm"),
                    "_pool": pool,
                    "_popularity": rng.pareto(3.0, count) + 1.0,
                }
            )
        )
    frames.append(
        pd.DataFrame(
            {
                "name_en": REDACTED_EN,
                "name_ur": REDACTED_UR,
                "ntn": "",
                "kind": "individual_redacted",
                "_pool": "individual",
                "_popularity": np.ones(_INDIVIDUALS),
            }
        )
    )
    frames.append(
        pd.DataFrame(
            {
                "name_en": [g[1].format(d=district_en) for g in _GOVERNMENT],
                "name_ur": [g[2].format(u=district_ur) for g in _GOVERNMENT],
                "ntn": "",
                "kind": "government",
                "_pool": [g[0] for g in _GOVERNMENT],
                "_popularity": 1.0,
            }
        )
    )
    frame = pd.concat(frames, ignore_index=True)
    frame = frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
    frame["_district"] = district_en
    return frame


def suppliers_frame(districts: list[tuple[str, str]], seed: int) -> pd.DataFrame:
    """All suppliers, numbered SUP-00001 onwards, district by district."""
    frame = pd.concat(
        [_district_suppliers(en, ur, seed) for en, ur in districts], ignore_index=True
    )
    width = 5 if len(frame) < 100_000 else 6
    frame.insert(0, "supplier_id", [f"SUP-{i + 1:0{width}d}" for i in range(len(frame))])
    return frame
