// INI files as Python reads them (configparser; pytest's iniconfig agrees on what matters here):
// setup.cfg, tox.ini and pytest.ini. `[section]` headers, `key = value` or `key: value`, whole-line
// comments with `#` or `;`, and values continued on the following indented lines (how setup.cfg
// lists install_requires and tox.ini its setenv). Keys keep their case; each value line keeps its
// 0-based line number. The `ini` package on npm reads neither continuation lines nor gives lines,
// hence this reader.

export interface ConfigEntry {
  key: string;
  /** The value with its continuation lines, joined with "\n", as configparser returns it. */
  value: string;
  line: number;
  /** Each non-empty line of the value (the first one's text after the delimiter), with its line. */
  lines: { text: string; line: number }[];
}

export interface ConfigSection {
  name: string;
  line: number;
  entries: ConfigEntry[];
}

export function readConfigFile(text: string): ConfigSection[] {
  const sections: ConfigSection[] = [];
  let section: ConfigSection | undefined;
  let entry: ConfigEntry | undefined;
  let entryIndent = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const indent = /^\s*/.exec(raw)![0].length;
    const content = raw.trim();
    if (/^[#;]/.test(content)) return;
    if (content === "") return;
    if (entry && indent > entryIndent) {
      entry.lines.push({ text: content, line: index });
      entry.value += `\n${content}`;
      return;
    }
    entry = undefined;
    const header = /^\[([^\]]+)\]/.exec(content);
    if (header) {
      section = { name: header[1]!.trim(), line: index, entries: [] };
      sections.push(section);
      return;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(content);
    if (!pair || !section) return;
    const value = pair[2]!;
    entry = {
      key: pair[1]!,
      value,
      line: index,
      lines: value === "" ? [] : [{ text: value, line: index }],
    };
    entryIndent = indent;
    section.entries.push(entry);
  });
  return sections;
}

/** The entries named `key` (case-insensitive) in the sections `sectionName` accepts. */
export function configEntries(
  sections: readonly ConfigSection[],
  accept: (sectionName: string) => boolean,
  key: string,
): ConfigEntry[] {
  return sections
    .filter((section) => accept(section.name))
    .flatMap((section) => section.entries.filter((entry) => entry.key.toLowerCase() === key.toLowerCase()));
}
