// The extension's settings, defined once. `package.json`'s `contributes.configuration` is generated
// from this schema (`npm run generate`), and `npm run check` fails when the two drift apart.
//
// Written with zod/mini, the tree-shakable form of zod 4: the language server validates what the
// editor sends with it on every start, and the classic API's 460 KB of bundle had to be compiled and
// run before the first diagnostics. Its English messages are loaded for the log (mini has none).
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

z.config(en());

export const SETTINGS_SECTION = "djangoDeploy";

/** The text VS Code shows for a setting: `description`, or `markdownDescription` for Markdown. */
type SettingMeta = { description: string } | { markdownDescription: string };

/** `schema` with its description, which the generated package.json contribution carries. */
function described<T extends z.ZodMiniType>(schema: T, meta: SettingMeta): T {
  (schema as z.ZodMiniType).register(z.globalRegistry, meta);
  return schema;
}

export const profileSettingSchema = z.strictObject({
  settings: described(
    z
      .string()
      .check(
        z.regex(
          /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/,
          "a dotted Python module path such as mysite.settings",
        ),
      ),
    { description: "Dotted path of a production settings module." },
  ),
  envFile: described(z.optional(z.string().check(z.minLength(1))), {
    description:
      "The .env file the production server reads for this module, relative to the workspace folder. Without it, environment variables are taken as unset. A file outside the workspace folder is not read, and none is in an untrusted workspace.",
  }),
});

export const settingsSchema = z.object({
  enable: described(z._default(z.boolean(), true), {
    description: "Check Django settings modules in this workspace.",
  }),
  djangoVersion: described(
    z._default(z.nullable(z.string().check(z.regex(/^\d+\.\d+$/, "a Django version such as 4.2"))), null),
    {
      markdownDescription:
        "The Django version to check against, such as `4.2`. When empty, it is read from the project's dependency files (`requirements*.txt`, `pyproject.toml`, `Pipfile`, lock files, `setup.cfg`/`setup.py`), else the newest LTS release is assumed.",
    },
  ),
  profiles: described(z._default(z.array(profileSettingSchema), []), {
    markdownDescription:
      'Production settings modules, such as `{ "settings": "mysite.settings.production" }`. When set, they replace the profiles found in the workspace.',
  }),
  logLevel: described(z._default(z.enum(["error", "warn", "info", "debug"]), "info"), {
    description: "How much the language server writes to its log.",
  }),
  handledByInfrastructure: described(
    z._default(
      z.array(
        z.string().check(z.regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, "a check ID such as security.W008")),
      ),
      [],
    ),
    {
      markdownDescription:
        "Check IDs whose concern the infrastructure in front of Django handles, such as `security.W008` when a proxy redirects every request to HTTPS, or `security.W004` when a load balancer sets HSTS. Their findings become information-level notes that say so (unlike `SILENCED_SYSTEM_CHECKS`, which hides them).",
    },
  ),
  pythonPath: described(z._default(z.nullable(z.string().check(z.minLength(1))), null), {
    markdownDescription:
      "The Python interpreter that runs the project. Its virtual environment's libraries are read (never run) when settings import from them, and **Django Deploy: Compare with Django's check --deploy** runs it. When empty, a `.venv`, `venv` or `env` folder in the workspace is read, and the comparison uses the Python extension's selected interpreter, else `python3` on PATH. Ignored in an untrusted workspace.",
  }),
});

export type Settings = z.infer<typeof settingsSchema>;
export type ProfileSetting = z.infer<typeof profileSettingSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});

/**
 * Validates what the editor sends. Invalid values fall back to their defaults one by one, so a typo
 * in one setting never switches the extension off; every problem is returned for the log.
 */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const input = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const settings: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    const result = schema.safeParse(input[key]);
    if (result.success) {
      settings[key] = result.data;
    } else {
      const detail = result.error.issues.map((issue) => issue.message).join("; ");
      problems.push(`${SETTINGS_SECTION}.${key} is invalid (${detail}); using the default.`);
      settings[key] = schema.parse(undefined);
    }
  }
  return { settings: settings as Settings, problems };
}
