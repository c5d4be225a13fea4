"""Places: the fictional district, its local governments, wards and their boundaries."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.sample.config import rng_for

DISTRICT = ("Sabzabad", "سبزآباد")


@dataclass(frozen=True)
class LocalGovernment:
    """One local government of the sample, with its wards or union councils."""

    lg_code: str
    name_en: str
    name_ur: str
    tier: str
    district_en: str
    district_ur: str
    population: int
    n_wards: int
    origin: tuple[float, float]  # south-west corner of its area (lat, lon)
    size: tuple[float, float]  # (height, width) of its area in degrees
    website: str = ""

    @property
    def ward_kind(self) -> str:
        """Wards in cities and towns, union councils in a district council."""
        return "union_council" if self.tier == "district_council" else "ward"

    @property
    def ward_prefix(self) -> str:
        """Code prefix of its wards: W or UC."""
        return "UC" if self.tier == "district_council" else "W"


# The demo district: four fictional councils around a made-up centre near 31.0N 73.0E.
SABZABAD: tuple[LocalGovernment, ...] = (
    LocalGovernment(
        "SBZ-MC",
        "Sabzabad Municipal Corporation",
        "میونسپل کارپوریشن سبزآباد",
        "municipal_corporation",
        *DISTRICT,
        1_120_000,
        30,
        (30.95, 72.94),
        (0.10, 0.12),
        "https://sabzabad.example.org/",
    ),
    LocalGovernment(
        "CHP-MC",
        "Chandpur Municipal Committee",
        "میونسپل کمیٹی چاندپور",
        "municipal_committee",
        *DISTRICT,
        245_000,
        15,
        (31.12, 73.16),
        (0.05, 0.08),
    ),
    LocalGovernment(
        "NHR-TC",
        "Nehrabad Town Committee",
        "ٹاؤن کمیٹی نہرآباد",
        "town_committee",
        *DISTRICT,
        62_000,
        9,
        (30.80, 73.14),
        (0.03, 0.03),
    ),
    LocalGovernment(
        "SBZ-DC",
        "Sabzabad District Council",
        "ضلع کونسل سبزآباد",
        "district_council",
        *DISTRICT,
        1_080_000,
        24,
        (30.70, 72.55),
        (0.40, 0.30),
    ),
)

_URBAN_NAMES: tuple[tuple[str, str], ...] = (
    ("Gulshan Colony", "گلشن کالونی"),
    ("Model Town", "ماڈل ٹاؤن"),
    ("Satellite Town", "سیٹلائٹ ٹاؤن"),
    ("Civil Lines", "سول لائنز"),
    ("Purana Shehr", "پرانا شہر"),
    ("Ghalla Mandi", "غلہ منڈی"),
    ("Railway Colony", "ریلوے کالونی"),
    ("Madina Town", "مدینہ ٹاؤن"),
    ("Iqbal Town", "اقبال ٹاؤن"),
    ("Jinnah Colony", "جناح کالونی"),
    ("Nishatabad", "نشاط آباد"),
    ("Gulberg", "گلبرگ"),
    ("Samanabad", "سمن آباد"),
    ("Faisal Town", "فیصل ٹاؤن"),
    ("Shadman", "شادمان"),
    ("Mohalla Eidgah", "محلہ عیدگاہ"),
    ("Kutchery Bazaar", "کچہری بازار"),
    ("Hospital Road", "ہسپتال روڈ"),
    ("Canal View", "کینال ویو"),
    ("Green Town", "گرین ٹاؤن"),
    ("Usmania Colony", "عثمانیہ کالونی"),
    ("Rehmanpura", "رحمان پورہ"),
    ("Bilal Colony", "بلال کالونی"),
    ("Farooqabad", "فاروق آباد"),
    ("Mustafabad", "مصطفیٰ آباد"),
    ("Garden Town", "گارڈن ٹاؤن"),
    ("Township", "ٹاؤن شپ"),
    ("Islampura", "اسلام پورہ"),
    ("Kashmir Colony", "کشمیر کالونی"),
    ("Ghousia Colony", "غوثیہ کالونی"),
    ("Noorpura", "نور پورہ"),
    ("Mohalla Qazian", "محلہ قاضیاں"),
    ("Ali Town", "علی ٹاؤن"),
    ("Shalimar Colony", "شالیمار کالونی"),
    ("Sabzi Mandi", "سبزی منڈی"),
    ("Lari Adda", "لاری اڈہ"),
    ("Mohalla Sheikhan", "محلہ شیخاں"),
    ("Tariqabad", "طارق آباد"),
    ("Chaman Zar", "چمن زار"),
    ("Sitara Colony", "ستارہ کالونی"),
    ("Tibba Mohalla", "ٹبہ محلہ"),
    ("Nehar Kinara", "نہر کنارہ"),
)

_VILLAGE_NAMES: tuple[tuple[str, str], ...] = (
    ("Kot Sabz", "کوٹ سبز"),
    ("Dera Nehran", "ڈیرہ نہراں"),
    ("Basti Chandan", "بستی چندن"),
    ("Pind Gulab", "پنڈ گلاب"),
    ("Mauza Sohna", "موضع سوہنا"),
    ("Thatta Kesar", "ٹھٹھہ کیسر"),
    ("Chak Ambar", "چک عنبر"),
    ("Dhok Mehtab", "ڈھوک مہتاب"),
    ("Kot Jugnu", "کوٹ جگنو"),
    ("Basti Shafaq", "بستی شفق"),
    ("Dera Bahar", "ڈیرہ بہار"),
    ("Pind Sitara", "پنڈ ستارہ"),
    ("Chak Moti", "چک موتی"),
    ("Mauza Nilam", "موضع نیلم"),
    ("Kot Firoza", "کوٹ فیروزہ"),
    ("Thatta Chambeli", "ٹھٹھہ چنبیلی"),
    ("Basti Sandal", "بستی صندل"),
    ("Dhok Marjan", "ڈھوک مرجان"),
    ("Pind Kiran", "پنڈ کرن"),
    ("Chak Shabnam", "چک شبنم"),
    ("Dera Gulnar", "ڈیرہ گلنار"),
    ("Kot Yaqoot", "کوٹ یاقوت"),
    ("Mauza Dhoop", "موضع دھوپ"),
    ("Basti Zumurd", "بستی زمرد"),
    ("Chak Hari", "چک ہری"),
    ("Pind Darya", "پنڈ دریا"),
    ("Thatta Mehr", "ٹھٹھہ مہر"),
    ("Dhok Sheesh", "ڈھوک شیش"),
)

_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("", ""),
    (" North", " شمالی"),
    (" South", " جنوبی"),
    (" East", " مشرقی"),
    (" West", " مغربی"),
)

# Syllables for the fictional districts and towns of a province-scale run.
_STEMS: tuple[tuple[str, str], ...] = (
    ("Jugnu", "جگنو"),
    ("Shafaq", "شفق"),
    ("Sitara", "ستارہ"),
    ("Ambar", "عنبر"),
    ("Kesar", "کیسر"),
    ("Moti", "موتی"),
    ("Nilam", "نیلم"),
    ("Bahar", "بہار"),
    ("Dhoop", "دھوپ"),
    ("Sheesh", "شیش"),
    ("Gulnar", "گلنار"),
    ("Shabnam", "شبنم"),
    ("Kiran", "کرن"),
    ("Mehtab", "مہتاب"),
    ("Zumurd", "زمرد"),
    ("Firoza", "فیروزہ"),
    ("Marjan", "مرجان"),
    ("Yaqoot", "یاقوت"),
    ("Sandal", "صندل"),
    ("Chambeli", "چنبیلی"),
    ("Rehan", "ریحان"),
    ("Nargis", "نرگس"),
    ("Kanwal", "کنول"),
    ("Gulab", "گلاب"),
    ("Sahar", "سحر"),
    ("Shama", "شمع"),
    ("Tara", "تارا"),
    ("Bela", "بیلا"),
    ("Sosan", "سوسن"),
    ("Hina", "حنا"),
    ("Zaitoon", "زیتون"),
    ("Anar", "انار"),
    ("Badal", "بادل"),
    ("Pawan", "پون"),
    ("Sawan", "ساون"),
    ("Basant", "بسنت"),
    ("Khushbu", "خوشبو"),
    ("Titli", "تتلی"),
    ("Bulbul", "بلبل"),
    ("Koel", "کوئل"),
)
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("abad", "آباد"),
    ("pur", "پور"),
    ("nagar", "نگر"),
    ("kot", "کوٹ"),
    ("garh", "گڑھ"),
    ("wala", "والا"),
    ("ganj", "گنج"),
    ("sar", "سر"),
)

_TIER_NAMES = {
    "municipal_corporation": ("Municipal Corporation", "میونسپل کارپوریشن", "MC"),
    "municipal_committee": ("Municipal Committee", "میونسپل کمیٹی", "MC"),
    "town_committee": ("Town Committee", "ٹاؤن کمیٹی", "TC"),
    "district_council": ("District Council", "ضلع کونسل", "DC"),
}


def _code_for(name: str, taken: set[str]) -> str:
    """A unique 3-letter code from a name's letters (digits appended if taken)."""
    letters = [c for c in name.upper() if c.isalpha()]
    consonants = [c for c in letters[1:] if c not in "AEIOU"]
    base = letters[0] + "".join(consonants[:2]).ljust(2, "X")
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}{n}"
    taken.add(code)
    return code


