"""The page around the HTML catalogue: inline CSS and JavaScript, nothing fetched from the network.

:func:`page` takes pieces that are already escaped HTML (``erhverv_cli.export`` builds them) and
puts them into one self-contained document. The script filters the cases by type and region and
searches their text with the same Danish folding as the CLI (``erhverv_cli.folding.fold``), so
"Koge", "Koege" and "Køge" find the same cases.
"""

from __future__ import annotations

STYLE = """
:root { color-scheme: light dark; --bg: #f7f6f2; --fg: #1c232b; --muted: #55606c; --accent: #0a5a86;
  --card: #ffffff; --line: #d9dee4; --field: #8a949e; --basal: #2f6f3e; --fokuseret: #7a4b00;
  --erhvervsudvikling: #5b3d8a; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #14181c; --fg: #e8ebee; --muted: #a9b3bd; --accent: #7cc0ea; --card: #1d2328;
    --line: #323b44; --field: #6b7784; --basal: #86c994; --fokuseret: #e8b25c; --erhvervsudvikling: #c0a4ec; }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); overflow-wrap: anywhere;
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.wrap { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; z-index: 2; background: var(--card); color: var(--fg); padding: .5rem; }
header.site { background: var(--accent); color: #fff; padding: 1.5rem 0 1.25rem; }
@media (prefers-color-scheme: dark) { header.site { background: #0d3a56; } }
header.site h1 { margin: 0 0 .5rem; font-size: clamp(1.5rem, 1rem + 2.5vw, 2.4rem); line-height: 1.2; }
header.site p { margin: 0; max-width: 44rem; }
.filters { background: var(--bg); border-bottom: 1px solid var(--line); padding: .75rem 0; }
.filters .grid { display: grid; grid-template-columns: minmax(0, 1fr); gap: .6rem; }
.filters label { display: block; font-weight: 600; font-size: .875rem; margin-bottom: .2rem; }
.filters input, .filters select, .filters button { width: 100%; min-width: 0; font: inherit; color: var(--fg);
  background: var(--card); border: 1px solid var(--field); border-radius: .4rem; padding: .5rem .6rem; }
.filters button { cursor: pointer; width: auto; }
.filters .status { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin-top: .6rem; }
.filters .status p { margin: 0; color: var(--muted); }
@media (min-width: 40rem) {
  .filters { position: sticky; top: 0; z-index: 1; }
  .filters .grid { grid-template-columns: minmax(0, 1.4fr) minmax(0, 1.4fr) minmax(0, 1fr); }
  .case, section.type { scroll-margin-top: 9rem; }
}
input:focus-visible, select:focus-visible, button:focus-visible, summary:focus-visible, a:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
main { padding-bottom: 2rem; }
section.type > h2 { margin: 2rem 0 .4rem; font-size: 1.6rem; line-height: 1.25; }
section.type > .intro { margin: 0 0 1rem; color: var(--muted); max-width: 46rem; }
.case { background: var(--card); border: 1px solid var(--line); border-left: .35rem solid var(--accent);
  border-radius: .5rem; padding: 1rem 1.1rem; margin: 0 0 1rem; }
.case[data-type="basal"] { border-left-color: var(--basal); }
.case[data-type="fokuseret"] { border-left-color: var(--fokuseret); }
.case[data-type="erhvervsudvikling"] { border-left-color: var(--erhvervsudvikling); }
.case h3 { margin: 0; font-size: 1.2rem; line-height: 1.3; }
.case .title-en { margin: .15rem 0 0; color: var(--muted); font-style: italic; }
.case .meta { margin: .5rem 0; color: var(--muted); font-size: .9rem; }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; letter-spacing: .02em;
  text-transform: uppercase; border: 1px solid currentColor; border-radius: 1rem; padding: 0 .5rem;
  margin-right: .3rem; }
.case[data-type="basal"] .badge { color: var(--basal); }
.case[data-type="fokuseret"] .badge { color: var(--fokuseret); }
.case[data-type="erhvervsudvikling"] .badge { color: var(--erhvervsudvikling); }
.case .summary { margin: .5rem 0; }
details { margin-top: .5rem; }
details > summary { cursor: pointer; color: var(--accent); font-weight: 600; padding: .25rem 0; }
details h4 { margin: 1.1rem 0 .3rem; font-size: 1rem; }
details p { margin: 0 0 .6rem; }
dl.facts { margin: 0; }
dl.facts > div { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 1rem; padding: .3rem 0;
  border-top: 1px solid var(--line); }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
dl.facts ul, ul.figures { margin: 0; padding-left: 1.1rem; }
@media (min-width: 40rem) { dl.facts > div { grid-template-columns: 10rem minmax(0, 1fr); } }
blockquote { margin: .5rem 0; padding: .2rem 0 .2rem 1rem; border-left: 3px solid var(--line); }
blockquote footer { color: var(--muted); font-size: .9rem; }
.source { color: var(--muted); font-size: .85rem; }
.none { padding: 1rem 0; font-weight: 600; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem;
  padding: 1rem 0 2rem; }
"""

