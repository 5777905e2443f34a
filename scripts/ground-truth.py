#!/usr/bin/python3
"""Ground truth for the real-world evaluation: what real Django's
``check --deploy`` reports for one settings module of a checked-out project.

Usage:
    /usr/bin/python3 scripts/ground-truth.py PROJECT_DIR SETTINGS_MODULE
        [--source-root REL]... [--env-file REL] [--show-settings]
    /usr/bin/python3 scripts/ground-truth.py --self-test

PROJECT_DIR is the checkout, SETTINGS_MODULE the dotted production settings
module, --source-root a folder (relative to PROJECT_DIR, default ".") put on
sys.path, --env-file a .env file whose variables production sets.

It needs Debian's Django 3.2 and Python 3, run as /usr/bin/python3, plus the
real libraries that settings modules read the environment with, so that their
defaults behave as in production. Debian packages expected:

    python3-django python3-django-environ python3-decouple
    python3-dj-database-url python3-dotenv python3-django-split-settings
    python3-psycopg2

(psycopg2 because settings modules import Django's PostgreSQL backend
modules, and django.contrib.postgres needs it.)

How it works (see docs/evaluation.md):

1. A child process imports the settings module with an environment holding
   nothing but PATH and HOME (plus --env-file's variables), the source roots
   on sys.path and the working directory at the first source root. Third-party
   imports that cannot be found are stubbed by a meta-path finder that comes
   after every real one: the stub modules are permissive (any attribute is a
   stub, calling a stub gives a stub, a stub can be a base class, a star
   import of one imports nothing). Project modules are never stubbed, so a
   missing ``local_settings`` still raises ImportError as in production.
   When the import fails because a variable production must set is unset (a
   KeyError from os.environ, django-environ's or decouple's "not set" errors,
   or a None from os.environ.get used as a string), the variable is given a
   neutral placeholder (a strong secret key, a sqlite/redis URL, a host name,
   "1" or "False" according to its name) and the import is retried; the
   placeholders are listed in the output under "assumed".
2. The security-relevant settings that are plain Python data are written into
   a throwaway settings module (values that are stubs, or hold one, are left
   out and listed under "dropped"), with an in-memory sqlite DATABASES, an
   empty ROOT_URLCONF, and INSTALLED_APPS cut down to the apps importable
   without the project (django.contrib.* and installed packages).
3. ``/usr/bin/python3 -m django check --deploy`` runs on that module in a
   clean environment, and the IDs it prints are reported.

Output: one JSON object on stdout:
    {"module", "ids": [sorted check IDs], "dropped": [{"setting", "why"}],
     "assumed": [{"variable", "value"}], "stubbed": [modules stubbed],
     "unset": [variables read and found unset], "error": null or the import error}
"""

import importlib
import importlib.abc
import importlib.machinery
import json
import os
import re
import subprocess
import sys
import tempfile
import traceback

PYTHON = "/usr/bin/python3"

# Every setting Django 3.2's checks read that bears on check --deploy (the
# security.* checks, and the few others that run with them).
COPIED = [
    "DEBUG",
    "SECRET_KEY",
    "SECRET_KEY_FALLBACKS",
    "ALLOWED_HOSTS",
    "MIDDLEWARE",
    "INSTALLED_APPS",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_SSL_REDIRECT",
    "SECURE_SSL_HOST",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_BROWSER_XSS_FILTER",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_ENGINE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_USE_SESSIONS",
    "CSRF_TRUSTED_ORIGINS",
    "X_FRAME_OPTIONS",
    "SILENCED_SYSTEM_CHECKS",
    "DEFAULT_HASHING_ALGORITHM",
    "STATIC_URL",
    "STATIC_ROOT",
    "STATICFILES_DIRS",
    "MEDIA_URL",
    "MEDIA_ROOT",
    "CACHES",
    "TEMPLATES",
]

STUB_MARK = "<stub"


# ---------------------------------------------------------------- phase 1 --


