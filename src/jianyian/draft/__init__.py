"""Drafting: a 工作方案 notice's text → a plan draft. Pure: it reads only the text it is given.

The stage between reading a notice (:mod:`jianyian.load.notice`) and writing the
draft as commented YAML (:mod:`jianyian.write.draft_yaml`):

- :mod:`.plan`: the notice's blocks and sections → head, tasks, stages, deliverables;
- :mod:`.units`: unit clauses （牵头单位：X；责任单位：Y） → units and groups;
- :mod:`.targets`: numbers inside a task's text → indicators;
- :mod:`.schedule`: a 工作安排's dates and a 工作要求's duties → stages and deliverables.
"""

from .plan import PlanDraft, draft_plan

__all__ = ["PlanDraft", "draft_plan"]
