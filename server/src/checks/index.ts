// Every check, sorted by ID. A meta-test fails when a file under checks/<tag>/ is missing here.
import { deployW001 } from "./deploy/w001-secret-key-literal";
import { deployW003 } from "./deploy/w003-boolean-from-string";
import { securityW009 } from "./security/w009-secret-key";
import { securityW018 } from "./security/w018-debug";
import { securityW020 } from "./security/w020-allowed-hosts";
import type { CheckRecord } from "./types";

export const ALL_CHECKS: readonly CheckRecord[] = [
  deployW001,
  deployW003,
  securityW009,
  securityW018,
  securityW020,
];

/** Where a check's documentation lives, derived from its ID in this one place. */
export const DOCS_BASE_URL = "https://github.com/django-deploy/django-deploy/blob/main/docs/checks/";

export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
