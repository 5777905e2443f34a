// deploy.W010: ALLOWED_HOSTS contains "*", so Django accepts any Host header. Django says nothing;
// its documentation asks for your own validation of the Host header when you use the wildcard.
// https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts
import { environmentSource, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import { PLAIN_STRING, quoteOf, removeItem, replaceItem } from "../listItemEdits";
import { singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix } from "../types";
import type { SequenceValue, Value } from "../../evaluate/values";
import type { Location } from "../../python/location";
import type { EffectiveSetting } from "../../resolve/effectiveSettings";

/** What the user must type over; never a plausible host name, which would deploy unnoticed. */
export const HOST_PLACEHOLDER = "<your host name>";

export const deployW010: CheckRecord = {
  id: "deploy.W010",
  severity: "warning",
  title: "ALLOWED_HOSTS contains the wildcard '*'",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("ALLOWED_HOSTS");
    // A wildcard that is the environment's default is deploy.W004's business.
    if (environmentSource(setting.value)) return [];
    const hosts = singleValue(setting.value);
    if (!hosts || (hosts.kind !== "list" && hosts.kind !== "tuple")) return [];
    const results: CheckResult[] = [];
    for (const item of hosts.items) {
      const host = singleValue(item);
      if (host?.kind !== "str" || host.value !== "*") continue;
      const location: Location = item.span?.file
        ? { file: item.span.file, range: item.span.range }
        : settingLocation(setting, context);
      const fix = withoutWildcard(context, setting, hosts, item);
      results.push({
        message: "ALLOWED_HOSTS accepts any host name ('*').",
        explanation:
          "Django then believes whatever Host header a request carries, and uses it in password reset links, absolute URLs and cache keys (Host header attacks). Django's documentation asks you to validate the Host header yourself when you use the wildcard; simpler is to list the host names the site is served under.",
        location,
        fixes: fix ? [fix] : [],
      });
    }
    return results;
  },
};

/**
 * Drops the wildcard where the production module writes it (replaced by a placeholder when it is the
 * only entry); an inherited list is overridden in the production module with the other host names.
 * Unsafe: requests for host names not listed get 400 Bad Request.
 */
function withoutWildcard(
  context: CheckContext,
  setting: EffectiveSetting,
  hosts: SequenceValue,
  wildcard: Value,
): Fix | undefined {
  const others = hosts.items.filter((item) => item !== wildcard);
  const names = others.map((item) => singleValue(item));
  const span = wildcard.span;
  const container = setting.binding?.origin.value;
  const text = span ? context.source(span.file) : undefined;
  const unlisted = "requests for host names not listed get 400 Bad Request";
  if (span && text !== undefined && span.file === context.profile.file) {
    if (!PLAIN_STRING.test(text.slice(span.from, span.to))) return undefined;
    if (others.length === 0) {
      const quote = quoteOf(text, span);
      return {
        title: "Replace '*' with your site's host name (type over the placeholder)",
        applicability: "unsafe",
        edits: [
          { ...replaceItem(span, `${quote}${HOST_PLACEHOLDER}${quote}`), placeholder: HOST_PLACEHOLDER },
        ],
        consequence: "type the real host name, or every request gets 400 Bad Request",
      };
    }
    // Only a literal that is the whole list is edited item by item.
    const whole =
      container &&
      container.file === span.file &&
      /^[[(][\s\S]*[\])]$/.test(text.slice(container.from, container.to)) &&
      hosts.items.every(
        (item) => item.span && item.span.from > container.from && item.span.to < container.to,
      );
    const edit = whole ? removeItem(text, span, container, hosts.items.length) : undefined;
    if (edit)
      return {
        title: "Remove '*' from ALLOWED_HOSTS",
        applicability: "unsafe",
        edits: [edit],
        consequence: unlisted,
      };
  }
  const listed: string[] = [];
  for (const name of names) {
    if (name?.kind !== "str") return undefined;
    listed.push(JSON.stringify(name.value));
  }
  return setSettingFix(context, setting, {
    title:
      others.length === 0
        ? "Set ALLOWED_HOSTS to your site's host names (type over the placeholder)"
        : "Set ALLOWED_HOSTS without '*'",
    applicability: "unsafe",
    valueText: `[${(listed.length > 0 ? listed : [JSON.stringify(HOST_PLACEHOLDER)]).join(", ")}]`,
    ...(listed.length > 0
      ? { consequence: unlisted }
      : {
          placeholder: HOST_PLACEHOLDER,
          consequence: "type the real host names, or every request gets 400 Bad Request",
        }),
  });
}
