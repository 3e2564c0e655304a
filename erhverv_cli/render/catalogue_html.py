"""The page around the HTML catalogue: inline CSS and JavaScript, nothing fetched from the network.

:func:`page` takes pieces that are already escaped HTML (``erhverv_cli.export`` builds them) and
puts them into one self-contained document. The page's search is the CLI's: the analysed index
comes embedded as JSON (:mod:`erhverv_cli.render.page_index`), and the script (``page_js/``)
analyses the query with the same Snowball stemmers and ranks as `erhverv find` does, with the
type and region filters as ``--type`` and ``--region``. A print stylesheet lays the catalogue
out for paper: each case on a new page, everything unfolded, link addresses written out.
"""

from __future__ import annotations

from pathlib import Path

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
#results { padding-top: 1rem; }
.contents, .selection { display: none; }
"""

# Paper: black on white in a readable size, no controls, every case from the top of a page (each
# type's heading and introduction on a page of their own before its cases), <details> unfolded
# (::details-content where the browser has it; the script also opens them before printing), and
# the address of every outside link written after it.
PRINT_STYLE = """
@page { size: A4; margin: 18mm 17mm 20mm;
  @bottom-center { content: "Side " counter(page) " af " counter(pages); font: 8pt system-ui, sans-serif;
    color: #444; } }
@page :first { @bottom-center { content: none; } }
@media print {
  :root { color-scheme: light; --bg: #fff; --fg: #000; --muted: #333; --accent: #000; --card: #fff;
    --line: #999; --field: #999; --basal: #000; --fokuseret: #000; --erhvervsudvikling: #000; }
  html, body { background: #fff !important; color: #000 !important; }
  body { font: 10.5pt/1.45 Georgia, "Times New Roman", Times, serif; overflow-wrap: break-word; }
  .skip, form.filters, #none, .status, button, .screen-only { display: none !important; }
  .wrap { max-width: none; margin: 0; padding: 0; }
  header.site { background: none !important; color: #000; padding: 0 0 6mm; border-bottom: 1.5pt solid #000; }
  header.site h1 { font-size: 24pt; margin: 20mm 0 6mm; }
  header.site p { max-width: none; font-size: 11pt; }
  .contents { display: block; margin-top: 10mm; font-size: 10pt; }
  .contents .contents-title { font: 600 12pt system-ui, sans-serif; margin: 0 0 2mm; }
  .contents ul { list-style: none; margin: 0; padding: 0; }
  .contents > ul > li { font-weight: 600; margin-top: 3mm; }
  .contents li li { font-weight: normal; padding-left: 5mm; }
  .contents a { text-decoration: none; }
  .contents[hidden], .contents li[hidden] { display: none; }
  header.site .selection { display: block; margin-top: 6mm; font: 600 11pt system-ui, sans-serif; }
  header.site .selection[hidden] { display: none; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid;
    font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  section.type { break-before: page; page-break-before: always; }
  #results { padding: 0; }
  section.type > h2 { font-size: 20pt; margin: 20mm 0 4mm; }
  section.type > .intro { color: #000; font-size: 11pt; max-width: none; }
  .case { break-before: page; page-break-before: always; background: none; border: 0; border-radius: 0;
    padding: 0; margin: 0; box-shadow: none; }
  .case h3 { font-size: 16pt; margin: 0 0 1mm; padding-bottom: 2mm; border-bottom: .75pt solid #000; }
  .case .title-en, .case .meta, .source, blockquote footer { color: #333; }
  .badge { color: #000 !important; border-color: #000; }
  details > summary { display: none; }
  details::details-content { content-visibility: visible; display: block; }
  details h4 { font-size: 11.5pt; margin: 4mm 0 1mm; }
  dl.facts > div { grid-template-columns: 38mm minmax(0, 1fr); break-inside: avoid;
    page-break-inside: avoid; }
  blockquote, ul.figures li, p { orphans: 3; widows: 3; }
  blockquote { break-inside: avoid; page-break-inside: avoid; border-left-color: #666; }
  a { color: #000; text-decoration: underline; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; overflow-wrap: anywhere; }
  main { padding-bottom: 0; }
  footer.site { border-top: .75pt solid #999; color: #333; margin-top: 6mm; padding: 2mm 0 0;
    font-size: 8.5pt; }
}
"""

_SCRIPTS = ("snowball.js", "search.js", "query.js", "ranking.js", "page.js")


def _script() -> str:
    """The page's script: the Snowball stemmers, the CLI's search in JavaScript, and the page's own
    behaviour (files in ``page_js/``, read when a page is made)."""
    folder = Path(__file__).resolve().parent / "page_js"
    return "\n".join((folder / name).read_text(encoding="utf-8") for name in _SCRIPTS)


def page(
    *,
    title: str,
    introduction: str,
    type_options: str,
    region_options: str,
    total: int,
    sections: str,
    generator: str,
    search_index: str,
    contents: str = "",
) -> str:
    """The whole document around already-escaped pieces of HTML, and the search index as JSON that
    holds no ``<`` (:func:`erhverv_cli.render.page_index.page_index_json`)."""
    return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{generator}">
<title>{title}</title>
<style>{STYLE}{PRINT_STYLE}</style>
</head>
<body>
<a class="skip" href="#cases">Spring til casene</a>
<header class="site"><div class="wrap">
<h1>{title}</h1>
<p>{introduction}</p>
<p class="selection" id="selection" hidden></p>
{contents}
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
<section id="results" aria-label="Søgeresultater, bedst passende først" hidden>
<div id="result-list"></div></section>
{sections}
</div></main>
<footer class="site"><div class="wrap">
<p>Dannet med {generator}.</p>
<p class="screen-only">Siden virker uden netværk: al tekst, layout og søgning ligger i denne ene fil.
Søgningen finder det samme som <code>erhverv find</code> og bruger Snowball-projektets stemmere for dansk
og engelsk (BSD-licens; licensen står i sidens kildetekst).</p>
</div></footer>
<script type="application/json" id="search-index">{search_index}</script>
<script>{_script()}</script>
</body>
</html>
"""
