// The extension's settings, defined once. `package.json`'s `contributes.configuration` is generated
// from this schema (`npm run generate`), and `npm run check` fails when the two drift apart.
import { z } from "zod";

export const SETTINGS_SECTION = "djangoDeploy";

const dottedModule = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/,
    "a dotted Python module path such as mysite.settings",
  );

export const profileSettingSchema = z
  .object({
    settings: dottedModule.meta({ description: "Dotted path of a production settings module." }),
    envFile: z.string().min(1).optional().meta({
      description:
        "The .env file the production server reads for this module, relative to the workspace folder. Without it, environment variables are taken as unset.",
    }),
  })
  .strict();

export const settingsSchema = z.object({
  enable: z.boolean().default(true).meta({ description: "Check Django settings modules in this workspace." }),
  djangoVersion: z
    .string()
    .regex(/^\d+\.\d+$/, "a Django version such as 4.2")
    .nullable()
    .default(null)
    .meta({
      markdownDescription:
        "The Django version to check against, such as `4.2`. When empty, it is read from the project's dependency files (`requirements*.txt`, `pyproject.toml`, `Pipfile`, lock files, `setup.cfg`/`setup.py`), else the newest LTS release is assumed.",
    }),
  profiles: z.array(profileSettingSchema).default([]).meta({
    markdownDescription:
      'Production settings modules, such as `{ "settings": "mysite.settings.production" }`. When set, they replace the profiles found in the workspace.',
  }),
  logLevel: z
    .enum(["error", "warn", "info", "debug"])
    .default("info")
    .meta({ description: "How much the language server writes to its log." }),
  handledByInfrastructure: z
    .array(z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, "a check ID such as security.W008"))
    .default([])
    .meta({
      markdownDescription:
        "Check IDs whose concern the infrastructure in front of Django handles, such as `security.W008` when a proxy redirects every request to HTTPS, or `security.W004` when a load balancer sets HSTS. Their findings become information-level notes that say so (unlike `SILENCED_SYSTEM_CHECKS`, which hides them).",
    }),
  pythonPath: z.string().min(1).nullable().default(null).meta({
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
