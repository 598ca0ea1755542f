"""A valid scenario and map shared by the scenario tests. Line numbers in tests refer to VALID."""

VALID = '''\
[scenario]
name = "Classroom"
tick = "1s"
duration = "1h"
seed = 7

[map]
cell = "1m"
text = """
#########
#aaa.+bb#
#...#.b.#
#...#^..#
####E####
--- 2F
#########
#ccc.....
#.......#
#....^..#
#########
"""

[map.rooms]
a = {name = "2-3", shelter = true, tags = ["classroom"]}
b = "science lab"
c = {name = "roof", tags = ["classroom"]}

[infection]
bite = 0.6
incubation = {dist = "lognormal", median = "2m", sigma = 0.7}

[[people]]
where = "classroom"
count = 40
traits = {bravery = {dist = "beta", a = 2, b = 5}}

[[character]]
name = "Lee"
where = "2-3"
traits = {bravery = 0.95}
kin = ["Nam"]

[[character]]
name = "Nam"
where = "science lab"
'''

MAP = """\
##########
#^..#...E#
#a..+..b.#
##########
--- 1F
##########
#^......c#
##########
"""
