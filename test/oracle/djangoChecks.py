"""Runs Django's own system checks (as `manage.py check --deploy` does) on many settings modules.

Usage: python3 djangoChecks.py JOBS MODULE...  (PYTHONPATH must hold the modules' package)
Prints one JSON object per module, one per line: {"module": ..., "ids": [...]} or {"module": ...,
"error": "..."} when Django fails before reporting (as the real command would, with exit 1); then
{"cpuSeconds": ...}, the processor time all of it took.

Django can only be set up once per process, so each module is checked in a child forked from this
process, which has imported Django's modules but not configured any settings: a fresh `django.setup()`
per module at the cost of a fork instead of a new interpreter. The oracle test also compares this
driver with the real `python3 -m django check --deploy` command on a sample of the modules.

Most of a child's time went into importing the modules that `django.setup()` and the checks need
(the contrib apps, the template tags, the migration machinery, sqlparse ...). Each child therefore
reports the library modules it imported, and this process imports those it can before it forks the
next children, so that after the first few modules every child starts with them loaded. Modules that
cannot be imported before settings are configured (models, mostly) fail here and are left to the
children; what such an import loaded before failing stays, which is the point. Works the same with
every Django version, whose module lists differ.
"""

import gc
import importlib
import json
import os
import resource
import select
import sys
import threading
import traceback

# Importing these before forking makes each child start warm; none of them reads settings.
import django  # noqa: E402
import django.core.checks  # noqa: E402,F401
import django.core.management  # noqa: E402,F401
import django.core.cache  # noqa: E402,F401
import django.urls  # noqa: E402,F401
import django.template  # noqa: E402,F401


# Library modules a child may import that this process can import too; never the settings modules.
WARMABLE = ("django.", "sqlparse", "asgiref")


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
        loaded = set(sys.modules)
        result = check(module)
        result["imported"] = sorted(name for name in set(sys.modules) - loaded if name.startswith(WARMABLE))
        data = json.dumps(result).encode()
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)


def warm(names, attempted):
    """Imports in this process the library modules a child needed, once each; failures are fine."""
    for name in names:
        if name in attempted or name in sys.modules:
            continue
        attempted.add(name)
        try:
            importlib.import_module(name)
        except BaseException:  # noqa: B902 - ImproperlyConfigured, AppRegistryNotReady ...
            pass
    # Forking stays safe only while this process has a single thread.
    if threading.active_count() > 1:
        raise SystemExit(f"importing {', '.join(names)} started a thread: forking is no longer safe")


def main():
    jobs = int(sys.argv[1])
    pending = list(reversed(sys.argv[2:]))
    attempted = set()
    # A single-threaded parent forks one child per module (at most `jobs` at a time) and reads each
    # answer from a pipe: no worker pool, whose helper threads make forking unsafe.
    running = {}
    while pending or running:
        while pending and len(running) < jobs:
            module = pending.pop()
            read_fd, write_fd = os.pipe()
            # The parent's objects go to the collector's permanent generation, and the child does not
            # collect: a collection walks every tracked object and writes to it, which copies each of
            # the parent's pages the child shares (about 6 % of the driver's processor time).
            gc.freeze()
            pid = os.fork()
            if pid == 0:
                gc.disable()
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
            warm(result.pop("imported", []), attempted)
            sys.stdout.write(json.dumps(result) + "\n")
            sys.stdout.flush()
    # The processor time this process and its children used: on a busy machine it says more about
    # the oracle's cost than the time on the clock.
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    sys.stdout.write(json.dumps({"cpuSeconds": sum(u.ru_utime + u.ru_stime for u in usage)}) + "\n")


if __name__ == "__main__":
    main()
