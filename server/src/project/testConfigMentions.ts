// Where the test runners' configuration names a settings module: pytest-django's options in
// pytest.ini, setup.cfg, tox.ini and pyproject.toml, and tox's setenv and commands. Apart from
// mentions.ts, which reads what runs the site, because these files only ever name test profiles.
import { basename } from "node:path";
import { parse as parseToml } from "smol-toml";
import { readConfigFile } from "./configFile";
import { type Mention, mention, VARIABLE } from "./mentions";
import type { FileSystemHost } from "./workspace";

/** pytest.ini, tox.ini, setup.cfg and pyproject.toml: the settings pytest-django and tox use. */
export function testConfigMentions(file: string, host: FileSystemHost): Mention[] {
  const text = host.readFile(file);
  if (text === undefined) return [];
  const name = basename(file);
  const found: Mention[] = [];
  const fromOptions = (value: string, line: number, says: string) => {
    const match =
      /(?:^|\s)--ds[=\s]+([A-Za-z_][\w.]*)/.exec(value) ??
      /(?:^|\s)--settings[=\s]+([A-Za-z_][\w.]*)/.exec(value);
    if (match) found.push(...mention(match[1], "test", file, line, says));
  };
  try {
    if (name === "pyproject.toml") {
      const document = parseToml(text) as Record<
        string,
        Record<string, Record<string, Record<string, unknown>>>
      >;
      const options = document.tool?.pytest?.ini_options ?? {};
      const lines = text.split(/\r?\n/);
      const lineOf = (key: string) =>
        Math.max(
          0,
          lines.findIndex((line) => new RegExp(`^\\s*["']?${key}["']?\\s*=`).test(line)),
        );
      const value = options[VARIABLE];
      if (typeof value === "string")
        found.push(
          ...mention(
            value,
            "test",
            file,
            lineOf(VARIABLE),
            `${VARIABLE} in [tool.pytest.ini_options] of ${name}`,
          ),
        );
      const addopts = options.addopts;
      const text2 = Array.isArray(addopts) ? addopts.join(" ") : typeof addopts === "string" ? addopts : "";
      fromOptions(text2, lineOf("addopts"), `addopts of [tool.pytest.ini_options] in ${name}`);
      return found;
    }
    for (const section of readConfigFile(text)) {
      const pytest = section.name === "pytest" || section.name === "tool:pytest";
      for (const entry of section.entries) {
        const key = entry.key.toLowerCase();
        if (pytest && key === VARIABLE.toLowerCase())
          found.push(
            ...mention(
              entry.value.trim(),
              "test",
              file,
              entry.line,
              `${VARIABLE} in [${section.name}] of ${name}`,
            ),
          );
        else if (pytest && key === "addopts")
          fromOptions(entry.value.replace(/\n/g, " "), entry.line, `addopts of [${section.name}] in ${name}`);
        else if (section.name.startsWith("testenv") && (key === "setenv" || key === "set_env")) {
          for (const line of entry.lines) {
            const match = /^DJANGO_SETTINGS_MODULE\s*=\s*(\S+)/.exec(line.text);
            if (match)
              found.push(
                ...mention(match[1], "test", file, line.line, `setenv of [${section.name}] in ${name}`),
              );
          }
        } else if (section.name.startsWith("testenv") && key === "commands") {
          for (const line of entry.lines)
            fromOptions(line.text, line.line, `commands of [${section.name}] in ${name}`);
        }
      }
    }
  } catch {
    // A configuration its reader rejects names no test settings.
  }
  return found;
}
