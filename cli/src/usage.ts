/**
 * A mistake in the command line; the CLI prints it with the usage and exits 2. Recognised by its
 * name, not by `instanceof`: the scaffold command is a bundle of its own (dist/cli-scaffold.js) with
 * its own copy of this class.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === "UsageError";
}
