"""jianyian's own reading and parsing of every report, and nothing after it: no schema, no
check, no output (issue 31). The part of validate that stands against a bare PyYAML parse.

Usage: python bench/read_parse.py ROOT. It imports what validate imports (the reader's
module pulls in the models), so its time is validate's minus validating and checking.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from jianyian.load.files import list_report_files, read_source
from jianyian.load.yamlsrc import parse_yaml


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    paths, _ = list_report_files(root)
    real_dirs: dict[str, str] = {}
    for path in paths:
        source, _ = read_source(root, path, real_dirs)
        if source is not None:
            parse_yaml(source.text, source.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
