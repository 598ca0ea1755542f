"""report.html and replay.gif as files: self-contained, escaped, rebuilt by `hyosan report`."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys

import pytest
from PIL import Image

from hyosan.report import gif
from hyosan.report.html import REPORT, build_report

from .runs import HEROES_MD, XSS_NAME, XSS_SCENARIO


def page(run) -> str:
    return (run.run_dir / REPORT).read_text()


def test_every_finished_run_has_a_report_and_a_gif(school_run, crowd_run):
    for run in (school_run, crowd_run):
        assert run.manifest["report"] == ["report.html", "replay.gif"]
        assert (run.run_dir / "report.html").is_file() and (run.run_dir / "replay.gif").is_file()


def test_the_page_is_self_contained(school_run):
    html = page(school_run)
    assert not re.search(r"<(link|iframe|object|embed)\b", html)
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp


def test_only_the_pages_own_script_may_run(school_run):
    html = page(school_run)
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html


def test_user_text_is_escaped_in_the_html(school_run):
    html = page(school_run)
    data = re.search(r'<script type="application/json" id="hyosan-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and ">" not in data
    assert json.loads(data)["names"]["0"] == XSS_NAME
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert "<script>" not in title and "&lt;/script&gt;" in title
    assert html.count("<script") == 2  # the data and the page's own script, nothing injected


def test_the_heroes_section_says_when_there_is_none(school_run):
    assert not (school_run.run_dir / "heroes.md").exists()
    assert "No heroes report was made for this run" in page(school_run)


def test_heroes_md_is_rendered_with_its_pictures(school_run, tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(school_run.run_dir, run_dir)
    (run_dir / "heroes.md").write_text(HEROES_MD)
    html = build_report(run_dir)
    assert "<h2>The bravest things the people of School &lt;/script&gt;&lt;script&gt;" in html
    assert "<em>0:00:07, &lt;b&gt;lab&lt;/b&gt;. Lives saved: <strong>+0.8</strong> " in html
    assert '<img src="data:image/png;base64,' in html and "<script>alert" not in html


def hyosan_report(run_dir) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hyosan", "report", str(run_dir)],
                          capture_output=True, text=True)


def test_hyosan_report_rebuilds_the_page(school_run, tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(school_run.run_dir, run_dir)
    (run_dir / "report.html").unlink()
    (run_dir / "replay.gif").unlink()
    r = hyosan_report(run_dir)
    assert r.returncode == 0, r.stderr
    assert "report.html" in r.stdout and "replay.gif" in r.stdout
    assert (run_dir / "replay.gif").is_file()
    assert XSS_SCENARIO not in (run_dir / "report.html").read_text()  # escaped, never raw


def test_hyosan_report_refuses_an_unfinished_run(school_run, tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(school_run.run_dir, run_dir)
    manifest = json.loads((run_dir / "manifest.json").read_text())
    (run_dir / "manifest.json").write_text(json.dumps({**manifest, "status": "interrupted"}))
    r = hyosan_report(run_dir)
    assert r.returncode == 2 and "hyosan resume" in r.stderr


@pytest.mark.parametrize("which", ["school_run", "crowd_run"])
def test_the_gif_is_small(which, request):
    run = request.getfixturevalue(which)
    path = run.run_dir / "replay.gif"
    with Image.open(path) as image:
        assert 2 <= image.n_frames <= gif.FRAMES
        assert image.width <= gif.MAX_WIDTH
    assert path.stat().st_size < 2_000_000


@pytest.mark.slow
def test_the_city_report_stays_small(tmp_path):
    """A million people: density frames, the people and events cut down, well under 20 MB."""
    from hyosan import runner

    run = runner.run("hyosan-city", duration=200.0, out=tmp_path / "city", heroes=0)
    html = (run.run_dir / REPORT).read_text()
    assert len(html) < 20_000_000
    data = json.loads(re.search(r'id="hyosan-data">(.*?)</script>', html, re.S).group(1))
    assert data["replay"]["kind"] == "density"
    assert data["people"]["total"] == run.manifest["people"] > data["people"]["shown"]
