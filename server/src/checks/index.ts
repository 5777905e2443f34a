// Every check, sorted by ID. A meta-test fails when a file under checks/<tag>/ is missing here.
import { django40E001 } from "./4_0/e001-csrf-trusted-origins-scheme";
import { asyncE001 } from "./async/e001-allow-async-unsafe";
import { cachesE001 } from "./caches/e001-default-cache";
import { cachesW002 } from "./caches/w002-cache-location-exposed";
import { cachesW003 } from "./caches/w003-cache-location-relative";
import { deployE060 } from "./deploy/e060-entry-module-no-application";
import { deployI030 } from "./deploy/i030-persistent-connections";
import { deployI031 } from "./deploy/i031-cached-template-loader";
import { deployI032 } from "./deploy/i032-cached-sessions";
import { deployI042 } from "./deploy/i042-error-templates";
import { deployW001 } from "./deploy/w001-secret-key-literal";
import { deployW002 } from "./deploy/w002-secret-key-fallback";
import { deployW003 } from "./deploy/w003-boolean-from-string";
import { deployW004 } from "./deploy/w004-insecure-environment-default";
import { deployW005 } from "./deploy/w005-database-password-literal";
import { deployW010 } from "./deploy/w010-allowed-hosts-wildcard";
import { deployW011 } from "./deploy/w011-csrf-trusted-origins-upgrade";
import { deployW012 } from "./deploy/w012-local-memory-cache";
import { deployW013 } from "./deploy/w013-email-not-sent";
import { deployW014 } from "./deploy/w014-static-root-unset";
import { deployW015 } from "./deploy/w015-media-static-overlap";
import { deployW016 } from "./deploy/w016-hsts-preload-requirements";
import { deployW017 } from "./deploy/w017-ssl-redirect-behind-proxy";
import { deployW018 } from "./deploy/w018-sqlite-in-production";
import { deployW019 } from "./deploy/w019-cors-allow-all";
import { deployW040 } from "./deploy/w040-errors-unreported";
import { deployW041 } from "./deploy/w041-debug-propagate-exceptions";
import { deployW050 } from "./deploy/w050-development-apps";
import { deployW051 } from "./deploy/w051-autoescape-off";
import { deployW052 } from "./deploy/w052-weak-password-hasher";
import { deployW053 } from "./deploy/w053-no-password-validators";
import { deployW054 } from "./deploy/w054-samesite-none-insecure";
import { deployW055 } from "./deploy/w055-runserver-in-production";
import { deployW056 } from "./deploy/w056-allow-async-unsafe-passed";
import { deployW061 } from "./deploy/w061-settings-module-missing";
import { deployW062 } from "./deploy/w062-asgi-import-before-setup";
import { deployW063 } from "./deploy/w063-wsgi-application-missing";
import { deployW064 } from "./deploy/w064-mod-wsgi-shared-settings";
import { securityE023 } from "./security/e023-referrer-policy-invalid";
import { securityE024 } from "./security/e024-cross-origin-opener-policy";
import { securityE026 } from "./security/e026-csp-not-dict";
import { securityE100 } from "./security/e100-default-hashing-algorithm";
import { securityW001 } from "./security/w001-security-middleware";
import { securityW002 } from "./security/w002-xframe-middleware";
import { securityW003 } from "./security/w003-csrf-middleware";
import { securityW004 } from "./security/w004-hsts-seconds";
import { securityW005 } from "./security/w005-hsts-include-subdomains";
import { securityW006 } from "./security/w006-content-type-nosniff";
import { securityW008 } from "./security/w008-ssl-redirect";
import { securityW009 } from "./security/w009-secret-key";
import { securityW010 } from "./security/w010-session-cookie-secure-app";
import { securityW011 } from "./security/w011-session-cookie-secure-middleware";
import { securityW012 } from "./security/w012-session-cookie-secure";
import { securityW013 } from "./security/w013-session-cookie-httponly-app";
import { securityW014 } from "./security/w014-session-cookie-httponly-middleware";
import { securityW015 } from "./security/w015-session-cookie-httponly";
import { securityW016 } from "./security/w016-csrf-cookie-secure";
import { securityW018 } from "./security/w018-debug";
import { securityW019 } from "./security/w019-x-frame-options";
import { securityW020 } from "./security/w020-allowed-hosts";
import { securityW021 } from "./security/w021-hsts-preload";
import { securityW022 } from "./security/w022-referrer-policy-none";
import { securityW025 } from "./security/w025-secret-key-fallbacks";
import { securityW027 } from "./security/w027-csp-nonce-context-processor";
import { staticfilesE002 } from "./staticfiles/e002-staticfiles-dirs-contains-static-root";
import { urlsE006 } from "./urls/e006-url-trailing-slash";
import type { CheckRecord } from "./types";

export const ALL_CHECKS: readonly CheckRecord[] = [
  django40E001,
  asyncE001,
  cachesE001,
  cachesW002,
  cachesW003,
  deployE060,
  deployI030,
  deployI031,
  deployI032,
  deployI042,
  deployW001,
  deployW002,
  deployW003,
  deployW004,
  deployW005,
  deployW010,
  deployW011,
  deployW012,
  deployW013,
  deployW014,
  deployW015,
  deployW016,
  deployW017,
  deployW018,
  deployW019,
  deployW040,
  deployW041,
  deployW050,
  deployW051,
  deployW052,
  deployW053,
  deployW054,
  deployW055,
  deployW056,
  deployW061,
  deployW062,
  deployW063,
  deployW064,
  securityE023,
  securityE024,
  securityE026,
  securityE100,
  securityW001,
  securityW002,
  securityW003,
  securityW004,
  securityW005,
  securityW006,
  securityW008,
  securityW009,
  securityW010,
  securityW011,
  securityW012,
  securityW013,
  securityW014,
  securityW015,
  securityW016,
  securityW018,
  securityW019,
  securityW020,
  securityW021,
  securityW022,
  securityW025,
  securityW027,
  staticfilesE002,
  urlsE006,
];

/** Where a check's documentation lives, derived from its ID in this one place. */
export const DOCS_BASE_URL = "https://github.com/django-deploy/django-deploy/blob/main/docs/checks/";

export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
