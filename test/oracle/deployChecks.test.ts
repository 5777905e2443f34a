// The oracle: our CLI and real Django must report the same check IDs for hundreds of generated
// settings modules (generateModules.ts), in every line of Django we support: Debian's 3.2
// (/usr/bin/python3 with python3-django) and the sources of 4.2, 5.2, 6.0 and 6.1 in
// ../shared/django beside the repository (run with pyenv's Python 3.12). Django runs through
// djangoChecks.py, which forks one child per module from a process that has imported Django once;
// a sample of the modules is also run through the real `python -m django check --deploy` command to
// show the driver is exact. Django's output is compared on the IDs we implement for that version
// (its admin.*, models.* … checks are not ours).
//
// Environment: ORACLE_MODULES=<n> checks n modules with every version (the full size is 520; by
// default 3.2 checks 300 and the others 200 each, to keep `npm test` short on CI's two cores),
// ORACLE_VERSIONS=4.2,6.1 checks only those, ORACLE_SEED=<n> changes the modules (each version
// adds its own offset, printed with the result), ORACLE_REPORT=<file> keeps every disagreement.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DJANGO_VERSIONS, type DjangoVersion } from "../../server/src/django/versions";
import { generateModule, MIDDLEWARE_MODULE, seededRandom } from "./generateModules";
import {
  cliArguments,
  DJANGO_SOURCES,
  djangoEnvironment,
  DRIVER,
  idsInCommandOutput,
  implemented,
  python312,
  readCliFindings,
  readDriverOutput,
  ROOT,
  run,
  sourceOf,
} from "./oracleHarness";

const PACKAGE = "oraclesite";
const COUNT = process.env.ORACLE_MODULES ? Number(process.env.ORACLE_MODULES) : undefined;
if (COUNT !== undefined && !(Number.isInteger(COUNT) && COUNT > 0))
  throw new Error(`ORACLE_MODULES must be a positive whole number, not ${process.env.ORACLE_MODULES}`);
const SEED = Number(process.env.ORACLE_SEED ?? 20261124);
const COMMAND_SAMPLE = 5;
/** Checks whose answer depends on the directories that exist at the moment they run. */
const FILE_SYSTEM_IDS = new Set(["staticfiles.W004", "files.E001"]);

interface DjangoLine {
  series: DjangoVersion;
  /** Modules checked by default (ORACLE_MODULES overrides it). */
  modules: number;
  /** The interpreter, and the folders that go on PYTHONPATH before the modules' project. */
  python(): { interpreter: string; pythonPath: string[]; compiledBytecode: boolean };
}

const LINES: DjangoLine[] = [
  {
    series: "3.2",
    modules: 300,
    python: () => ({ interpreter: "/usr/bin/python3", pythonPath: [], compiledBytecode: true }),
  },
  ...(["4.2", "5.2", "6.0", "6.1"] as const).map((series) => ({
    series,
    modules: 200,
    python: () => ({
      interpreter: python312(),
      pythonPath: [sourceOf(series), join(DJANGO_SOURCES, "deps")],
      compiledBytecode: false,
    }),
  })),
];

const requestedVersions = process.env.ORACLE_VERSIONS?.split(",").map((version) => version.trim());
for (const version of requestedVersions ?? [])
  if (!LINES.some((line) => line.series === version))
    throw new Error(
      `ORACLE_VERSIONS: ${version} is not one of ${LINES.map((line) => line.series).join(", ")}`,
    );
const ORACLE_REPORT = process.env.ORACLE_REPORT;
if (ORACLE_REPORT) writeFileSync(ORACLE_REPORT, "");

describe("agreement with Django's check --deploy", () => {
  for (const line of LINES) {
    if (requestedVersions && !requestedVersions.includes(line.series)) continue;
    const count = COUNT ?? line.modules;
    // Each version gets modules of its own, reproducible from the base seed.
    const seed = (SEED + DJANGO_VERSIONS.indexOf(line.series) * 1_000_003) >>> 0;
    // Generous: on an idle machine a module takes a small fraction of this, a busy one is slower.
    it(
      `Django ${line.series}: ${count} generated settings modules`,
      { timeout: 300_000 + count * 4_000 },
      async () => checkAgainstDjango(line, count, seed),
    );
  }
});

