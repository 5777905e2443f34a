// `django-deploy check [PATH…]`: the engine on folders, rendered as text or JSON.
import { existsSync, statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { type Finding } from "../../server/src/checks/types";
import { DJANGO_VERSIONS, NEWEST_LTS, type DjangoVersion } from "../../server/src/django/versions";
import { nodeFileSystem } from "../../server/src/project/nodeFileSystem";
import { SYNTAX_ERROR } from "../../server/src/engine/analysis";
import { DjangoProject } from "../../server/src/engine/project";
import { renderJson, renderText } from "./render";
import { UsageError } from "./usage";

const HELP = `Usage: django-deploy check [PATH…] [options]

Checks the production settings of the Django projects in each PATH (default: the current folder).

Options:
  --settings MODULE        the production settings module (dotted), instead of the ones found
  --django-version X.Y     the project's Django version (default: the newest LTS, ${NEWEST_LTS})
  --format text|json       output format (default: text)
  --env-file FILE          the .env file production reads; without it, environment
                           variables are taken as unset, so the defaults in the code apply
  -h, --help               show this help

Exit status:
  0  checked, nothing found
  1  checked, problems found
  2  usage error, or unreadable input (a settings module Python cannot parse, a
     missing file), or an internal error of a check
  3  nothing was checked: no production settings module was found (name it with
     --settings)`;

/** The exit statuses, as documented in the help above and in the README. */
export const EXIT = { clean: 0, findings: 1, unreadable: 2, nothingChecked: 3 } as const;

export async function runCheckCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        settings: { type: "string", multiple: true },
        "env-file": { type: "string" },
        "django-version": { type: "string" },
        format: { type: "string", default: "text" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const format = values.format;
  if (format !== "text" && format !== "json")
    throw new UsageError(`--format must be text or json, not "${format}"`);
  const version = values["django-version"];
  if (version !== undefined && !(DJANGO_VERSIONS as readonly string[]).includes(version)) {
    throw new UsageError(`--django-version must be one of ${DJANGO_VERSIONS.join(", ")}, not "${version}"`);
  }
  for (const module of values.settings ?? []) {
    if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(module))
      throw new UsageError(`--settings takes a dotted module name such as mysite.settings, not "${module}"`);
  }

  const paths = (positionals.length > 0 ? positionals : ["."]).map((path) => resolve(path));
  const envFile = values["env-file"];
  if (envFile !== undefined && !existsSync(envFile)) {
    process.stderr.write(`django-deploy: the .env file ${resolve(envFile)} does not exist\n`);
    return EXIT.unreadable;
  }
  for (const path of paths) {
    if (!existsSync(path)) {
      process.stderr.write(`django-deploy: ${path} does not exist\n`);
      return EXIT.unreadable;
    }
    if (!statSync(path).isDirectory()) {
      process.stderr.write(`django-deploy: ${path} is not a folder; give the project's folder\n`);
      return EXIT.unreadable;
    }
  }

  const project = new DjangoProject(paths, nodeFileSystem, {
    djangoVersion: version as DjangoVersion | undefined,
    profiles: values.settings,
    profilesSource: "--settings",
    envFile: values["env-file"] === undefined ? undefined : resolve(values["env-file"]),
  });
  const result = project.analyze();
  for (const message of result.messages) process.stderr.write(`django-deploy: ${message}\n`);
  for (const error of result.internalErrors) {
    const where = error.profile ? ` on ${error.profile}` : "";
    process.stderr.write(`django-deploy: internal error in ${error.check}${where}: ${error.message}\n`);
  }
  if (values.settings && result.profiles.length === 0) {
    process.stderr.write(`django-deploy: none of the settings modules given was found\n`);
    return EXIT.unreadable;
  }
  const base = paths[0]!;
  const display = (file: string) => relative(base, file).split(sep).join("/");
  const findings = sortFindings(result.findings);
  if (format === "json") process.stdout.write(`${renderJson(findings, display)}\n`);
  else process.stdout.write(renderText(findings, display, result));
  const checked = result.profiles.some((profile) => profile.kind === "production");
  if (!checked) {
    process.stderr.write(
      "django-deploy: no production settings module was found, so nothing was checked. Name it with --settings MODULE (for example --settings mysite.settings.production).\n",
    );
    return EXIT.nothingChecked;
  }
  if (result.internalErrors.length > 0 || findings.some((finding) => finding.code === SYNTAX_ERROR))
    return EXIT.unreadable;
  return findings.length > 0 ? EXIT.findings : EXIT.clean;
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      a.location.range.start.line - b.location.range.start.line ||
      a.location.range.start.character - b.location.range.start.character ||
      a.code.localeCompare(b.code),
  );
}