def _province_local_governments(count: int, seed: int) -> list[LocalGovernment]:
    """Fictional districts of about eight councils each, laid out on a grid over Punjab."""
    rng = rng_for(seed, "province-places")
    taken = {"SBZ", "CHP", "NHR"}
    # Urdu: a space after a final ہ, which would otherwise join the next word.
    names = [
        (s[0] + e[0], s[1] + (" " if s[1].endswith("ہ") else "") + e[1])
        for s in _STEMS
        for e in _ENDINGS
    ]
    order = rng.permutation(len(names))
    pool = [names[i] for i in order]
    lgs: list[LocalGovernment] = []
    pattern = (
        "district_council",
        "municipal_corporation",
        "municipal_committee",
        "municipal_committee",
        "town_committee",
        "town_committee",
        "town_committee",
        "town_committee",
    )
    cell = 0
    while len(lgs) < count:
        cell += 1
        row, col = divmod(cell, 8)
        if row in (2, 3) and col in (3, 4):  # Sabzabad's own area
            continue
        d_en, d_ur = pool.pop()
        d_code = _code_for(d_en, taken)
        base = (29.2 + row * 0.6, 70.4 + col * 0.6)
        for k, tier in enumerate(pattern):
            if len(lgs) >= count:
                break
            t_en, t_ur, t_abbr = _TIER_NAMES[tier]
            if k < 2:
                place_en, place_ur, code = d_en, d_ur, d_code
            else:
                place_en, place_ur = pool.pop()
                code = _code_for(place_en, taken)
            if tier == "district_council":
                pop = int(rng.integers(600_000, 1_800_000))
                wards = int(rng.integers(16, 41))
                origin, size = base, (0.25, 0.25)
            else:
                lo, hi, wlo, whi = {
                    "municipal_corporation": (500_000, 1_500_000, 25, 51),
                    "municipal_committee": (80_000, 300_000, 12, 26),
                    "town_committee": (20_000, 80_000, 7, 13),
                }[tier]
                pop = int(rng.integers(lo, hi))
                wards = int(rng.integers(wlo, whi))
                slot = k - 1
                origin = (base[0] + 0.27 + 0.11 * (slot // 4), base[1] + 0.14 * (slot % 4))
                size = (0.09, 0.12) if tier == "municipal_corporation" else (0.05, 0.06)
            lgs.append(
                LocalGovernment(
                    f"{code}-{t_abbr}",
                    f"{place_en} {t_en}",
                    f"{t_ur} {place_ur}",
                    tier,
                    d_en,
                    d_ur,
                    pop,
                    wards,
                    origin,
                    size,
                )
            )
    return lgs


def local_governments(count: int, seed: int) -> list[LocalGovernment]:
    """The first ``count`` local governments: Sabzabad's four, then generated ones."""
    lgs = list(SABZABAD[:count])
    if count > len(SABZABAD):
        lgs += _province_local_governments(count - len(SABZABAD), seed)
    return lgs


def local_governments_frame(lgs: list[LocalGovernment]) -> pd.DataFrame:
    """The local-governments table."""
    return pd.DataFrame(
        {
            "lg_code": [lg.lg_code for lg in lgs],
            "name_en": [lg.name_en for lg in lgs],
            "name_ur": [lg.name_ur for lg in lgs],
            "tier": [lg.tier for lg in lgs],
            "district_en": [lg.district_en for lg in lgs],
            "district_ur": [lg.district_ur for lg in lgs],
            "province": "punjab",
            "population": [lg.population for lg in lgs],
            "website": [lg.website for lg in lgs],
        }
    )


def wards_frame(lg: LocalGovernment, seed: int) -> pd.DataFrame:
    """Wards (or union councils) of one local government, with names and populations."""
    rng = rng_for(seed, "wards", lg.lg_code)
    n = lg.n_wards
    names = _VILLAGE_NAMES if lg.ward_kind == "union_council" else _URBAN_NAMES
    order = rng.permutation(len(names))
    name_en, name_ur = [], []
    for i in range(n):
        base = names[order[i % len(names)]]
        suffix = _SUFFIXES[(i // len(names)) % len(_SUFFIXES)]
        extra = i // (len(names) * len(_SUFFIXES))
        tail_en = f" {extra + 1}" if extra else ""
        name_en.append(base[0] + suffix[0] + tail_en)
        name_ur.append(base[1] + suffix[1] + tail_en)
    weights = rng.lognormal(0.0, 0.35, n)
    pops = np.floor(lg.population * weights / weights.sum()).astype(np.int64)
    pops[0] += lg.population - int(pops.sum())
    width = 3 if n > 99 else 2
    return pd.DataFrame(
        {
            "ward_code": [f"{lg.lg_code}-{lg.ward_prefix}{i + 1:0{width}d}" for i in range(n)],
            "lg_code": lg.lg_code,
            "name_en": name_en,
            "name_ur": name_ur,
            "kind": lg.ward_kind,
            "population": pops,
        }
    )


def ward_features(lg: LocalGovernment, wards: pd.DataFrame, seed: int) -> list[dict]:
    """GeoJSON features for the wards: a jittered grid of quadrilaterals over the LG's area."""
    rng = rng_for(seed, "boundaries", lg.lg_code)
    n = len(wards)
    rows = max(1, math.floor(math.sqrt(n)))
    cols = math.ceil(n / rows)
    lat0, lon0 = lg.origin
    height, width = lg.size
    dy, dx = height / rows, width / cols
    lat = lat0 + dy * np.arange(rows + 1)[:, None] + np.zeros((1, cols + 1))
    lon = lon0 + dx * np.arange(cols + 1)[None, :] + np.zeros((rows + 1, 1))
    jitter_lat = rng.uniform(-0.3, 0.3, lat.shape) * dy
    jitter_lon = rng.uniform(-0.3, 0.3, lon.shape) * dx
    jitter_lat[[0, -1], :] *= 0.3
    jitter_lon[:, [0, -1]] *= 0.3
    lat, lon = lat + jitter_lat, lon + jitter_lon
    features = []
    for i, ward in enumerate(wards.itertuples(index=False)):
        r, c = divmod(i, cols)
        corners = [(r, c), (r, c + 1), (r + 1, c + 1), (r + 1, c), (r, c)]
        ring = [[round(float(lon[a, b]), 5), round(float(lat[a, b]), 5)] for a, b in corners]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "ward_code": ward.ward_code,
                    "lg_code": ward.lg_code,
                    "name_en": ward.name_en,
                    "name_ur": ward.name_ur,
                },
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return features
