"""The report in a real browser: Debian's headless Chromium, driven by Playwright.

`make test` installs Chromium (apt-get, as root) when /usr/bin/chromium is missing; these
tests are skipped, loudly, only when it still is not there. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from .runs import HEROES_MD, XSS_NAME, XSS_ROOM

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"
TEXTS = "elements => elements.map(e => e.textContent)"


def _skip(reason: str):
    reason = f"BROWSER TESTS SKIPPED: {reason}"
    warnings.warn(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A Chromium with a fresh profile (its --user-data-dir)."""
    if not CHROMIUM.exists():
        _skip(f"{CHROMIUM} is missing; install Debian's chromium and chromium-driver "
              "(`make test` does, as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip("playwright is not installed (it is in the test extra: pip install -e '.[test]')")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
            args=FLAGS, viewport={"width": 1360, "height": 900})
        yield context
        context.close()


class Report:
    """An open report page, with everything it said on its console and every request it made."""

    def __init__(self, browser, run_dir: Path):
        self.page = browser.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = (run_dir / "report.html").resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=20_000)

    def counts(self) -> tuple[int, dict[str, int]]:
        """The tick and counts that the replay shows under the map."""
        tick = int(self.page.get_attribute("#counts", "data-tick"))
        chips = self.page.eval_on_selector_all(
            "#counts .chip", "cs => cs.map(c => [c.dataset.state, Number(c.dataset.count)])")
        return tick, dict(chips)

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        self.page.close()


@pytest.fixture
def open_report(browser):
    pages = []

    def open_(run_dir):
        pages.append(Report(browser, Path(run_dir)))
        return pages[-1]

    yield open_
    for p in pages:
        p.close()


@pytest.mark.parametrize("which", ["school_run", "crowd_run", "science_run", "lattice_run"])
def test_the_page_loads_cleanly_and_loads_nothing(which, request, open_report):
    fixture = request.getfixturevalue(which)
    report = open_report(getattr(fixture, "run_dir", fixture))
    assert report.errors == []
    assert report.requests == [report.url]  # nothing from the network, not even a favicon
    assert report.page.locator("#chart path.series").count() >= 3
    frames = report.page.evaluate("hyosanReport.replay ? hyosanReport.replay.count : 0")
    assert frames == 0 if which == "science_run" else frames > 1
    report.shot(f"report-{which.removesuffix('_run')}.png")


@pytest.mark.parametrize("which", ["school_run", "crowd_run"])
def test_the_scrubber_shows_the_counts_of_its_tick(which, request, open_report):
    run = request.getfixturevalue(which)
    report = open_report(run.run_dir)
    ts = pq.read_table(run.run_dir / "timeseries.parquet").to_pandas()
    ts = ts[ts.zone == "all"].set_index("tick")
    frames = sorted(set(pq.read_table(run.run_dir / "replay.parquet").column("tick").to_pylist()))
    report.page.locator("#scrubber").scroll_into_view_if_needed()
    box = report.page.locator("#scrubber").bounding_box()
    report.page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2)
    for _ in range(2):  # where the mouse put it, then one step on with the keyboard
        frame = int(report.page.input_value("#scrubber"))
        assert frame > 0
        tick, counts = report.counts()
        assert tick == frames[frame]
        assert counts == {k: int(v) for k, v in ts.loc[tick, list(counts)].items()}
        assert len(counts) == 6
        report.page.keyboard.press("ArrowRight")
    assert report.errors == []


def test_a_click_on_a_named_person_shows_their_story(school_run, open_report):
    report = open_report(school_run.run_dir)
    events = pq.read_table(school_run.run_dir / "events.parquet").to_pandas()
    page = report.page
    page.locator("#map").scroll_into_view_if_needed()
    for pid, name in ((2, "Nam On-jo"), (0, XSS_NAME)):
        page.evaluate("f => hyosanReport.replay.setFloor(f)", 0)
        where = page.evaluate("id => hyosanReport.personOnScreen(id)", pid)
        assert where is not None, f"{name} is not on the map"
        page.mouse.click(where["x"], where["y"])
        assert page.text_content("#story-name") == name
        mine = events[(events.actor == pid) | (events.target == pid)]
        assert page.locator("#story-events li").count() == len(mine)
        assert page.eval_on_selector_all("#story-events li", "ls => ls.map(l => Number(l.dataset.tick))") \
            == mine.tick.tolist()
    assert len(mine) == 0 or page.locator("#story-events li").count() > 0
    report.shot("report-school-story.png")
    assert report.errors == []


def test_user_text_shows_as_text_and_runs_nothing(school_run, open_report):
    report = open_report(school_run.run_dir)
    page = report.page
    named = page.eval_on_selector_all("#named button", TEXTS)
    assert XSS_NAME in named
    assert page.locator("img").count() == 0 and page.locator("b").count() == 0
    assert "</script>" in page.text_content("#title")
    page.select_option("#events-kind", "start")
    places = page.eval_on_selector_all("#events-table tbody tr td:last-child", TEXTS)
    assert any(XSS_ROOM in p for p in places)
    page.fill("#people-filter", "onerror")
    assert page.locator("#people-table tbody tr").count() == 1
    page.locator("#people-table tbody tr").click()
    assert page.text_content("#story-name") == XSS_NAME
    assert report.dialogs == [] and report.errors == []


def test_the_event_log_filters(school_run, open_report):
    report = open_report(school_run.run_dir)
    report.page.select_option("#events-kind", "bite")
    kinds = report.page.eval_on_selector_all("#events-table tbody tr td:nth-child(3)", TEXTS)
    bites = pq.read_table(school_run.run_dir / "events.parquet").to_pandas().kind.eq("bite").sum()
    assert set(kinds) == {"bite"} and len(kinds) == min(bites, 100)


def test_heroes_md_renders_in_the_page(school_run, tmp_path, open_report):
    run_dir = tmp_path / "run"
    shutil.copytree(school_run.run_dir, run_dir)
    (run_dir / "heroes.md").write_text(HEROES_MD)
    from hyosan.report.html import write_report

    write_report(run_dir)
    report = open_report(run_dir)
    heading = report.page.text_content("#heroes-body h3")
    assert heading == f"1. {XSS_NAME} held the door of {XSS_ROOM} shut against the zombies pushing on it"
    assert report.page.text_content("#heroes-body em strong") == "+0.8"
    assert report.page.locator("#heroes-body img").count() == 1  # the picture, inlined
    assert report.page.locator("#heroes-body b").count() == 0
    assert report.dialogs == [] and report.errors == []
    report.shot("report-heroes.png")


def test_play_moves_the_replay_on_and_pause_stops_it(school_run, open_report):
    report = open_report(school_run.run_dir)
    page = report.page
    page.select_option("#speed", "8")
    page.click("#play")
    for _ in range(50):  # (wait_for_function would need eval, which the page's policy forbids)
        page.wait_for_timeout(100)
        if int(page.input_value("#scrubber")) > 3:
            break
    assert int(page.input_value("#scrubber")) > 3
    page.click("#play")
    stopped = page.input_value("#scrubber")
    page.wait_for_timeout(300)
    assert page.input_value("#scrubber") == stopped
    assert report.errors == []
