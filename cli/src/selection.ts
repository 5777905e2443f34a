// --select and --ignore (check IDs or prefixes, as in ruff) and --fail-on (the lowest severity that
// makes the exit status 1).
import type { Severity } from "../../server/src/checks/types";

/** Splits `--select a,b --select c` into `a`, `b`, `c`. */
export function selectorList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter(Boolean);
}

/** Whether `selector` names `code`: the ID or a prefix of it (`security`, `security.W0`); `ALL` names every ID. */
export function selects(selector: string, code: string): boolean {
  return selector === "ALL" || code.startsWith(selector);
}

/** The filter for findings: kept when selected (everything when nothing is) and not ignored. */
export function findingFilter(
  select: readonly string[],
  ignore: readonly string[],
): (code: string) => boolean {
  return (code) =>
    (select.length === 0 || select.some((selector) => selects(selector, code))) &&
    !ignore.some((selector) => selects(selector, code));
}

/** Selectors that name no known check: a typo would silently select or ignore nothing. */
export function unknownSelectors(selectors: readonly string[], knownCodes: readonly string[]): string[] {
  return selectors.filter((selector) => !knownCodes.some((code) => selects(selector, code)));
}

export const FAIL_ON_LEVELS = ["error", "warning", "information"] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Whether a finding of `severity` makes the exit status 1 under `--fail-on failOn`. */
export function fails(severity: Severity, failOn: FailOn): boolean {
  return RANK[severity] <= RANK[failOn];
}
