"""The bookkeeping the client-check scripts beside this file share: each
check prints `ok   NAME`, the first failure prints `FAIL NAME: DETAIL` and
the count so far and exits non-zero, and `done()` prints the closing
`N passed, 0 failed` line CI reads."""

import sys

passed = 0


def check(name, ok, detail=""):
    """Counts one check; on a failure, reports it and exits with status 1."""
    global passed
    if not ok:
        print(f"FAIL {name}: {detail}")
        print(f"{passed} passed, 1 failed")
        sys.exit(1)
    passed += 1
    print(f"ok   {name}")


def done():
    """Prints the closing line."""
    print(f"{passed} passed, 0 failed")
