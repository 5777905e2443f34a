// deploy.W019: django-cors-headers lets every origin read the site's responses: CORS_ALLOW_ALL_ORIGINS
// (or its old name CORS_ORIGIN_ALLOW_ALL), or a match-all pattern in CORS_ALLOWED_ORIGIN_REGEXES (old
// name CORS_ORIGIN_REGEX_WHITELIST). A warning with CORS_ALLOW_CREDENTIALS, information without.
// https://github.com/adamchainz/django-cors-headers#cors_allow_all_origins-bool
import { environmentSentence, insertSetting, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import { PLAIN_STRING, removeItem } from "../listItemEdits";
import { decide, hasMiddleware, singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix, TextEdit } from "../types";
import { truthiness, type Value } from "../../evaluate/values";
import type { EffectiveSetting } from "../../resolve/effectiveSettings";

const CORS_MIDDLEWARE = "corsheaders.middleware.CorsMiddleware";
/** What the user must type over: not an origin, so django-cors-headers' own check refuses it. */
const ORIGIN_PLACEHOLDER = "<your front-end origin>";
const ORIGINS_PLACEHOLDER = `["${ORIGIN_PLACEHOLDER}"]`;
const BLOCKED = "browsers block the cross-origin requests of every origin not listed";
/** Origins no project allows on purpose: a pattern that matches them all matches every origin. */
const STRANGER_ORIGINS = ["https://attacker.example", "http://evil.test:8080", "https://a.b.example.net"];

export const deployW019: CheckRecord = {
  id: "deploy.W019",
  severity: "warning",
  title: "django-cors-headers allows every origin",
  fixability: "unsafe",
  thirdPartySettings: [
    "CORS_ALLOW_ALL_ORIGINS",
    "CORS_ORIGIN_ALLOW_ALL",
    "CORS_ALLOWED_ORIGIN_REGEXES",
    "CORS_ORIGIN_REGEX_WHITELIST",
    "CORS_ALLOW_CREDENTIALS",
    "CORS_ALLOWED_ORIGINS",
    "CORS_ORIGIN_WHITELIST",
  ],
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, CORS_MIDDLEWARE) !== true) return [];
    const credentials = flag(corsSetting(context, "CORS_ALLOW_CREDENTIALS")) === true;
    const severity = credentials ? "warning" : "information";
    const consequence = credentials
      ? "With CORS_ALLOW_CREDENTIALS on, any website a logged-in user visits can call this site with the user's cookies and read the answers."
      : "Any website can read this site's responses from its visitors' browsers; without CORS_ALLOW_CREDENTIALS they carry no cookies, which is fine for a public API.";
    const results: CheckResult[] = [];
    const allowAll = corsSetting(context, "CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL");
    if (allowAll && flag(allowAll) === true) {
      const fix = allowAllFix(context, allowAll);
      results.push({
        message: `${allowAll.name} is on: every website may make cross-origin requests.`,
        explanation: `${environmentSentence(allowAll.value)}${consequence} List the origins that need access in CORS_ALLOWED_ORIGINS instead.`,
        location: settingLocation(allowAll, context),
        severity,
        fixes: fix ? [fix] : [],
      });
    }
    const patterns = corsSetting(context, "CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ORIGIN_REGEX_WHITELIST");
    const list = patterns && singleValue(patterns.value);
    const items = list && (list.kind === "list" || list.kind === "tuple") ? list.items : [];
    for (const item of items) {
      const pattern = singleValue(item);
      if (pattern?.kind !== "str" || !matchesEveryOrigin(pattern.value)) continue;
      const fix = patternFix(context, patterns!, item, items.length);
      results.push({
        message: `${patterns!.name} has a pattern that matches every origin.`,
        explanation: `${environmentSentence(item)}The pattern ${JSON.stringify(pattern.value)} accepts any origin, which is the same as allowing all. ${consequence} Anchor the patterns to your own domains, or list the origins in CORS_ALLOWED_ORIGINS.`,
        location: item.span?.file
          ? { file: item.span.file, range: item.span.range }
          : settingLocation(patterns!, context),
        severity,
        fixes: fix ? [fix] : [],
      });
    }
    return results;
  },
};

