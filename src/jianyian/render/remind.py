"""催报 notices as Markdown and as e-mail drafts. Pure: no clock, no disk.

The text is :class:`~jianyian.views.remind.Reminder`'s; here it gets its layout. Text that
comes from the plan or the reports (unit and indicator names, the office's name) is escaped
with :func:`~jianyian.render.markdown.md_text`, so it is always shown literally.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..views.remind import Reminder
from .eml import Attachment, MailDraft, make_draft
from .markdown import md_text

__all__ = [
    "PLACEHOLDER_SENDER",
    "file_stems",
    "reminder_draft",
    "render_reminder_markdown",
]

#: The From of a draft when neither ``--from`` nor the plan's office staff give an address:
#: ``.invalid`` (RFC 2606) can never deliver, so a draft is never sent from a made-up address.
PLACEHOLDER_SENDER = "office@jianyian.invalid"

# Characters no file name on Windows, macOS or Linux may hold, and controls.
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def render_reminder_markdown(reminder: Reminder) -> str:
    """One notice as Markdown: title, 督办等级, addressee, items, closing, office and date."""
    r = reminder
    lines = [
        f"# {md_text(r.title)}",
        "",
        f"**{md_text(r.level_text)}**",
        "",
        md_text(r.salutation),
        "",
        md_text(r.opening),
        "",
    ]
    for section in r.sections:
        lines += [f"## {md_text(section.heading)}", ""]
        lines += [f"{n}. {md_text(item)}" for n, item in enumerate(section.items, start=1)]
        lines.append("")
    if r.enclosure:
        lines += [md_text(r.enclosure), ""]
    lines += [md_text(r.closing), ""]
    if r.contact:
        lines += [md_text(r.contact), ""]
    # Two trailing spaces: a line break between the office and the date, right-aligned in
    # a 公文 but kept simple here.
    lines += [f"{md_text(r.signature)}  ", md_text(r.date_text)]
    return "\n".join(lines) + "\n"


def reminder_draft(
    reminder: Reminder, sender: tuple[str, str], attachments: Sequence[Attachment] = ()
) -> MailDraft:
    """The e-mail draft of ``reminder`` to the unit's liaisons, from ``sender`` (name, address),
    with ``attachments`` (the forms of ``reminder.forms``).

    A unit without liaisons gets a draft with no recipients: written, never sent.
    """
    return make_draft(
        reminder.unit,
        reminder.liaisons,
        sender,
        reminder.subject,
        reminder.plain_text(),
        attachments,
    )


def file_stems(reminders: Sequence[Reminder]) -> dict[str, str]:
    """Unit id → the file name (without extension) of its notice: its short name.

    A short name a file system would refuse (a slash, a colon, a leading dot…) falls back
    to the unit id; two units with the same short name get ``-<id>`` appended.
    """
    wanted: dict[str, str] = {}
    for r in reminders:
        name = r.short.strip()
        if not name or _UNSAFE_NAME.search(name) or name.startswith(".") or len(name) > 60:
            name = r.unit
        wanted[r.unit] = name
    seen: dict[str, int] = {}
    for name in wanted.values():
        key = name.casefold()
        seen[key] = seen.get(key, 0) + 1
    return {
        unit: (f"{name}-{unit}" if seen[name.casefold()] > 1 and name != unit else name)
        for unit, name in wanted.items()
    }
