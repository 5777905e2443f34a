// The command line front end: `django-deploy check …` and `django-deploy scaffold …`.
// Exit codes: 0 nothing found, 1 findings, 2 usage error or unreadable input.
import { runCheckCommand } from "./checkCommand";
import { runScaffoldCommand } from "./scaffoldCommand";
import { UsageError } from "./usage";

const USAGE = `Usage:
  django-deploy check [PATH…] [--settings MODULE] [--env-file FILE] [--django-version X.Y] [--format text|json]
  django-deploy scaffold wsgi|asgi --project DIR --server NAME [options] [--force]

Run "django-deploy <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "check":
        return await runCheckCommand(rest);
      case "scaffold":
        return await runScaffoldCommand(rest);
      case "--help":
      case "-h":
      case "help":
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case undefined:
        throw new UsageError("no command given");
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`django-deploy: ${error.message}\n\n${USAGE}\n`);
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
      `django-deploy: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
