"""Scenarios for the report tests: a small two-floor school with named people (one of them
named like an attack on the page), and a crowd that the replay shows as density."""

from __future__ import annotations

from hyosan import runner

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_SCENARIO = "School </script><script>alert(2)</script> & co"
XSS_ROOM = "<b>lab</b>"

SCHOOL = f'''
[scenario]
name = "{XSS_SCENARIO}"
description = "Two floors, named people, a door; names that try to be HTML."
tick = "1s"
duration = "4m"
seed = 5

[map]
cell = "1m"
capacity = 4
text = """
--- ground
##############################
#.........a........#.........#
#..................+....c...^#
#..................#.........#
#..................#.........E
##############################
--- upstairs
##############################
#.........u........#.........#
#..................+........^#
#..................#.........#
#..................#.........#
##############################
"""

[map.rooms]
a = {{ name = "{XSS_ROOM}", shelter = true }}
c = "hall"
u = {{ name = "library", shelter = true }}

[infection]
bite = 0.5
incubation = {{ dist = "lognormal", median = "30s", sigma = 0.5 }}

[[people]]
where = "{XSS_ROOM}"
count = 40

[[people]]
where = "library"
count = 20

[[people]]
where = "hall"
count = 3
state = "zombie"

[[character]]
name = "{XSS_NAME}"
where = "{XSS_ROOM}"

[[character]]
name = "Lee Cheong-san"
where = "library"
traits = {{ bravery = 0.95, altruism = 0.95 }}

[[character]]
name = "Nam On-jo"
where = "{XSS_ROOM}"
state = "bitten"

[[people]]
where = "library"
count = 1
state = "bitten"
'''

CROWD = '''
[scenario]
name = "Crowd"
tick = "1s"
duration = "40s"
seed = 2

[map]
cell = "1m"
capacity = 0
generate = { kind = "city", width = 60, height = 60, seed = 3 }

[[people]]
where = "streets"
count = 3000

[[people]]
where = "streets"
count = 20
state = "zombie"
'''


def run_text(toml: str, out):
    """Run a scenario written as text (without the heroes' counterfactual replays: the tests
    that need a heroes.md write their own)."""
    path = out.parent / f"{out.name}.toml"
    path.write_text(toml)
    return runner.run(str(path), out=out, heroes=0)

HEROES_MD = f"""# The bravest things the people of {XSS_SCENARIO} did

Seed 5. Each act was replayed 4 times with the act and 4 times without it.

## 1. {XSS_NAME} held the door of {XSS_ROOM} shut against the zombies pushing on it

*0:00:07, {XSS_ROOM}. Lives saved: **+0.8** (90% interval -1.0 to +2.5).*

With the act, 54.0 people were alive or safe afterwards; without it, 53.2.

![the door](epidemic.png)
"""
