// The evaluator as a table: Python snippet → the value a name ends with.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateModule } from "../../../server/src/evaluate/moduleEvaluator";
import { describe as describeValue, type Value } from "../../../server/src/evaluate/values";
import { parseModule } from "../../../server/src/python/parse";

const FILE = "/proj/mysite/settings.py";

function valueOf(source: string, name = "X"): Value {
  const state = evaluateModule(parseModule(source), FILE);
  const binding = state.bindings.get(name);
  if (!binding) return state.fallback ?? { kind: "unset" };
  assert.notEqual(binding.value.kind, "symbol", `${name} is a symbol`);
  return binding.value as Value;
}

const show = (source: string, name = "X") => describeValue(valueOf(source, name));

const TABLE: [string, string][] = [
  // Literals
  ["X = 'a' 'b'", "'ab'"],
  ["X = r'\\d+'", "'\\\\d+'"],
  ['X = "tab\\tend"', "'tab\\tend'"],
  ["X = 0x1F + 1_000", "1031"],
  ["X = 1.5", "1.5"],
  ["X = -3", "-3"],
  ["X = True", "True"],
  ["X = None", "None"],
  ["X = b'bytes'", "unknown (a bytes literal)"],
  ["X = [1, (2,), {3}, {'k': 'v'}]", "[1, (2,), {3}, {'k': 'v'}]"],
  ["X = ()", "()"],
  ["X = 1, 2", "(1, 2)"],
  // Arithmetic and strings
  ["A = 'x'\nX = A + '/y'", "'x/y'"],
  ["X = 'ab' * 2", "'abab'"],
  ["X = 60 * 60 * 24 * 365", "31536000"],
  // `not` binds tighter than `and`/`or`: `not A and B` is `(not A) and B`
  ["X = not False and False", "False"],
  // range() is followed up to 200 items, a bound on work per keystroke
  ["X = len([i for i in range(200)])", "200"],
  ["X = range(201)", "unknown (a range too long to follow)"],
  // Starred arguments of known lists and dicts pass their items
  ["import os\nP = ('a', 'b')\nX = os.path.join('/srv', *P)", "'/srv/a/b'"],
  [
    "import os\ndef path(*parts):\n    return os.path.join('/srv', *parts)\nX = path('media')",
    "'/srv/media'",
  ],
  ["def f(a, b=1):\n    return a + b\nX = f(**{'a': 2, 'b': 3})", "5"],
  [
    "import os\nX = os.path.join('/srv', *os.environ['PARTS'].split())",
    "unknown (os.path.join is called with *args or **kwargs)",
  ],
  ["DEBUG = False\nX = 1\nif not DEBUG and None is not None:\n    X = 2", "1"],
  ["X = 0 and not 1 or 'c'", "'c'"],
  ["A = [1]\nX = A + [2]", "[1, 2]"],
  ["X = [*[1, 2], 3]", "[1, 2, 3]"],
  ["X = {**{'a': 1}, 'b': 2}", "{'a': 1, 'b': 2}"],
  ["X = not []", "True"],
  ["X = [] or 'd'", "'d'"],
  ["X = 1 if True else 2", "1"],
  ["X = 'a' in ['a']", "True"],
  ["X = 'a,b'.split(',')", "['a', 'b']"],
  ["X = 'A'.lower()", "'a'"],
  ['A = 1\nX = f"v{A}-{{x}}"', "'v1-{x}'"],
  ['X = f"{UNDEFINED}"', "unknown (an f-string whose part UNDEFINED is not known)"],
  ['X = f"{1:>3}"', "unknown (an f-string with a conversion or format spec)"],
  // Paths
  ["from pathlib import Path\nX = Path(__file__).resolve().parent.parent / 'static'", "Path('/proj/static')"],
  [
    "import os\nX = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'media')",
    "'/proj/mysite/media'",
  ],
  ["from pathlib import Path\nX = Path('/srv') / '/abs'", "Path('/abs')"],
  ["import os\nX = str(os.path.join('/a', 'b'))", "'/a/b'"],
  // In-place changes
  ["X = ['a']\nX += ('b',)", "['a', 'b']"],
  ["X = ['a']\nX.append('b')\nX.insert(0, 'z')", "['z', 'a', 'b']"],
  ["X = ['a', 'b']\nX.remove('a')\nX.extend(['c'])", "['b', 'c']"],
  ["X = {'default': {}}\nX['default']['CONN_MAX_AGE'] = 60", "{'default': {'CONN_MAX_AGE': 60}}"],
  ["X = {'a': 1}\nX.update({'b': 2})", "{'a': 1, 'b': 2}"],
  ["X = [1]\nX.sort(key=len)", "unknown (changed by .sort() in a way the engine does not follow)"],
  ["X = 1\ndel X", "not set"],
  // In-place changes of a value that branches left different: each branch's value is changed.
  [
    "X = ['a']\nif UNKNOWN_NAME:\n    X.append('b')\nX.append('c')\nX.insert(0, 'z')",
    "one of ['z', 'a', 'b', 'c'] | ['z', 'a', 'c']",
  ],
  ["X = ['a']\nif UNKNOWN_NAME:\n    X += ['b']\nX += ['c']", "one of ['a', 'b', 'c'] | ['a', 'c']"],
  ["X = ['a', 'b']\nif UNKNOWN_NAME:\n    X = ['c', 'd']\nX[0] = 'e'", "one of ['e', 'd'] | ['e', 'b']"],
  // Branches
  ["DEBUG = False\nif DEBUG:\n    X = 1\nelse:\n    X = 2", "2"],
  ["if UNKNOWN_NAME:\n    X = 1\nelse:\n    X = 2", "one of 1 | 2"],
  ["X = 0\nif UNKNOWN_NAME:\n    X = 1", "one of 1 | 0"],
  ["if UNKNOWN_NAME:\n    X = 1", "one of 1 | not set"],
  ["import os\nif os.environ['PROD']:\n    X = 1\nelse:\n    X = 2", "one of 1 | 2"],
  // A variable's default decides, as it does for the findings: PROD is taken as unset.
  ["import os\nif os.environ.get('PROD'):\n    X = 1\nelse:\n    X = 2", "2"],
  ["import os\nX = 1 if os.getenv('PROD', 'yes') else 2", "1"],
  ["try:\n    X = 1\nexcept ImportError:\n    X = 2", "1"],
  ["try:\n    import foo\n    X = 1\nexcept ImportError:\n    X = 2", "one of 1 | 2"],
  ["try:\n    from .local import *\nexcept ImportError:\n    pass\nX = 3", "3"],
  // A loop over known values runs item by item; any other changes its names unknowably.
  ["for i in range(3):\n    X = i", "2"],
  ["X = []\nfor name in ['a', 'b']:\n    X.append(name.upper())", "['A', 'B']"],
  ["for i in UNKNOWN_NAME:\n    X = i", "unknown (X is changed in a loop)"],
  ["for i in range(3):\n    if i:\n        break\n    X = i", "unknown (X is changed in a loop)"],
  // globals() with known names sets them; with a known prefix, only names with that prefix are unknown.
  ["S = {'URL': 'u', 'TIMEOUT': 3}\nfor k, v in S.items():\n    globals()['Q_' + k] = v\nX = Q_TIMEOUT", "3"],
  [
    "for k in UNKNOWN_NAME:\n    globals()['Q_' + k] = 1\nX = Q_URL",
    "unknown (names starting with Q_ are set through globals() with names not known)",
  ],
  ["for k in UNKNOWN_NAME:\n    globals()['Q_' + k] = 1\nX = 1", "1"],
  ["with open('f') as f:\n    X = 1", "1"],
  ["X = Y = 5", "5"],
  ["A, X = 1, 2", "2"],
  // Slices, indexes, comprehensions and the methods of known values.
  ["X = [1, 2, 3, 4][1:3]", "[2, 3]"],
  ["X = 'abcdef'[:3]", "'abc'"],
  ["X = [1, 2, 3, 4][::-1]", "[4, 3, 2, 1]"],
  ["X = [1, 2, 3][-2:]", "[2, 3]"],
  ["L = ['a', 'b', 'c']\ni = L.index('b') + 1\nX = (*L[:i], 'z', *L[i:])", "('a', 'b', 'z', 'c')"],
  ["X = [s.upper() for s in ['a', 'b'] if s != 'b']", "['A']"],
  ["X = {k: v for k, v in {'a': 1}.items()}", "{'a': 1}"],
  ["X = [x for x in UNKNOWN_NAME]", "unknown (a comprehension over values that are not known)"],
  ["X = ','.join(['a', 'b'])", "'a,b'"],
  ["D = {'A': 1}\nX = list(D.keys())", "['A']"],
  // A class used as a namespace: plain attributes and static methods.
  [
    "class Setup:\n    EXTRA = 'x'\n    @staticmethod\n    def add(apps):\n        return apps + [Setup.EXTRA]\nA = ['a']\nX = Setup.add(A)",
    "['a', 'x']",
  ],
  [
    "def f():\n    from .settings_missing import FLAG\n    return FLAG\nX = f()",
    "unknown (f() returns imported from .settings_missing.FLAG, which is not followed)",
  ],
  // Assignment expressions bind where they run.
  ["if (n := 3) > 2:\n    X = n", "3"],
  [
    "import os\ndef f():\n    if path := os.getenv('KEY_FILE'):\n        return open(path).read()\n    return 'k'\nX = f()",
    "'k'",
  ],
  // The project's own functions, run where they are called.
  ["def f():\n    return 1\nX = f()", "1"],
  ["def f(a, b=2, *, c=3):\n    return a + b + c\nX = f(1, c=10)", "13"],
  [
    "def f(n):\n    if n > 1:\n        return 'big'\n    elif n == 1:\n        return 'one'\n    return 'none'\nX = [f(5), f(1), f(0)]",
    "['big', 'one', 'none']",
  ],
  [
    "def f(x):\n    items = []\n    for part in x.split(','):\n        if part:\n            items.append(part.strip())\n    return items\nX = f('a, b,,c')",
    "['a', 'b', 'c']",
  ],
  ["def f():\n    pass\nX = f()", "None"],
  ["def f(x):\n    if UNKNOWN_NAME:\n        return x\n    return 0\nX = f(1)", "one of 1 | 0"],
  ["def f(n):\n    return f(n)\nX = f(1)", "unknown (f() calls functions too deeply to follow)"],
  [
    "def f():\n    while True:\n        pass\nX = f()",
    "unknown (f() has a while loop the engine does not follow)",
  ],
  [
    "def f():\n    raise ValueError('no')\nX = f()",
    "unknown (f() raises unless production provides what it needs)",
  ],
  [
    "def f(path):\n    with open(path) as handle:\n        return handle.read()\nX = f('/etc/key')",
    "unknown (f() returns what open(path) gives when the server runs)",
  ],
  ["def f():\n    global Y\n    Y = 1\nX = f()", "None"],
  ["def f():\n    global Y\n    Y = 1\nf()\nX = Y", "1"],
  ["LIMIT = 3\ndef f():\n    return LIMIT * 2\nX = f()", "6"],
  ["@decorator\ndef f():\n    return 1\nX = f()", "unknown (calls f, which is not known)"],
  ["X = 1; Y = 2", "1"],
  ["from django.utils.csp import CSP\nX = [CSP.SELF, CSP.NONCE]", "[\"'self'\", '<CSP_NONCE_SENTINEL>']"],
  ["X: int = 7", "7"],
  ["globals().update({'X': 1})", "1"],
  [
    "globals().update(UNKNOWN_NAME)\nY = X",
    "unknown (the module changes its names through globals().update())",
  ],
  ["X = 2\nglobals().update(UNKNOWN_NAME)", "2"],
  [
    "class S:\n    X = 1\nS.load(__name__)\nY = X",
    "unknown (S.load(…) may set the module's names, which the engine does not follow)",
  ],
];