/** The setting django-cors-headers reads: the current name when set, else the old one; undefined when neither is. */
function corsSetting(context: CheckContext, name: string, oldName?: string): EffectiveSetting | undefined {
  for (const candidate of oldName ? [name, oldName] : [name]) {
    const setting = context.settings.get(candidate);
    if (setting.binding) return setting;
  }
  return undefined;
}

function flag(setting: EffectiveSetting | undefined): boolean | undefined {
  return setting ? decide(setting.value, truthiness) : false;
}

/** Python's `re.match(pattern, origin)` for every stranger origin; false when JavaScript cannot read the pattern. */
export function matchesEveryOrigin(pattern: string): boolean {
  let expression: RegExp;
  try {
    expression = new RegExp(`^(?:${pattern})`);
  } catch {
    return false;
  }
  return STRANGER_ORIGINS.every((origin) => expression.test(origin));
}

/** Turns allow-all off in favour of an explicit list (a placeholder when the project has none). */
function allowAllFix(context: CheckContext, setting: EffectiveSetting): Fix | undefined {
  const listed = corsSetting(context, "CORS_ALLOWED_ORIGINS", "CORS_ORIGIN_WHITELIST");
  if (listed)
    return setSettingFix(context, setting, {
      title: `Set ${setting.name} = False (${listed.name} lists the origins)`,
      applicability: "unsafe",
      valueText: "False",
      consequence: BLOCKED,
    });
  const statement = replaceableStatement(context, setting);
  if (statement) return explicitListFix({ file: statement.file, range: statement.range, newText: "" });
  if (setting.binding?.origin.statement.file === context.profile.file) return undefined;
  // Inherited from a module development shares: turned off and replaced in the production module.
  return explicitListFix(insertSetting(context, setting.name, "False"));
}

/** Removes a match-all pattern; the only one makes way for an explicit list. */
function patternFix(
  context: CheckContext,
  setting: EffectiveSetting,
  item: Value,
  count: number,
): Fix | undefined {
  const span = item.span;
  const container = setting.binding?.origin.value;
  const text = span && context.source(span.file);
  if (!span || !container || !text || span.file !== context.profile.file || setting.binding?.assignment)
    return undefined;
  if (!PLAIN_STRING.test(text.slice(span.from, span.to))) return undefined;
  if (count > 1) {
    const edit = removeItem(text, span, container, count);
    const title = `Remove the match-all pattern from ${setting.name}`;
    return edit && { title, applicability: "unsafe", edits: [edit], consequence: BLOCKED };
  }
  const statement = replaceableStatement(context, setting);
  return statement && explicitListFix({ file: statement.file, range: statement.range, newText: "" });
}

/**
 * `CORS_ALLOWED_ORIGINS = ["<placeholder>"]` in place of what `edit` replaces (a statement), or after
 * what it inserts (lines of its own); the editor selects the placeholder for the user to type over.
 */
function explicitListFix(edit: TextEdit): Fix {
  const assignment = `CORS_ALLOWED_ORIGINS = ${ORIGINS_PLACEHOLDER}`;
  return {
    title: "Allow only listed origins: CORS_ALLOWED_ORIGINS (type over the placeholder)",
    applicability: "unsafe",
    edits: [
      {
        ...edit,
        newText: edit.newText === "" ? assignment : `${edit.newText}${assignment}\n`,
        placeholder: ORIGIN_PLACEHOLDER,
      },
    ],
    consequence: BLOCKED,
  };
}

/** The `NAME = value` statement of the production module that decides the setting, when it is one. */
function replaceableStatement(context: CheckContext, setting: EffectiveSetting) {
  const binding = setting.binding;
  if (!binding || binding.assignment || binding.origin.statement.file !== context.profile.file)
    return undefined;
  const statement = binding.origin.statement;
  const text = context.source(statement.file)?.slice(statement.from, statement.to);
  return text !== undefined && new RegExp(`^${setting.name}\\s*=[^=]`).test(text) && !text.includes("\n")
    ? statement
    : undefined;
}
