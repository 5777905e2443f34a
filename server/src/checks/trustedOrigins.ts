// CSRF_TRUSTED_ORIGINS entries without a scheme, shared by Django's 4_0.E001 (4.0+) and our
// deploy.W011 (3.2, for the upgrade): which entries, where each is written, and the fix that puts
// `https://` in a plain string literal of the production module.
import { offsetToPosition, settingLocation, type CheckContext } from "./context";
import { PLAIN_STRING } from "./listItemEdits";
import { decide, singleValue } from "./predicates";
import type { Fix } from "./types";
import type { Value } from "../evaluate/values";
import type { Location } from "../python/location";

export interface SchemelessOrigin {
  item: Value;
  /** The entry's text when known, for messages. */
  text?: string;
  location: Location;
}

/** The entries of a list, tuple or set of origins that certainly have no scheme. */
export function schemelessOrigins(context: CheckContext): SchemelessOrigin[] {
  const setting = context.settings.get("CSRF_TRUSTED_ORIGINS");
  const origins = singleValue(setting.value);
  if (!origins || (origins.kind !== "list" && origins.kind !== "tuple" && origins.kind !== "set")) return [];
  const found: SchemelessOrigin[] = [];
  for (const item of origins.items) {
    const missing = decide(item, (value) =>
      value.kind === "str" ? !value.value.includes("://") : undefined,
    );
    if (missing !== true) continue;
    const origin = singleValue(item);
    found.push({
      item,
      ...(origin?.kind === "str" ? { text: origin.value } : {}),
      location: item.span?.file
        ? { file: item.span.file, range: item.span.range }
        : settingLocation(setting, context),
    });
  }
  return found;
}

/** Puts `https://` inside a plain string literal written in the production module. */
export function prefixScheme(
  context: CheckContext,
  item: Value,
  fix: Pick<Fix, "title" | "applicability" | "consequence">,
): Fix | undefined {
  const span = item.span;
  if (!span || span.file !== context.profile.file || item.kind !== "str") return undefined;
  const text = context.source(span.file);
  if (text === undefined || !PLAIN_STRING.test(text.slice(span.from, span.to))) return undefined;
  const quote = text.slice(span.from, span.to).search(/['"]/);
  const position = offsetToPosition(text, span.from + quote + 1);
  return {
    ...fix,
    edits: [{ file: span.file, range: { start: position, end: position }, newText: "https://" }],
  };
}
