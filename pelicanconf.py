"""Pelican settings for building the Shafaf site during development."""

from datetime import date, datetime

from babel.dates import format_date

from pipeline import formats

# --- Site -------------------------------------------------------------------

SITENAME = "Shafaf"
SITENAME_UR = "شفاف"
SITEURL = ""
AUTHOR = SITENAME  # Atom entries need an author name; author pages stay off
RELATIVE_URLS = True  # dev builds open from any folder; publishconf.py turns this off

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
THEME_STATIC_DIR = "theme"  # theme/static/* is copied to output/theme/*
STATIC_PATHS: list[str] = []  # content/ holds text only for now

TIMEZONE = "Asia/Karachi"
DEFAULT_LANG = "en"
DEFAULT_DATE = None  # an article without a Date is an error, never "now"
DEFAULT_PAGINATION = False

# Markdown as people write it; smarty turns "quotes" into typographic ones.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# Every content file sets an explicit Slug; a translation shares its original's
# slug and sets `Lang: ur`, which is how Pelican links the two. The basename
# fallback keeps URLs stable when a title is edited.
SLUGIFY_SOURCE = "basename"
PAGE_ORDER_BY = "basename"

# --- URLs: English at /…, Urdu under /ur/… ----------------------------------

PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"

ARTICLE_PATHS = ["news"]
ARTICLE_URL = "news/{slug}/"
ARTICLE_SAVE_AS = "news/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/news/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/news/{slug}/index.html"

DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_LANG_URL = "drafts/{lang}/{slug}/"
DRAFT_LANG_SAVE_AS = "drafts/{lang}/{slug}/index.html"

# Home and news list per language. Pelican renders each direct template once,
# so the Urdu versions are thin templates (index_ur.html, archives_ur.html).
DIRECT_TEMPLATES = ["index", "archives", "index_ur", "archives_ur"]
INDEX_URL = ""
INDEX_SAVE_AS = "index.html"
INDEX_UR_URL = "ur/"
INDEX_UR_SAVE_AS = "ur/index.html"
ARCHIVES_URL = "news/"
ARCHIVES_SAVE_AS = "news/index.html"
ARCHIVES_UR_URL = "ur/news/"
ARCHIVES_UR_SAVE_AS = "ur/news/index.html"
OTHER_LANG = {"en": "ur", "ur": "en"}  # target of the language switch
HOME_URLS = {"en": INDEX_URL, "ur": INDEX_UR_URL}
NEWS_URLS = {"en": ARCHIVES_URL, "ur": ARCHIVES_UR_URL}

# Category, tag and author pages are not useful yet: don't write them.
CATEGORY_URL = CATEGORY_SAVE_AS = ""
TAG_URL = TAG_SAVE_AS = ""
AUTHOR_URL = AUTHOR_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_CATEGORY = "news"

# --- Feeds: off while developing (publishconf.py turns the news feeds on) ---

FEED_ATOM = None
FEED_RSS = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# --- Data pages, written by plugins/shafaf_data from the site bundle --------

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["shafaf_data"]
SHAFAF_BUNDLE = "build/bundle/bundle.json"  # made by `make analyse`
SHAFAF_DATASETS = "datasets"  # the bundle must match these files
SITE_LANGUAGES = ["en", "ur"]
LANG_PREFIX = {"en": "", "ur": "ur/"}

# --- Data shown in the footer -----------------------------------------------

DATA_LICENCE_NAME = "CC BY 4.0"
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# --- Interface text ---------------------------------------------------------
# Every piece of interface text goes through UI[lang][key]; a later issue
# moves these strings to gettext catalogues.

