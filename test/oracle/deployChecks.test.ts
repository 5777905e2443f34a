// The oracle: our CLI and Debian's real Django 3.2 must report the same check IDs for hundreds of
// generated settings modules (generateModules.ts). Django runs through djangoChecks.py, which forks
// one child per module from a process that has imported Django once; a sample of the modules is also
// run through the real `python3 -m django check --deploy` command to show the driver is exact.
// Django's output is compared on the IDs we implement (its admin.*, models.* … checks are not ours).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ALL_CHECKS } from "../../server/src/checks/index";
import { DJANGO_VERSIONS, type DjangoVersion } from "../../server/src/django/versions";
import { inVersionRange } from "../../server/src/django/versions";
import { generateModule, MIDDLEWARE_MODULE, seededRandom } from "./generateModules";

// Another Django can be checked the same way: ORACLE_PYTHON (an interpreter) and ORACLE_PYTHONPATH
// (a folder holding django, e.g. `pip install --no-deps --target DIR django==5.2.*`).
const PYTHON = process.env.ORACLE_PYTHON ?? "/usr/bin/python3";
const EXTRA_PYTHONPATH = process.env.ORACLE_PYTHONPATH;
const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");
const DRIVER = join(__dirname, "djangoChecks.py");
const PACKAGE = "oraclesite";
const COUNT = Number(process.env.ORACLE_MODULES ?? 520);
const SEED = Number(process.env.ORACLE_SEED ?? 20261124);
const COMMAND_SAMPLE = 8;
/** Checks whose answer depends on the directories that exist at the moment they run. */
const FILE_SYSTEM_IDS = new Set(["staticfiles.W004", "files.E001"]);

/** Django's IDs that we implement for a version (ours, deploy.*, are not Django's to judge). */
function implemented(version: DjangoVersion): Set<string> {
  return new Set(
    ALL_CHECKS.filter(
      (check) =>
        !check.id.startsWith("deploy.") &&
        (!check.djangoVersions ||
          inVersionRange(version, check.djangoVersions.from, check.djangoVersions.to)),
    ).map((check) => check.id),
  );
}

interface DjangoResult {
  module: string;
  ids?: string[];
  error?: string;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The environment Django runs in: no settings module, no async override, none of our variables. */
function djangoEnvironment(pythonPath: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (
      name === "DJANGO_ALLOW_ASYNC_UNSAFE" ||
      name === "DJANGO_SETTINGS_MODULE" ||
      name.startsWith("ORACLE_")
    )
      continue;
    if (name.startsWith("PYTHON")) continue;
    env[name] = value;
  }
  const path = EXTRA_PYTHONPATH ? `${pythonPath}:${EXTRA_PYTHONPATH}` : pythonPath;
  return { ...env, PYTHONPATH: path, PYTHONDONTWRITEBYTECODE: "1", PYTHONWARNINGS: "ignore" };
}

/** IDs in the output of `manage.py check`: lines such as `?: (security.W004) …`. */
function idsInCommandOutput(output: string): string[] {
  return [...output.matchAll(/^[^\n]*?: \(([\w.]+\.[A-Z]\d{3})\) /gm)].map((match) => match[1]!).sort();
}

