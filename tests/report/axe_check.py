"""Run axe-core's WCAG 2.2 A and AA rules on an HTML file in headless Chromium.

    python tests/report/axe_check.py REPORT.html [--width 360]

needs Chromium (Debian: chromium) and axe-core (npm install --prefix build/axe axe-core@4, or
AXE_CORE_JS=path/to/axe.min.js). The page is copied with axe injected before </body>; Chromium
runs it and the results are read back from the dumped DOM. No node process, no network.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
RUNNER = """<script>
axe.run(document, {runOnly: {type: "tag", values: %s}}).then(function (r) {
  var out = {violations: r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(" "); })}; }),
    passes: r.passes.map(function (p) { return p.id; }),
    incomplete: r.incomplete.map(function (p) { return p.id; })};
  var pre = document.createElement("pre"); pre.id = "axe-results";
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
}).catch(function (e) {
  var pre = document.createElement("pre"); pre.id = "axe-results";
  pre.textContent = JSON.stringify({error: String(e)}); document.body.appendChild(pre);
});
</script>"""


def axe_script() -> Path | None:
    env = os.environ.get("AXE_CORE_JS")
    for candidate in ([Path(env)] if env else []) + [
        ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js",
        Path("/usr/share/nodejs/axe-core/axe.min.js"),
        Path("/usr/lib/node_modules/axe-core/axe.min.js"),
    ]:
        if candidate.is_file():
            return candidate
    return None


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def run_axe(page: Path, width: int = 1280, timeout: float = 180) -> dict:
    """axe-core's results for the page at this viewport width: violations, passes, incomplete."""
    script, browser = axe_script(), chromium()
    if script is None or browser is None:
        raise FileNotFoundError("axe-core or Chromium is missing")
    text = page.read_text(encoding="utf-8")
    injected = f"<script>{script.read_text(encoding='utf-8')}</script>" + RUNNER % json.dumps(TAGS)
    at = text.rfind("</body>")
    text = text[:at] + injected + text[at:]
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / page.name
        copy.write_text(text, encoding="utf-8")
        run = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={folder}/profile",
                f"--window-size={width},900",
                "--virtual-time-budget=60000",
                "--dump-dom",
                copy.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    found = re.search(r'<pre id="axe-results">(.*?)</pre>', run.stdout, re.S)
    if found is None:
        raise RuntimeError(f"axe-core did not report (Chromium said: {run.stderr[-500:]})")
    result: dict = json.loads(html.unescape(found.group(1)))
    if "error" in result:
        raise RuntimeError(f"axe-core failed: {result['error']}")
    return result


def main(argv: list[str]) -> int:
    page = Path(argv[0])
    widths = [int(argv[argv.index("--width") + 1])] if "--width" in argv else [360, 1280]
    failed = False
    for width in widths:
        result = run_axe(page, width)
        print(
            f"{page} at {width} px: {len(result['violations'])} violation(s), "
            f"{len(result['passes'])} rule(s) passed, {len(result['incomplete'])} to check by hand"
        )
        for v in result["violations"]:
            failed = True
            print(f"  {v['impact']}: {v['id']}: {v['help']} at {', '.join(v['nodes'])}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