UI = {
    "en": {
        "site_name": SITENAME,
        "tagline": "Open budget, spending and complaint data for local government",
        "skip_link": "Skip to main content",
        "nav_label": "Main",
        "nav_home": "Home",
        "nav_news": "News",
        "switch_label": "Language",
        "other_lang_name": "اردو",
        "home_intro": (
            "Shafaf shows where a council’s money comes from, where it goes, and how "
            "quickly it answers citizens’ complaints. Every figure can be downloaded."
        ),
        "latest_news": "Latest news",
        "all_news": "All news",
        "news_title": "News",
        "no_news": "No news yet.",
        "published": "Published",
        "in_english": "in English",
        "feed": "News feed (Atom)",
        "footer_demo": (
            "All data on this site is demonstration data for Sabzabad, a fictional "
            "district. It describes no real council, person or place."
        ),
        "footer_licence": "Data licence:",
        "nav_councils": "Councils",
        "councils_title": "Councils",
        "councils_intro": (
            "The local governments whose budgets, spending and complaints this site publishes."
        ),
        "population": "Population",
        "budget": "Budget",
        "budget_title": "Budget",
        "budget_intro": (
            "What the council planned to spend (approved budget), what it revised that to during "
            "the year, and what it actually spent, by fiscal year (July to June)."
        ),
        "fiscal_year": "Fiscal year",
        "approved": "Approved",
        "revised": "Revised",
        "actual": "Actual",
        "spent_of_revised": "Spent of revised",
        "department": "Department",
        "development": "Development",
        "current": "Current (non-development)",
        "kind": "Kind of spending",
        "by_department": "By department",
        "years_table": "Budget by fiscal year",
        "dash_note": "A dash means the figure has not been reported yet.",
        "exact_amount": "Exact amount in rupees",
        "spending": "Spending",
        "spending_title": "Spending",
        "spending_intro": (
            "Every payment the council made, added up by month, department, kind of expense and "
            "supplier. Salaries are not included."
        ),
        "paid": "Paid",
        "payments": "Payments",
        "month": "Month",
        "by_month": "Paid each month",
        "by_object": "By kind of expense (object code)",
        "object": "Kind of expense",
        "top_suppliers": "Largest suppliers",
        "supplier": "Supplier",
        "share": "Share",
        "individuals_note": (
            "Payments to individuals ({count}, {amount} in all) are counted together: "
            "their names are not published."
        ),
        "ntn": "National Tax Number",
        "councils_paid_by": "Paid by",
        "date": "Date",
        "purpose": "Purpose",
        "method": "How the supplier was chosen",
        "transaction": "Payment id",
        "page_of": "Page {number} of {count}",
        "previous": "Previous page",
        "next": "Next page",
        "pages": "Pages",
        "method_direct_purchase": "Direct purchase",
        "method_quotations": "Quotations",
        "method_open_tender": "Open tender",
        "method_limited_tender": "Limited tender",
        "method_emergency": "Emergency",
        "method_not_applicable": "Not applicable",
        "complaints": "Complaints",
        "this_year": "This year in each council",
        "paid_so_far": "Paid so far",
        "this_year_note": (
            "The current fiscal year (July to June): its approved budget, what has been paid so "
            "far and its share of the budget, and the complaints received since 1 July."
        ),
        "chart_numbers": "The numbers in this chart",
        "download_csv": "Download these numbers (CSV)",
        "data": "Data",
        "datasets_title": "Open data",
        "datasets_intro": (
            "Every figure on this site comes from these datasets. Download them as CSV files with "
            "a datapackage.json that describes every column; they are checked before publishing."
        ),
        "dataset_files": "Files",
        "file": "File",
        "rows": "Rows",
        "size": "Size",
        "last_updated": "Last updated",
        "licence": "Licence",
        "validation": "Validation",
        "validated": "Passed all checks when this site was built.",
        "dictionary": "Data dictionary",
        "field": "Column",
        "type": "Type",
        "meaning": "Meaning",
        "constraints": "Rules",
        "example": "Example",
        "descriptor": "Description of every file and column (datapackage.json)",
        "complaints_title": "Complaints",
        "complaints_intro": (
            "Citizens' complaints and how the council handled them. The target is to resolve a "
            "complaint within 20 days, and never to leave one open past 40. 'Resolved' is what "
            "the council reports; 'citizen satisfied' is what citizens say."
        ),
        "received": "Received",
        "resolved": "Resolved",
        "resolved_rate": "Resolved",
        "median_days": "Median days to resolve",
        "within_target": "Resolved within 20 days",
        "satisfied_rate": "Citizen satisfied",
        "reopened_rate": "Reopened",
        "open_now": "Still open",
        "overdue": "Open past 40 days",
        "by_category": "By category",
        "category": "Category",
        "by_ward": "By ward (per 1,000 residents)",
        "ward": "Ward",
        "per_1000": "Per 1,000 residents",
        "received_resolved_month": "Received and resolved each month",
        "honest_view": "Resolved, satisfied and reopened, side by side",
    },
    "ur": {
        "site_name": SITENAME_UR,
        "tagline": "مقامی حکومت کے بجٹ، اخراجات اور شکایات کا کھلا ڈیٹا",
        "skip_link": "مرکزی مواد پر جائیں",
        "nav_label": "مرکزی",
        "nav_home": "سرورق",
        "nav_news": "خبریں",
        "switch_label": "زبان",
        "other_lang_name": "English",
        "home_intro": (
            "شفاف دکھاتا ہے کہ کونسل کا پیسہ کہاں سے آتا ہے، کہاں خرچ ہوتا ہے، اور وہ "
            "شہریوں کی شکایات کا جواب کتنی جلدی دیتی ہے۔ ہر عدد ڈاؤن لوڈ کیا جا سکتا ہے۔"
        ),
        "latest_news": "تازہ خبریں",
        "all_news": "تمام خبریں",
        "news_title": "خبریں",
        "no_news": "ابھی کوئی خبر نہیں۔",
        "published": "تاریخِ اشاعت",
        "in_english": "انگریزی میں",
        "feed": "خبروں کی فیڈ (Atom)",
        "footer_demo": (
            "اس ویب سائٹ کا تمام ڈیٹا سبزآباد نامی ایک فرضی ضلع کا نمونہ ڈیٹا ہے۔ "
            "اس کا کسی حقیقی کونسل، شخص یا جگہ سے کوئی تعلق نہیں۔"
        ),
        "footer_licence": "ڈیٹا کا لائسنس:",
        "nav_councils": "کونسلیں",
        "councils_title": "کونسلیں",
        "councils_intro": (
            "وہ مقامی حکومتیں جن کا بجٹ، اخراجات اور شکایات یہ ویب سائٹ شائع کرتی ہے۔"
        ),
        "population": "آبادی",
        "budget": "بجٹ",
        "budget_title": "بجٹ",
        "budget_intro": (
            "کونسل نے کتنا خرچ کرنے کا منصوبہ بنایا (منظور شدہ بجٹ)، سال کے دوران اس میں کیا "
            "نظرثانی کی، اور اصل میں کتنا خرچ کیا، مالی سال (جولائی تا جون) کے لحاظ سے۔"
        ),
        "fiscal_year": "مالی سال",
        "approved": "منظور شدہ",
        "revised": "نظرثانی شدہ",
        "actual": "اصل خرچ",
        "spent_of_revised": "نظرثانی شدہ میں سے خرچ",
        "department": "محکمہ",
        "development": "ترقیاتی",
        "current": "جاری (غیر ترقیاتی)",
        "kind": "اخراجات کی قسم",
        "by_department": "محکمہ وار",
        "years_table": "مالی سال کے لحاظ سے بجٹ",
        "dash_note": "ڈیش (–) کا مطلب ہے کہ یہ عدد ابھی رپورٹ نہیں ہوا۔",
        "exact_amount": "روپوں میں درست رقم",
        "spending": "اخراجات",
        "spending_title": "اخراجات",
        "spending_intro": (
            "کونسل کی ہر ادائیگی، مہینے، محکمے، اخراجات کی قسم اور سپلائر کے لحاظ سے جمع کی گئی۔ "
            "تنخواہیں شامل نہیں۔"
        ),
        "paid": "ادا شدہ",
        "payments": "ادائیگیاں",
        "month": "مہینہ",
        "by_month": "ہر مہینے کی ادائیگیاں",
        "by_object": "اخراجات کی قسم (آبجیکٹ کوڈ) کے لحاظ سے",
        "object": "اخراجات کی قسم",
        "top_suppliers": "سب سے بڑے سپلائرز",
        "supplier": "سپلائر",
        "share": "حصہ",
        "individuals_note": (
            "افراد کو ادائیگیاں ({count}، کل {amount}) اکٹھی گنی گئی ہیں: ان کے نام شائع نہیں "
            "کیے جاتے۔"
        ),
        "ntn": "نیشنل ٹیکس نمبر",
        "councils_paid_by": "ادائیگی کرنے والی کونسلیں",
        "date": "تاریخ",
        "purpose": "مقصد",
        "method": "سپلائر کا انتخاب کیسے ہوا",
        "transaction": "ادائیگی نمبر",
        "page_of": "صفحہ {number} از {count}",
        "previous": "پچھلا صفحہ",
        "next": "اگلا صفحہ",
        "pages": "صفحات",
        "method_direct_purchase": "براہ راست خریداری",
        "method_quotations": "کوٹیشنز",
        "method_open_tender": "کھلا ٹینڈر",
        "method_limited_tender": "محدود ٹینڈر",
        "method_emergency": "ہنگامی",
        "method_not_applicable": "لاگو نہیں",
        "complaints": "شکایات",
        "this_year": "ہر کونسل میں اس سال",
        "paid_so_far": "اب تک ادا شدہ",
        "this_year_note": (
            "موجودہ مالی سال (جولائی تا جون): منظور شدہ بجٹ، اب تک کی ادائیگیاں اور بجٹ میں ان "
            "کا حصہ، اور یکم جولائی سے موصول ہونے والی شکایات۔"
        ),
        "chart_numbers": "اس چارٹ کے اعداد",
        "download_csv": "یہ اعداد ڈاؤن لوڈ کریں (CSV)",
        "data": "ڈیٹا",
        "datasets_title": "کھلا ڈیٹا",
        "datasets_intro": (
            "اس ویب سائٹ کا ہر عدد انہی ڈیٹاسیٹس سے آتا ہے۔ انہیں CSV فائلوں کی صورت میں ڈاؤن لوڈ "
            "کریں، ساتھ datapackage.json ہے جو ہر کالم کی وضاحت کرتا ہے؛ اشاعت سے پہلے ان کی جانچ "
            "ہوتی ہے۔"
        ),
        "dataset_files": "فائلیں",
        "file": "فائل",
        "rows": "سطریں",
        "size": "سائز",
        "last_updated": "آخری تبدیلی",
        "licence": "لائسنس",
        "validation": "جانچ",
        "validated": "یہ ویب سائٹ بنتے وقت تمام جانچ میں کامیاب۔",
        "dictionary": "ڈیٹا ڈکشنری",
        "field": "کالم",
        "type": "قسم",
        "meaning": "مطلب",
        "constraints": "قواعد",
        "example": "مثال",
        "descriptor": "ہر فائل اور کالم کی وضاحت (datapackage.json)",
        "complaints_title": "شکایات",
        "complaints_intro": (
            "شہریوں کی شکایات اور کونسل نے ان پر کیا کیا۔ ہدف یہ ہے کہ شکایت 20 دن میں حل ہو، "
            "اور کوئی شکایت 40 دن سے زیادہ کھلی نہ رہے۔ 'حل شدہ' کونسل کا دعویٰ ہے؛ "
            "'شہری مطمئن' شہریوں کی رائے ہے۔"
        ),
        "received": "موصول",
        "resolved": "حل شدہ",
        "resolved_rate": "حل شدہ",
        "median_days": "حل ہونے میں درمیانی دن",
        "within_target": "20 دن میں حل",
        "satisfied_rate": "شہری مطمئن",
        "reopened_rate": "دوبارہ کھولی گئیں",
        "open_now": "اب بھی کھلی",
        "overdue": "40 دن سے زیادہ کھلی",
        "by_category": "زمرہ وار",
        "category": "زمرہ",
        "by_ward": "وارڈ وار (فی 1,000 رہائشی)",
        "ward": "وارڈ",
        "per_1000": "فی 1,000 رہائشی",
        "received_resolved_month": "ہر مہینے موصول اور حل شدہ",
        "honest_view": "حل شدہ، مطمئن اور دوبارہ کھولی گئیں، ساتھ ساتھ",
    },
}

