"""A CODEOWNERS file from the plan: who may change which data.

Each ``data/reports/<unit>/`` folder belongs to that unit's liaisons and the
leading-group office; ``data/targets.yaml``, anything else under ``data/`` and
the paths that change what the meeting sees (templates, CI workflows, tool
configuration: :data:`jianyian.load.OFFICE_PATHS`) belong to the office alone. A unit without a liaison falls back to the office,
so no folder is left without an owner. Pure: the plan in, the file's text out.
"""

from __future__ import annotations

from ..load import OFFICE_PATHS
from ..models import Plan

DEFAULT_PATH = ".github/CODEOWNERS"
#: Used when the plan lists no office staff and no ``--office-owner`` is given.
PLACEHOLDER_OWNER = "@office"


def office_owners(plan: Plan, office_owner: str | None = None) -> list[str]:
    """The office staff's e-mails, then ``office_owner``; the placeholder if both are empty."""
    owners = [s.email for s in plan.plan.office_staff]
    if office_owner:
        owners.append(office_owner)
    return _unique(owners) or [PLACEHOLDER_OWNER]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def render_codeowners(plan: Plan, office_owner: str | None = None) -> str:
    """The CODEOWNERS text: paths anchored at the project root, units in plan order."""
    office = office_owners(plan, office_owner)
    office_text = " ".join(office)
    lines = [
        "# 由 jianyian codeowners 根据 data/targets.yaml 中的联络员和办公室工作人员生成，请勿手工修改；",
        "# 联络员有变动时修改 data/targets.yaml，再运行 jianyian codeowners --force 重新生成。",
        "# 规则按顺序匹配，后面的规则优先。",
    ]
    if office == [PLACEHOLDER_OWNER]:
        lines += [
            f"# 注意：计划未填写办公室工作人员（plan.office_staff），{PLACEHOLDER_OWNER} 只是占位，",
            "# 请在 data/targets.yaml 中填写，或用 --office-owner 指定 GitHub 团队（如 @org/office）。",
        ]
    lines += [
        "",
        f"# {plan.unit_label(plan.plan.office)}（领导小组办公室）：方案和全部数据",
        f"/data/ {office_text}",
        f"/data/targets.yaml {office_text}",
        "",
        "# 办公室的销号记录，以及简报模板、CI 工作流和工具配置：改变会议看到的内容和数据检查方式，归办公室",
        *(f"/{path} {office_text}" for path in OFFICE_PATHS),
        "",
        "# 各单位报送目录：本单位联络员和办公室",
    ]
    for unit in plan.units:
        liaisons = [liaison.email for liaison in unit.liaisons]
        owners = _unique(liaisons + office)
        if not liaisons:  # comments only on their own line: GitHub has no trailing comments
            lines.append(f"# {unit.name}：尚未填写联络员，暂由办公室负责")
        lines.append(f"/data/reports/{unit.id}/ {' '.join(owners)}")
    return "\n".join(lines) + "\n"
