// deploy.W003: a boolean security setting is read from the environment as a string. Any non-empty
// string is true in Python, so DEBUG=False in the environment turns debug on.
// https://docs.djangoproject.com/en/stable/ref/settings/#debug
import type { CheckContext } from "../context";
import type { CheckRecord, CheckResult, Fix } from "../types";
import { type FromEnvValue, isKnown, truthiness, type Value } from "../../evaluate/values";
import type { SourceSpan } from "../../python/location";
import { decoupleBool, djangoEnvironBool } from "../../django/libraries";

export const BOOLEAN_SECURITY_SETTINGS = [
  "DEBUG",
  "SESSION_COOKIE_SECURE",
  "CSRF_COOKIE_SECURE",
  "SECURE_SSL_REDIRECT",
  "SECURE_HSTS_INCLUDE_SUBDOMAINS",
  "SECURE_HSTS_PRELOAD",
];

export const deployW003: CheckRecord = {
  id: "deploy.W003",
  severity: "warning",
  title: "A boolean setting is read from the environment as a string",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const name of BOOLEAN_SECURITY_SETTINGS) {
      const setting = context.settings.get(name);
      for (const read of stringReads(setting.value)) {
        if (!read.span) continue;
        const fix = convertExplicitly(read, read.span, context);
        results.push({
          message: `${name} is read as a string, so ${read.variable}=False turns it on.`,
          explanation: `${name} is read from the environment variable ${read.variable} with no conversion to a boolean: every non-empty value, "False" and "0" included, is true in Python, so ${name} is on whenever the variable is set.`,
          location: { file: read.span.file, range: read.span.range },
          fixes: fix ? [fix] : [],
        });
      }
    }
    return results;
  },
};

function stringReads(value: Value): FromEnvValue[] {
  if (value.kind === "env") return value.conversion.kind === "str" ? [value] : [];
  if (value.kind === "oneOf") return value.options.flatMap(stringReads);
  return [];
}

/** Converts the read explicitly in the reader's own dialect. */
function convertExplicitly(read: FromEnvValue, span: SourceSpan, context: CheckContext): Fix | undefined {
  const text = context.source(span.file)?.slice(span.from, span.to);
  if (text === undefined) return undefined;
  const title = "Convert the value to a boolean explicitly";
  const before = read.default && isKnown(read.default) ? truthiness(read.default) : undefined;
  const applicability = (after: boolean | undefined): Fix["applicability"] =>
    before !== undefined && after !== undefined && before === after ? "safe" : "unsafe";
  if (read.reader === "os") {
    const literal = /\.(lower|casefold)\(\)\s*$/.test(text)
      ? "true"
      : /\.upper\(\)\s*$/.test(text)
        ? "TRUE"
        : "True";
    const after =
      read.default?.kind === "str"
        ? read.default.value === literal
        : read.default?.kind === "none"
          ? false
          : undefined;
    return {
      title,
      applicability: applicability(after),
      edits: [{ file: span.file, range: span.range, newText: `${text} == "${literal}"` }],
    };
  }
  if (read.reader === "django-environ") {
    const callee = /^(\w+)(\.str)?\(/.exec(text);
    if (!callee || /\bcast\s*=/.test(text)) return undefined;
    let replaced = `${callee[1]}.bool(${text.slice(callee[0].length)}`;
    let after = before;
    // django-environ hands a default back unconverted: a string default must become a boolean too.
    if (read.default?.kind === "str" && read.defaultSpan && read.defaultSpan.file === span.file) {
      const parsed = djangoEnvironBool(read.default.value);
      const start = read.defaultSpan.from - span.from;
      const end = read.defaultSpan.to - span.from;
      const shift = replaced.length - text.length;
      replaced = replaced.slice(0, start + shift) + (parsed ? "True" : "False") + replaced.slice(end + shift);
      after = parsed;
    }
    return {
      title,
      applicability: applicability(after),
      edits: [{ file: span.file, range: span.range, newText: replaced }],
    };
  }
  if (!text.endsWith(")")) return undefined;
  const after = read.default?.kind === "str" ? decoupleBool(read.default.value) : before;
  return {
    title,
    applicability: applicability(after),
    edits: [
      {
        file: span.file,
        range: span.range,
        newText: `${text.slice(0, -1).replace(/,\s*$/, "")}, cast=bool)`,
      },
    ],
  };
}
