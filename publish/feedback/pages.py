"""The small HTML answers a browser gets after posting the plain 'report a problem' form."""

from __future__ import annotations

import re
from html import escape

from publish.feedback.config import Config

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5}[lang=ur]{font-size:1.15em}.id{font-size:1.5rem;font-weight:bold}"
)


def wants_html(accept: str) -> bool:
    """Whether an Accept header prefers text/html to JSON (a browser posting a form does)."""
    quality = {"html": 0.0, "json": 0.0}
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        media = media.lower()
        if media in ("text/html", "application/xhtml+xml"):
            quality["html"] = max(quality["html"], q)
        elif media in ("application/json", "*/*", "application/*"):
            quality["json"] = max(quality["json"], q)
    return quality["html"] > quality["json"]


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>"
    )


def _back(config: Config) -> str:
    if not config.site_url:
        return ""
    url = escape(config.site_url, quote=True)
    return (
        f'<p><a href="{url}">Back to the site</a> · '
        f'<a href="{url}" lang="ur">ویب سائٹ پر واپس</a></p>'
    )


def track_urls(key: str, config: Config) -> tuple[str, str] | None:
    """Where the citizen follows complaint ``key`` on the site, in English and in Urdu: the
    ``track_url`` setting ({id}, {lg} filled in), else the site's own track page under
    ``site_url``; None when the service knows neither."""
    found = re.fullmatch(r"(.+)-C\d{7}", key)
    if not found:
        return None
    lg = found.group(1)
    if config.track_url:
        url = config.track_url.replace("{id}", key).replace("{lg}", lg.lower())
        return url, url
    if config.site_url:
        site = config.site_url.rstrip("/")
        return (f"{site}/{lg.lower()}/track/?id={key}", f"{site}/ur/{lg.lower()}/track/?id={key}")
    return None


def received(key: str, due: str, config: Config) -> str:
    """The page after a complaint was stored: its number, the due date, where to track it."""
    safe = escape(key)
    track, track_ur = "", ""
    urls = track_urls(key, config)
    if urls:
        english, urdu = (escape(url, quote=True) for url in urls)
        track = (
            "<p>It appears on the site's “Track a complaint” page after the council next "
            f'publishes its complaints: <a href="{english}">track this complaint</a>.</p>'
        )
        track_ur = (
            "<p>کونسل کی اگلی اشاعت کے بعد یہ شکایت ویب سائٹ کے پیروی کے صفحے پر نظر آئے گی: "
            f'<a href="{urdu}">اپنی شکایت کی پیروی کریں</a>۔</p>'
        )
    body = (
        "<h1>Complaint received</h1>"
        f'<p>Your complaint number is <span class="id">{safe}</span>. Keep it to follow what '
        f"the council does. The council aims to resolve it by {escape(due)}.</p>{track}"
        '<div lang="ur" dir="rtl"><h2>شکایت موصول ہو گئی</h2>'
        f'<p>آپ کی شکایت کا نمبر <span class="id" dir="ltr">{safe}</span> ہے۔ اسے سنبھال کر رکھیں۔'
        f' کونسل اسے <span dir="ltr">{escape(due)}</span> تک حل کرنے کی کوشش کرے گی۔</p>'
        f"{track_ur}</div>{_back(config)}"
    )
    return _page(f"Complaint {key} received", body)


def refused(problems: list[str], config: Config) -> str:
    """The page when a submission was refused: each problem, and the way back to the form."""
    items = "".join(f"<li>{escape(p)}</li>" for p in problems)
    body = (
        "<h1>Your complaint was not sent</h1>"
        f"<p>Please go back to the form and correct this:</p><ul>{items}</ul>"
        '<div lang="ur" dir="rtl"><h2>آپ کی شکایت نہیں بھیجی گئی</h2>'
        "<p>براہ کرم فارم پر واپس جائیں اور اوپر لکھی غلطی درست کریں۔</p></div>"
        f"{_back(config)}"
    )
    return _page("Your complaint was not sent", body)
