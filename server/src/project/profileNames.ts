// What a settings module's name says: a test, development or production profile, and whether it
// serves production only. Apart from discovery.ts because the workspace scan (profiles.ts) and the
// engine ask the same of a module's name, without the discovery's evidence.
import type { Profile } from "./workspace";

const DEVELOPMENT_NAMES = /(^|_)(dev|develop|development|local|debug)$/;
const TEST_NAMES = /(^|_)(test|tests|testing|ci)$/;
export const PRODUCTION_NAMES = /(^|_)(prod|production|live|deploy|deployment)$/;

/** The kind of profile a module's name says (test and development names win over evidence). */
export function profileKind(module: string): Profile["kind"] {
  const last = module.split(".").pop() ?? module;
  if (TEST_NAMES.test(last)) return "test";
  if (DEVELOPMENT_NAMES.test(last)) return "development";
  return "production";
}

/** Whether the module's name says it is for production only. */
export function isDedicatedProductionModule(module: string): boolean {
  return PRODUCTION_NAMES.test(module.split(".").pop() ?? module);
}
