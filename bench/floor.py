"""What every validate pays before it reads a file: Python, pydantic, the model classes,
and the validators of the plan and of a monthly report built (issue 31).

Usage: python bench/floor.py  (nothing else: no Typer, no YAML, no file read). When this
alone takes longer than a third of check-jsonschema's time, "validate 3x faster than
check-jsonschema" cannot be met while the schema is pydantic's.
"""

import os

# As jianyian's entry point does: no scan of installed packages for pydantic plugins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from jianyian.models import MonthlyReport, Plan  # pydantic and every model class

# The models are built on first use (defer_build): build the two every validate uses.
Plan.model_rebuild()
MonthlyReport.model_rebuild()