_BABEL_LOCALES = {"en": "en_PK", "ur": "ur_PK"}


def month_name(value: str, lang: str) -> str:
    """'2024-07' as 'July 2024' / 'جولائی 2024'."""
    year, month = (int(part) for part in value.split("-"))
    return format_date(date(year, month, 1), "MMMM y", locale=_BABEL_LOCALES.get(lang, "en_PK"))


def local_date(value: date | datetime, lang: str) -> str:
    """Format a date for people reading `lang`, independent of the system locale."""
    return format_date(value, "d MMMM y", locale=_BABEL_LOCALES.get(lang, "en_PK"))


# Escape every {{ value }}: council, supplier and field names come from spreadsheets.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

JINJA_FILTERS = {
    "local_date": local_date,
    "rupees": formats.rupees,
    "rupees_exact": formats.rupees_exact,
    "millions": formats.millions,
    "share": formats.share,
    "month_name": month_name,
    "percent": formats.percent,
    "number": formats.number,
    "file_size": formats.file_size,
    "days": formats.days,
    "iso_date": lambda value, lang: format_date(
        date.fromisoformat(value), "d MMM y", locale=_BABEL_LOCALES.get(lang, "en_PK")
    ),
}
ROWS_PER_PAGE = 50  # long tables (a supplier's payments) are split into pages this long
