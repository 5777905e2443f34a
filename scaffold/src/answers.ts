// The answers a user gives to the scaffold commands, validated with zod before anything is planned.
// Rules and their wording live here once; the CLI and the VS Code commands only collect the raw values.
import { z } from "zod";
import { middlewareKindMismatch } from "./middleware";

import {
  DEFAULT_DJANGO_VERSION,
  type DjangoVersion,
  type EntryKind,
  isAtLeast,
  OLDEST_DJANGO_VERSION,
  parseDjangoVersion,
  type ScaffoldPart,
  SERVER_INFO,
  type ServerName,
  SERVERS,
} from "./servers";

export * from "./servers";

/** The reverse proxies the scaffold can put in front of an app server. */
export const PROXIES = ["nginx", "none"] as const;
export type ProxyName = (typeof PROXIES)[number];

const PYTHON_KEYWORDS = new Set(
  (
    "False None True and as assert async await break class continue def del elif else except finally for " +
    "from global if import in is lambda nonlocal not or pass raise return try while with yield"
  ).split(" "),
);

const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isDottedPath(text: string): boolean {
  const parts = text.split(".");
  return parts.every((part) => identifierPattern.test(part) && !PYTHON_KEYWORDS.has(part));
}

const dottedModule = z.string().refine(isDottedPath, {
  error: (issue) =>
    `must be a dotted path of Python identifiers such as mysite or config.settings (got ${JSON.stringify(issue.input)})`,
});

const dottedCallable = z.string().refine((text) => isDottedPath(text) && text.includes("."), {
  error: (issue) =>
    `must be the dotted path of a callable in a module, such as whitenoise.WhiteNoise (got ${JSON.stringify(issue.input)})`,
});

/** Characters that would need quoting in Apache, systemd, ini or TOML files: refused rather than escaped. */
const absolutePath = z
  .string()
  .refine((text) => /^\/[A-Za-z0-9._@+\-/]*$/.test(text) && !/(^|\/)\.\.(\/|$)/.test(text), {
    error: (issue) =>
      `must be an absolute POSIX path made of letters, digits and . _ - + @ / with no "..", such as /srv/mysite (got ${JSON.stringify(issue.input)})`,
  });

const wholeNumber = (minimum: number, maximum: number, description: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
    z
      .number({ error: `must be ${description}` })
      .int({ error: `must be ${description}` })
      .min(minimum, { error: (issue) => `must be ${description} (got ${String(issue.input)})` })
      .max(maximum, { error: (issue) => `must be ${description} (got ${String(issue.input)})` }),
  );

const hostnamePattern =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const ipv4Pattern = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const ipv6Pattern = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;

const bindAddress = z
  .string()
  .transform((text) => text.replace(/^\[(.*)\]$/, "$1"))
  .refine((text) => ipv4Pattern.test(text) || ipv6Pattern.test(text) || hostnamePattern.test(text), {
    error: (issue) =>
      `must be an IP address or host name to listen on, such as 127.0.0.1 or ::1 (got ${JSON.stringify(issue.input)})`,
  });

const domainName = z.string().refine((text) => hostnamePattern.test(text) && /[A-Za-z]/.test(text), {
  error: (issue) => `must be a host name such as www.example.com (got ${JSON.stringify(issue.input)})`,
});

const urlPrefix = z.string().refine((text) => /^\/([A-Za-z0-9._~-]+\/)*$/.test(text) && text !== "/", {
  error: (issue) =>
    `must be a URL path that starts and ends with "/", such as /static/ (got ${JSON.stringify(issue.input)})`,
});

const locationPath = z.string().refine((text) => /^\/([A-Za-z0-9._~-]+\/)*([A-Za-z0-9._~-]+)?$/.test(text), {
  error: (issue) =>
    `must be a URL path that starts with "/", such as / or /private/ (got ${JSON.stringify(issue.input)})`,
});

const groupName = z
  .string()
  .refine((text) => /^[A-Za-z0-9 _.@+-]{1,150}$/.test(text) && text.trim() === text, {
    error: (issue) =>
      `must be Django group names of letters, digits, spaces and _ . @ + - (got ${JSON.stringify(issue.input)})`,
  });

const djangoVersion = z.string().refine(
  (text) => {
    const version = parseDjangoVersion(text);
    return (
      version !== undefined && isAtLeast(version, OLDEST_DJANGO_VERSION.major, OLDEST_DJANGO_VERSION.minor)
    );
  },
  {
    error: (issue) =>
      `must be a Django release written X.Y, ${OLDEST_DJANGO_VERSION.text} or newer, such as 4.2 (got ${JSON.stringify(issue.input)})`,
  },
);

