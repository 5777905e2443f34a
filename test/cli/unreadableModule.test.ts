// A settings module that Python cannot read (invalid UTF-8) must not pass as "No problems found"
// (issue 18): the CLI reports python.E002 at the module and exits non-zero.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const cli = join(__dirname, "..", "..", "dist", "cli.js");

describe("a settings module that cannot be read", () => {
  const folder = mkdtempSync(join(tmpdir(), "django-deploy-cli-unreadable-"));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), content);
  };
  write(
    "manage.py",
    'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.production")\n',
  );
  write("mysite/__init__.py", "");
  write("mysite/settings/__init__.py", "");
  write(
    "mysite/settings/production.py",
    'from .base import *\nDEBUG = False\nALLOWED_HOSTS = ["www.example.com"]\n',
  );
  // One Latin-1 byte (0xff) in base.py: not UTF-8, so Python refuses the module.
  write("mysite/settings/base.py", Buffer.from('SECRET_KEY = "abc\xff"\n', "latin1"));

  it("reports python.E002 at base.py and does not say that nothing was found", () => {
    const result = spawnSync(process.execPath, [cli, "check", folder, "--format", "json"], {
      encoding: "utf8",
    });
    const findings = JSON.parse(result.stdout) as { code: string; file: string; message: string }[];
    const unreadable = findings.filter((finding) => finding.code === "python.E002");
    assert.equal(unreadable.length, 1, result.stdout);
    assert.match(unreadable[0]!.file, /mysite\/settings\/base\.py$/);
    assert.match(unreadable[0]!.message, /not valid UTF-8 \(byte 0xff at offset 17\)/);
    // Unreadable input, as for a module Python cannot parse: status 2, not 1 ("problems found").
    assert.equal(result.status, 2);
    const text = spawnSync(process.execPath, [cli, "check", folder], { encoding: "utf8" });
    assert.doesNotMatch(text.stdout, /No problems found/);
    assert.match(text.stdout, /python\.E002/);
  });
});
