// When the scaffold puts nginx in front, the settings checks see the proxy: deploy.W017 (redirect
// loop behind a TLS proxy) turns from "check for a TLS proxy" into the warning that names nginx.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { runScaffoldCommand } from "../../../cli/src/scaffoldCommand";
import { DjangoProject } from "../../../server/src/engine/project";
import { nodeFileSystem } from "../../../server/src/project/nodeFileSystem";

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function w017(project: string) {
  const result = new DjangoProject([project], nodeFileSystem).analyze();
  return result.findings.filter((finding) => finding.code === "deploy.W017");
}

test("a scaffolded nginx site is the proxy evidence deploy.W017 looks for", async () => {
  const project = mkdtempSync(path.join(tmpdir(), "scaffold-proxy-"));
  folders.push(project);
  mkdirSync(path.join(project, "mysite"));
  writeFileSync(
    path.join(project, "manage.py"),
    "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
  );
  writeFileSync(path.join(project, "mysite", "__init__.py"), "");
  writeFileSync(
    path.join(project, "mysite", "settings.py"),
    "DEBUG = False\nSECURE_SSL_REDIRECT = True\n" +
      "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n",
  );
  const before = w017(project);
  assert.equal(before.length, 1);
  assert.equal(before[0]?.severity, "information");
  assert.match(before[0]?.explanation ?? "", /No reverse proxy shows/);

  // Hypercorn's own configuration is no proxy evidence; only the nginx site is.
  const ignore = () => undefined;
  const code = await runScaffoldCommand(["asgi", "--project", project, "--server", "hypercorn"], {
    stdout: ignore,
    stderr: ignore,
  });
  assert.equal(code, 0);
  const after = w017(project);
  assert.equal(after.length, 1);
  assert.equal(after[0]?.severity, "warning");
  assert.match(after[0]?.explanation ?? "", /proxy_pass in mysite\.conf/);
  assert.ok(after[0]?.related.some((related) => related.file.endsWith("deploy/nginx/mysite.conf")));
});