class Stub(int):
    """A value from a module that is not installed: anything goes. It is an
    int (0) so that timedelta(seconds=stub) and the like still work."""

    def __new__(cls, name="stub"):
        obj = int.__new__(cls, 0)
        object.__setattr__(obj, "_name", name)
        return obj

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return Stub(self._name + "." + attr)

    def __call__(self, *args, **kwargs):
        return Stub(self._name + "()")

    def __mro_entries__(self, bases):
        return (StubBase,)

    def __getitem__(self, key):
        return Stub(self._name + "[]")

    def __setitem__(self, key, value):
        pass

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def __contains__(self, item):
        return False

    def __bool__(self):
        return False

    def __str__(self):
        return STUB_MARK + ":" + self._name + ">"

    __repr__ = __str__

    def __fspath__(self):
        return str(self)

    def __int__(self):
        return 0

    def __index__(self):
        return 0

    def __float__(self):
        return 0.0

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def _op(self, *args):
        return Stub(self._name + "(op)")

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _op
    __truediv__ = __rtruediv__ = __floordiv__ = __mod__ = __rmod__ = _op
    __or__ = __ror__ = __and__ = __rand__ = __neg__ = _op
    __lt__ = __le__ = __gt__ = __ge__ = lambda self, other: False


class StubBase:
    """What a class deriving from a stub derives from instead."""

    def __init__(self, *args, **kwargs):
        pass

    def __init_subclass__(cls, **kwargs):
        pass

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return Stub(type(self).__name__ + "." + attr)


class StubModule(type(sys)):
    def __init__(self, name):
        super().__init__(name)
        self.__path__ = []
        self.__all__ = []
        self.__stub__ = True

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return Stub(self.__name__ + "." + attr)


_trees = {}


def guarded(filename, line):
    """Whether the statement at filename:line sits in a try whose handlers
    catch ImportError."""
    import ast

    if filename not in _trees:
        try:
            with open(filename, encoding="utf-8") as f:
                _trees[filename] = ast.parse(f.read())
        except (OSError, SyntaxError, ValueError):
            _trees[filename] = None
    tree = _trees[filename]
    if tree is None:
        return False
    catching = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        if not any(s.lineno <= line <= s.end_lineno for s in node.body):
            continue
        for handler in node.handlers:
            if handler.type is None:
                return True
            types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
            for t in types:
                name = t.id if isinstance(t, ast.Name) else getattr(t, "attr", "")
                if name in catching:
                    return True
    return False


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Comes after every real finder: whatever they cannot find, outside the
    project's own packages, is a stub module."""

    def __init__(self, roots):
        self.roots = roots
        self.stubbed = set()

    def project_owns(self, top):
        for root in self.roots:
            if os.path.isdir(os.path.join(root, top)) or os.path.isfile(
                os.path.join(root, top + ".py")
            ):
                return True
        return False

    def project_caller(self):
        """(file, line) of the project's import statement, or None when the
        import comes from a library."""
        frame = sys._getframe(1)
        while frame is not None:
            filename = frame.f_code.co_filename
            if not filename.startswith("<frozen") and filename != __file__:
                filename = os.path.abspath(filename)
                if any(filename.startswith(os.path.join(r, "")) for r in self.roots):
                    return filename, frame.f_lineno
                return None
            frame = frame.f_back
        return None

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.split(".")[0]
        if self.project_owns(top):
            return None
        parent = sys.modules.get(top)
        if parent is not None and not getattr(parent, "__stub__", False):
            # A submodule missing from a real package (for instance a newer
            # Django's): stub it only outside django's own checks machinery.
            if top == "django" and fullname.startswith("django.core"):
                return None
        if re.search(r"local|secret|settings", top, re.I):
            # local_settings.py, settings_local.py, secrets.py: files a
            # deployment may or may not add; absent here as in a fresh one.
            return None
        caller = self.project_caller()
        if caller is None:
            # A library probing for an optional dependency: leave it absent.
            return None
        if guarded(*caller):
            # try: import debug_toolbar / except ImportError: the project
            # copes without it, so let it be missing.
            return None
        self.stubbed.add(top)
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        return StubModule(spec.name)

    def exec_module(self, module):
        pass