describe("evaluator: values of expressions and statements", () => {
  for (const [source, expected] of TABLE) {
    it(`${source.replace(/\n/g, " ⏎ ")} → ${expected}`, () => {
      assert.equal(show(source), expected);
    });
  }
});

describe("evaluator: reads of the environment", () => {
  const env = (source: string, name = "X") => {
    const value = valueOf(source, name);
    assert.equal(value.kind, "env", `expected a FromEnv value, got ${describeValue(value)}`);
    return value as Extract<Value, { kind: "env" }>;
  };

  it("os.environ.get with a default", () => {
    const value = env("import os\nX = os.environ.get('DJANGO_DEBUG', 'False')");
    assert.equal(value.variable, "DJANGO_DEBUG");
    assert.equal(value.reader, "os");
    assert.equal(value.conversion.kind, "str");
    assert.equal(value.explicitDefault, true);
    assert.equal(describeValue(value.default!), "'False'");
  });

  it("os.getenv via from-import, without a default: the variable is required", () => {
    const value = env("from os import getenv\nX = getenv('K')");
    assert.equal(value.explicitDefault, false);
    assert.equal(describeValue(value.default!), "None");
  });

  it("a helper of the project reading the environment gives the read, judged by the default passed", () => {
    const value = env(
      "import os\n\ndef env_bool(name, default):\n    return os.environ.get(name, default).lower() in ('1', 'true', 'yes')\n\nX = env_bool('DJANGO_DEBUG', 'true')",
    );
    assert.equal(value.variable, "DJANGO_DEBUG");
    assert.equal(value.conversion.kind, "compare");
    assert.equal(describeValue(value.default!), "True");
    // Reported where it is called, so a fix edits the call, never the helper other settings use.
    assert.equal(value.span?.range.start.line, 5);
  });

  it("a helper that returns a required read's handler value gives that default", () => {
    const value = env(
      "import os\n\ndef secret(name, default=''):\n    try:\n        return os.environ[name]\n    except KeyError:\n        return default\n\nX = secret('KEY', 'fallback')",
    );
    assert.equal(value.variable, "KEY");
    assert.equal(describeValue(value.default!), "'fallback'");
  });

  it("a helper that raises when the variable is unset gives a read production must set", () => {
    const value = valueOf(
      "import os\n\ndef required(name):\n    value = os.environ.get(name)\n    if value is None:\n        raise RuntimeError(name)\n    return value\n\nX = required('KEY')",
    );
    assert.equal(value.kind, "unknown");
  });

  it("`or` after a read with no default gives the default on its right", () => {
    const value = env("import os\nX = os.environ.get('SECURE') or 'False'");
    assert.equal(value.variable, "SECURE");
    assert.equal(describeValue(value.default!), "'False'");
  });

  it("os.environ[...] has no default at all", () => {
    const value = env("import os\nX = os.environ['K']");
    assert.equal(value.default, undefined);
  });

  it("a comparison records the conversion and computes the default's outcome", () => {
    const value = env("import os\nX = os.environ.get('DEBUG', 'False') == 'True'");
    assert.equal(value.conversion.kind, "compare");
    assert.equal(describeValue(value.default!), "False");
  });

  it(".lower() keeps a string a string; `in` converts", () => {
    assert.equal(env("import os\nX = os.environ.get('D', 'x').lower()").conversion.kind, "str");
    const value = env("import os\nX = os.environ.get('D', '').lower() in ('1', 'true')");
    assert.equal(value.conversion.kind, "compare");
    assert.equal(describeValue(value.default!), "False");
  });

  it("int() and split() convert", () => {
    const number = env("import os\nX = int(os.environ.get('N', '60'))");
    assert.equal(number.conversion.kind, "int");
    assert.equal(describeValue(number.default!), "60");
    const hosts = env("import os\nX = os.environ.get('H', 'a,b').split(',')");
    assert.equal(hosts.conversion.kind, "list");
    assert.equal(describeValue(hosts.default!), "['a', 'b']");
  });

  it("django-environ: typed readers, the Env schema, and cast as the second positional argument", () => {
    const schema = "import environ\nenv = environ.Env(DEBUG=(bool, False), HOSTS=(list, []))\n";
    const debug = env(`${schema}X = env('DEBUG')`);
    assert.equal(debug.reader, "django-environ");
    assert.equal(debug.conversion.kind, "bool");
    assert.equal(describeValue(debug.default!), "False");
    assert.equal(env(`${schema}X = env.bool('OTHER', default=True)`).conversion.kind, "bool");
    assert.equal(env(`${schema}X = env('OTHER', bool)`).conversion.kind, "bool");
    const plain = env(`${schema}X = env('SECRET_KEY', default='x')`);
    assert.equal(plain.conversion.kind, "str");
    assert.equal(describeValue(plain.default!), "'x'");
    assert.equal(
      env("from environ import Env\nenv = Env()\nX = env.db('DATABASE_URL')").conversion.kind,
      "db",
    );
  });

  it("python-decouple: casts apply to the default too", () => {
    const flag = env("from decouple import config\nX = config('DEBUG', default='False', cast=bool)");
    assert.equal(flag.reader, "decouple");
    assert.equal(flag.conversion.kind, "bool");
    assert.equal(describeValue(flag.default!), "False");
    const hosts = env(
      "from decouple import config, Csv\nX = config('HOSTS', default='a.com, b.com', cast=Csv())",
    );
    assert.equal(describeValue(hosts.default!), "['a.com', 'b.com']");
    assert.equal(env("from decouple import config\nX = config('K')").explicitDefault, false);
  });
});

describe("evaluator: origins", () => {
  it("records the statement, the target and the value of an assignment, and the last in-place change", () => {
    const source = "import os\nX = ['a']\nX.append('b')\n";
    const state = evaluateModule(parseModule(source), FILE);
    const binding = state.bindings.get("X")!;
    assert.equal(binding.origin.statement.range.start.line, 2, "the append decided the final value");
    assert.equal(binding.assignment?.target.range.start.line, 1);
    assert.equal(binding.assignment?.value?.range.start.character, 4);
  });

  it("keeps evaluating after a half-typed line", () => {
    const state = evaluateModule(
      parseModule("DEBUG = Tr\nX = (\nSECRET_KEY = 'k'\nALLOWED_HOSTS = []\n"),
      FILE,
    );
    assert.ok(state.bindings.has("ALLOWED_HOSTS"));
    assert.ok(state.syntaxErrors.length > 0);
  });
});
