"""The findings as a data package people can download: red-flags.csv and its datapackage.json."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.flags.finding import Finding
from pipeline.flags.frame import to_frame
from pipeline.flags.registry import CODES, NOT_PROOF

NAME = "red-flags"

#: (name, type, title, title in Urdu, description)
FIELDS: tuple[tuple[str, str, str, str, str], ...] = (
    ("code", "string", "Indicator", "اشاریہ",
     "Stable code of the indicator that raised the flag."),
    ("lg_code", "string", "Local government", "مقامی حکومت", "Code of the local government."),
    ("fiscal_year", "string", "Fiscal year", "مالی سال",
     "Fiscal year (July to June); blank for flags about no one year."),
    ("subject_kind", "string", "Subject kind", "موضوع کی قسم",
     "What the flag is about: department, supplier, budget_line, object_code or ntn."),
    ("subject", "string", "Subject", "موضوع",
     "Code of the department, supplier, budget line, object code or tax number the flag is "
     "about."),
    ("dept_code", "string", "Department", "محکمہ",
     "Department code, where the flag concerns one."),
    ("row_count", "integer", "Records cited", "حوالہ دیے گئے ریکارڈ",
     "How many records the flag rests on."),
    ("rows", "string", "Records", "ریکارڈ",
     "Ids of the records the flag rests on (payment transaction ids, budget line ids or "
     "complaint ids), separated by spaces."),
    ("amount", "number", "Amount (PKR)", "رقم (روپے)",
     "Money involved, in exact rupees; blank when none."),
    ("value", "number", "Measured value", "ناپی گئی قدر",
     "What the indicator measured, in `unit`."),
    ("threshold", "number", "Threshold", "حد", "The limit it was compared with, in `unit`."),
    ("unit", "string", "Unit", "اکائی", "Unit of value and threshold."),
    ("facts", "string", "Facts", "حقائق",
     "Further published figures (name=value; …), such as the fences of an outlier."),
    ("explanation_en", "string", "Explanation (English)", "وضاحت (انگریزی)",
     "Why the records were flagged."),
    ("explanation_ur", "string", "Explanation (Urdu)", "وضاحت (اردو)",
     "Why the records were flagged, in Urdu."),
)  # fmt: skip


#: The descriptions in Urdu, by field.
DESCRIPTIONS_UR: dict[str, str] = {
    "code": "نشان لگانے والے اشاریے کا مستقل کوڈ۔",
    "lg_code": "مقامی حکومت کا کوڈ۔",
    "fiscal_year": "مالی سال (جولائی تا جون)؛ جو نشان کسی ایک سال کا نہ ہو اس میں خالی۔",
    "subject_kind": "نشان کس بارے میں ہے: محکمہ، سپلائر، بجٹ لائن، آبجیکٹ کوڈ یا ٹیکس نمبر۔",
    "subject": "اس محکمے، سپلائر، بجٹ لائن، آبجیکٹ کوڈ یا ٹیکس نمبر کا کوڈ جس کے بارے میں نشان ہے۔",
    "dept_code": "محکمے کا کوڈ، اگر نشان کسی محکمے سے متعلق ہو۔",
    "row_count": "نشان کتنے ریکارڈز پر مبنی ہے۔",
    "rows": (
        "ان ریکارڈز کے نمبر جن پر نشان مبنی ہے (ادائیگی، بجٹ لائن یا شکایت نمبر)، خالی جگہ سے الگ۔"
    ),
    "amount": "متعلقہ رقم، پورے روپوں میں؛ اگر رقم شامل نہ ہو تو خالی۔",
    "value": "اشاریے نے جو قدر ناپی، `unit` میں۔",
    "threshold": "وہ حد جس سے قدر کا موازنہ کیا گیا، `unit` میں۔",
    "unit": "قدر اور حد کی اکائی۔",
    "facts": "مزید شائع شدہ اعداد (نام=قدر؛ …)، مثلاً غیر معمولی رقم کی حدیں۔",
    "explanation_en": "ریکارڈز پر نشان کیوں لگا، انگریزی میں۔",
    "explanation_ur": "ریکارڈز پر نشان کیوں لگا، اردو میں۔",
}


def descriptor(count: int, currency: str = "PKR") -> dict[str, Any]:
    """The data package descriptor of the findings table (``count`` rows, money in
    ``currency``)."""
    fields: list[dict[str, Any]] = [
        {
            "name": name,
            "type": kind,
            "title": title,
            "title_ur": title_ur,
            "description": text,
            "description_ur": DESCRIPTIONS_UR[name],
        }
        for name, kind, title, title_ur, text in FIELDS
    ]
    fields[0]["constraints"] = {"required": True, "enum": list(CODES)}
    amount = next(f for f in fields if f["name"] == "amount")
    amount.update(columnType="value", currency=currency)
    if currency != "PKR":  # the site's currency, never rupees for pounds
        amount["title"], amount["title_ur"] = f"Amount ({currency})", f"رقم ({currency})"
        amount["description"] = f"Money involved, exactly, in {currency}; blank when none."
        amount["description_ur"] = (
            f"متعلقہ رقم، ٹھیک ٹھیک، {currency} میں؛ اگر رقم شامل نہ ہو تو خالی۔"
        )
    return {
        "name": NAME,
        "title": "Red flags: payments and complaints worth a closer look",
        "title_ur": "سرخ نشان: ادائیگیاں اور شکایات جنہیں غور سے دیکھنا چاہیے",
        "description": (
            "Findings of the integrity indicators on the published budget, spending and "
            f"complaints data, one row per finding ({count} in this release). {NOT_PROOF[0]} "
            "Each rule and its thresholds are on the site's methodology pages. This dataset is "
            "derived: it is rebuilt from the other datasets at every release."
        ),
        "description_ur": (
            "شائع شدہ بجٹ، اخراجات اور شکایات کے ڈیٹا پر دیانت داری کے اشاریوں کے نتائج، ہر نتیجے "
            f"کی ایک سطر۔ {NOT_PROOF[1]} ہر اصول اور اس کی حدیں سائٹ کے طریقۂ کار کے صفحات پر ہیں۔"
        ),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 International",
            }
        ],
        "keywords": ["red flags", "integrity", "procurement", "complaints"],
        "resources": [
            {
                "name": NAME,
                "path": f"{NAME}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": "Red flags",
                "title_ur": "سرخ نشان",
                "schema": {"fields": fields},
            }
        ],
    }


def write(findings: Iterable[Finding], folder: Path, currency: str = "PKR") -> None:
    """Write red-flags.csv and datapackage.json into ``folder``."""
    frame = to_frame(findings)
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_csv(folder / f"{NAME}.csv", index=False, lineterminator="\n")
    (folder / "datapackage.json").write_text(
        json.dumps(descriptor(len(frame), currency), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )


def from_record(record: dict[str, Any]) -> Finding:
    """A finding back from its plain form in the site bundle (ignoring what the bundle adds)."""
    fields = {f.name for f in dataclasses.fields(Finding)}
    known = {key: value for key, value in record.items() if key in fields}
    return Finding(
        **{**known, "rows": tuple(record["rows"]), "facts": tuple(record["facts"].items())}
    )
