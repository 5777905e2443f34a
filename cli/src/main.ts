// The command line front end: `django-deploy check …` and `django-deploy scaffold …`, parsed with
// commander (help, --version, "did you mean" for a mistyped command or option). Exit statuses are in
// checkCommand.ts's help; usage errors exit 2.
import { Command, CommanderError, Option } from "commander";
import { DJANGO_VERSIONS, NEWEST_LTS } from "../../server/src/django/versions";
import { version } from "../../package.json";
import { CHECK_HELP_AFTER, type CheckOptions, runCheckCommand } from "./checkCommand";
import { FAIL_ON_LEVELS } from "./selection";
import { isUsageError, UsageError } from "./usage";

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * The scaffold command, loaded only when it runs: it validates its answers with zod and plans files,
 * none of which `check` needs, so the bundle that `check` loads leaves it out (esbuild.mjs builds it
 * as dist/cli-scaffold.js beside dist/cli-main.js).
 */
const loadScaffold = () => import("./scaffoldCommand");

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command("django-deploy")
    .description(
      "Finds what will go wrong when your Django site goes to production: Django's check --deploy and the rest of its checklist, read from the settings code.",
    )
    .version(version, "-V, --version", "print the version and exit")
    .helpOption("-h, --help", "show this help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
      // commander's "error: unknown option '--formt'\n(Did you mean --format?)" as one line.
      outputError: (text, write) =>
        write(
          `django-deploy: ${text
            .replace(/^error: /, "")
            .replace(/\n\(Did you mean (.*)\?\)/, " (did you mean $1?)")}`,
        ),
    });
  program.addHelpText(
    "after",
    `\nRun "django-deploy check --help" for the options of check and its exit statuses.`,
  );

  program
    .command("check")
    .description(
      "Checks the production settings of the Django projects in each PATH (default: the current folder).",
    )
    .argument("[PATH...]", "project folders (each is checked on its own)")
    .option(
      "--settings <MODULE>",
      "the production settings module (dotted), instead of the ones found; repeatable",
      collect,
    )
    .option(
      "--dotenv <FILE>",
      "the .env file production reads; without it, environment variables are taken as unset, so the defaults in the code apply",
    )
    // Recognised only to refuse it with a clear message (checkCommand.ts says why).
    .addOption(new Option("--env-file <FILE>", "refused: use --dotenv").hideHelp())
    .addOption(
      new Option(
        "--django-version <X.Y>",
        `the project's Django version (default: from its dependency files, else ${NEWEST_LTS})`,
      ).choices(DJANGO_VERSIONS),
    )
    .addOption(
      new Option("--format <FORMAT>", "output format")
        .choices(["text", "json", "json-report", "sarif"])
        .default("text"),
    )
    .option("-o, --output <FILE>", "write the report to FILE instead of the standard output")
    .option(
      "--select <IDS>",
      "report only these check IDs or prefixes (comma-separated, repeatable)",
      collect,
    )
    .option(
      "--ignore <IDS>",
      "do not report these check IDs or prefixes (comma-separated, repeatable)",
      collect,
    )
    .addOption(
      new Option("--fail-on <LEVEL>", "the lowest severity that makes the exit status 1")
        .choices(FAIL_ON_LEVELS)
        .default("information"),
    )
    .option(
      "--handled-by-infrastructure <IDS>",
      "check IDs whose concern the infrastructure in front of Django handles (a proxy redirecting to HTTPS: security.W008); their findings become notes (comma-separated, repeatable)",
      collect,
    )
    .option("--exit-zero", "exit 0 even when problems are found (2 and 3 still say what went wrong)")
    .option(
      "-v, --verbose",
      "explanations, every piece of evidence, the settings that could not be evaluated",
    )
    .option("-q, --quiet", "print the findings only: no profiles, no summary, no notes")
    .option(
      "--no-cache",
      "check afresh: neither print a kept result of an unchanged project nor keep this one (results are kept in the user's cache folder)",
    )
    .option(
      "--compare-with-django",
      "also run the project's own `manage.py check --deploy` for each production profile and compare (runs the project's code)",
    )
    .option(
      "--python <PATH>",
      "the project's Python interpreter: its virtual environment's libraries are read, and --compare-with-django runs it (default: python3 on PATH)",
    )
    .addOption(
      new Option("--timeout <SECONDS>", "how long --compare-with-django waits for Django")
        .default("60")
        .argParser((value) => {
          const seconds = Number(value);
          if (!Number.isFinite(seconds) || seconds <= 0)
            throw new UsageError(`--timeout takes a number of seconds, not "${value}"`);
          return String(seconds);
        }),
    )
    .addHelpText("after", CHECK_HELP_AFTER)
    .action(async (paths: string[], options: CheckOptions) => {
      setExitCode(await runCheckCommand(paths, options));
    });

  program
    .command("scaffold")
    .description("Writes the project's wsgi.py or asgi.py and the server's configuration.")
    .usage("wsgi|asgi --project DIR --server NAME [options] [--force]")
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument("[ARGS...]")
    .action(async (_args: string[], _options: unknown, command: Command) => {
      setExitCode(await (await loadScaffold()).runScaffoldCommand(command.args));
    });
  return program;
}

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end with status 0; every other commander error is a usage error.
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.exitCode === 0
      )
        return 0;
      process.stderr.write(`Run "django-deploy --help" for the commands, or "django-deploy check --help".\n`);
      return 2;
    }
    if (isUsageError(error)) {
      process.stderr.write(`django-deploy: ${error.message}\n`);
      if (argv[0] === "scaffold") process.stderr.write(`\n${(await loadScaffold()).SCAFFOLD_USAGE}\n`);
      else process.stderr.write(`Run "django-deploy check --help" for the options.\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `django-deploy: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
