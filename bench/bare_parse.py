"""The floor for validate at scale: parse every file with PyYAML's C loader, check nothing.

Usage: python bench/bare_parse.py FILE...  (issue 31: validate within 1.2x of this at 10k).
"""

import sys

import yaml


def main() -> int:
    loader = yaml.CSafeLoader
    for name in sys.argv[1:]:
        with open(name, "rb") as f:
            yaml.load(f, Loader=loader)
    return 0


if __name__ == "__main__":
    sys.exit(main())
