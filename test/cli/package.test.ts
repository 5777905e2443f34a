// The CLI as an npm package: `npm pack` makes a tarball of the allow-list in .npmignore only, it
// installs into an empty folder with nothing else (the bundle has no dependencies), and
// `npx django-deploy check` runs from there, through the real `bin` entry, with the right exit codes.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { temporaryFolder } from "../temporaryFolders";
import { root, startproject } from "./run";

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

describe("the npm package", () => {
  let installed: string;
  let packed: PackResult;
  let project: string;

  before(() => {
    const scratch = temporaryFolder("pack");
    const output = execFileSync("npm", ["pack", "--json", "--pack-destination", scratch], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    packed = (JSON.parse(output) as PackResult[])[0]!;
    console.log(
      `# packed ${packed.filename}: ${(packed.size / 1024).toFixed(0)} KiB, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked`,
    );
    installed = join(scratch, "empty");
    mkdirSync(installed);
    execFileSync(
      "npm",
      ["install", "--offline", "--no-audit", "--no-fund", "--no-save", join(scratch, packed.filename)],
      { cwd: installed, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    project = startproject();
    // SECRET_KEY from the environment, so that a .env file changes what is found.
    const settings = join(project, "mysite", "settings.py");
    writeFileSync(
      settings,
      readFileSync(settings, "utf8").replace(
        /^SECRET_KEY = .*$/m,
        "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'django-insecure-x')",
      ),
    );
    writeFileSync(join(project, "production.env"), `DJANGO_SECRET_KEY=${"k7Qz-9xW_3pL".repeat(5)}\n`);
  });

  function run(command: string, args: string[], cwd: string) {
    const env = { ...process.env };
    delete env.DJANGO_SETTINGS_MODULE;
    const result = spawnSync(command, args, { cwd, encoding: "utf8", env, timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  const npx = (args: string[]) => run("npx", ["--no", "django-deploy", ...args], installed);
  /** The executable npm links for the `bin` entry, run by its own `#!` line, in the project's folder. */
  const bin = (args: string[]) =>
    run(join(installed, "node_modules", ".bin", "django-deploy"), args, project);

  it("holds the bundle, the templates, the README and the licence, nothing else", () => {
    const files = packed.files.map((file) => file.path).sort();
    assert.deepEqual(
      files.filter((file) => !file.startsWith("templates/")),
      ["LICENSE", "README.md", "dist/cli-main.js", "dist/cli-scaffold.js", "dist/cli.js", "package.json"],
    );
    assert.ok(files.includes("templates/wsgi.py.tpl"));
    const manifest = JSON.parse(
      readFileSync(join(installed, "node_modules", "django-deploy", "package.json"), "utf8"),
    ) as {
      bin: Record<string, string>;
      dependencies?: Record<string, string>;
      engines: { node: string };
    };
    assert.deepEqual(manifest.bin, { "django-deploy": "./dist/cli.js" });
    assert.equal(manifest.dependencies, undefined, "everything is bundled: nothing to install at run time");
    // Nothing but the package itself was installed.
    assert.deepEqual(
      readdirSync(join(installed, "node_modules")).filter((name) => !name.startsWith(".")),
      ["django-deploy"],
    );
  });

  it("npx django-deploy check: 1 on a startproject, 0 with --exit-zero, 3 where there is no Django project", () => {
    const version = npx(["--version"]);
    assert.equal(version.status, 0, version.stderr);
    const findings = npx(["check", project]);
    assert.equal(findings.status, 1, findings.stderr);
    assert.match(findings.stdout, /security\.W018 DEBUG is on in production\./);
    assert.equal(npx(["check", project, "--exit-zero"]).status, 0);
    const empty = temporaryFolder("nothing");
    assert.equal(npx(["check", empty]).status, 3);
  });

  it("the scaffold templates are found from the installed package", () => {
    const result = npx([
      "scaffold",
      "wsgi",
      "--project",
      project,
      "--server",
      "gunicorn",
      "--only",
      "server",
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      readFileSync(join(project, "gunicorn.conf.py"), "utf8"),
      /wsgi_app = "mysite\.wsgi:application"/,
    );
  });

  it("--dotenv through the bin: applied, and a missing file is our exit 2; --env-file, its former name, is refused", () => {
    const codes = (args: string[]) =>
      (JSON.parse(bin(["check", ".", "--format", "json", ...args]).stdout) as { code: string }[]).map(
        (finding) => finding.code,
      );
    assert.ok(codes([]).includes("security.W009"));
    assert.ok(!codes(["--dotenv", "production.env"]).includes("security.W009"));
    const former = bin(["check", ".", "--env-file", "production.env"]);
    assert.equal(former.status, 2);
    assert.match(former.stderr, /--env-file is not an option of django-deploy: use --dotenv FILE/);
    const missing = bin(["check", ".", "--dotenv", "nope.env"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^django-deploy: the \.env file nope\.env does not exist$/m);
  });
});
