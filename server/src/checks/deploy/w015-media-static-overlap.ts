// deploy.W015: uploads and static files share a place: MEDIA_ROOT and STATIC_ROOT are the same
// directory or one holds the other, or MEDIA_URL is STATIC_URL. Files users upload would then be
// served, or collected, as the site's own trusted static files.
// https://docs.djangoproject.com/en/stable/ref/settings/#media-root
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { relate, settingDirectories } from "../directories";
import { singleValue } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

const WHY =
  "Files users upload must never be served as the site's own static files: an uploaded script or page would run with the site's authority, and collectstatic would mix or overwrite the two.";

export const deployW015: CheckRecord = {
  id: "deploy.W015",
  severity: "warning",
  title: "Uploads and static files share a directory or URL",
  fixability: "none",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    const media = context.settings.get("MEDIA_ROOT");
    const statics = context.settings.get("STATIC_ROOT");
    const mediaRoot = settingDirectories(context, "MEDIA_ROOT");
    const staticRoot = settingDirectories(context, "STATIC_ROOT");
    const relation =
      mediaRoot?.length === 1 && staticRoot?.length === 1 ? relate(mediaRoot[0]!, staticRoot[0]!) : undefined;
    if (relation && relation !== "none") {
      const described = {
        matches: "MEDIA_ROOT and STATIC_ROOT are the same directory.",
        "is inside": "MEDIA_ROOT is inside STATIC_ROOT.",
        contains: "STATIC_ROOT is inside MEDIA_ROOT.",
      }[relation];
      results.push({
        message: described,
        explanation: `${environmentSentence(media.value)}${WHY} Give uploads and collected static files separate directories, neither inside the other.`,
        location: settingLocation(media, context),
        related: [{ ...settingLocation(statics, context), message: "STATIC_ROOT is set here" }],
      });
    }
    const mediaUrl = context.settings.get("MEDIA_URL");
    const staticUrl = context.settings.get("STATIC_URL");
    const mediaText = singleValue(mediaUrl.value);
    const staticText = singleValue(staticUrl.value);
    // Django compares the two only when MEDIA_URL is set (its default is '').
    if (
      mediaText?.kind === "str" &&
      staticText?.kind === "str" &&
      mediaText.value !== "" &&
      mediaText.value === staticText.value
    ) {
      results.push({
        message: "MEDIA_URL and STATIC_URL are the same URL.",
        explanation: `${environmentSentence(mediaUrl.value)}${WHY} Django's staticfiles app refuses this combination when it serves or collects files; give uploads their own URL, such as /media/.`,
        location: settingLocation(mediaUrl, context),
        related: [{ ...settingLocation(staticUrl, context), message: "STATIC_URL is set here" }],
      });
    }
    return results;
  },
};
