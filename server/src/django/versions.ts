// The Django versions django-deploy knows, and how to tell whether one lies in a range. Facts about
// Django itself: the checks, the project facts and the evaluator all read them from here.

/** The Django versions this project knows, oldest first. */
export const DJANGO_VERSIONS = ["3.2", "4.0", "4.1", "4.2", "5.0", "5.1", "5.2", "6.0", "6.1"] as const;
export type DjangoVersion = (typeof DJANGO_VERSIONS)[number];
/** Assumed when the project's Django version is not known. */
export const NEWEST_LTS: DjangoVersion = "5.2";

export interface VersionRange {
  /** First version (inclusive). */
  from?: DjangoVersion;
  /** Last version (inclusive). */
  to?: DjangoVersion;
}

export function isDjangoVersion(version: string): version is DjangoVersion {
  return (DJANGO_VERSIONS as readonly string[]).includes(version);
}

function versionIndex(version: DjangoVersion): number {
  return DJANGO_VERSIONS.indexOf(version);
}

export function inVersionRange(version: DjangoVersion, from?: DjangoVersion, to?: DjangoVersion): boolean {
  const index = versionIndex(version);
  return (
    (from === undefined || index >= versionIndex(from)) && (to === undefined || index <= versionIndex(to))
  );
}