def install_import_hook(finder):
    """from real_module import name_it_lacks (a newer release's name), in
    the project's code and outside try/except ImportError: the name is a stub."""
    import builtins

    real_import = builtins.__import__

    def hooked(name, globals=None, locals=None, fromlist=(), level=0):
        module = real_import(name, globals, locals, fromlist, level)
        if not fromlist or isinstance(module, StubModule):
            return module
        missing = [n for n in fromlist if n != "*" and not hasattr(module, n)]
        if not missing:
            return module
        filename = os.path.abspath((globals or {}).get("__file__") or "")
        if not any(filename.startswith(os.path.join(r, "")) for r in finder.roots):
            return module
        if guarded(filename, sys._getframe(1).f_lineno):
            return module
        for n in missing:
            try:
                real_import(module.__name__ + "." + n, None, None, (), 0)
                continue
            except ImportError:
                pass
            setattr(module, n, Stub(module.__name__ + "." + n))
            finder.stubbed.add(module.__name__ + "." + n)
        return module

    builtins.__import__ = hooked


def placeholder(var):
    name = var.upper()
    if "URL" in name or "DSN" in name:
        if "DATABASE" in name or name.endswith("DB_URL"):
            return "sqlite:////tmp/ground-truth.sqlite3"
        if "EMAIL" in name or "SMTP" in name:
            return "smtp://localhost:25"
        if "SENTRY" in name or "DSN" in name:
            return ""
        if "REDIS" in name or "CACHE" in name or "BROKER" in name or "CELERY" in name:
            return "redis://localhost:6379/0"
        return "https://example.com"
    if "ORIGIN" in name:
        return "https://example.com"
    if "HOST" in name or "DOMAIN" in name:
        return "example.com"
    if re.search(r"DEBUG|ENABLE|^USE_|_USE_|^IS_|_IS_|DISABLE", name):
        return "False"
    if re.search(
        r"PORT|TIMEOUT|AGE|SECONDS|SIZE|NUM|COUNT|LIMIT|WORKERS|TTL|DAYS|HOURS|MINUTES",
        name,
    ):
        return "1"
    # Secret keys, tokens, passwords, names: a long random-looking string, so
    # that security.W009 does not fire on a value production supplies.
    return "gt-" + "Zq8#vT2!mK9$pL4&xR7*wN3^bH6%cJ5@dF1(eG0)yU" + var[:8]


def missing_variable(exc, misses):
    """The unset environment variable that made the import fail, if any."""
    text = str(exc)
    m = re.search(r"Set the (\w+) environment variable", text)
    if m:
        return m.group(1)
    m = re.match(r"(\w+) not found\. Declare it as envvar", text)
    if m:
        return m.group(1)
    if isinstance(exc, KeyError) and exc.args and exc.args[0] in misses:
        return exc.args[0]
    for var in reversed(misses):
        # "You must set DJANGO_DB_NAME", raised by the project's own code.
        if re.search(r"(?<![A-Za-z0-9_])%s(?![A-Za-z0-9_])" % re.escape(var), text):
            return var
    if isinstance(exc, (AttributeError, TypeError, ValueError)) and misses:
        if "NoneType" in text or "None" in text or "invalid literal" in text:
            return misses[-1]
    return None


