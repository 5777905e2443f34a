"""Runs Django's own system checks (as `manage.py check --deploy` does) on many settings modules.

Usage: python3 djangoChecks.py JOBS MODULE...  (PYTHONPATH must hold the modules' package)
Prints one JSON object per module, one per line: {"module": ..., "ids": [...]} or {"module": ...,
"error": "..."} when Django fails before reporting (as the real command would, with exit 1).

Django can only be set up once per process, so each module is checked in a child forked from this
process, which has imported Django's modules but not configured any settings: a fresh `django.setup()`
per module at the cost of a fork instead of a new interpreter. The oracle test also compares this
driver with the real `python3 -m django check --deploy` command on a sample of the modules.
"""

import json
import os
import select
import sys
import traceback

# Importing these before forking makes each child start warm; none of them reads settings.
import django  # noqa: E402
import django.core.checks  # noqa: E402,F401
import django.core.management  # noqa: E402,F401
import django.core.cache  # noqa: E402,F401
import django.urls  # noqa: E402,F401
import django.template  # noqa: E402,F401


def check(module):
    os.environ["DJANGO_SETTINGS_MODULE"] = module
    try:
        django.setup()
        from django.core import checks

        # What BaseCommand.check does for `check --deploy`: every registered check plus the
        # deployment ones, no database checks, silenced messages left out.
        issues = checks.run_checks(include_deployment_checks=True, databases=None)
        ids = sorted(issue.id for issue in issues if not issue.is_silenced())
        return {"module": module, "ids": ids}
    except BaseException:  # noqa: B902 - the command would fail here too
        return {"module": module, "error": traceback.format_exc(limit=3)}


def run_child(module, write_fd):
    """In the forked child: check one module, send the answer through the pipe, never return."""
    try:
        # Anything Django prints must not mix with the answers on stdout.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        data = json.dumps(check(module)).encode()
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)


def main():
    jobs = int(sys.argv[1])
    pending = list(reversed(sys.argv[2:]))
    # A single-threaded parent forks one child per module (at most `jobs` at a time) and reads each
    # answer from a pipe: no worker pool, whose helper threads make forking unsafe.
    running = {}
    while pending or running:
        while pending and len(running) < jobs:
            module = pending.pop()
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                run_child(module, write_fd)
            os.close(write_fd)
            running[read_fd] = (pid, module, [])
        ready, _, _ = select.select(list(running), [], [])
        for fd in ready:
            chunk = os.read(fd, 65536)
            if chunk:
                running[fd][2].append(chunk)
                continue
            pid, module, chunks = running.pop(fd)
            os.close(fd)
            _, status = os.waitpid(pid, 0)
            data = b"".join(chunks)
            result = json.loads(data) if data else {"module": module, "error": f"the child ended with status {status}"}
            sys.stdout.write(json.dumps(result) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