const answersSchema = z
  .object({
    kind: z.enum(["wsgi", "asgi"], { error: 'must be "wsgi" or "asgi"' }),
    server: z.enum(SERVERS, { error: `must be one of ${SERVERS.join(", ")}` }),
    projectPackage: dottedModule,
    settingsModule: dottedModule.optional(),
    targetFolder: z.string().min(1, { error: "must not be empty" }).default("."),
    djangoVersion: djangoVersion.default(DEFAULT_DJANGO_VERSION),
    bind: bindAddress.default("127.0.0.1"),
    port: wholeNumber(1, 65535, "a port number from 1 to 65535").optional(),
    workers: wholeNumber(1, 512, "a number of workers from 1 to 512").optional(),
    virtualenv: absolutePath.optional(),
    deployPath: absolutePath.optional(),
    domain: domainName.optional(),
    staticUrl: urlPrefix.default("/static/"),
    staticRoot: absolutePath.optional(),
    mediaUrl: urlPrefix.default("/media/"),
    mediaRoot: absolutePath.optional(),
    middleware: z.array(dottedCallable).default([]),
    multiSite: z.boolean().default(false),
    authPath: locationPath.default("/"),
    groups: z.array(groupName).default([]),
    proxy: z.enum(PROXIES, { error: `must be one of ${PROXIES.join(", ")}` }).optional(),
    proxyPort: wholeNumber(1, 65535, "a port number from 1 to 65535").default(80),
    socket: absolutePath.optional(),
    parts: z
      .array(z.enum(["entry", "server"]))
      .min(1, { error: "must name at least one of entry, server" })
      .default(["entry", "server"]),
  })
  .strict();

/** What the commands collect; everything but kind, server and project package has a default. */
export type RawAnswers = z.input<typeof answersSchema>;

export interface ScaffoldAnswers {
  kind: EntryKind;
  server: ServerName;
  projectPackage: string;
  settingsModule: string;
  targetFolder: string;
  djangoVersion: DjangoVersion;
  bind: string;
  port: number;
  workers: number | undefined;
  virtualenv: string | undefined;
  /** The project's folder on the server; the planner fills it in from the target folder when absent. */
  deployPath: string | undefined;
  domain: string | undefined;
  staticUrl: string;
  staticRoot: string | undefined;
  mediaUrl: string;
  mediaRoot: string | undefined;
  middleware: string[];
  multiSite: boolean;
  authPath: string;
  groups: string[];
  /** The reverse proxy planned in front of the app server ("none" for Apache, which serves itself). */
  proxy: ProxyName;
  /** The port the reverse proxy listens on. */
  proxyPort: number;
  /** A Unix socket the app server listens on instead of bind:port. */
  socket: string | undefined;
  parts: ScaffoldPart[];
}

export type AnswerField = keyof RawAnswers;

/** Field names as people read them; the CLI adds its option names. */
export const FIELD_LABELS: Readonly<Record<AnswerField, string>> = {
  kind: "entry point kind",
  server: "server",
  projectPackage: "project package",
  settingsModule: "settings module",
  targetFolder: "target folder",
  djangoVersion: "Django version",
  bind: "bind address",
  port: "port",
  workers: "workers",
  virtualenv: "virtualenv",
  deployPath: "deploy path",
  domain: "domain",
  staticUrl: "STATIC_URL",
  staticRoot: "STATIC_ROOT",
  mediaUrl: "MEDIA_URL",
  mediaRoot: "MEDIA_ROOT",
  middleware: "middleware",
  multiSite: "multi-site",
  authPath: "protected path",
  groups: "groups",
  proxy: "reverse proxy",
  proxyPort: "proxy port",
  socket: "Unix socket",
  parts: "parts",
};

export interface ValidationIssue {
  /** The answer at fault, or "answers" for an unknown key. */
  field: AnswerField | "answers";
  message: string;
}

export function formatIssue(issue: ValidationIssue): string {
  const label = issue.field === "answers" ? "answers" : FIELD_LABELS[issue.field];
  return `${label}: ${issue.message}`;
}

export type ValidationResult =
  { ok: true; answers: ScaffoldAnswers } | { ok: false; issues: ValidationIssue[] };

/** Names the generated entry module binds itself; a middleware with one of them would shadow it. */
const RESERVED_NAMES = new Set([
  "os",
  "application",
  "get_wsgi_application",
  "get_asgi_application",
  "check_password",
  "groups_for_user",
  "settings",
]);

