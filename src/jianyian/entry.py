"""Console-script entry point.

``jianyian --version`` answers without importing typer and the commands (a tenth
of a second on a small machine); everything else goes to :func:`jianyian.cli.main`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run jianyian with ``sys.argv``."""
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"jianyian {__version__}\n")
        return
    from .cli import main as cli_main

    cli_main()
