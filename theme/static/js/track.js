/* Track a complaint: finds a complaint number in the site's index ({lg}/track/c00090.json)
   and shows its status and dates. Loaded only by the track page (theme/templates/track.html),
   whose words it uses; without it, the page's lists by number do the same job. */
(() => {
  "use strict";
  const form = document.getElementById("track");
  if (!form || !window.fetch) return;
  const input = document.getElementById("track-id");
  const result = document.getElementById("track-result");
  const text = document.getElementById("track-text");
  const data = form.dataset;
  const lang = data.lang;
  const locale = lang === "ur" ? "ur-PK" : "en-PK";
  const labels = {};
  for (const item of text.querySelectorAll("[data-k]")) labels[item.dataset.k] = item.textContent;
  // Longest code first, so one council's code is never read as the start of another's.
  const councils = data.councils.split(" ").sort((a, b) => b.length - a.length);
  const shards = {};

  // Arabic-Indic and Urdu digits (٠-٩, ۰-۹) as 0-9; case, spaces and dashes do not matter.
  const compact = (value) =>
    value
      .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf))
      .toUpperCase()
      .replace(/[\s\-_./]/g, "");

  // {lg, id} of what was typed ("sbz-mc-c0009030", "SBZMC C 9030", "9030"), or null.
  function parse(value) {
    const typed = compact(value);
    for (const lg of councils) {
      const start = lg.replace(/-/g, "");
      const rest = typed.startsWith(start) && typed.slice(start.length).match(/^C?(\d{1,7})$/);
      if (rest) return { lg, id: `${lg}-C${rest[1].padStart(7, "0")}` };
    }
    const number = typed.match(/^C?(\d{1,7})$/);
    return number ? { lg: data.council, id: `${data.council}-C${number[1].padStart(7, "0")}` } : null;
  }

  // A copy of one of the page's messages, with {name} filled in as text.
  function message(name, values) {
    const copy = text.querySelector(`[data-msg="${name}"]`).cloneNode(true);
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      node.nodeValue = node.nodeValue.replace(/\{(\w+)\}/g, (whole, key) => values[key] ?? whole);
    }
    copy.removeAttribute("data-msg");
    return copy;
  }

  function date(iso) {
    if (!iso) return "–";
    try {
      const when = new Date(`${iso}T00:00:00Z`);
      return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(when);
    } catch (error) {
      return iso;
    }
  }

  async function shard(key) {
    if (!shards[key]) {
      shards[key] = fetch(`${data.index}${key}.json`).then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      });
      shards[key].catch(() => delete shards[key]); // try again next time
    }
    return shards[key];
  }

  function found(record, link) {
    const view = document.getElementById("track-found").content.cloneNode(true);
    const open = record.status === "open";
    const shown = {
      service_request_id: record.service_request_id,
      status: labels[`s:${record.status}`] || record.status,
      status_detail: labels[`d:${record.status_detail}`] || record.status_detail,
      service_code: labels[`c:${record.service_code}`] || record.service_code,
      ward_code: labels[`w:${record.ward_code}`] || record.ward_code,
      requested: date(record.requested),
      updated: date(record.updated),
      resolved: date(record.resolved),
      days: record.days == null ? "–" : new Intl.NumberFormat(locale).format(record.days),
    };
    for (const slot of view.querySelectorAll("[data-f]")) {
      const field = slot.dataset.f;
      if (field === "link") slot.href = link;
      else if (field === "days-label") slot.replaceChildren(message(open ? "open-days" : "closed-days", { date: date(data.asOf) }));
      else slot.textContent = shown[field];
    }
    return view;
  }

  function show(...nodes) {
    result.replaceChildren(...nodes);
  }

  async function look(value) {
    show(); // the last answer goes at once: it is not about this number
    const typed = value.trim();
    const wanted = parse(typed);
    if (!wanted) return show(message("malformed", { id: typed }));
    if (wanted.lg !== data.council) {
      const note = message("other", { id: wanted.id });
      note.querySelector("a").href = `${data.other.replace("{lg}", wanted.lg.toLowerCase())}?id=${encodeURIComponent(wanted.id)}`;
      return show(note);
    }
    const key = `c${wanted.id.slice(-7, -2)}`;
    const range = form.parentElement.querySelector(`a[data-range="${key}"]`);
    if (!range) return show(message("missing", { id: wanted.id }));
    let index;
    try {
      index = await shard(key);
    } catch (error) {
      return show(message("failed", {}));
    }
    const row = index.rows.find((r) => r[0] === wanted.id);
    if (!row) return show(message("missing", { id: wanted.id }));
    const record = Object.fromEntries(index.fields.map((field, i) => [field, row[i]]));
    return show(found(record, `${range.getAttribute("href")}#${wanted.id.slice(-8).toLowerCase()}`));
  }

  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set("id", input.value.trim());
    window.history.replaceState(null, "", url);
    look(input.value);
  });
  const asked = new URLSearchParams(window.location.search).get("id");
  if (asked) {
    input.value = asked;
    look(asked);
  }
})();
