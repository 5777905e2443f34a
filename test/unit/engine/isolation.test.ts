// A failing check, or a failing analysis, never takes the other findings with it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_CHECKS } from "../../../server/src/checks/index";
import { DjangoProject } from "../../../server/src/engine/project";
import { faultInjectionCheck } from "../../../server/src/engine/faultInjection";
import { memoryHost, ROOT } from "../../helpers/memoryProject";

const FILES = {
  "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
  "mysite/settings.py": 'DEBUG = True\nSECRET_KEY = "x"\n',
};

describe("isolation of failures", () => {
  it("a check that throws becomes one internal error naming it; the others still report", () => {
    const project = new DjangoProject([ROOT], memoryHost(FILES), {}, [...ALL_CHECKS, faultInjectionCheck]);
    const result = project.analyze();
    assert.deepEqual(
      result.internalErrors.map((error) => [error.check, error.profile, error.message]),
      [["test.E999", "mysite.settings", "this check fails on purpose"]],
    );
    const codes = result.findings.map((finding) => finding.code);
    assert.ok(codes.includes("security.W018") && codes.includes("security.W009"), codes.join(" "));
  });

  it("an analysis that fails as a whole answers the last good result with the error", () => {
    const files = new Map(Object.entries(FILES).map(([path, text]) => [`${ROOT}/${path}`, text]));
    let broken = false;
    const host = {
      ...memoryHost(FILES),
      readFile: (path: string) => {
        if (broken) throw new Error("the disk went away");
        return files.get(path);
      },
    };
    const project = new DjangoProject([ROOT], host);
    const good = project.analyze();
    assert.equal(good.internalErrors.length, 0);
    broken = true;
    project.invalidate();
    const failed = project.analyze();
    assert.deepEqual(failed.findings, good.findings);
    assert.deepEqual(
      failed.internalErrors.map((error) => [error.check, error.message]),
      [["engine", "the disk went away"]],
    );
  });
});
