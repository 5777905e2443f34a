// `django-deploy check [PATH…]`: the engine on each folder, rendered as text, JSON, a JSON report or
// SARIF, with the exit status that CI scripts read.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { ALL_CHECKS } from "../../server/src/checks/index";
import type { DjangoVersion } from "../../server/src/django/versions";
import { ENGINE_FINDINGS, SYNTAX_ERROR, UNREADABLE_MODULE } from "../../server/src/engine/analysis";
import { faultInjectionCheck } from "../../server/src/engine/faultInjection";
import { DjangoProject } from "../../server/src/engine/project";
import { findDotenvLoads } from "../../server/src/compare/dotenvLoads";
import { findFiles, MAX_ENTRIES, nodeFileSystem } from "../../server/src/project/nodeFileSystem";
import type { FileSystemHost } from "../../server/src/project/workspace";
import {
  currentRun,
  observe,
  type Observed,
  type Output,
  MAX_OBSERVED_PATHS,
  RACY_MS,
  resultFolder,
  runKey,
  saveResult,
} from "../../common/src/resultCache";
import { version } from "../../package.json";
import { colorsWanted, stylesFor } from "./color";
import type { ComparisonReport } from "./compare";
import { renderJson } from "./renderJson";
import { renderText } from "./renderText";
import { buildReport, type CheckReport, pathDisplay, type ProjectAnalysis } from "./report";
import { type FailOn, fails, findingFilter, selectorList, unknownSelectors } from "./selection";
import { closest } from "./suggest";
import { UsageError } from "./usage";
import { forTerminal } from "./vocabulary";

/** The exit statuses, as documented in the help below and in the README. */
export const EXIT = { clean: 0, findings: 1, unreadable: 2, nothingChecked: 3 } as const;

export const CHECK_HELP_AFTER = `
DJANGO_SETTINGS_MODULE, when set in the environment, is the module checked (as Django would use it),
unless --settings is given. Colours: on a terminal only; NO_COLOR=1 turns them off, FORCE_COLOR=1 on.

Exit status:
  0  checked, nothing found (or only findings below --fail-on, or --exit-zero)
  1  checked, problems found
  2  usage error, or unreadable input (a settings module Python cannot parse or
     read, a missing file), or an internal error of a check
  3  nothing was checked: no production settings module was found (name it with
     --settings MODULE)

Examples:
  django-deploy check                       the project in the current folder
  django-deploy check --settings mysite.settings.production --dotenv .env.production
  django-deploy check --format sarif --output django-deploy.sarif
  django-deploy check --select security --fail-on warning`;

export interface CheckOptions {
  settings?: string[];
  dotenv?: string;
  envFile?: string;
  djangoVersion?: DjangoVersion;
  format: "text" | "json" | "json-report" | "sarif";
  output?: string;
  select?: string[];
  ignore?: string[];
  failOn: FailOn;
  exitZero?: boolean;
  handledByInfrastructure?: string[];
  verbose?: boolean;
  quiet?: boolean;
  compareWithDjango?: boolean;
  python?: string;
  timeout: string;
  /** False with --no-cache: neither replay nor record this run (the launcher replays). */
  cache?: boolean;
}

const DOTTED_MODULE = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
const ENVIRONMENT_SOURCE = "the environment variable DJANGO_SETTINGS_MODULE";

export async function runCheckCommand(positionals: string[], options: CheckOptions): Promise<number> {
  // Only a run whose result may be kept observes what it reads: --no-cache, --output and
  // --compare-with-django never keep one.
  const run = new RecordedRun(
    options.cache !== false && options.output === undefined && !options.compareWithDjango,
  );
  const exitCode = await checkRecorded(positionals, options, run);
  if (exitCode === EXIT.clean || exitCode === EXIT.findings || exitCode === EXIT.nothingChecked)
    run.save(exitCode);
  return exitCode;
}