# Folding mirrors erhverv_cli.folding.fold: lower case, æ/ä→a, ø/ö→o, å→a, ü→u, then aa/ae→a and
# oe→o, then accents stripped. Query words must all occur in a case's folded text (any order).
SCRIPT = r"""
(function () {
  "use strict";
  function fold(text) {
    var lowered = String(text).toLowerCase()
      .replace(/[\u00e6\u00e4]/g, "a").replace(/[\u00f8\u00f6]/g, "o")
      .replace(/\u00e5/g, "a").replace(/\u00fc/g, "u");
    lowered = lowered.replace(/aa|ae|oe/g, function (pair) { return pair === "oe" ? "o" : "a"; });
    return lowered.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function words(text) {
    return fold(text).split(/[^0-9a-z]+/).filter(function (word) { return word.length > 0; });
  }
  window.erhvervFold = fold;
  var form = document.getElementById("filters");
  var query = document.getElementById("q");
  var typeChoice = document.getElementById("type");
  var regionChoice = document.getElementById("region");
  var status = document.getElementById("count");
  var none = document.getElementById("none");
  var cases = Array.prototype.slice.call(document.querySelectorAll("article.case"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.type"));
  var texts = cases.map(function (item) { return " " + words(item.textContent).join(" ") + " "; });
  function apply() {
    var wanted = words(query.value);
    var type = typeChoice.value;
    var region = regionChoice.value;
    var shown = 0;
    cases.forEach(function (item, i) {
      var visible = (!type || item.getAttribute("data-type") === type) &&
        (!region || item.getAttribute("data-regions").split("|").indexOf(region) >= 0) &&
        wanted.every(function (word) { return texts[i].indexOf(word) >= 0; });
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("article.case:not([hidden])");
    });
    status.textContent = "Viser " + shown + " af " + cases.length + " cases";
    none.hidden = shown > 0;
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
"""


def page(
    *,
    title: str,
    introduction: str,
    type_options: str,
    region_options: str,
    total: int,
    sections: str,
    generator: str,
) -> str:
    """The whole document around already-escaped pieces of HTML."""
    return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{generator}">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<a class="skip" href="#cases">Spring til casene</a>
<header class="site"><div class="wrap">
<h1>{title}</h1>
<p>{introduction}</p>
</div></header>
<form class="filters" id="filters" role="search" aria-label="Søg og filtrer casene" hidden>
<div class="wrap">
<div class="grid">
<div><label for="q">Søg i casene</label>
<input id="q" name="q" type="search" autocomplete="off" placeholder="fx klynge, iværksættere, Køge"></div>
<div><label for="type">Type</label><select id="type" name="type">{type_options}</select></div>
<div><label for="region">Region</label><select id="region" name="region">{region_options}</select></div>
</div>
<div class="status"><p id="count" role="status" aria-live="polite">Viser {total} af {total} cases</p>
<button type="reset">Nulstil</button></div>
</div>
</form>
<main id="cases"><div class="wrap">
<p class="none" id="none" hidden>Ingen cases passer til søgningen. Prøv andre ord eller færre filtre.</p>
{sections}
</div></main>
<footer class="site"><div class="wrap">
<p>Dannet med {generator}. Siden virker uden netværk: al tekst, layout og søgning ligger i denne ene fil.</p>
</div></footer>
<script>{SCRIPT}</script>
</body>
</html>
"""
