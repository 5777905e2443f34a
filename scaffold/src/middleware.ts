// Wrapping Django's `application` in WSGI or ASGI middleware, as the deployment how-to shows:
// `application = SomeMiddleware(application)` at the bottom of wsgi.py / asgi.py.
// https://docs.djangoproject.com/en/stable/howto/deployment/wsgi/#applying-wsgi-middleware
import type { EntryKind } from "./answers";

export interface KnownMiddleware {
  dotted: string;
  kind: EntryKind;
  /** The requirement that provides it, as found in requirements files. */
  distribution: string;
  description: string;
  /** Extra arguments after `application`, and the imports they need. */
  arguments?: string;
  argumentImports?: string[];
  comment?: string;
}

/** Well-known middleware offered in the quick pick when the workspace's requirements name them. */
export const KNOWN_MIDDLEWARE: readonly KnownMiddleware[] = [
  {
    dotted: "whitenoise.WhiteNoise",
    kind: "wsgi",
    distribution: "whitenoise",
    description: "WhiteNoise: serve STATIC_ROOT at STATIC_URL from the WSGI application",
    arguments: "root=settings.STATIC_ROOT, prefix=settings.STATIC_URL",
    argumentImports: ["from django.conf import settings"],
    comment: "WhiteNoise serves the files collectstatic gathered in STATIC_ROOT at STATIC_URL.",
  },
  {
    dotted: "sentry_sdk.integrations.wsgi.SentryWsgiMiddleware",
    kind: "wsgi",
    distribution: "sentry-sdk",
    description: "Sentry: report errors raised while serving a request",
  },
  {
    dotted: "sentry_sdk.integrations.asgi.SentryAsgiMiddleware",
    kind: "asgi",
    distribution: "sentry-sdk",
    description: "Sentry: report errors raised while serving a request",
  },
];

export function knownMiddleware(dotted: string): KnownMiddleware | undefined {
  return KNOWN_MIDDLEWARE.find((entry) => entry.dotted === dotted);
}

/** A message when `dotted` is a well-known middleware of the other interface, otherwise undefined. */
export function middlewareKindMismatch(dotted: string, kind: EntryKind): string | undefined {
  const known = knownMiddleware(dotted);
  if (!known || known.kind === kind) return undefined;
  const alternative = KNOWN_MIDDLEWARE.find(
    (entry) => entry.kind === kind && entry.distribution === known.distribution,
  );
  return (
    `${dotted} wraps ${known.kind.toUpperCase()} applications, not ${kind.toUpperCase()}` +
    (alternative ? `; use ${alternative.dotted}` : "")
  );
}

function splitDotted(dotted: string): { module: string; name: string } {
  const dot = dotted.lastIndexOf(".");
  return { module: dotted.slice(0, dot), name: dotted.slice(dot + 1) };
}

/**
 * The lines that wrap `application`, starting with a blank line; empty when there is no middleware.
 * The imports come after the get_*_application() call because middleware may import project code,
 * which needs Django's app registry to be ready.
 */
export function middlewareBlock(middleware: readonly string[], kind: EntryKind): string {
  if (middleware.length === 0) return "";
  const getter = kind === "wsgi" ? "get_wsgi_application()" : "get_asgi_application()";
  const imports = new Set<string>();
  const wraps: string[] = [];
  for (const dotted of middleware) {
    const known = knownMiddleware(dotted);
    const { module, name } = splitDotted(dotted);
    for (const line of known?.argumentImports ?? []) imports.add(line);
    imports.add(`from ${module} import ${name}`);
    if (known?.comment) wraps.push(`# ${known.comment}`);
    wraps.push(`application = ${name}(application${known?.arguments ? `, ${known.arguments}` : ""})`);
  }
  const sortedImports = [...imports].sort();
  return [
    "",
    `# Imported after ${getter}: middleware may import project code,`,
    "# which needs Django's app registry to be ready.",
    ...sortedImports.map((line) => `${line}  # noqa: E402`),
    "",
    ...wraps,
  ].join("\n");
}

export type WrapResult = { ok: true; content: string } | { ok: false; message: string };

/**
 * Adds a middleware to an existing entry module: the import and the wrapping line go at the end, after
 * every other assignment of `application`, so whatever the file already does is kept.
 */
export function wrapEntryModule(content: string, middleware: string, kind: EntryKind): WrapResult {
  if (!/^application\s*=/m.test(content)) {
    return { ok: false, message: "the file does not assign a module-level `application`" };
  }
  const { name } = splitDotted(middleware);
  const wrapLine = new RegExp(`^application\\s*=\\s*${name}\\(\\s*application\\b`, "m");
  if (wrapLine.test(content)) {
    return { ok: false, message: `application is already wrapped in ${name}` };
  }
  const mismatch = middlewareKindMismatch(middleware, kind);
  if (mismatch) return { ok: false, message: mismatch };
  const body = content.replace(/\s*$/, "");
  return { ok: true, content: `${body}\n${middlewareBlock([middleware], kind)}\n` };
}

/** The well-known middleware for `kind` whose distribution a requirements or pyproject.toml text names. */
export function middlewareInRequirements(requirements: string, kind: EntryKind): KnownMiddleware[] {
  const names = new Set(
    [...requirements.matchAll(/^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)/gm)].map((match) =>
      (match[1] as string).toLowerCase().replace(/[._]/g, "-"),
    ),
  );
  return KNOWN_MIDDLEWARE.filter((entry) => entry.kind === kind && names.has(entry.distribution));
}
