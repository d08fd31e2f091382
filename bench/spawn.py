"""Start one command and report its wall time, peak memory and exit code (for bench/run.py).

Usage: python -S bench/spawn.py STDOUT STDERR CWD COMMAND...  → prints
``[seconds, max_rss_kib, exit_code]`` as JSON.

Why a process of its own: the peak RSS the kernel reports for a child is never below the RSS
of the process that started it (the starter's memory is counted at exec), so a benchmark that
grows to 80 MB would report 80 MB for every command. Started from this small process, a
command's figure is its own. Only the standard library's cheapest parts are imported here.
"""

import json
import os
import sys
import time


def main() -> int:
    out, err, cwd, *cmd = sys.argv[1:]
    o = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    e = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.chdir(cwd)
    actions = [(os.POSIX_SPAWN_DUP2, o, 1), (os.POSIX_SPAWN_DUP2, e, 2)]
    start = time.perf_counter()
    pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    sys.stdout.write(json.dumps([elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
