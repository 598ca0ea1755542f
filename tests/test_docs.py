"""The README's examples and the docs' scripts run as written."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text()


def block(language: str) -> str:
    return re.search(rf"```{language}\n(.*?)```", README, re.S).group(1)


def test_the_readme_scenario_is_valid(tmp_path):
    path = tmp_path / "classroom.toml"
    path.write_text(block("toml"))
    r = subprocess.run([sys.executable, "-m", "hyosan", "validate", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "ok: 'Classroom'" in r.stdout


def test_the_readme_python_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    exec(compile(block("python"), "README.md", "exec"), {})
    assert (tmp_path / "runs" / "c3" / "manifest.json").is_file()
    assert "'human'" in capsys.readouterr().out


def test_the_story_tally_runs(monkeypatch):
    """docs/story/tally.py makes docs/story/hyosan-high.md; here on two seeds, in this process."""
    monkeypatch.syspath_prepend(str(ROOT / "docs" / "story"))
    import tally

    page = tally.tally(2, processes=1)
    assert "Seeds 1 to 2" in page
    rows = [line for line in page.splitlines() if line.startswith("| ") and "person" not in line]
    assert {"Oh Joon-yeong", "Park Mi-jin", "Song Jae-ik"} <= {row.split(" | ")[0][2:] for row in rows}
