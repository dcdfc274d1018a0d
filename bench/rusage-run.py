#!/usr/bin/env python3
"""Runs one command and writes its wall-clock time and CPU time (ms, microsecond resolution) to REPORT.

  python3 bench/rusage-run.py REPORT CMD [ARG...]

bench/measure.ts times whole processes through this. The CPU time is user + system of the child from wait4(),
every thread included; /usr/bin/time prints each of the two truncated to 10 ms, which on a ~150 ms CLI run read
~10 ms low (docs/performance.md, Round 19). The wall time is spawn -> exit of the child as seen from here, so the
Python start-up of this wrapper is in neither number. Standard input, output and error are the wrapper's own; the
exit status is the child's (128 + N when a signal N ended it).
"""
import os
import sys
import time


def main():
    report, argv = sys.argv[1], sys.argv[2:]
    t0 = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ)
    _, status, ru = os.wait4(pid, 0)
    wall = (time.perf_counter() - t0) * 1000
    with open(report, 'w') as f:
        f.write('%.3f %.3f\n' % (wall, (ru.ru_utime + ru.ru_stime) * 1000))
    code = os.waitstatus_to_exitcode(status)
    sys.exit(128 - code if code < 0 else code)


if __name__ == '__main__':
    main()