def plain(value, depth=0):
    """The value as plain data, or raise ValueError saying why it is not."""
    if depth > 20:
        raise ValueError("nested too deeply")
    if isinstance(value, Stub) or isinstance(value, StubModule):
        raise ValueError("not plain data (from a stubbed module: %s)" % value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        if STUB_MARK in value:
            raise ValueError("not plain data (a string made from a stub)")
        return str(value)
    if isinstance(value, os.PathLike):
        return plain(os.fspath(value), depth + 1)
    if isinstance(value, tuple):
        return tuple(plain(v, depth + 1) for v in value)
    if isinstance(value, (list, set, frozenset)):
        return [plain(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {plain(k, depth + 1): plain(v, depth + 1) for k, v in value.items()}
    raise ValueError("not plain data (%s)" % type(value).__name__)


def import_settings(module, roots, out_path):
    """Phase 1, in a child process with a clean environment."""
    misses = []
    real_getitem = os._Environ.__getitem__

    def getitem(self, key):
        try:
            return real_getitem(self, key)
        except KeyError:
            misses.append(key)
            raise

    os._Environ.__getitem__ = getitem
    unset_reads = set()  # for the record: variables the settings read and found unset
    real_contains = os._Environ.__contains__

    def contains(self, key):
        found = real_contains(self, key)
        if not found:
            unset_reads.add(key)
        return found

    os._Environ.__contains__ = contains
    import logging.config

    # Some settings modules configure logging themselves, with handler classes
    # from libraries absent here: a side effect no check depends on.
    logging.config.dictConfig = lambda config: None
    try:
        # Debian's django-environ 0.4 predates os.PathLike support, which
        # settings written for newer releases rely on (os.path.join(BASE_DIR...)).
        import environ

        if not hasattr(environ.Path, "__fspath__"):
            environ.Path.__fspath__ = lambda self: str(self)
    except ImportError:
        pass
    try:
        # Debian's dj-database-url 0.5 lacks newer keyword arguments
        # (conn_health_checks, test_options): accept and ignore them.
        import functools
        import inspect

        import dj_database_url

        for fname in ("config", "parse"):
            real = getattr(dj_database_url, fname)
            accepted = set(inspect.signature(real).parameters)

            def tolerant(*args, _real=real, _accepted=accepted, **kwargs):
                return _real(*args, **{k: v for k, v in kwargs.items() if k in _accepted})

            setattr(dj_database_url, fname, functools.wraps(real)(tolerant))
    except ImportError:
        pass
    for root in reversed(roots):
        sys.path.insert(0, root)
    finder = StubFinder(roots)
    sys.meta_path.append(finder)
    install_import_hook(finder)
    sys.argv = ["manage.py", "check", "--deploy"]
    base_env = dict(os.environ)
    assumed = []
    error = None
    settings = None
    for _ in range(40):
        misses.clear()
        unset_reads.clear()
        for name in list(sys.modules):
            top = name.split(".")[0]
            if finder.project_owns(top) or isinstance(sys.modules[name], StubModule):
                del sys.modules[name]
        os.environ.clear()
        os.environ.update(base_env)
        for a in assumed:
            os.environ[a["variable"]] = a["value"]
        try:
            settings = importlib.import_module(module)
            error = None
            break
        except BaseException as exc:  # SystemExit too: settings may exit
            var = missing_variable(exc, misses)
            if var and var not in [a["variable"] for a in assumed]:
                assumed.append({"variable": var, "value": placeholder(var)})
                continue
            error = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            tb = traceback.extract_tb(exc.__traceback__)
            if tb:
                where = tb[-1]
                error += " (at %s:%s)" % (
                    os.path.relpath(where.filename, roots[0]),
                    where.lineno,
                )
            break
    values = {}
    dropped = []
    if settings is not None:
        for name in COPIED:
            if not hasattr(settings, name):
                continue
            try:
                values[name] = plain(getattr(settings, name))
            except ValueError as why:
                dropped.append({"setting": name, "why": str(why)})
    with open(out_path, "w") as f:
        json.dump(
            {
                "values": {k: encode(v) for k, v in values.items()},
                "dropped": dropped,
                "assumed": assumed,
                "error": error,
                "stubbed": sorted(finder.stubbed),
                "unset": sorted(
                    (unset_reads | set(misses)) - {a["variable"] for a in assumed}
                ),
            },
            f,
        )


def encode(value):
    """JSON keeps no tuples: mark them."""
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[encode(k), encode(v)] for k, v in value.items()]}
    return value


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if "__tuple__" in value:
            return tuple(decode(v) for v in value["__tuple__"])
        return {decode(k): decode(v) for k, v in value["__dict__"]}
    return value


# ---------------------------------------------------------------- phase 2 --


def importable_modules(names, env, cwd):
    """The modules among names that the check can import."""
    tops = sorted({n for n in names if n})
    r = subprocess.run(
        [PYTHON, "-c", "import importlib.util,sys\n"
         "for n in sys.argv[1:]:\n"
         "    try:\n"
         "        importlib.import_module(n); print(n)\n"
         "    except Exception: pass\n", *tops],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    return set(r.stdout.split())


def run_check(values, dropped):
    with tempfile.TemporaryDirectory(prefix="ground-truth-") as tmp:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tmp}
        env["PYTHONPATH"] = tmp
        env["DJANGO_SETTINGS_MODULE"] = "gt_settings"
        # An app is named by its package (or an AppConfig class inside it):
        # its top-level package decides. A backend is a class in a module.
        def module_of(name, app):
            if not isinstance(name, str):
                return ""
            return name.split(".")[0] if app else name.rpartition(".")[0]

        names = []
        if isinstance(values.get("INSTALLED_APPS"), (list, tuple)):
            names += [module_of(a, True) for a in values["INSTALLED_APPS"]]
        if isinstance(values.get("CACHES"), dict):
            names += [module_of(c.get("BACKEND"), False) for c in values["CACHES"].values() if isinstance(c, dict)]
        if isinstance(values.get("TEMPLATES"), (list, tuple)):
            names += [module_of(t.get("BACKEND"), False) for t in values["TEMPLATES"] if isinstance(t, dict)]
        found = importable_modules(names, env, tmp)

        def importable(name, env, tmp, app=False):
            return module_of(name, app) in found

        needs_drivers = ("django.contrib.postgres", "django.contrib.gis")
        if "INSTALLED_APPS" in values:
            apps = values["INSTALLED_APPS"]
            kept = [
                a for a in apps
                if importable(a, env, tmp, app=True) and not str(a).startswith(needs_drivers)
            ]
            left = [a for a in apps if a not in kept]
            if left:
                dropped.append(
                    {"setting": "INSTALLED_APPS", "why": "apps left out, not importable without the project: " + ", ".join(map(str, left))}
                )
            values["INSTALLED_APPS"] = type(apps)(kept)
        caches = values.get("CACHES")
        if isinstance(caches, dict):
            for alias, conf in caches.items():
                backend = conf.get("BACKEND", "") if isinstance(conf, dict) else ""
                simple = ("locmem.", "dummy.", "filebased.", "db.")
                if backend and not (
                    backend.startswith("django.core.cache.backends.")
                    and backend[len("django.core.cache.backends."):].startswith(simple)
                ):
                    conf["BACKEND"] = "django.core.cache.backends.locmem.LocMemCache"
                    dropped.append(
                        {"setting": "CACHES", "why": "backend %s of %r replaced by LocMemCache: its server or client library is not here" % (backend, alias)}
                    )
        templates = values.get("TEMPLATES")
        if isinstance(templates, (list, tuple)):
            kept = [
                t for t in templates
                if isinstance(t, dict) and importable(t.get("BACKEND", ""), env, tmp)
            ]
            if len(kept) != len(templates):
                dropped.append({"setting": "TEMPLATES", "why": "engines whose backend is not importable left out"})
            # Only what the checks look at: builtins and libraries would
            # import the project's template tags.
            for t in kept:
                options = t.get("OPTIONS")
                if isinstance(options, dict):
                    t["OPTIONS"] = {
                        k: v for k, v in options.items() if k == "context_processors"
                    }
            values["TEMPLATES"] = kept
        if not values.get("SECRET_KEY"):
            # Django will not start without one; what production sets is
            # unknown here, so W009 cannot be judged.
            if "SECRET_KEY" not in [d["setting"] for d in dropped]:
                dropped.append({"setting": "SECRET_KEY", "why": "empty or unset: a placeholder was used"})
            values["SECRET_KEY"] = placeholder("SECRET_KEY")
        lines = ["# Written by scripts/ground-truth.py"]
        for name, value in values.items():
            lines.append("%s = %r" % (name, value))
        lines.append("DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}}")
        lines.append("ROOT_URLCONF = 'gt_urls'")
        with open(os.path.join(tmp, "gt_settings.py"), "w") as f:
            f.write("\n".join(lines) + "\n")
        with open(os.path.join(tmp, "gt_urls.py"), "w") as f:
            f.write("urlpatterns = []\n")
        r = subprocess.run(
            [PYTHON, "-m", "django", "check", "--deploy"],
            env=env,
            cwd=tmp,
            capture_output=True,
            text=True,
        )
        out = r.stdout + r.stderr
        ids = sorted(set(re.findall(r"\(([a-z_0-9]+\.[A-Z]\d+)\)", out)))
        if r.returncode != 0 and not ids:
            raise RuntimeError("check --deploy failed:\n" + out)
        return ids, "\n".join(lines)


# ------------------------------------------------------------------- main --


def read_env_file(path):
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, _, value = line.partition("=")
            key = key.strip()
            if key.startswith("export "):
                key = key[len("export "):].strip()
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            env[key] = value
    return env


SELF_TEST_PRODUCTION = """\
import environ
import dj_database_url
from decouple import config
from .base import *

env = environ.Env()
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["example.com"])
SECRET_KEY = config("DJANGO_SECRET_KEY", default="short")
DATABASES = {"default": dj_database_url.config(default="sqlite:///db.sqlite3")}
SECURE_HSTS_SECONDS = config("SECURE_HSTS_SECONDS", default=3600, cast=int)
SECURE_SSL_REDIRECT = True
if not DEBUG:
    SESSION_COOKIE_SECURE = True
MIDDLEWARE.insert(1, "django.middleware.gzip.GZipMiddleware")
X_FRAME_OPTIONS = "SAMEORIGIN"
"""


def self_test():
    """Compares this script with a direct `python3 -m django check --deploy` on projects whose
    settings import only what is installed: a fresh startproject, and a split production module
    reading the environment with environ, decouple and dj-database-url."""
    failures = 0
    with tempfile.TemporaryDirectory(prefix="ground-truth-self-test-") as tmp:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tmp}
        subprocess.run([PYTHON, "-m", "django", "startproject", "mysite", tmp], env=env, check=True)
        pkg = os.path.join(tmp, "mysite", "split")
        os.makedirs(pkg)
        open(os.path.join(pkg, "__init__.py"), "w").close()
        with open(os.path.join(tmp, "mysite", "settings.py")) as f:
            base = f.read()
        with open(os.path.join(pkg, "base.py"), "w") as f:
            f.write(base.replace("Path(__file__).resolve().parent.parent", "Path(__file__).resolve().parents[2]"))
        with open(os.path.join(pkg, "production.py"), "w") as f:
            f.write(SELF_TEST_PRODUCTION)
        for module in ("mysite.settings", "mysite.split.production"):
            direct = subprocess.run(
                [PYTHON, "-m", "django", "check", "--deploy"],
                env=dict(env, DJANGO_SETTINGS_MODULE=module),
                cwd=tmp,
                capture_output=True,
                text=True,
            )
            expected = sorted(set(re.findall(r"\(([a-z_0-9]+\.[A-Z]\d+)\)", direct.stdout + direct.stderr)))
            ours = subprocess.run(
                [PYTHON, os.path.abspath(__file__), tmp, module],
                capture_output=True,
                text=True,
            )
            got = json.loads(ours.stdout)["ids"] if ours.returncode == 0 else ["crashed: " + ours.stderr[-300:]]
            same = got == expected
            failures += not same
            print("%s %s: django %s, ground truth %s" % ("ok  " if same else "FAIL", module, " ".join(expected), " ".join(got)))
    return 1 if failures else 0