async function checkAgainstDjango(line: DjangoLine, count: number, seed: number): Promise<void> {
  const { interpreter, pythonPath, compiledBytecode } = line.python();
  const version = spawnSync(interpreter, ["-c", "import django; print(django.get_version())"], {
    encoding: "utf8",
    env: djangoEnvironment(pythonPath),
  });
  assert.equal(
    version.status,
    0,
    line.series === "3.2"
      ? `Django is not importable by ${interpreter}: apt-get install -y python3-django\n${version.stderr}`
      : `Django ${line.series} does not run under ${interpreter}\n${version.stderr}`,
  );
  const fullVersion = version.stdout.trim();
  assert.ok(
    fullVersion === line.series || fullVersion.startsWith(`${line.series}.`),
    `expected Django ${line.series}, found ${fullVersion} (${interpreter}, PYTHONPATH ${pythonPath.join(":")})`,
  );
  const IMPLEMENTED = implemented(line.series);
  const counted = (ids: string[]) => ids.filter((id) => IMPLEMENTED.has(id)).sort();

  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), `django-deploy-oracle-${line.series}-`));
  try {
    const project = join(work, "project");
    const packageDir = join(project, PACKAGE);
    const workingDirectory = join(work, "cwd");
    const filesRoot = join(work, "files");
    for (const folder of [packageDir, workingDirectory, filesRoot]) mkdirSync(folder, { recursive: true });
    writeFileSync(join(packageDir, "__init__.py"), "");
    writeFileSync(join(packageDir, "urls.py"), "urlpatterns = []\n");
    writeFileSync(join(packageDir, "middleware.py"), MIDDLEWARE_MODULE);

    const random = seededRandom(seed);
    const modules: string[] = [];
    const texts = new Map<string, string>();
    for (let index = 0; index < count; index++) {
      const name = `m${String(index).padStart(4, "0")}`;
      const text = generateModule(random, {
        version: line.series,
        packageName: PACKAGE,
        filesRoot,
        silenceable: [...IMPLEMENTED].sort(),
      });
      writeFileSync(join(packageDir, `${name}.py`), text);
      modules.push(`${PACKAGE}.${name}`);
      texts.set(`${PACKAGE}.${name}`, text);
    }

    // Debian's Django comes compiled. The sources in ../shared/django cannot be written to, so
    // their bytecode goes to a folder of this run: compiled once, not once per real command.
    const env = djangoEnvironment(
      [...pythonPath, project],
      compiledBytecode ? undefined : join(work, "bytecode"),
    );
    const sample = modules.filter((_, index) => index % Math.ceil(count / COMMAND_SAMPLE) === 0);
    const timed = async <T>(pending: Promise<T>): Promise<[T, number]> => {
      const start = Date.now();
      const result = await pending;
      return [result, (Date.now() - start) / 1000];
    };
    // Django (two forked workers) and our CLI (one process) side by side on the two cores; the
    // sampled real commands after them, so that the figures printed below are each one's own.
    const [[driver, driverSeconds], [cli, cliSeconds]] = await Promise.all([
      timed(run(interpreter, [DRIVER, "2", ...modules], { cwd: workingDirectory, env })),
      timed(
        run(process.execPath, cliArguments(project, line.series, modules), { cwd: ROOT, env: process.env }),
      ),
    ]);
    const commands = await Promise.all(
      sample.map((module) =>
        run(interpreter, ["-m", "django", "check", "--deploy", `--settings=${module}`], {
          cwd: workingDirectory,
          env,
        }),
      ),
    );
    assert.equal(driver.status, 0, driver.stderr);
    assert.ok(cli.status === 0 || cli.status === 1, `the CLI failed (${cli.status}): ${cli.stderr}`);

    const { results: django, cpuSeconds: djangoCpuSeconds } = readDriverOutput(driver.stdout);
    const ours = readCliFindings(cli.stdout, modules);

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
    const reproduce = `ORACLE_VERSIONS=${line.series} ORACLE_SEED=${SEED} ORACLE_MODULES=${count}`;
    console.log(
      `Django ${fullVersion}: ${agree}/${modules.length} modules agree (seed ${seed}: ${reproduce}; driver = command on ${sample.length}/${sample.length} sampled modules) in ${seconds} s (Django ${driverSeconds.toFixed(1)} s, ${djangoCpuSeconds.toFixed(1)} s of processor time; CLI ${cliSeconds.toFixed(1)} s)`,
    );
    console.log(
      `IDs Django ${line.series} reported (modules): ${[...fired.entries()]
        .sort()
        .map(([id, times]) => `${id} ${times}`)
        .join(", ")}`,
    );
    if (ORACLE_REPORT && disagreements.length > 0)
      writeFileSync(
        ORACLE_REPORT,
        `# Django ${fullVersion} (${reproduce})\n\n${disagreements.join("\n\n")}\n\n`,
        { flag: "a" },
      );
    assert.deepEqual(
      disagreements.slice(0, 5),
      [],
      `${disagreements.length} modules disagree with Django ${fullVersion} (${reproduce})`,
    );

    // The corpus must exercise every check this Django has, both ways (async.E001 needs the
    // process environment, which the oracle keeps clean).
    for (const id of IMPLEMENTED) {
      if (id === "async.E001") continue;
      const times = fired.get(id) ?? 0;
      assert.ok(
        times > 0 && times < modules.length,
        `${id} fired in ${times} of ${modules.length} modules with Django ${line.series}`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
