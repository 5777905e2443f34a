// deploy.W051: template auto-escaping is turned off for a whole template engine
// (TEMPLATES[…]["OPTIONS"]["autoescape"] = False), so every variable is rendered as raw HTML.
// https://docs.djangoproject.com/en/stable/topics/templates/#django.template.backends.django.DjangoTemplates
import { environmentSentence, possibleValues, type CheckContext } from "../context";
import { assignItems, removeDictEntry } from "../fixes/dictEntry";
import { singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix } from "../types";
import { dictGet, isSequence, truthiness, type DictValue, type Value } from "../../evaluate/values";

export const deployW051: CheckRecord = {
  id: "deploy.W051",
  severity: "warning",
  title: "Template auto-escaping is turned off globally",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const templates = singleValue(context.settings.get("TEMPLATES").value);
    if (!templates || !isSequence(templates)) return [];
    const results: CheckResult[] = [];
    templates.items.forEach((item, index) => {
      const engine = singleValue(item);
      const optionsValue = engine && dictGet(engine, "OPTIONS");
      const options = optionsValue && singleValue(optionsValue);
      if (options?.kind !== "dict") return;
      const autoescape = dictGet(options, "autoescape");
      if (!autoescape) return;
      // Django's engine and Jinja2 both take any falsy value as "off".
      const values = possibleValues(autoescape);
      if (!values || !values.every((value) => truthiness(value) === false)) return;
      const span = autoescape.span;
      if (!span) return;
      const fix = removeOption(context, index, options, autoescape);
      results.push({
        message: "Template auto-escaping is off: variables are rendered as raw HTML (XSS).",
        explanation: `${environmentSentence(autoescape)}OPTIONS["autoescape"] turns HTML escaping off for every template of this engine, so any variable that holds user input can inject markup and scripts into your pages (cross-site scripting). Remove the option (escaping is on by default) and mark the few values that are safe HTML with |safe or mark_safe().`,
        location: { file: span.file, range: span.range },
        fixes: fix ? [fix] : [],
      });
    });
    return results;
  },
};

function removeOption(
  context: CheckContext,
  index: number,
  options: DictValue,
  autoescape: Value,
): Fix | undefined {
  const title = "Remove the autoescape option (escaping back on)";
  // Templates that relied on unescaped output show escaped markup afterwards: the user must review.
  if (options.span?.file === context.profile.file && autoescape.span?.file === context.profile.file) {
    const edit = removeDictEntry(context, options, autoescape);
    return edit ? { title, applicability: "unsafe", edits: [edit] } : undefined;
  }
  if (autoescape.span?.file === context.profile.file) return undefined;
  return {
    title: "Turn auto-escaping back on in the production settings",
    applicability: "unsafe",
    edits: [
      assignItems(context, "TEMPLATES", [{ path: [index, "OPTIONS", "autoescape"], valueText: "True" }]),
    ],
  };
}
