"""A notice's lines made comparable: one punctuation, no invisible characters. Pure.

Notices copied from government sites mix full- and half-width punctuation (the
same notice may write ``牵头单位:`` and ``牵头单位：``), carry zero-width
characters from the page's markup (a U+200B inside ``市交通运输局``), indent with U+3000 and
number items ``1﹒``. Everything after this stage reads full-width punctuation
only and never sees an invisible character.
"""

from __future__ import annotations

import re

#: Characters a web page leaves inside words: zero-width space, joiners, word joiner, BOM.
INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
HALF_TO_FULL = str.maketrans(
    {
        "(": "（",
        ")": "）",
        ":": "：",
        ";": "；",
        ",": "，",
        "!": "！",
        "?": "？",
        "[": "【",
        "]": "】",
        "﹒": ".",
        "\u3000": " ",
        "\u00a0": " ",
    }
)
# The web page's own buttons around a copied notice: 【 打印 】, 扫一扫…
CHROME_RE = re.compile(
    r"扫一扫|微信公众号|打印本页|关闭窗口|^【\s*(?:打印|关闭|字号|字体|大|中|小|收藏|分享|返回)[^】]{0,6}】"
)


def normalise(line: str) -> str:
    """One line with full-width punctuation, no invisible characters, no thousands separators.

    Tabs inside the line are kept: they separate the cells of a table pasted as text.
    """
    line = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", INVISIBLE_RE.sub("", line))
    line = line.translate(HALF_TO_FULL)
    line = line.strip()
    return re.sub(r"^(\d{1,3})\s*[.．]\s*", r"\1.", line)


def invisible_lines(text: str) -> list[int]:
    """1-based numbers of the lines that hold an invisible character."""
    return [n for n, line in enumerate(text.split("\n"), 1) if INVISIBLE_RE.search(line)]


def is_chrome(line: str) -> bool:
    """A web page's own buttons, not part of the notice."""
    return bool(CHROME_RE.search(line))
