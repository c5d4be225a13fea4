"""The README.txt of an offline download, in English and Urdu."""

from __future__ import annotations

import datetime
from typing import Any

from pipeline.offline.council import Council
from pipeline.offline.package import licences, publishers


def text(council: Council, packages: list[dict[str, Any]], when: datetime.date | None) -> str:
    """README.txt: what is in the download, its licence, how to open it, and the data's date."""
    slug = council.slug
    date = when.isoformat() if when else "-"
    published_by = ", ".join(publishers(packages)) or "-"
    terms = licences(packages)
    free_en = free_ur = ""
    if terms and all(lic.get("name") == "CC-BY-4.0" for lic in terms):
        free_en = "\nYou may copy, share and reuse the data if you credit the publisher."
        free_ur = "\nناشر کا حوالہ دے کر آپ یہ ڈیٹا نقل، شیئر اور دوبارہ استعمال کر سکتے ہیں۔"
    demo_en = demo_ur = ""
    if any(meta.get("x_shafaf", {}).get("demo") for meta in packages):
        demo_en = (
            "\nDEMO DATA: every name, figure and record here was made up to show how the site"
            "\nworks; none of it describes a real council.\n"
        )
        demo_ur = (
            "\nنمونے کا ڈیٹا: یہاں کے تمام نام، اعداد و شمار اور ریکارڈ سائٹ کی کارکردگی دکھانے"
            "\nکے لیے بنائے گئے ہیں؛ ان میں سے کوئی بھی کسی حقیقی کونسل کا نہیں۔\n"
        )
    files_en, files_ur = [], []
    for meta in packages:
        files_en.append(f"  {meta['name']}/  {meta.get('title', meta['name'])}")
        files_ur.append(f"  {meta['name']}/  {meta.get('title_ur', meta.get('title', ''))}")
        for r in meta["resources"]:
            rows = r.get("rows")
            count_en = "" if rows is None else f", {rows} row" + ("" if rows == 1 else "s")
            count_ur = "" if rows is None else f"، {rows} " + ("سطر" if rows == 1 else "سطریں")
            files_en.append(f"    {r['path']}  {r.get('title', r['name'])}{count_en}")
            files_ur.append(f"    {r['path']}  {r.get('title_ur', r.get('title', ''))}{count_ur}")
    licence = "\n".join(
        f"  {lic.get('title', lic.get('name', ''))} ({lic.get('path', '')})" for lic in terms
    )
    return f"""\
{council.name_en} ({council.code}): all published data, for offline use
=======================================================================

Date of the data: {date}
Published by: {published_by}
{demo_en}
What is inside
--------------
Every published data package, restricted to the rows of {council.name_en}
(lookup tables such as departments and object codes are whole):

{chr(10).join(files_en)}

  {slug}.sqlite  the same tables in one SQLite database (a table per file,
                 views joining the yearly tables, and an "about" table)
  Each folder's datapackage.json describes every column and the file's size
  and checksum.

Licence
-------
{licence}{free_en}

How to open the CSV files
-------------------------
The files are CSV in UTF-8, so that Urdu text shows correctly.
  Excel: Data > From Text/CSV, choose the file, set "File origin" to
         "65001: Unicode (UTF-8)", then Load.
  LibreOffice Calc: File > Open, choose the file, set "Character set" to
         "Unicode (UTF-8)" and "Separated by" to "Comma".
  Google Sheets: File > Import > Upload.

How to open the SQLite database
-------------------------------
Install DB Browser for SQLite (free, https://sqlitebrowser.org), choose
"Open Database", pick {slug}.sqlite and use the "Browse Data" tab, or
"Execute SQL" for a question such as:
  SELECT dept_code, SUM(amount) FROM payments GROUP BY dept_code;
The sqlite3 command-line program opens it too: sqlite3 {slug}.sqlite


{council.name_ur} ({council.code}): تمام شائع شدہ ڈیٹا، انٹرنیٹ کے بغیر استعمال کے لیے
=======================================================================

ڈیٹا کی تاریخ: {date}
ناشر: {published_by}
{demo_ur}
اس میں کیا ہے
-------------
ہر شائع شدہ ڈیٹا پیکج، صرف {council.name_ur} کی سطروں کے ساتھ
(محکموں اور آبجیکٹ کوڈز جیسی حوالہ جاتی فہرستیں مکمل ہیں):

{chr(10).join(files_ur)}

  {slug}.sqlite  یہی جدولیں ایک SQLite ڈیٹا بیس میں (ہر فائل کی ایک جدول،
                 سالانہ جدولوں کو ملانے والے ویوز، اور "about" جدول)
  ہر فولڈر کی datapackage.json ہر کالم، فائل کے سائز اور چیک سم کی وضاحت کرتی ہے۔

لائسنس
------
{licence}{free_ur}

CSV فائلیں کیسے کھولیں
---------------------
فائلیں UTF-8 میں CSV ہیں تاکہ اردو درست نظر آئے۔
  ایکسل: Data > From Text/CSV، فائل چنیں، "File origin" میں
         "65001: Unicode (UTF-8)" چنیں، پھر Load۔
  لبرے آفس کیلک: File > Open، فائل چنیں، "Character set" میں
         "Unicode (UTF-8)" اور "Separated by" میں "Comma" چنیں۔
  گوگل شیٹس: File > Import > Upload۔

SQLite ڈیٹا بیس کیسے کھولیں
--------------------------
DB Browser for SQLite انسٹال کریں (مفت، https://sqlitebrowser.org)،
"Open Database" سے {slug}.sqlite چنیں اور "Browse Data" ٹیب دیکھیں، یا
"Execute SQL" میں سوال لکھیں، مثلاً:
  SELECT dept_code, SUM(amount) FROM payments GROUP BY dept_code;
sqlite3 کمانڈ لائن پروگرام سے بھی کھلتی ہے: sqlite3 {slug}.sqlite
"""
