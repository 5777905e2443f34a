// deploy.W004: a security setting is read from the environment with an insecure default, so a
// deployment that forgets the variable silently runs insecure: DEBUG on, a cookie's Secure flag,
// the HTTPS redirect or HSTS off, ALLOWED_HOSTS accepting any host. Reads as plain strings of the
// boolean settings are deploy.W003's business.
// https://docs.djangoproject.com/en/stable/howto/deployment/checklist/
import { type CheckContext } from "../context";
import { dropDefaultEdit } from "../fixes/dropDefault";
import { commentAbove } from "../fixes/settingValue";
import { HSTS_COMMENT } from "../security/w004-hsts-seconds";
import { containsString } from "../predicates";
import { describeValue } from "../secrets";
import { expressionAt } from "../syntaxAt";
import type { CheckRecord, CheckResult, Fix, TextEdit } from "../types";
import { BOOLEAN_SECURITY_SETTINGS } from "./w003-boolean-from-string";
import { type FromEnvValue, isKnown, type KnownValue, truthiness, type Value } from "../../evaluate/values";

interface Rule {
  /** Whether the value the setting has when the variable is unset is insecure. */
  insecure(value: KnownValue): boolean;
  /** The secure value, as a boolean or a number; undefined: the default is dropped instead. */
  secure?: boolean | number;
  why: string;
}

const SECURE_FLAG = (why: string): Rule => ({
  insecure: (value) => truthiness(value) === false,
  secure: true,
  why,
});

const RULES: Record<string, Rule> = {
  DEBUG: {
    insecure: (value) => truthiness(value) === true,
    secure: false,
    why: "debug pages show settings, source code and tracebacks to anyone",
  },
  SESSION_COOKIE_SECURE: SECURE_FLAG("the session cookie then travels over plain HTTP too"),
  CSRF_COOKIE_SECURE: SECURE_FLAG("the CSRF cookie then travels over plain HTTP too"),
  SECURE_SSL_REDIRECT: SECURE_FLAG("plain HTTP requests are then served instead of redirected"),
  SECURE_HSTS_SECONDS: {
    insecure: (value) => truthiness(value) === false,
    secure: 3600,
    why: "browsers are then not told to insist on HTTPS",
  },
  SECURE_HSTS_INCLUDE_SUBDOMAINS: SECURE_FLAG("HSTS then leaves the subdomains out"),
  ALLOWED_HOSTS: {
    insecure: (value) => containsString(value, "*") === true,
    why: "Django then accepts any Host header",
  },
};

export const deployW004: CheckRecord = {
  id: "deploy.W004",
  severity: "warning",
  title: "A security setting is read from the environment with an insecure default",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const [name, rule] of Object.entries(RULES)) {
      for (const read of reads(context.settings.get(name).value)) {
        // A variable set by the profile's .env file is not unset; a plain string is deploy.W003's.
        if (read.setBy || !read.default || !isKnown(read.default) || !rule.insecure(read.default)) continue;
        if (read.conversion.kind === "str" && BOOLEAN_SECURITY_SETTINGS.includes(name)) continue;
        const span = read.defaultSpan ?? read.span;
        if (!span) continue;
        const fix = read.explicitDefault ? secureDefaultFix(context, name, rule, read) : undefined;
        results.push({
          message: `${name} is ${describeValue(read.default, name, read.variable)} when ${read.variable} is unset.`,
          explanation: `${name} is read from the environment variable ${read.variable}, and ${read.explicitDefault ? "its default" : "what the read gives when the variable is missing"} is insecure: ${rule.why}. A deployment that forgets the variable runs that way without a sign. Make the default the secure value, so that only a deliberate setting relaxes it.`,
          location: { file: span.file, range: span.range },
          fixes: fix ? [fix] : [],
        });
      }
    }
    return results;
  },
};

function reads(value: Value): FromEnvValue[] {
  if (value.kind === "env") return [value];
  if (value.kind === "oneOf") return value.options.flatMap(reads);
  return [];
}

/** Replaces the default where the production module writes it. Unsafe: the unset case changes. */
function secureDefaultFix(
  context: CheckContext,
  name: string,
  rule: Rule,
  read: FromEnvValue,
): Fix | undefined {
  const span = read.defaultSpan;
  if (!span || span.file !== context.profile.file) return undefined;
  let edit: TextEdit | undefined;
  if (rule.secure === undefined) edit = dropDefaultEdit(context, read);
  else {
    const text = context.source(span.file) ?? "";
    const written = expressionAt(text, span.from, span.to);
    const quote =
      written?.kind === "Constant" && written.type === "str"
        ? text.slice(span.from, span.to).match(/['"]/)?.[0]
        : undefined;
    const replacement = secureText(rule.secure, read, quote);
    if (replacement !== undefined) edit = { file: span.file, range: span.range, newText: replacement };
  }
  if (!edit) return undefined;
  const title =
    rule.secure === undefined
      ? `Require ${read.variable} (no default for ${name})`
      : `Make the default of ${name} ${typeof rule.secure === "boolean" ? (rule.secure ? "True" : "False") : rule.secure}`;
  const everywhere = context.dedicatedToProduction ? "" : ", in development too";
  const consequence =
    rule.secure === undefined
      ? `the site stops starting until ${read.variable} is set${everywhere}`
      : name === "SECURE_HSTS_SECONDS"
        ? `browsers refuse plain HTTP for an hour wherever ${read.variable} is unset`
        : `${name} is ${rule.secure ? "on" : "off"} wherever ${read.variable} is unset${everywhere}`;
  if (name !== "SECURE_HSTS_SECONDS") return { title, applicability: "unsafe", edits: [edit], consequence };
  // As security.W004's fix: HSTS cannot be withdrawn before it expires.
  const statement = context.settings.get(name).binding?.origin.statement;
  const comment =
    statement?.file === span.file ? commentAbove(context, statement.from, HSTS_COMMENT) : undefined;
  return {
    title: `${title} (one hour, to start with)`,
    applicability: "unsafe",
    edits: comment ? [comment, edit] : [edit],
    consequence,
  };
}

/** The default's new text: what makes the setting `secure` once converted as the read converts it. */
function secureText(
  secure: boolean | number,
  read: FromEnvValue,
  quote: string | undefined,
): string | undefined {
  const quoted = (text: string) => (quote ? `${quote}${text}${quote}` : text);
  if (typeof secure === "number") return quoted(String(secure));
  if (read.conversion.kind === "bool") return secure ? "True" : "False";
  if (read.conversion.kind !== "compare" || !quote) return undefined;
  const { operator, operand } = read.conversion;
  const operands = (
    isKnown(operand) && (operand.kind === "list" || operand.kind === "tuple" || operand.kind === "set")
      ? operand.items
      : [operand]
  ).map((item) => (item.kind === "str" ? item.value : undefined));
  if (operands.some((item) => item === undefined)) return undefined;
  const matching = operands[0]!;
  const other = ["False", "0", "no", "off", "True", "1", "yes", "on"].find(
    (candidate) => !operands.some((item) => item!.toLowerCase() === candidate.toLowerCase()),
  )!;
  const positive = operator === "==" || operator === "in";
  return quoted(secure === positive ? matching : other);
}