describe("agreement with Django's check --deploy", () => {
  const label = process.env.ORACLE_PYTHON
    ? `the Django of ${PYTHON}`
    : "Django 3.2 (Debian's python3-django)";
  it(`${COUNT} generated settings modules, ${label}`, { timeout: 600_000 }, async () => {
    const version = spawnSync(PYTHON, ["-c", "import django; print(django.get_version())"], {
      encoding: "utf8",
      env: djangoEnvironment(""),
    });
    assert.equal(
      version.status,
      0,
      `Django is not importable by ${PYTHON}: apt-get install -y python3-django`,
    );
    if (!process.env.ORACLE_PYTHON)
      assert.match(version.stdout, /^3\.2\./, "the oracle expects Debian's Django 3.2");
    const series = version.stdout.trim().split(".").slice(0, 2).join(".") as DjangoVersion;
    assert.ok(DJANGO_VERSIONS.includes(series), `Django ${version.stdout.trim()} is not a version we check`);
    const IMPLEMENTED = implemented(series);
    const counted = (ids: string[]) => ids.filter((id) => IMPLEMENTED.has(id)).sort();

    const started = Date.now();
    const work = mkdtempSync(join(tmpdir(), "django-deploy-oracle-"));
    try {
      const project = join(work, "project");
      const packageDir = join(project, PACKAGE);
      const workingDirectory = join(work, "cwd");
      const filesRoot = join(work, "files");
      for (const folder of [packageDir, workingDirectory, filesRoot]) mkdirSync(folder, { recursive: true });
      writeFileSync(join(packageDir, "__init__.py"), "");
      writeFileSync(join(packageDir, "urls.py"), "urlpatterns = []\n");
      writeFileSync(join(packageDir, "middleware.py"), MIDDLEWARE_MODULE);

      const random = seededRandom(SEED);
      const modules: string[] = [];
      const texts = new Map<string, string>();
      for (let index = 0; index < COUNT; index++) {
        const name = `m${String(index).padStart(4, "0")}`;
        const text = generateModule(random, {
          packageName: PACKAGE,
          filesRoot,
          silenceable: [...IMPLEMENTED].sort(),
        });
        writeFileSync(join(packageDir, `${name}.py`), text);
        modules.push(`${PACKAGE}.${name}`);
        texts.set(`${PACKAGE}.${name}`, text);
      }

      const env = djangoEnvironment(project);
      const sample = modules.filter((_, index) => index % Math.ceil(COUNT / COMMAND_SAMPLE) === 0);
      // Django (two forked workers) and our CLI (one process) side by side on the two cores.
      const [driver, cli, ...commands] = await Promise.all([
        run(PYTHON, [DRIVER, "2", ...modules], { cwd: workingDirectory, env }),
        run(
          process.execPath,
          [
            CLI,
            "check",
            project,
            "--django-version",
            series,
            "--format",
            "json",
            ...modules.flatMap((module) => ["--settings", module]),
          ],
          { cwd: ROOT, env: process.env },
        ),
        ...sample.map((module) =>
          run(PYTHON, ["-m", "django", "check", "--deploy", `--settings=${module}`], {
            cwd: workingDirectory,
            env,
          }),
        ),
      ]);
      assert.equal(driver.status, 0, driver.stderr);
      assert.ok(cli.status === 0 || cli.status === 1, `the CLI failed (${cli.status}): ${cli.stderr}`);

      const django = new Map<string, DjangoResult>();
      for (const line of driver.stdout.split("\n").filter(Boolean)) {
        const result = JSON.parse(line) as DjangoResult;
        django.set(result.module, result);
      }
      const ours = new Map<string, string[]>(modules.map((module) => [module, []]));
      for (const finding of JSON.parse(cli.stdout) as { code: string; profile: string }[])
        ours.get(finding.profile)?.push(finding.code);

      // The driver agrees with the real command on the sample: all IDs, not only ours, except
      // those that depend on which directories exist (the caches create theirs as modules run).
      const stable = (ids: string[]) => ids.filter((id) => !FILE_SYSTEM_IDS.has(id));
      sample.forEach((module, index) => {
        const command = commands[index]!;
        const expected = django.get(module)!;
        if (expected.error) assert.notEqual(command.status, 0, `${module}: the command should fail too`);
        else
          assert.deepEqual(
            stable(idsInCommandOutput(command.stdout + command.stderr)),
            stable(expected.ids ?? []),
            `${module}: driver and command disagree\n${command.stdout}${command.stderr}`,
          );
      });

      const disagreements: string[] = [];
      const fired = new Map<string, number>();
      for (const module of modules) {
        const expected = django.get(module);
        const got = counted(ours.get(module) ?? []);
        if (!expected || expected.error) {
          disagreements.push(
            `${module}: Django failed\n${expected?.error ?? "no answer"}\n${texts.get(module)}`,
          );
          continue;
        }
        const want = counted(expected.ids ?? []);
        for (const id of new Set(want)) fired.set(id, (fired.get(id) ?? 0) + 1);
        if (JSON.stringify(want) !== JSON.stringify(got))
          disagreements.push(
            `${module}:\n  Django: ${want.join(" ") || "(nothing)"}\n  ours:   ${got.join(" ") || "(nothing)"}\n${texts.get(module)}`,
          );
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const agree = modules.length - disagreements.length;
      console.log(
        `${agree}/${modules.length} modules agree with Django ${version.stdout.trim()} (seed ${SEED}; driver = command on ${sample.length}/${sample.length} sampled modules) in ${seconds} s`,
      );
      console.log(
        `IDs Django reported (modules): ${[...fired.entries()]
          .sort()
          .map(([id, count]) => `${id} ${count}`)
          .join(", ")}`,
      );
      // ORACLE_REPORT=<file> keeps every disagreement for reading.
      if (process.env.ORACLE_REPORT) writeFileSync(process.env.ORACLE_REPORT, disagreements.join("\n\n"));
      assert.deepEqual(disagreements.slice(0, 5), [], `${disagreements.length} modules disagree`);

      // The corpus must exercise every check this Django has, both ways (async.E001 needs the
      // process environment, which the oracle keeps clean).
      for (const id of IMPLEMENTED) {
        if (id === "async.E001") continue;
        const count = fired.get(id) ?? 0;
        assert.ok(
          count > 0 && count < modules.length,
          `${id} fired in ${count} of ${modules.length} modules`,
        );
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
