"""The 公文 pieces GB/T 9704 places by rule: the 主送机关 flush left and the 落款 set right
(read back from the docx, no LibreOffice needed)."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from jianyian.render.document import Addressee, Document, Paragraph, Signature
from jianyian.render.tables import display_width
from jianyian.render.word import render_docx


def _doc(blocks) -> docx.document.Document:
    return docx.Document(
        io.BytesIO(
            render_docx(
                Document(
                    masthead=None,
                    title="关于办理情况的报告",
                    blocks=blocks,
                    as_of=date(2025, 10, 10),
                )
            )
        )
    )


def _indent(p, attr: str) -> int:
    ind = p._p.pPr.find(qn("w:ind"))
    return int(ind.get(qn(f"w:{attr}"))) if ind is not None and ind.get(qn(f"w:{attr}")) else 0


def test_the_addressee_is_flush_left_and_the_body_indented() -> None:
    doc = _doc((Addressee("市政协："), Paragraph("正文。")))
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["市政协："]._p.pPr.find(qn("w:ind")).get(qn("w:firstLine")) == "0"
    assert by_text["正文。"].style.name == "简报正文"  # the style's two-character indent


@pytest.mark.parametrize(
    ("issuer", "date_text"),
    [("2号建议案办理工作领导小组办公室", "2025年10月10日"), ("市发改委", "2025年10月10日")],
)
def test_the_signature_sits_right_with_the_date_two_characters_further_in(
    issuer: str, date_text: str
) -> None:
    doc = _doc((Paragraph("正文。"), Signature(issuer, date_text)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[-2:] == [issuer, date_text]
    name, day = doc.paragraphs[-2], doc.paragraphs[-1]
    for p in (name, day):
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == "right"
    char = 320
    name_right, day_right = _indent(name, "right") / char, _indent(day, "right") / char
    name_start = name_right + display_width(issuer) / 2  # from the right margin
    day_start = day_right + display_width(date_text) / 2
    # Both at least two characters in; the date starts two characters right of the name.
    assert min(name_right, day_right) == pytest.approx(2)
    assert name_start - day_start == pytest.approx(2)
    assert name._p.pPr.find(qn("w:keepNext")) is not None  # never parted from its date
