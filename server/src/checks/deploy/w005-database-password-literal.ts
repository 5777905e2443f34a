// deploy.W005: a database password is written in the settings: a literal PASSWORD, the literal
// default of the environment read that gives it, or a database URL with a password (the default of
// django-environ's env.db, or a literal passed to dj_database_url.config/parse).
// https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#databases
import { insertSetting, offsetToPosition, type CheckContext } from "../context";
import { dropDefaultArgumentEdit } from "../fixes/dropDefault";
import { environmentReadStyle } from "../fixes/environmentRead";
import { literalFallbacks } from "../literalFallbacks";
import { singleValue } from "../predicates";
import { expressionAt } from "../syntaxAt";
import type { CheckRecord, CheckResult, Fix } from "../types";
import { dictGet, type Value } from "../../evaluate/values";
import type { Expression } from "../../python/ast";
import { childExpressions } from "../../python/astWalking";

/** `scheme://user:password@host…`: the password, when the URL has one. */
export function urlPassword(url: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@/\s]+)@/i.exec(url)?.[1];
}

export const deployW005: CheckRecord = {
  id: "deploy.W005",
  severity: "warning",
  title: "A database password is written in the settings",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const databases = singleValue(context.settings.get("DATABASES").value);
    if (databases?.kind !== "dict") return [];
    const results: CheckResult[] = [];
    for (const entry of databases.entries) {
      const alias = singleValue(entry.key);
      if (alias?.kind !== "str") continue;
      const label = `DATABASES['${alias.value}']`;
      const variable =
        alias.value === "default" ? "DATABASE_PASSWORD" : `DATABASE_${alias.value.toUpperCase()}_PASSWORD`;
      const configuration = singleValue(entry.value);
      const password = configuration?.kind === "dict" ? dictGet(configuration, "PASSWORD") : undefined;
      if (password?.kind === "str" && password.value !== "" && password.span?.file) {
        const fix = passwordFromEnvironment(context, alias.value, password, variable);
        results.push({
          message: `${label} has a literal PASSWORD.`,
          explanation: `${WHY} Read it from the environment (for example ${variable}) and change the password: the written one is public.`,
          location: { file: password.span.file, range: password.span.range },
          fixes: fix ? [fix] : [],
        });
        continue;
      }
      // A password read from the environment with a literal default, or a URL with one.
      const candidates = password ? [password] : [entry.value];
      const before = results.length;
      for (const candidate of candidates)
        for (const fallback of literalFallbacks(context, candidate, candidate.span)) {
          const isUrl = !password;
          if (isUrl ? !urlPassword(fallback.value) : fallback.value === "") continue;
          const drop = fallback.fix?.file === context.profile.file ? fallback.fix : undefined;
          const when = fallback.read
            ? `when ${fallback.read.variable} is unset`
            : "when the value is missing";
          results.push({
            message: isUrl
              ? `${label} falls back to a URL with a literal password ${when}.`
              : `${label}'s PASSWORD falls back to a literal ${when}.`,
            explanation: `The password is ${fallback.how}. ${WHY} Drop the fallback so that a missing variable stops the site, and change the password.`,
            location: fallback.location,
            fixes: drop ? [dropFix(context, drop, fallback.read?.variable)] : [],
          });
        }
      if (!password && results.length === before && entry.value.kind === "unknown" && entry.value.span)
        results.push(...databaseUrlLiterals(context, label, entry.value));
    }
    return results;
  },
};

const WHY =
  "A password written in the settings is in version control: everyone who can read the repository can reach the database wherever it accepts connections.";

function dropFix(context: CheckContext, edit: Fix["edits"][number], variable: string | undefined): Fix {
  return {
    title: "Drop the literal fallback (a missing variable then stops the site)",
    applicability: "unsafe",
    edits: [edit],
    consequence: `the site stops starting until ${variable ?? "the variable"} is set${context.dedicatedToProduction ? "" : ", in development too"}`,
  };
}

/** Replaces the literal where the production module writes it; else sets the key in the production module. */
function passwordFromEnvironment(
  context: CheckContext,
  alias: string,
  password: Value,
  variable: string,
): Fix | undefined {
  const text = context.source(context.profile.file);
  if (text === undefined || !password.span) return undefined;
  const style = environmentReadStyle(context.profileModule, text);
  const expression = style.expression(variable);
  // Written in the production module: replaced there; inherited: set in the production module.
  const edit =
    password.span.file === context.profile.file
      ? { file: password.span.file, range: password.span.range, newText: expression }
      : insertSetting(context, `DATABASES[${JSON.stringify(alias)}]["PASSWORD"]`, expression);
  return {
    title: `Read the password from the environment variable ${variable}`,
    applicability: "unsafe",
    edits: [...style.setup, edit],
    consequence: `the site stops starting until ${variable} is set${context.dedicatedToProduction ? "" : ", in development too"}`,
  };
}

/** URLs with a password written anywhere in an entry the evaluator could not follow (dj_database_url). */
function databaseUrlLiterals(context: CheckContext, label: string, value: Value): CheckResult[] {
  const span = value.span!;
  const text = context.source(span.file);
  const expression = text === undefined ? undefined : expressionAt(text, span.from, span.to);
  if (!expression || text === undefined) return [];
  const found: CheckResult[] = [];
  const visit = (node: Expression) => {
    if (node.kind === "Constant" && node.type === "str" && urlPassword(node.value)) {
      const range = { start: offsetToPosition(text, node.from), end: offsetToPosition(text, node.to) };
      // `dj_database_url.config(default="…")` reads DATABASE_URL first: the default can go.
      const drop =
        span.file === context.profile.file
          ? dropDefaultArgumentEdit(context, { file: span.file, from: node.from, to: node.to, range }, false)
          : undefined;
      found.push({
        message: `${label} is configured from a database URL with a literal password.`,
        explanation: `${WHY} Read the URL from the environment (DATABASE_URL) with no literal default, and change the password.`,
        location: { file: span.file, range },
        fixes: drop ? [dropFix(context, drop, "DATABASE_URL")] : [],
      });
    }
    childExpressions(node).forEach(visit);
  };
  visit(expression);
  return found;
}
