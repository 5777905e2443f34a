import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { silenceEdit } from "../../../server/src/checks/silence";
import { evaluateModule } from "../../../server/src/evaluate/moduleEvaluator";
import { parseModule } from "../../../server/src/python/parse";
import { applyEdits, parsesCleanly } from "../../helpers/memoryProject";

const FILE = "/project/mysite/settings.py";

function silence(text: string, id = "security.W018"): string {
  const state = evaluateModule(parseModule(text), FILE);
  const edit = silenceEdit(state, text, id);
  assert.equal(edit.file, FILE);
  const output = applyEdits(text, [edit]);
  assert.ok(parsesCleanly(output), output);
  return output;
}

describe("Silence <ID> in SILENCED_SYSTEM_CHECKS", () => {
  const cases: [string, string, string][] = [
    ["no list yet", "DEBUG = True\n", 'DEBUG = True\n\nSILENCED_SYSTEM_CHECKS = ["security.W018"]\n'],
    ["no final newline", "DEBUG = True", 'DEBUG = True\n\nSILENCED_SYSTEM_CHECKS = ["security.W018"]\n'],
    ["an empty list", "SILENCED_SYSTEM_CHECKS = []\n", 'SILENCED_SYSTEM_CHECKS = ["security.W018"]\n'],
    ["an empty tuple", "SILENCED_SYSTEM_CHECKS = ()\n", 'SILENCED_SYSTEM_CHECKS = ("security.W018",)\n'],
    [
      "a one-line list",
      "SILENCED_SYSTEM_CHECKS = ['x.W1']\n",
      "SILENCED_SYSTEM_CHECKS = ['x.W1', \"security.W018\"]\n",
    ],
    [
      "a one-line list with a trailing comma",
      "SILENCED_SYSTEM_CHECKS = ['x.W1',]\n",
      "SILENCED_SYSTEM_CHECKS = ['x.W1', \"security.W018\"]\n",
    ],
    [
      "a multi-line list with a trailing comma",
      "SILENCED_SYSTEM_CHECKS = [\n    'x.W1',\n]\n",
      "SILENCED_SYSTEM_CHECKS = [\n    'x.W1',\n    \"security.W018\",\n]\n",
    ],
    [
      "a multi-line list without a trailing comma",
      "SILENCED_SYSTEM_CHECKS = [\n    'x.W1'\n]\n",
      "SILENCED_SYSTEM_CHECKS = [\n    'x.W1',\n    \"security.W018\"\n]\n",
    ],
    [
      "inherited from a module the engine does not follow",
      "from somewhere import SILENCED_SYSTEM_CHECKS\n",
      'from somewhere import SILENCED_SYSTEM_CHECKS\n\nSILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W018"]\n',
    ],
  ];
  for (const [name, input, output] of cases) {
    it(name, () => assert.equal(silence(input), output));
  }
});
