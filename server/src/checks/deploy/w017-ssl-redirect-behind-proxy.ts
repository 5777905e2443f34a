// deploy.W017: SECURE_SSL_REDIRECT is on and SECURE_PROXY_SSL_HEADER is not set. Behind a proxy
// that terminates TLS, Django sees every request arrive over plain HTTP and redirects it to HTTPS,
// forever. A warning when the project's own server configuration shows such a proxy; information
// otherwise (the record's level is the warning, as its ID says).
// https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import { hasMiddleware, isNone, isTruthy, SECURITY_MIDDLEWARE } from "../predicates";
import { proxyEvidence } from "../proxyEvidence";
import type { CheckRecord, CheckResult } from "../types";

const PROXY_HEADER_COMMENT =
  "The proxy in front of Django must set X-Forwarded-Proto on every request and remove any\n" +
  "X-Forwarded-Proto a client sends; otherwise clients can make plain HTTP look secure.";

export const deployW017: CheckRecord = {
  id: "deploy.W017",
  severity: "warning",
  title: "SECURE_SSL_REDIRECT is on without SECURE_PROXY_SSL_HEADER behind a proxy",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    if (isTruthy(context, "SECURE_SSL_REDIRECT") !== true) return [];
    // SecurityMiddleware does the redirecting.
    if (hasMiddleware(context, SECURITY_MIDDLEWARE) !== true) return [];
    if (isNone(context, "SECURE_PROXY_SSL_HEADER") !== true) return [];
    const redirect = context.settings.get("SECURE_SSL_REDIRECT");
    const evidence = proxyEvidence(context);
    const fix = setSettingFix(context, context.settings.get("SECURE_PROXY_SSL_HEADER"), {
      title: "Trust the proxy's X-Forwarded-Proto header (SECURE_PROXY_SSL_HEADER)",
      applicability: "unsafe",
      valueText: '("HTTP_X_FORWARDED_PROTO", "https")',
      comment: PROXY_HEADER_COMMENT,
      consequence: "Django trusts X-Forwarded-Proto, which the proxy must overwrite",
    });
    const loop =
      "Behind a proxy that terminates TLS and forwards plain HTTP, Django sees every request as insecure and redirects it to HTTPS again and again, unless the application server itself marks forwarded HTTPS requests as secure (Gunicorn does for a proxy on the same machine that sends X-Forwarded-Proto).";
    const advice =
      "If a proxy sets X-Forwarded-Proto, tell Django to trust it with SECURE_PROXY_SSL_HEADER, and make sure the proxy removes that header from what clients send.";
    return [
      evidence.length > 0
        ? {
            message: "SECURE_SSL_REDIRECT without SECURE_PROXY_SSL_HEADER: redirects loop behind the proxy.",
            explanation: `${environmentSentence(redirect.value)}The project runs behind a reverse proxy: ${evidence[0]!.description}. ${loop} ${advice}`,
            location: settingLocation(redirect, context),
            related: evidence.slice(0, 3).map(({ file, range, description }) => ({
              file,
              range,
              message: `proxy in front of Django: ${description}`,
            })),
            fixes: fix ? [fix] : [],
          }
        : {
            message: "SECURE_SSL_REDIRECT is on without SECURE_PROXY_SSL_HEADER: check for a TLS proxy.",
            explanation: `${environmentSentence(redirect.value)}No reverse proxy shows in the workspace's server configuration, so this may be fine. ${loop} ${advice}`,
            location: settingLocation(redirect, context),
            severity: "information",
            fixes: fix ? [fix] : [],
          },
    ];
  },
};
