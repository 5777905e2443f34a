// Turns the zod settings schema into `contributes.configuration` for package.json.
import { z } from "zod";
import { SETTINGS_SECTION, settingsSchema } from "./settings";

type JsonObject = { [key: string]: unknown };

function stripSchemaNoise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSchemaNoise);
  if (value === null || typeof value !== "object") return value;
  const result: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "$schema" || key === "id") continue;
    result[key] = stripSchemaNoise(inner);
  }
  return result;
}

export function configurationContribution(): JsonObject {
  const properties: JsonObject = {};
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    const json = stripSchemaNoise(
      z.toJSONSchema(schema, { io: "input", unrepresentable: "throw" }),
    ) as JsonObject;
    json.default = schema.parse(undefined);
    // VS Code only lets the user restrict a setting by scope; every setting here may differ per folder.
    json.scope = "resource";
    properties[`${SETTINGS_SECTION}.${key}`] = json;
  }
  return { title: "Django Deploy", properties };
}