def main(argv):
    if argv == ["--self-test"]:
        return self_test()
    if len(argv) >= 2 and argv[0] == "--phase1":
        module, out_path = argv[1], argv[2]
        import_settings(module, argv[3:], out_path)
        return 0
    args = list(argv)
    roots, env_file, show = [], None, False
    positional = []
    while args:
        a = args.pop(0)
        if a == "--source-root":
            roots.append(args.pop(0))
        elif a == "--env-file":
            env_file = args.pop(0)
        elif a == "--show-settings":
            show = True
        else:
            positional.append(a)
    if len(positional) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    project, module = positional
    project = os.path.abspath(project)
    roots = [os.path.normpath(os.path.join(project, r)) for r in (roots or ["."])]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tempfile.gettempdir()}
    if env_file:
        env.update(read_env_file(os.path.join(project, env_file)))
    with tempfile.TemporaryDirectory(prefix="ground-truth-") as tmp:
        out_path = os.path.join(tmp, "phase1.json")
        r = subprocess.run(
            [PYTHON, os.path.abspath(__file__), "--phase1", module, out_path] + roots,
            env=env,
            cwd=roots[0],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if not os.path.exists(out_path):
            result = {"module": module, "ids": [], "dropped": [], "assumed": [],
                      "error": "importing crashed: " + (r.stderr.strip()[-2000:] or "no output")}
            print(json.dumps(result, indent=2))
            return 0
        with open(out_path) as f:
            phase1 = json.load(f)
    result = {
        "module": module,
        "ids": [],
        "dropped": phase1["dropped"],
        "assumed": phase1["assumed"],
        "stubbed": phase1["stubbed"],
        "unset": phase1["unset"],
        "error": phase1["error"],
    }
    if phase1["error"] is None:
        values = {k: decode(v) for k, v in phase1["values"].items()}
        ids, source = run_check(values, result["dropped"])
        result["ids"] = ids
        if show:
            result["settings"] = source
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
