// The oracle over variations: each settings module that generateModules.ts makes is rewritten by
// generateVariations.ts into code that means the same to Django but is harder to read (branches on
// unset variables, lists and dicts built in place, the project's own helper functions, settings
// packages chained by star imports, django-split-settings, optional local settings, globals()
// written in a loop). Django 3.2 (Debian's /usr/bin/python3) checks both the original and the
// variation, which must agree with each other (otherwise the generator changed the meaning, which is
// its bug, not the engine's); our CLI, run on the variation, must then report Django's IDs.
//
// Environment: ORACLE_VARIATIONS=<n> checks n variations (120 by default), ORACLE_SEED=<n> changes
// them, ORACLE_VARIATIONS_REPORT=<file> keeps every disagreement with its files and rewrites, and
// ORACLE_VARIATIONS_KEEP=<folder> keeps the project (run our CLI on one with --verbose to see why).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import type { DjangoVersion } from "../../server/src/django/versions";
import { MIDDLEWARE_MODULE, seededRandom } from "./generateModules";
import { generateVariation, type Variation } from "./generateVariations";
import {
  cliArguments,
  djangoEnvironment,
  DRIVER,
  implemented,
  readCliFindings,
  readDriverOutput,
  ROOT,
  run,
} from "./oracleHarness";

const VERSION: DjangoVersion = "3.2";
const INTERPRETER = "/usr/bin/python3";
/** The package that holds what every variation shares: the URLconf and the middleware subclasses. */
const SHARED_PACKAGE = "oraclesite";
const COUNT = Number(process.env.ORACLE_VARIATIONS ?? 120);
if (!(Number.isInteger(COUNT) && COUNT > 0))
  throw new Error(`ORACLE_VARIATIONS must be a positive whole number, not ${process.env.ORACLE_VARIATIONS}`);
// Not deployChecks.test.ts's seed: these variations start from modules of their own.
const SEED = Number(process.env.ORACLE_SEED ?? 20260311);
const REPORT = process.env.ORACLE_VARIATIONS_REPORT;
/** A folder to write the variations' project to and keep, to look into a disagreement. */
const KEEP = process.env.ORACLE_VARIATIONS_KEEP;

/** The families of rewrites, by the words their notes start with: each must be exercised. */
const FAMILIES: Record<string, RegExp> = {
  branches: /^(if\/else|decoy overridden|if not taken|if taken|elif chain|conditional expression)/,
  mutations: /^(append|extend|insert|item assignment|remove|splice|for loop|dict |nested container)/,
  helpers: /^(env_bool|env_int|env_str|env_list|choose|extended|Env\.)/,
  "settings package": /^layout: package/,
  "split-settings": /^layout: split-settings/,
  "optional files": /^(optional local settings|present optional file)/,
  "globals() loop": /^globals\(\) writes/,
};

/** A variation's files, for the report of a disagreement. */
function describeVariation(variation: Variation): string {
  const files = Object.entries(variation.files)
    .map(([path, text]) => `--- ${path}\n${text}`)
    .join("");
  return `rewrites: ${variation.rewrites.join("; ")}\n--- original\n${variation.original}${files}`;
}

describe("agreement with Django's check --deploy on variations of generated settings", () => {
  it(`Django ${VERSION}: ${COUNT} variations`, { timeout: 120_000 + COUNT * 4_000 }, async () =>
    checkVariations(),
  );
});

