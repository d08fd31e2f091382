"""Diagnostics: every problem jianyian finds is a value, never an exception.

A diagnostic names a file (relative to the project root, POSIX separators), a
1-based line and column, a severity, a Chinese message and a stable code. Checks
that work on loaded models do not know positions; they give the key path
(``loc``) inside the file and the loader turns it into line and column.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning"]

#: Every code jianyian emits, with a one-line Chinese description: the one table
#: (docs/data.md lists it; tests/validate/test_fixtures.py holds one bad input per code).
CODES: dict[str, str] = {
    "JY001": "文件不是 UTF-8 编码",
    "JY002": "YAML 语法错误",
    "JY003": "重复的键",
    "JY004": "文件内容不是键值映射（或为空）",
    "JY005": "一个文件中有多个 YAML 文档",
    "JY006": "YAML 结构过深或别名展开过多",
    "JY007": "文件过大",
    "JY008": "文件位置不对或无法识别",
    "JY009": "无法读取的文件或目录",
    "JY010": "缺少必填字段",
    "JY011": "未知字段",
    "JY012": "字段取值不合规",
    "JY013": "指标值不是数字",
    "JY014": "指标值为负数",
    "JY015": "报送文件的 git 提交日期晚于今天（提交时时钟有误），改按其后的提交日期计（警告）",
    "JY019": "存在问题或下步工作只写了“无”“暂无”等，按未填写处理（警告）",
    "JY020": "未知单位",
    "JY021": "未知指标",
    "JY022": "未知报送事项",
    "JY023": "未知任务",
    "JY024": "文件所在目录与 unit 不一致",
    "JY025": "文件名与 month／deliverable 不一致",
    "JY026": "月份不在方案办理期内",
    "JY027": "单位报送了不由其报送的指标",
    "JY028": "累计值低于上月（未附说明为错误，附说明为警告）",
    "JY029": "同一单位同一事项重复报送",
    "JY030": "报送日期早于所报月份",
    "JY031": "非牵头单位填报任务进展",
    "JY032": "单位无需报送该事项",
    "JY033": "报送日期晚于今天",
    "JY034": "报送文件仍含模板占位文字（警告）",
    "JY035": "列表项中用全角逗号分隔了多项（警告）",
    "JY036": "以个、家、项等计的指标填了小数（警告）",
    "JY037": "未知事项",
    "JY038": "单位填报了不由其承担的事项（警告）",
    "JY039": "事项报“已完成”但未写进展情况（警告）",
    "JY040": "计划引用了未声明的单位或单位组",
    "JY041": "单位组没有成员",
    "JY042": "单位组成员未知",
    "JY043": "总量目标超过各组成目标之和",
    "JY044": "标识重复",
    "JY045": "组成指标不存在",
    "JY046": "指标报送单位设置有误",
    "JY047": "报送事项设置有误",
    "JY048": "单位名称重复",
    "JY049": "截止日期不在节假日安排覆盖的年份内（警告）",
    "JY050": "事项设置有误（指标不属于所属任务、一项指标对应多个事项、节点晚于完成时限）",
    "JY051": "任务已分解为事项，tasks: 中的任务进展不再计入（警告）",
    "JY052": "为未报“已完成”的事项销号",
    "JY053": "撤销未销号事项的销号",
    "JY054": "销号日期晚于今天",
    "JY055": "计划没有任何工作任务",
    # Reading a filled-in form (jianyian import); the form's contents then get every rule above.
    "JY060": "无法读取的表格文件",
    "JY061": "无法识别的填报表（不是 jianyian form 生成的，或版式被改动）",
    "JY062": "填报表属于其他方案或未知单位",
    "JY063": "填报表版本不受支持",
    "JY064": "不是数字",
    "JY065": "数值后带计量单位（已按数字读取）",
    "JY066": "必填单元格为空",
    "JY067": "公式没有计算结果",
    "JY068": "文本含有控制字符",
    "JY069": "任务或事项的状态不合规",
    "JY070": "同一单位同一期的填报表在一次导入中出现多份",
    "JY071": "单元格文字超过上限（32767 个字符）",
    # The units' structured 小结／总结 and the office's 满意度测评 (issue 28).
    "JY090": "小结、总结分节填写时，本单位牵头的任务没有写情况（警告）",
    "JY091": "小结、总结中的任务未在计划中定义",
    "JY092": "小结、总结写了不由本单位牵头或承担的任务（警告）",
    "JY093": "满意度测评的满意、基本满意、不满意合计多于参加测评人数",
    "JY094": "满意度测评日期晚于今天",
    # The office's 督办 items, meetings and replies (data/office/duban/, data/office/meetings/).
    "JY080": "督办事项、议定事项或反馈的单位未知",
    "JY081": "对不存在的督办事项的反馈，或反馈单位不是其承办单位（警告）",
    "JY082": "对已销号督办事项的反馈（警告）",
    "JY083": "督办日期有误（反馈时限早于交办或重新督办日期，销号早于交办）",
    "JY084": "督办编号重复、与文件名不一致，或同一来源重复立项",
    "JY085": "牵头单位未反馈即销号，未写 force 和说明",
    "JY086": "督办事项的来源依据不存在（会议、议定事项、问题）",
    "JY087": "督办记录的日期晚于今天",
    "JY088": "销号与重新督办的次序不对",
    "JY089": "会议文件名与会议日期不一致",
}
#: The block of :data:`CODES` that reading a filled-in form gives (``jianyian import``);
#: every other code is ``validate``'s.
FORM_CODES = frozenset(code for code in CODES if "JY060" <= code < "JY080")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, located in a file."""

    code: str
    severity: Severity
    message: str
    path: str
    #: 1-based; 0 until the loader has located ``loc`` in the file.
    line: int = 0
    col: int = 0
    #: Key path inside the file, for the loader to turn into line/column.
    loc: tuple[str | int, ...] = field(default=(), compare=False)
    #: Point at the key itself rather than its value (unknown keys).
    at_key: bool = field(default=False, compare=False)

    def located(self, line: int, col: int) -> Diagnostic:
        return replace(self, line=line, col=col)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, self.code, self.message)


# Control characters, line separators, and the invisible format characters (Unicode
# category Cf: bidi overrides such as U+202E, zero-width spaces and joiners, the BOM,
# tag characters) that make a key or an id look like another.
_CONTROL_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)


def printable(text: str) -> str:
    """``text`` on one line: control and invisible characters (from file names or
    values a message quotes) shown as escapes such as ``\\n`` or ``\\u202e``, so no
    data can break, forge or disguise an output line."""
    return _CONTROL_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def error(code: str, message: str, path: str, loc=(), *, at_key=False) -> Diagnostic:
    return Diagnostic(code, "error", message, path, loc=tuple(loc), at_key=at_key)


def warning(code: str, message: str, path: str, loc=(), *, at_key=False) -> Diagnostic:
    return Diagnostic(code, "warning", message, path, loc=tuple(loc), at_key=at_key)


def suggest(word: str, candidates: Iterable[str]) -> str:
    """A "did you mean" tail for a message, or an empty string."""
    match = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"，是否指 {match[0]}？" if match else ""


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable order: by file, position, code; duplicates dropped."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)