/**
 * What a check read and printed, for the result cache (common/src/resultCache.ts): each path is
 * observed before it is first read, so that a change after that is seen by the next run. A path
 * changed within the racy window, or more paths than MAX_OBSERVED_PATHS, end the recording (no result
 * would be kept), so that a project being edited or a huge workspace pays for no observations.
 */
class RecordedRun {
  private readonly paths = new Map<string, Observed>();
  private readonly output: Output = [];

  constructor(private recording: boolean) {}

  observe(path: string): void {
    if (!this.recording || this.paths.has(path)) return;
    const observed = observe(path);
    if (observed.changedMs >= Date.now() - RACY_MS || this.paths.size >= MAX_OBSERVED_PATHS) {
      this.recording = false;
      this.paths.clear();
      this.output.length = 0;
    } else this.paths.set(path, observed);
  }

  write(stream: 1 | 2, text: string): void {
    if (this.recording) this.output.push([stream, text]);
    (stream === 1 ? process.stdout : process.stderr).write(text);
  }

  /** The engine's view of the disk, observing what it reads and searches while recording. */
  readonly host: FileSystemHost = {
    ...nodeFileSystem,
    readFile: (path) => {
      this.observe(path);
      return nodeFileSystem.readFile(path);
    },
    exists: (path) => {
      this.observe(path);
      return nodeFileSystem.exists!(path);
    },
    folderExists: (path) => {
      this.observe(path);
      return nodeFileSystem.folderExists!(path);
    },
    findFiles: (root, accept, excluded) =>
      findFiles(
        root,
        accept,
        excluded,
        MAX_ENTRIES,
        this.recording ? (folder) => this.observe(folder) : undefined,
      ),
  };

  save(exitCode: number): void {
    if (!this.recording) return;
    const folder = resultFolder();
    const identity = currentRun(__filename);
    if (folder !== undefined && identity !== undefined)
      saveResult(folder, runKey(identity), this.paths, this.output, exitCode);
  }
}

