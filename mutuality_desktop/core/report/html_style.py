"""The HTML edition's stylesheet: the brand's colours, a phone-first layout, a print stylesheet."""

from __future__ import annotations

from .styles import INK, MUTED, RULE, WARN, ZEBRA, Styles, text_on


def stylesheet(styles: Styles) -> str:
    """The CSS, inlined in the document's head."""
    primary, on_primary = styles.primary, text_on(styles.primary)
    return f"""
:root {{ --ink: {INK}; --muted: {MUTED}; --rule: {RULE}; --zebra: {ZEBRA}; --warn: {WARN};
  --primary: {primary}; --on-primary: {on_primary}; --heading: {styles.primary_text};
  --accent: {styles.accent}; --accent-text: {styles.accent_text}; --band: {styles.band}; }}
*, *::before, *::after {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; color: var(--ink); background: #fff; line-height: 1.55; font-size: 1rem;
  font-family: "DejaVu Sans", "Segoe UI", Verdana, system-ui, -apple-system, Arial, sans-serif; }}
main, nav.contents, .page-footer, .cover-details {{ max-width: 62rem; margin: 0 auto;
  padding: 0 1rem; }}
main:focus {{ outline: none; }}
a {{ color: var(--heading); text-underline-offset: 0.15em; }}
:focus-visible {{ outline: 3px solid var(--accent-text); outline-offset: 2px; }}
.skip-link {{ position: absolute; left: 0.5rem; top: -4rem; z-index: 10; padding: 0.6rem 1rem;
  background: #fff; color: var(--ink); border: 2px solid var(--ink); font-weight: bold; }}
.skip-link:focus {{ top: 0.5rem; }}
.visually-hidden {{ position: absolute !important; width: 1px; height: 1px; padding: 0;
  margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }}
h1, h2, h3, h4 {{ line-height: 1.25; color: var(--heading); overflow-wrap: break-word; }}
h2 {{ font-size: 1.7rem; margin: 2.5rem 0 0.5rem; padding-top: 1rem;
  border-top: 4px solid var(--primary); }}
h3 {{ font-size: 1.25rem; margin: 1.8rem 0 0.5rem; }}
h4 {{ font-size: 1.05rem; margin: 1.6rem 0 0.4rem; padding-top: 0.8rem;
  border-top: 1px solid var(--rule); }}
p, li, td, th, dd, dt {{ overflow-wrap: break-word; }}
.lead {{ font-size: 1.1rem; }}
.muted, figcaption, .kicker {{ color: var(--muted); }}
.kicker {{ text-transform: uppercase; letter-spacing: 0.04em; font-weight: bold; font-size: 0.85rem;
  margin: 0; }}
.cover {{ background: var(--primary); color: var(--on-primary); padding: 2.5rem 1rem 2rem;
  border-bottom: 0.5rem solid var(--accent); }}
.cover > * {{ max-width: 60rem; margin-left: auto; margin-right: auto; }}
.cover h1 {{ color: var(--on-primary); font-size: clamp(1.7rem, 6vw, 2.6rem);
  margin: 0.4rem auto 1rem; }}
.cover p {{ margin: 0.3rem auto; font-size: 1.1rem; }}
.cover .kicker, .cover .consultancy {{ color: var(--on-primary); }}
.consultancy {{ font-weight: bold; }}
.cover-details dl {{ display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 1rem;
  margin: 1.5rem 0; }}
@media (min-width: 40rem) {{ .cover-details dl {{
  grid-template-columns: minmax(7rem, 12rem) minmax(0, 1fr);
  gap: 0.35rem 1rem; }} }}
.cover-details dt {{ font-weight: bold; color: var(--muted); font-size: 0.85rem;
  text-transform: uppercase; }}
.cover-details dd {{ margin: 0 0 0.5rem; }}
nav.contents ol {{ padding-left: 1.4rem; }}
nav.contents li {{ margin: 0.25rem 0; }}
.figures {{ list-style: none; padding: 0; display: grid; gap: 0.8rem;
  grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); }}
.figures li {{ background: var(--zebra); border-top: 3px solid var(--primary);
  padding: 0.6rem 0.8rem; }}
.figures li:first-child {{ border-top-color: var(--accent); }}
.figures .value {{ display: block; font-size: 2rem; font-weight: bold; color: var(--heading); }}
.figures .unit {{ font-size: 0.95rem; color: var(--muted); font-weight: normal; }}
.pair {{ display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem 2rem;
  align-items: start; }}
@media (min-width: 60rem) {{ .pair {{ grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }} }}
figure {{ margin: 1rem 0; }}
svg.chart {{ display: block; width: 100%; max-width: 34rem; height: auto; margin: 0 auto; }}
figcaption {{ text-align: center; font-size: 0.9rem; }}
.table-wrap {{ overflow-x: auto; margin: 0.8rem 0 1.2rem; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.95rem; }}
caption {{ text-align: left; font-weight: bold; padding: 0.3rem 0; color: var(--ink); }}
th, td {{ text-align: left; vertical-align: top; padding: 0.4rem 0.5rem;
  border-bottom: 1px solid var(--rule); }}
thead th {{ font-size: 0.85rem; text-transform: uppercase; color: var(--muted);
  border-bottom: 2px solid var(--primary); vertical-align: bottom; }}
tbody th {{ font-weight: normal; }}
tbody tr:nth-child(even) {{ background: var(--zebra); }}
tr.group th {{ background: var(--band); font-weight: bold; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.chip {{ display: inline-block; white-space: nowrap; font-weight: bold; font-size: 0.85rem;
  padding: 0.05rem 0.6rem; border-radius: 1rem; border: 1px solid transparent; }}
@media (max-width: 40rem) {{ .chip {{ white-space: normal; }} }}
.levels {{ display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0.4rem 0; padding: 0; }}
.levels div {{ display: flex; flex-direction: column; gap: 0.15rem; }}
.levels dt {{ font-size: 0.8rem; font-weight: bold; color: var(--muted);
  text-transform: uppercase; }}
.levels dd {{ margin: 0; }}
.facts {{ margin: 0.3rem 0; padding-left: 1.2rem; font-size: 0.95rem; }}
.descriptor {{ font-style: italic; color: var(--muted); }}
.overdue {{ color: var(--warn); font-weight: bold; }}
.fall {{ color: var(--warn); }}
.guide dt {{ font-weight: bold; margin-top: 0.4rem; }}
.guide dd {{ margin: 0 0 0.3rem 1.2rem; }}
.reading {{ font-size: 0.9rem; background: #F3F5F7; border: 1px solid #CDD3D9; padding: 0.5rem 0.75rem; }}
.definitions dt {{ font-weight: bold; float: left; margin-right: 0.3rem; }}
.definitions dt::after {{ content: ":"; }}
.definitions dd {{ margin: 0 0 0.6rem 0; }}
.page-footer {{ margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--rule);
  color: var(--muted); font-size: 0.9rem; }}
@media print {{
  @page {{ size: A4; margin: 16mm 15mm 18mm; }}
  body {{ font-size: 10pt; }}
  main, nav.contents, .page-footer, .cover-details {{ max-width: none; padding: 0; }}
  .skip-link {{ display: none; }}
  .cover {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  nav.contents, main > section {{ break-before: page; }}
  h2, h3, h4 {{ break-after: avoid; }}
  figure, tr, .figures li {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  .table-wrap {{ overflow: visible; }}
  a {{ color: inherit; text-decoration: none; }}
  tbody tr:nth-child(even), tr.group th, .figures li, .chip {{ -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }}
}}
"""
