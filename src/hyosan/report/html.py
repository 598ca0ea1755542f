"""report.html: one self-contained page per run (styles, script and data inline).

The page is the template assets/report.html with assets/report.css, assets/report.js, the
run's data (report.data.page_data, as JSON) and the heroes article (heroes.md, rendered by
report.markdown) filled in. Nothing in the page loads from anywhere: its Content-Security-Policy
allows only its own script (by hash), inline styles and data: pictures.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path

from .. import __version__
from ..output.atomic import write_text
from ..output.rundir import read_manifest
from . import markdown
from .data import HEROES, UNREAD, heroes_markdown, local_image, page_data, read_frames, run_map, run_scenario
from .gif import write_replay_gif

REPORT = "report.html"
PICTURES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
            ".webp": "image/webp"}
_SLOT = re.compile(r"\{\{(\w+)\}\}")


def asset(name: str) -> str:
    return resources.files("hyosan.report").joinpath("assets", name).read_text(encoding="utf-8")


def write_report(run_dir: Path, manifest: dict | None = None) -> list[str]:
    """Write run_dir/report.html and replay.gif (when Pillow is there) from the run
    directory's files; return the names written."""
    run_dir = Path(run_dir)
    manifest = manifest or read_manifest(run_dir)
    scenario = run_scenario(run_dir, manifest)
    frames = read_frames(run_dir, manifest)
    write_text(run_dir / REPORT, build_report(run_dir, manifest, scenario, frames))
    gif = write_replay_gif(run_dir, manifest, run_map(run_dir, scenario), frames)
    return [REPORT] + ([gif] if gif else [])


def build_report(run_dir: Path, manifest: dict | None = None, scenario=UNREAD, frames=UNREAD) -> str:
    """The page's HTML. The scenario and frames are read from run_dir unless given."""
    run_dir = Path(run_dir)
    manifest = manifest or read_manifest(run_dir)
    data = page_data(run_dir, manifest, scenario, frames)
    js = asset("report.js")
    scenario = (manifest.get("scenario") or {}).get("name", "run")
    values = {
        "title": html.escape(f"{scenario}, seed {manifest.get('seed')}"),
        "version": html.escape(__version__),
        "css": asset("report.css"),
        "js": js,
        "script_hash": "sha256-" + base64.b64encode(hashlib.sha256(f"\n{js}\n".encode()).digest()).decode(),
        "data": script_json(data),
        "heroes": heroes_html(run_dir),
    }
    # One pass over the template: text put into a slot is never searched for slots itself.
    return _SLOT.sub(lambda m: values[m.group(1)], asset("report.html"))


def script_json(data) -> str:
    """JSON that is safe inside <script type="application/json">: no '<', '>' or '&' in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def heroes_html(run_dir: Path) -> str:
    source = heroes_markdown(run_dir)
    if source is None:
        return (f'<p class="muted">No heroes report was made for this run ({HEROES} is not in '
                f"its directory).</p>")

    def image(src: str) -> str | None:
        path = local_image(run_dir, src)
        kind = PICTURES.get(path.suffix.lower()) if path else None
        if kind is None or path is None:
            return None
        return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"

    return markdown.render(source, image)
