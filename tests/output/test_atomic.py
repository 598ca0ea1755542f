import os

import pytest

from hyosan.output.atomic import atomic_path, write_text


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "table.parquet"
    write_text(target, "old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["table.parquet"]


def test_a_write_appears_whole_under_its_name(tmp_path):
    target = tmp_path / "sub" / "manifest.json"
    write_text(target, "{}")
    assert target.read_text() == "{}"
    assert sorted(p.name for p in target.parent.iterdir()) == ["manifest.json"]


def test_a_written_file_is_readable_by_others_as_the_umask_allows(tmp_path):
    target = tmp_path / "shared.txt"
    write_text(target, "for everyone")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
