// The search page's script (templates/search.html), the only script on the site. It shows the
// form, and on first use loads Pagefind's index of this language (pagefind/, written by
// plugins/shafaf_search at build time). Text from the index is only ever inserted as text.

const box = document.getElementById("search");
const form = document.getElementById("search-form");
const input = document.getElementById("search-query");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const lang = document.documentElement.lang;
const BATCH = 10; // results shown at a time
const WAIT = 300; // ms after the last key before searching

let pagefind = null; // the loading or loaded Pagefind module
let results = [];
let shown = 0;
let latest = 0; // number of the newest search: an older one that finishes late is dropped
let timer = 0;

function message(name, values) {
  return box.dataset[name].replace(/\{(\w+)\}/g, (_, key) => values[key]);
}

function load() {
  pagefind ??= import(new URL(box.dataset.bundle + "pagefind.js", document.baseURI).href).then(
    async (module) => {
      await module.options({ excerptLength: 24, noWorker: true });
      module.init();
      return module;
    },
  );
  return pagefind;
}

// Pagefind's excerpt is text with <mark> around the words found: rebuild it from text nodes and
// marks only, parsed in an inert document, so nothing in the indexed text can become markup.
function excerpt(html) {
  const paragraph = document.createElement("p");
  const parsed = new DOMParser().parseFromString(html, "text/html");
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(node.textContent);
    }
  }
  return paragraph;
}

function item(data) {
  const li = document.createElement("li");
  const heading = document.createElement("h2");
  heading.className = "news-list__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  li.append(heading);
  if (data.meta.kind) {
    const kind = document.createElement("p");
    kind.className = "meta";
    kind.textContent = data.meta.kind;
    li.append(kind);
  }
  li.append(excerpt(data.excerpt));
  return li;
}

// Show the next results; the first batch of a search replaces the last search's results.
async function showMore(ticket, focus) {
  const batch = results.slice(shown, shown + BATCH);
  const found = await Promise.all(batch.map((result) => result.data()));
  if (ticket !== latest) return;
  const items = found.map(item);
  if (shown === 0) list.replaceChildren(...items);
  else list.append(...items);
  shown += batch.length;
  more.hidden = shown >= results.length;
  if (focus && items.length) items[0].querySelector("a").focus();
}

function remember(query) {
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  history.replaceState(null, "", url);
}

async function search(query) {
  const ticket = ++latest;
  query = query.trim();
  remember(query);
  if (!query) {
    results = [];
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  try {
    const found = await (await load()).search(query);
    if (ticket !== latest) return;
    results = found.results;
    shown = 0;
    await showMore(ticket, false);
    if (ticket !== latest) return;
    const count = results.length; // said once the first results are on the page
    const plural = new Intl.PluralRules(lang).select(count) === "one" ? "one" : "other";
    status.textContent = count
      ? message(plural, { num: count.toLocaleString(lang), query })
      : message("none", { query });
  } catch (error) {
    if (ticket !== latest) return;
    status.textContent = message("failed", {});
    console.warn("Search failed:", error);
  }
}

form.hidden = false;
document.getElementById("search-needs-script").hidden = true;
input.addEventListener("focus", () => load().catch(() => {}), { once: true }); // ready sooner
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => search(input.value), WAIT);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  search(input.value);
});
more.addEventListener("click", () => showMore(latest, true));

const asked = new URLSearchParams(location.search).get("q");
if (asked) {
  input.value = asked;
  search(asked);
}
