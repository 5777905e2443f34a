// The entry module (wsgi.py or asgi.py): the text the scaffold writes, and whether a module that is
// already there does what the plan needs, so that a project's own entry module (the one
// `django-admin startproject` wrote, say) is kept rather than replaced over a docstring or quotes.
import { SERVER_INFO, type ScaffoldAnswers } from "./answers";
import { docsUrl, runCommand, runIntro } from "./commandLines";
import { settingsModuleFromEntryScript } from "./detect";
import { knownMiddleware, middlewareBlock } from "./middleware";
import { type TemplateValues, renderTemplate } from "./templateEngine";
import type { TemplateName, TemplateSource } from "./templates";

export function render(templates: TemplateSource, name: TemplateName, values: TemplateValues): string {
  const text = renderTemplate(templates(name), values, name);
  return text.endsWith("\n") ? text : `${text}\n`;
}

export function entryModule(answers: ScaffoldAnswers, templates: TemplateSource): string {
  const withConfig = answers.parts.includes("server");
  const values: TemplateValues = {
    projectPackage: answers.projectPackage,
    serverTitle: SERVER_INFO[answers.server].title,
    runIntro: runIntro(answers, withConfig),
    runCommand: runCommand(answers, withConfig),
    docsUrl: docsUrl(answers),
    settingsModule: answers.settingsModule,
    multiSite: answers.multiSite,
    auth: answers.server === "mod_wsgi-auth",
    groups: answers.groups.length > 0,
    middlewareBlock: middlewareBlock(answers.middleware, answers.kind),
  };
  const name: TemplateName = answers.kind === "wsgi" ? "wsgi.py.tpl" : "asgi.py.tpl";
  return render(templates, name, values);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Why an existing entry module already does what the plan needs, or undefined when it does not: it
 * names the same settings module (assigned, not defaulted, for a multi-site mod_wsgi process), builds
 * `application` with Django's getter for the plan's interface, wraps it in every requested
 * middleware, and exposes Apache's password check when the plan needs it.
 */
export function entryKeptBecause(existing: string, answers: ScaffoldAnswers): string | undefined {
  const getter = answers.kind === "wsgi" ? "get_wsgi_application" : "get_asgi_application";
  if (!new RegExp(`^application\\s*=\\s*${getter}\\(\\s*\\)`, "m").test(existing)) return undefined;
  if (settingsModuleFromEntryScript(existing) !== answers.settingsModule) return undefined;
  if (answers.multiSite && !/^os\.environ\[\s*["']DJANGO_SETTINGS_MODULE["']\s*\]\s*=/m.test(existing)) {
    return undefined;
  }
  for (const dotted of answers.middleware) {
    const name = dotted.slice(dotted.lastIndexOf(".") + 1);
    const module = dotted.slice(0, dotted.lastIndexOf("."));
    const imported = new RegExp(`^from\\s+${escape(module)}\\s+import\\s+[^\\n]*\\b${name}\\b`, "m");
    const wrapped = new RegExp(`^application\\s*=\\s*${name}\\(\\s*application\\b`, "m");
    if (!imported.test(existing) || !wrapped.test(existing)) return undefined;
    if (knownMiddleware(dotted)?.arguments && !existing.includes(knownMiddleware(dotted)!.arguments!)) {
      return undefined;
    }
  }
  if (answers.server === "mod_wsgi-auth") {
    const names = answers.groups.length > 0 ? ["check_password", "groups_for_user"] : ["check_password"];
    for (const name of names) {
      if (
        !new RegExp(
          `^from django\\.contrib\\.auth\\.handlers\\.modwsgi import [^\\n]*\\b${name}\\b`,
          "m",
        ).test(existing)
      ) {
        return undefined;
      }
    }
  }
  const parts = [`it sets ${answers.settingsModule}`, `defines application with ${getter}()`];
  if (answers.middleware.length > 0) parts.push(`wraps it in ${answers.middleware.join(", ")}`);
  return `already does what the plan needs: ${parts.join(", ")}`;
}
