"""Console-script entry point.

``jianyian --version`` answers without importing typer and the commands (a tenth
of a second on a small machine); everything else goes to :func:`jianyian.cli.main`.

Every way a run can end outside a command is decided here: Ctrl-C (also during
start-up) exits 130 without a traceback; a closed pipe (``status | head``) is a
normal end (exit 0); a full disk or device behind stdout is the user's problem
(exit 1, a Chinese message). Streams fall back per character on consoles that
cannot encode what is printed (:mod:`jianyian.streams`).
"""

from __future__ import annotations

import contextlib
import sys

from .streams import configure_streams, output_error_message, silence_stdout


def _run() -> int:
    """Run the command line; its exit code."""
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"jianyian {__version__}\n")
        return 0
    # A run reads the tree once and exits. What it builds (parsed YAML, models,
    # results) holds no reference cycles, yet the cyclic collector would walk the
    # whole, growing heap again and again: about 3% of the instructions of a
    # 10,000-file run and more of its time (each pass touches every object).
    # Collect far less often; peak memory is unchanged (measured at 10k files).
    import gc
    import os

    gc.set_threshold(50_000, 20, 100)
    # pydantic looks for plugins (entry points of every installed distribution) when it
    # builds the first model: about 10 ms of every run on a small machine, for plugins
    # jianyian never uses. A value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .cli import main as cli_main

    try:
        cli_main()
    except SystemExit as exc:
        code = exc.code
        if code is None or isinstance(code, int):
            return code or 0
        sys.stderr.write(f"{code}\n")
        return 1
    return 0


def main() -> None:
    """Run jianyian with ``sys.argv``; exits with the code unless it is 0."""
    configure_streams()
    try:
        code = _run()
        sys.stdout.flush()  # a closed pipe or a full disk shows here, not at exit
    except KeyboardInterrupt:
        code = 130  # 128 + SIGINT, what a shell reports for Ctrl-C
    except BrokenPipeError:
        silence_stdout()
        code = 0
    except OSError as exc:
        silence_stdout()
        with contextlib.suppress(OSError):
            sys.stderr.write(f"错误：{output_error_message(exc)}\n")
        code = 1
    if code:
        sys.exit(code)