async function checkRecorded(
  positionals: string[],
  options: CheckOptions,
  run: RecordedRun,
): Promise<number> {
  const error = (text: string) => run.write(2, `django-deploy: ${text}\n`);
  const note = (text: string) => {
    if (!options.quiet) run.write(2, `django-deploy: ${text}\n`);
  };
  // Not a former name of --dotenv any more: Node 20 itself reads an argument spelled --env-file, even
  // after the script's name, and applies the file's NODE_OPTIONS (--require ./anything.js) before this
  // code runs, so checking an untrusted project could run its code. It is still recognised, to say so.
  if (options.envFile !== undefined)
    throw new UsageError(
      "--env-file is not an option of django-deploy: use --dotenv FILE. Node 20 reads an argument spelled --env-file itself, before django-deploy starts, and applies the file (NODE_OPTIONS in it can run code)",
    );
  if (options.verbose && options.quiet) throw new UsageError("--verbose and --quiet do not go together");
  for (const module of options.settings ?? []) {
    if (!DOTTED_MODULE.test(module))
      throw new UsageError(`--settings takes a dotted module name such as mysite.settings, not "${module}"`);
  }
  const select = selectorList(options.select);
  const handled = selectorList(options.handledByInfrastructure);
  const ignore = selectorList(options.ignore);
  const knownCodes = [
    ...ALL_CHECKS.map((check) => check.id),
    ...ENGINE_FINDINGS.map((finding) => finding.id),
  ];
  for (const [option, selectors] of [
    ["--select", select],
    ["--ignore", ignore],
  ] as const) {
    const unknown = unknownSelectors(selectors, knownCodes);
    if (unknown.length > 0)
      throw new UsageError(
        `${option}: no check ID starts with ${unknown.map((selector) => `"${selector}"`).join(", ")}${suggestion(unknown[0]!, knownCodes)}`,
      );
  }

  const cwd = process.cwd();
  const paths = positionals.length > 0 ? positionals : ["."];
  const envFileOption = options.dotenv;
  const envFile = envFileOption === undefined ? undefined : resolve(envFileOption);
  if (envFile !== undefined) run.observe(envFile);
  if (envFile !== undefined && !existsSync(envFile)) {
    error(`the .env file ${envFileOption} does not exist`);
    return EXIT.unreadable;
  }
  for (const path of paths) {
    const absolute = resolve(path);
    run.observe(absolute);
    if (!existsSync(absolute)) {
      error(`${path} does not exist`);
      return EXIT.unreadable;
    }
    if (!statSync(absolute).isDirectory()) {
      error(`${path} is not a folder; give the project's folder`);
      return EXIT.unreadable;
    }
  }

  // What Django itself would use: DJANGO_SETTINGS_MODULE from the environment, unless --settings names others.
  const fromEnvironment = process.env.DJANGO_SETTINGS_MODULE?.trim();
  let chosen = options.settings;
  let chosenBy = chosen?.length ? "--settings" : undefined;
  if (!chosen?.length && fromEnvironment) {
    if (DOTTED_MODULE.test(fromEnvironment)) {
      chosen = [fromEnvironment];
      chosenBy = "DJANGO_SETTINGS_MODULE";
    } else note(`DJANGO_SETTINGS_MODULE="${fromEnvironment}" is not a dotted module name; it is ignored.`);
  }

  // A check that always throws, for the test that internal errors reach stderr and exit 2 (as the server's).
  const checks =
    process.env.DJANGO_DEPLOY_FAULT_INJECTION === "throwing-check"
      ? [...ALL_CHECKS, faultInjectionCheck]
      : ALL_CHECKS;
  const analyses: (ProjectAnalysis & { project: DjangoProject })[] = [];
  for (const path of paths) {
    const analyse = (profiles: string[] | undefined, source: string | undefined) => {
      const project = new DjangoProject(
        [resolve(path)],
        run.host,
        {
          djangoVersion: options.djangoVersion,
          profiles,
          profilesSource: source,
          envFile,
          ...(options.python ? { pythonPath: resolve(options.python) } : {}),
          ...(handled.length > 0 ? { handledByInfrastructure: handled } : {}),
        },
        checks,
      );
      return { project, result: project.analyze() };
    };
    let profilesChosenBy = chosenBy;
    let { project, result } = analyse(
      chosen,
      chosenBy === "DJANGO_SETTINGS_MODULE" ? ENVIRONMENT_SOURCE : chosenBy,
    );
    const production = () => result.profiles.filter((profile) => profile.kind === "production");
    if (chosenBy === "DJANGO_SETTINGS_MODULE") {
      if (production().length > 0) {
        note(
          `checking ${fromEnvironment}, named by DJANGO_SETTINGS_MODULE in the environment, as Django would (--settings chooses another).`,
        );
      } else {
        note(
          `DJANGO_SETTINGS_MODULE=${fromEnvironment} is set in the environment, but ${path} has no such module; looking for the production settings instead.`,
        );
        ({ project, result } = analyse(undefined, undefined));
        profilesChosenBy = undefined;
      }
    } else if (chosenBy === "--settings" && production().length === 0) {
      error(`none of the settings modules given with --settings was found in ${path}`);
    }
    analyses.push({
      path,
      project,
      result,
      ...(profilesChosenBy ? { profilesChosenBy } : {}),
      dotenvLoads: findDotenvLoads(result.chains, (file) => project.module(file)),
    });
  }

  for (const { result } of analyses) {
    for (const message of result.messages) {
      // The summary line says which version is assumed; the sentence would only repeat it.
      if (message.startsWith("No Django version was found")) continue;
      note(forTerminal(message));
    }
    for (const internal of result.internalErrors) {
      const where = internal.profile ? ` on ${internal.profile}` : "";
      error(`internal error in ${internal.check}${where}: ${internal.message}`);
    }
  }
  if (
    chosenBy === "--settings" &&
    analyses.every(({ result }) => !result.profiles.some((p) => p.kind === "production"))
  ) {
    return EXIT.unreadable;
  }

  const report = buildReport({ base: cwd, version, projects: analyses, keep: findingFilter(select, ignore) });
  const display = pathDisplay(cwd);
  for (const project of report.projects) {
    if (!project.checked && report.projects.some((other) => other.checked))
      note(
        `nothing was checked in ${project.path}: no production settings module was found (name it with --settings).`,
      );
  }

  let comparison: ComparisonReport | undefined;
  // Loaded only for --compare-with-django: it starts processes, and loading Node's child_process
  // module alone is a noticeable part of a plain check's start-up.
  const compare = options.compareWithDjango ? await import("./compare") : undefined;
  if (compare) {
    comparison = await compare.compareProjects(analyses, {
      python: options.python,
      timeoutMs: Number(options.timeout) * 1000,
      display,
      keep: findingFilter(select, ignore),
    });
  }

  let exitCode = exitStatus(report, analyses, options);
  if (comparison && compare?.comparisonFailed(comparison)) {
    for (const entry of comparison.profiles.filter((profile) => profile.status !== "ran"))
      error(
        `Django's check --deploy did not run for ${entry.profile} (${entry.command}): ${entry.failure ?? entry.status}`,
      );
    exitCode = EXIT.unreadable;
  }
  const toFile = options.output !== undefined;
  // A report written to a file is read by programs and editors: never coloured.
  const styles = stylesFor(!toFile && colorsWanted(process.stdout.isTTY === true, process.env));
  let text: string;
  switch (options.format) {
    case "json":
      text = `${renderJson(report)}\n`;
      break;
    case "json-report":
      text = `${JSON.stringify(comparison ? { ...report, comparison } : report, null, 2)}\n`;
      break;
    case "sarif": {
      const lines = new Map<string, string[] | undefined>();
      const lineText = (file: string, line: number) => {
        if (!lines.has(file)) {
          run.observe(resolve(cwd, file));
          try {
            lines.set(file, readFileSync(resolve(cwd, file), "utf8").split(/\r?\n/));
          } catch {
            lines.set(file, undefined);
          }
        }
        return lines.get(file)?.[line];
      };
      // Loaded only for SARIF: it hashes with node:crypto, whose loading is a noticeable part of a
      // plain check's start-up.
      const { renderSarif } = await import("./sarif");
      text = `${JSON.stringify(renderSarif(report, { lineText, exitCode, comparison }), null, 2)}\n`;
      break;
    }
    default:
      text = renderText(report, { verbose: options.verbose === true, quiet: options.quiet === true, styles });
      if (comparison && compare) text += compare.renderComparisonText(comparison, { styles });
  }
  if (toFile) {
    try {
      writeFileSync(options.output!, text);
    } catch (cause) {
      error(`cannot write ${options.output}: ${(cause as Error).message}`);
      return EXIT.unreadable;
    }
  } else run.write(1, text);
  if (report.projects.every((project) => !project.checked) && options.format !== "text")
    error(
      "no production settings module was found, so nothing was checked. Name it with --settings MODULE (for example --settings mysite.settings.production).",
    );
  return exitCode;
}

function exitStatus(report: CheckReport, analyses: ProjectAnalysis[], options: CheckOptions): number {
  const unreadable = analyses.some(
    ({ result }) =>
      result.internalErrors.length > 0 ||
      result.findings.some((finding) => finding.code === SYNTAX_ERROR || finding.code === UNREADABLE_MODULE),
  );
  if (unreadable) return EXIT.unreadable;
  if (report.projects.every((project) => !project.checked)) return EXIT.nothingChecked;
  if (options.exitZero) return EXIT.clean;
  return report.findings.some((finding) => fails(finding.severity, options.failOn))
    ? EXIT.findings
    : EXIT.clean;
}

/** " (did you mean security?)" for a selector close to a check ID or its tag, else "". */
function suggestion(selector: string, codes: readonly string[]): string {
  const candidates = new Set(codes.flatMap((code) => [code, code.split(".")[0]!]));
  const best = closest(selector, candidates);
  return best ? ` (did you mean ${best}?)` : "";
}
