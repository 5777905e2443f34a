// Settings code the oracle over generated variations (test/oracle/variations.test.ts) found the
// evaluator reading wrongly or not at all: each snippet → the value a name ends with.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateModule } from "../../../server/src/evaluate/moduleEvaluator";
import { describe as describeValue, type Value } from "../../../server/src/evaluate/values";
import { parseModule } from "../../../server/src/python/parse";

function show(source: string): string {
  const binding = evaluateModule(parseModule(source), "/proj/mysite/settings.py").bindings.get("X");
  assert.ok(binding, "X is not bound");
  return describeValue(binding.value as Value);
}

const TABLE: [string, string][] = [
  // A generator is what the function that consumes it iterates (it was taken for no argument).
  ["X = tuple(item for item in ['a', 'b'])", "('a', 'b')"],
  ["X = list(x.upper() for x in ['a', 'b'] if x != 'b')", "['A']"],
  ["X = tuple((x for x in ['a']))", "('a',)"],
  ["A = ['a']\nX = tuple(*A)", "('a',)"],
  ["A = {'a': 1}\nX = dict(**A)", "{'a': 1}"],
  ["import os\nX = tuple(*os.environ['A'].split())", "unknown (tuple is called with *args or **kwargs)"],
  // An unset variable's `or` hands the value over to a second environment read.
  ["import os\nX = os.environ.get('A') or os.environ.get('B', 'b')", "environment variable B, default 'b'"],
  [
    "import os\nX = os.environ.get('A') or (os.environ.get('B', 'off') == 'on')",
    "environment variable B, default False",
  ],
  [
    "import os\nX = os.environ.get('A', 'a') or os.environ.get('B', 'b')",
    "environment variable A, default 'a'",
  ],
  [
    "import os\nX = os.environ.get('A', 'a') and os.environ.get('B', 'b')",
    "environment variable B, default 'b'",
  ],
  // pop() of a list at a position, of a dict's key (with or without a default).
  ["X = ['a', 'b', 'c']\nX.pop()", "['a', 'b']"],
  ["X = ['a', 'b', 'c']\nX.pop(-3)", "['b', 'c']"],
  ["X = ['a']\nX.pop(1)", "unknown (changed by .pop() in a way the engine does not follow)"],
  ["X = {'a', 'b'}\nX.pop()", "unknown (changed by .pop() in a way the engine does not follow)"],
  ["X = {'a': 1, 'b': 2}\nX.pop('a')", "{'b': 2}"],
  ["X = {'a': 1}\nX.pop('b', None)", "{'a': 1}"],
  ["X = {'a': 1}\nX.pop('b')", "unknown (changed by .pop() in a way the engine does not follow)"],
  // A comprehension over a value read from the environment: what it makes of the default.
  [
    "import os\nX = [h.strip() for h in os.environ.get('H', 'a, ,b').split(',') if h.strip()]",
    "environment variable H, default ['a', 'b']",
  ],
  [
    "import os\ndef hosts(name, default=''):\n    raw = os.environ.get(name, default)\n    return [h for h in raw.split(',') if h]\nX = hosts('H', 'a,b')",
    "environment variable H, default ['a', 'b']",
  ],
  // Path.parents: the ancestors, the nearest first.
  ["from pathlib import Path\nX = Path(__file__).resolve().parents[1] / 'static'", "Path('/proj/static')"],
  ["from pathlib import Path\nX = list(Path('/a/b').parents)", "[Path('/a'), Path('/')]"],
  ["from pathlib import Path\nX = list(Path('a/b').parents)", "[Path('a'), Path('.')]"],
  // Slice assignment replaces the items between the bounds (it was ignored).
  ["X = ['a', 'b', 'c']\nX[1:2] = ['z', 'y']", "['a', 'z', 'y', 'c']"],
  ["X = ['a', 'b']\ni = X.index('a') + 1\nX[i:i] = ['z']", "['a', 'z', 'b']"],
  ["X = ['a', 'b', 'c']\nX[2:1] = ('z',)", "['a', 'b', 'z', 'c']"],
  ["X = ['a', 'b', 'c']\nX[-1:] = []", "['a', 'b']"],
  [
    "import os\nX = ['a']\nX[:int(os.environ['N'])] = []",
    "unknown (X[:int(os.environ['N'])] is assigned into a value that is not known)",
  ],
  // del of an item removes it (it was ignored).
  ["X = ['a', 'b']\ndel X[0]", "['b']"],
  ["X = {'a': 1, 'b': 2}\ndel X['a']", "{'b': 2}"],
  ["X = {'a': [1, 2]}\ndel X['a'][-1]", "{'a': [1]}"],
  ["X = ['a']\ndel X[3]", "unknown (X[3] is deleted from a value that is not known)"],
  // dict() of pairs, then the keywords, later keys winning (dict of a list was unknown).
  ["X = dict([])", "{}"],
  ["X = dict([('a', 1), ['b', 2]], c=3)", "{'a': 1, 'b': 2, 'c': 3}"],
  ["X = dict([('a', 1), ('a', 2)])", "{'a': 2}"],
  ["X = dict({'a': 1}, a=2)", "{'a': 2}"],
  ["X = dict([])\nX.update({'a': 1})", "{'a': 1}"],
  ["X = dict([('a', 1, 2)])", "unknown (dict() of items that are not pairs)"],
  ["import os\nX = dict([(os.environ['K'], 1)])", "unknown (dict() of items that are not pairs)"],
  ["X = dict([], [])", "unknown (dict() of more than one positional argument)"],
  // An in-place change of a list read from the environment changes its default (it was unknown).
  [
    "import os\nX = os.environ.get('H', 'a,b').split(',')\nX.append('c')",
    "environment variable H, default ['a', 'b', 'c']",
  ],
  [
    "import os\nX = os.environ.get('H', 'a,b').split(',')\nX += ['c']",
    "environment variable H, default ['a', 'b', 'c']",
  ],
  [
    "import os\nX = os.environ.get('H', 'a,b').split(',')\nX.remove('a')",
    "environment variable H, default ['b']",
  ],
  [
    "import os\nX = os.environ.get('H', 'a,b').split(',')\nX[0] = 'z'",
    "environment variable H, default ['z', 'b']",
  ],
  [
    "import os\nX = os.environ.get('H', 'a,b').split(',')\nX[1:1] = ['z']",
    "environment variable H, default ['a', 'z', 'b']",
  ],
  [
    "import os\nX = os.environ.get('H', 'a,b').split(',')\nX.remove('z')",
    "unknown (changed by .remove() in a way the engine does not follow)",
  ],
  [
    "import os\nX = os.environ['H'].split(',')\nX.append('c')",
    "unknown (changed by .append() in a way the engine does not follow)",
  ],
  // Inside the project's functions, pop(), sort() and reverse() change the list (they were ignored).
  ["def f():\n    r = ['a', 'b']\n    r.pop()\n    return r\nX = f()", "['a']"],
  ["def f():\n    r = ['b', 'a', 'B']\n    r.sort()\n    return r\nX = f()", "['B', 'a', 'b']"],
  ["def f():\n    r = ['a', 'b']\n    r.reverse()\n    return r\nX = f()", "['b', 'a']"],
  [
    "def f():\n    r = ['b', 1]\n    r.sort()\n    return r\nX = f()",
    "unknown (f() returns changed by .sort() in a way the engine does not follow)",
  ],
  [
    "def f():\n    r = ['b', 'a']\n    r.sort(reverse=True)\n    return r\nX = f()",
    "unknown (f() returns changed by .sort() in a way the engine does not follow)",
  ],
  ["X = ['b', 'a']\nX.sort()", "['a', 'b']"],
  // A change in place inside an expression changes the name (`last = X.pop()` left X as it was).
  ["X = ['a', 'b']\nY = X.pop()", "['a']"],
  ["X = {'a': 1}\nY = X.pop('a', None)", "{}"],
  ["X = ['a']\nif X.pop():\n    pass", "[]"],
  ["X = {'a': [1]}\nY = X['a'].pop()", "unknown (changed by .pop() in a way the engine does not follow)"],
  ["def f():\n    r = ['a', 'b']\n    last = r.pop()\n    return r\nX = f()", "['a']"],
  // A function that changes the module's names changes them (they were left as they were).
  ["X = False\ndef configure():\n    global X\n    X = True\nconfigure()", "True"],
  ["X = ['a']\ndef add():\n    X.append('b')\nadd()", "['a', 'b']"],
  ["X = {'a': 1}\ndef f():\n    X['b'] = 2\nf()", "{'a': 1, 'b': 2}"],
  [
    "X = ['a']\ndef f():\n    del X[0]\nf()",
    "unknown (an item of X is deleted, which the engine does not follow)",
  ],
  ["X = ['a', 'b']\ndef f():\n    return X.pop()\nY = f()", "['a']"],
  // paperless: a helper declares the list global and appends only when a flag is on (off when unset).
  [
    "import os\nX = ['a']\ndef setup():\n    global X\n    if os.environ.get('ON', 'no') == 'yes':\n        X.append('b')\n    return 'h'\nH = setup()",
    "['a']",
  ],
  // Paths that change it differently leave each possible value.
  [
    "import os\nX = ['a']\ndef setup(flag):\n    if flag:\n        X.append('b')\nsetup(open('/etc/flag').read() == 'on')",
    "one of ['a', 'b'] | ['a']",
  ],
  // A library imported under try/except ImportError may be missing in production: both ways count.
  [
    "def show_toolbar():\n    try:\n        import debug_toolbar\n    except ImportError:\n        return False\n    return True\nX = show_toolbar()",
    "one of False | True",
  ],
  [
    "def f():\n    try:\n        from debug_toolbar import urls\n    except (ImportError, RuntimeError):\n        return 'no'\n    return 'yes'\nX = f()",
    "one of 'no' | 'yes'",
  ],
  // Unpacking a value that is one of several tuples: each name gets its possible items.
  [
    "def setup(apps, debug):\n    if not debug:\n        return apps, 'x'\n    return apps + ['t'], 'y'\nX, Y = setup(['a'], open('/f').read())",
    "one of ['a'] | ['a', 't']",
  ],
  // Other handlers are not a way production takes (the body works there).
  [
    "def f():\n    try:\n        import json\n    except ValueError:\n        return 'no'\n    return 'yes'\nX = f()",
    "'yes'",
  ],
  // Given up half-way: what it changed cannot be known.
  [
    "X = ['a']\ndef f():\n    X.append('b')\n    while True:\n        pass\nf()",
    "unknown (changed by f(), which the engine does not follow)",
  ],
  ["X = ['a']\ndef f():\n    r = list(X)\n    r.append('b')\n    return r\nY = f()", "['a']"],
  [
    "def f():\n    r = ['a', 'b']\n    del r[0]\n    return r\nX = f()",
    "unknown (f() returns an item of r is deleted, which the engine does not follow)",
  ],
  // .index() and .count() with an item that may match (read from the environment) are open.
  ["X = ['a', 'b'].index('b')", "1"],
  ["import os\nX = ['a', os.environ.get('V', 'b'), 'b'].index('b')", "unknown (calls .index())"],
  ["import os\nX = [os.environ.get('V', 'b'), 'a'].count('a')", "unknown (calls .count())"],
  ["X = ['a', 'b', 'a'].count('a')", "2"],
  // printf-style % formatting (it was unknown, and with it include('environments/%s.py' % ENV)).
  [
    "import os\nX = 'environments/%s.py' % os.environ.get('V', 'production')",
    "environment variable V, default 'environments/production.py'",
  ],
  ["X = '%s-%d%%' % ('a', 3)", "'a-3%'"],
  ["X = '%s %s' % ('a',)", "unknown (a % format the engine does not follow)"],
  ["X = '%(a)s' % {'a': 1}", "unknown (a % format the engine does not follow)"],
  ["X = -7 % 3", "2"],
];

describe("settings code of the generated variations", () => {
  for (const [source, expected] of TABLE) it(source, () => assert.equal(show(source), expected));
});