async function checkVariations(): Promise<void> {
  const version = spawnSync(
    INTERPRETER,
    ["-c", "import django, split_settings; print(django.get_version())"],
    {
      encoding: "utf8",
      env: djangoEnvironment([]),
    },
  );
  assert.equal(
    version.status,
    0,
    `Django and django-split-settings must be importable by ${INTERPRETER}: apt-get install -y python3-django python3-django-split-settings\n${version.stderr}`,
  );
  const fullVersion = version.stdout.trim();
  assert.ok(fullVersion.startsWith(`${VERSION}.`), `expected Django ${VERSION}, found ${fullVersion}`);
  const IMPLEMENTED = implemented(VERSION);
  const counted = (ids: string[]) => ids.filter((id) => IMPLEMENTED.has(id)).sort();

  const started = Date.now();
  if (KEEP) rmSync(KEEP, { recursive: true, force: true });
  const work = KEEP ?? mkdtempSync(join(tmpdir(), "django-deploy-variations-"));
  try {
    const project = join(work, "project");
    const workingDirectory = join(work, "cwd");
    const filesRoot = join(work, "files");
    const shared = join(project, SHARED_PACKAGE);
    for (const folder of [shared, workingDirectory, filesRoot]) mkdirSync(folder, { recursive: true });
    writeFileSync(join(shared, "__init__.py"), "");
    writeFileSync(join(shared, "urls.py"), "urlpatterns = []\n");
    writeFileSync(join(shared, "middleware.py"), MIDDLEWARE_MODULE);

    // Each variation is a package of its own, its original module beside its files, so that
    // BASE_DIR (the package's folder) is the same for both.
    const random = seededRandom(SEED);
    const variations = new Map<string, Variation>();
    for (let index = 0; index < COUNT; index++) {
      const name = `v${String(index).padStart(4, "0")}`;
      const variation = generateVariation(random, {
        version: VERSION,
        packageName: SHARED_PACKAGE,
        filesRoot,
        silenceable: [...IMPLEMENTED].sort(),
      });
      const folder = join(project, name);
      mkdirSync(folder);
      writeFileSync(join(folder, "__init__.py"), "");
      writeFileSync(join(folder, "original.py"), variation.original);
      for (const [path, text] of Object.entries(variation.files)) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), text);
      }
      variations.set(name, variation);
    }
    const names = [...variations.keys()];
    const originalOf = (name: string) => `${name}.original`;
    const variedOf = (name: string) => `${name}.${variations.get(name)!.settingsModule}`;
    const djangoModules = names.flatMap((name) => [originalOf(name), variedOf(name)]);
    const ourModules = names.flatMap((name) => [originalOf(name), variedOf(name)]);

    const env = djangoEnvironment([project]);
    const [driver, cli] = await Promise.all([
      run(INTERPRETER, [DRIVER, "2", ...djangoModules], { cwd: workingDirectory, env }),
      run(process.execPath, cliArguments(project, VERSION, ourModules), { cwd: ROOT, env: process.env }),
    ]);
    assert.equal(driver.status, 0, driver.stderr);
    assert.ok(cli.status === 0 || cli.status === 1, `the CLI failed (${cli.status}): ${cli.stderr}`);
    const { results: django, cpuSeconds } = readDriverOutput(driver.stdout);
    const ours = readCliFindings(cli.stdout, ourModules);

    const generatorErrors: string[] = [];
    const disagreements: string[] = [];
    const families = new Map<string, number>(Object.keys(FAMILIES).map((family) => [family, 0]));
    for (const name of names) {
      const variation = variations.get(name)!;
      for (const [family, pattern] of Object.entries(FAMILIES))
        if (variation.rewrites.some((rewrite) => pattern.test(rewrite)))
          families.set(family, families.get(family)! + 1);
      const original = django.get(originalOf(name));
      const varied = django.get(variedOf(name));
      const idsOf = (result: typeof original) =>
        result?.error !== undefined || !result
          ? `failed: ${result?.error ?? "no answer"}`
          : counted(result.ids ?? []).join(" ");
      if (!original?.ids || !varied?.ids || idsOf(original) !== idsOf(varied)) {
        generatorErrors.push(
          `${variedOf(name)}: Django sees the variation differently\n  original:  ${idsOf(original)}\n  variation: ${idsOf(varied)}\n${describeVariation(variation)}`,
        );
        continue;
      }
      const want = counted(varied.ids);
      const got = counted(ours.get(variedOf(name)) ?? []);
      if (JSON.stringify(want) !== JSON.stringify(got)) {
        const onOriginal = counted(ours.get(originalOf(name)) ?? []);
        disagreements.push(
          `${variedOf(name)}:\n  Django: ${want.join(" ") || "(nothing)"}\n  ours:   ${got.join(" ") || "(nothing)"}\n  ours on the original: ${onOriginal.join(" ") || "(nothing)"}\n${describeVariation(variation)}`,
        );
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const reproduce = `ORACLE_SEED=${SEED} ORACLE_VARIATIONS=${COUNT}`;
    console.log(
      `Django ${fullVersion}: ${names.length - disagreements.length - generatorErrors.length}/${names.length} variations agree (${reproduce}) in ${seconds} s (Django ${cpuSeconds.toFixed(1)} s of processor time on ${djangoModules.length} modules)`,
    );
    console.log(
      `Variations with each family of rewrites: ${[...families.entries()].map(([family, times]) => `${family} ${times}`).join(", ")}`,
    );
    if (REPORT)
      writeFileSync(
        REPORT,
        `# Django ${fullVersion} (${reproduce})\n\n${[...generatorErrors, ...disagreements].join("\n\n")}\n`,
      );
    assert.deepEqual(
      generatorErrors.slice(0, 3),
      [],
      `${generatorErrors.length} variations do not mean what their originals mean to Django (${reproduce})`,
    );
    assert.deepEqual(
      disagreements.slice(0, 5),
      [],
      `${disagreements.length} variations disagree with Django ${fullVersion} (${reproduce})`,
    );
    for (const [family, times] of families)
      assert.ok(times > 0, `no variation among ${names.length} has a rewrite of the family ${family}`);
  } finally {
    if (!KEEP) rmSync(work, { recursive: true, force: true });
  }
}