function isField(name: unknown): name is AnswerField {
  return typeof name === "string" && Object.hasOwn(FIELD_LABELS, name);
}

function issuesFromZod(error: z.ZodError): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      issues.push({
        field: "answers",
        message: `unknown answer ${issue.keys.map((key) => `"${key}"`).join(", ")}`,
      });
      continue;
    }
    const [field] = issue.path;
    issues.push({ field: isField(field) ? field : "answers", message: issue.message });
  }
  return issues;
}

/** Checks the raw answers against the field rules and the rules that relate fields to the server. */
export function validateAnswers(raw: unknown): ValidationResult {
  const parsed = answersSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  const data = parsed.data;
  const info = SERVER_INFO[data.server];
  const issues: ValidationIssue[] = [];

  if (info.kind !== data.kind) {
    const fitting = SERVERS.filter((name) => SERVER_INFO[name].kind === data.kind);
    issues.push({
      field: "server",
      message: `${data.server} serves ${info.kind.toUpperCase()}, not ${data.kind.toUpperCase()}; choose one of ${fitting.join(", ")}`,
    });
  }
  if (data.workers !== undefined && info.defaultWorkers === undefined) {
    issues.push({
      field: "workers",
      message: `${info.title} runs a single process; start several behind a load balancer instead`,
    });
  }
  if (data.multiSite && data.server !== "mod_wsgi" && data.server !== "mod_wsgi-auth") {
    issues.push({ field: "multiSite", message: "only applies to Apache mod_wsgi (mod_wsgi, mod_wsgi-auth)" });
  }
  if (data.groups.length > 0 && data.server !== "mod_wsgi-auth") {
    issues.push({ field: "groups", message: "group authorisation only applies to mod_wsgi-auth" });
  }
  if (info.apache && data.domain === undefined && data.parts.includes("server")) {
    issues.push({ field: "domain", message: `is required for ${info.title}: it names the virtual host` });
  }
  if (data.proxy === "nginx" && info.apache) {
    issues.push({
      field: "proxy",
      message: `${info.title} serves the site and its static files itself; nginx goes in front of the other servers`,
    });
  }
  if (data.socket !== undefined && info.apache) {
    issues.push({ field: "socket", message: `only applies to the app servers, not to ${info.title}` });
  }
  for (const dotted of data.middleware) {
    const name = dotted.slice(dotted.lastIndexOf(".") + 1);
    if (RESERVED_NAMES.has(name)) {
      issues.push({
        field: "middleware",
        message: `${dotted} would shadow "${name}" in the entry module; import it under another name in a module of yours`,
      });
    }
  }
  for (const dotted of data.middleware) {
    const mismatch = middlewareKindMismatch(dotted, data.kind);
    if (mismatch) issues.push({ field: "middleware", message: mismatch });
  }
  if (new Set(data.middleware).size !== data.middleware.length) {
    issues.push({ field: "middleware", message: "names the same middleware twice" });
  }
  if (issues.length > 0) return { ok: false, issues };

  return {
    ok: true,
    answers: {
      kind: data.kind,
      server: data.server,
      projectPackage: data.projectPackage,
      settingsModule: data.settingsModule ?? `${data.projectPackage}.settings`,
      targetFolder: data.targetFolder,
      djangoVersion: parseDjangoVersion(data.djangoVersion) as DjangoVersion,
      bind: data.bind,
      port: data.port ?? info.defaultPort,
      workers: info.defaultWorkers === undefined ? undefined : (data.workers ?? info.defaultWorkers),
      virtualenv: data.virtualenv?.replace(/(.)\/+$/, "$1"),
      deployPath: data.deployPath?.replace(/(.)\/+$/, "$1"),
      domain: data.domain,
      staticUrl: data.staticUrl,
      staticRoot: data.staticRoot?.replace(/(.)\/+$/, "$1"),
      mediaUrl: data.mediaUrl,
      mediaRoot: data.mediaRoot?.replace(/(.)\/+$/, "$1"),
      middleware: data.middleware,
      multiSite: data.multiSite,
      authPath: data.authPath,
      groups: data.groups,
      proxy: data.proxy ?? (info.apache ? "none" : "nginx"),
      proxyPort: data.proxyPort,
      socket: data.socket,
      parts: [...new Set(data.parts)],
    },
  };
}

/**
 * The message for one answer, judged with the others in `answers` (an input box validates as the user
 * types); undefined when that answer is fine.
 */
export function checkAnswer(answers: RawAnswers, field: AnswerField): string | undefined {
  const result = validateAnswers(answers);
  if (result.ok) return undefined;
  return result.issues.find((issue) => issue.field === field)?.message;
}
