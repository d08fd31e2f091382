"""The Excel fill-in form's format, shared by the writer (render) and the reader (load).

What ``jianyian form`` writes and ``jianyian import`` reads must agree on the sheet
names, the metadata keys and the version; they live here, with :class:`FormData`,
the content a read form hands to the importer.
"""

from __future__ import annotations

from typing import NamedTuple, get_args

from .report import TaskState

#: Bumped whenever the layout or the metadata change meaning; import refuses versions it
#: does not know (an older jianyian refuses a newer form rather than misread it).
#: 1: the first layout. 2: a 说明 cell beside each indicator's value (issue 32).
#: 3: one row per action the unit leads, a state drop-down and a progress cell (issue 25);
#:    a 小结／总结 form in sections: 总体情况, one block per task, 下步工作 (issue 28).
FORM_VERSION = 3
#: The versions import reads: an older form (no 说明 cells, no action rows, no sections)
#: reads as before.
READABLE_VERSIONS = (1, 2, 3)
FORM_SHEET = "填报表"
#: The very hidden sheet: metadata rows, then the map of fields to cells.
META_SHEET = "_jianyian"
#: Metadata keys, in the hidden sheet's order; also custom document properties
#: named ``PROPERTY_PREFIX + key``.
META_KEYS = ("plan", "unit", "period", "kind", "version")
PROPERTY_PREFIX = "jianyian."
#: The header row of the cell map: field, its input cell, the label cell beside it, the label.
MAP_HEADER = ("field", "cell", "label_cell", "label")
TASK_STATES: tuple[str, ...] = get_args(TaskState)
#: Keys of the text fields of a monthly report and of a document.
MONTHLY_TEXTS = ("info.title", "info.body")
DOCUMENT_TEXTS = ("title", "body")
LIST_FIELDS = ("problems", "next_steps")
#: A 小结／总结 in sections: its overview, and per task ``tasks.<task id>.<field>``.
SUMMARY_TEXTS = ("title", "overview")
SUMMARY_TASK_FIELDS = ("measures", "results", "problems")
SUMMARY_TASK_LABELS = {"measures": "主要做法", "results": "成效", "problems": "存在问题"}


class FormData(NamedTuple):
    """What a filled form says, read and checked cell by cell (not yet a report)."""

    name: str  # the file as the user named it, for messages
    plan_id: str
    unit_id: str
    period: str  # YYYY-MM or a deliverable id
    kind: str  # "monthly" or "document"
    indicators: dict[str, float | int]
    #: indicator id → the 说明 a liaison wrote beside its value (why it fell, …)
    notes: dict[str, str]
    tasks: dict[str, str]
    #: action id → (state, progress or None), the rows of the actions the unit leads
    actions: dict[str, tuple[str, str | None]]
    texts: dict[str, str]  # info.title / info.body, or title / body
    lists: dict[str, list[str]]  # problems, next_steps
    #: field (indicator:<id>, note:<id>, task:<id>, action:<id>, progress:<id>, text:<key>)
    #: → ``file!F7``, to point back
    cells: dict[str, str]
