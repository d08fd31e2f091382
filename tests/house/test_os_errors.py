"""What the operating system refused is told in Chinese, in every message (not "Permission denied")."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from jianyian.errors import OS_REASONS, UsageError, os_error_text
from jianyian.load.brief_notes import read_note_file
from jianyian.load.notice import read_notice
from jianyian.write.fileio import WriteFailed, write_bytes_atomic

LATIN = re.compile("[A-Za-z]")


@pytest.mark.parametrize("number", sorted(OS_REASONS))
def test_every_known_error_number_reads_in_chinese(number: int) -> None:
    text = os_error_text(OSError(number, os.strerror(number)))
    assert text == OS_REASONS[number]
    assert not LATIN.search(text), text


def test_jianyian_s_own_words_are_kept() -> None:
    assert os_error_text(OSError(errno.EIO, "写入不完整")) == "写入不完整"


def test_an_unknown_number_is_marked_as_the_system_s_words() -> None:
    assert os_error_text(OSError(errno.EPIPE, "Broken pipe")) == "系统错误：Broken pipe"


def test_a_path_through_a_file_is_told_in_chinese(tmp_path: Path) -> None:
    """ENOTDIR, one of the errors a user meets by typo, through two readers and a writer."""
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    wrong = tmp_path / "a.txt" / "b.txt"
    for read in (read_note_file, read_notice):
        with pytest.raises(UsageError) as caught:
            read(wrong)
        assert "路径中有一段不是文件夹" in str(caught.value)
        assert "Not a directory" not in str(caught.value)
    with pytest.raises(WriteFailed) as caught:
        write_bytes_atomic(wrong, b"x", force=True)
    assert not LATIN.search(str(caught.value).replace(str(wrong), "")), caught.value


def test_the_send_log_keeps_network_words_and_its_own() -> None:
    from jianyian.write.sentlog import os_reason

    assert os_reason(OSError(errno.ECONNREFUSED, "Connection refused")) == "连接被拒绝"
    assert os_reason(OSError(errno.EIO, "写入不完整")) == "写入不完整"
    assert os_reason(OSError(errno.EACCES, "Permission denied")) == "没有权限"
