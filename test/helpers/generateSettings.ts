// Generates long, realistic-looking settings modules for the parser's large-file test and the
// benchmarks. Deterministic for a given seed.

export function generateSettingsModule(lines: number, seed = 1): string {
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32: small, fast and reproducible.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
  const out = [
    "import os",
    "from pathlib import Path",
    "",
    "BASE_DIR = Path(__file__).resolve().parent.parent",
    "",
  ];
  let index = 0;
  while (out.length < lines) {
    index++;
    const r = random();
    if (r < 0.15) out.push(`SETTING_${index} = os.environ.get("V${index}", "x${index}")`);
    else if (r < 0.25) out.push(`DICT_${index} = {`, `    "a": ${index},`, `    "b": [1, 2, 3],`, "}");
    else if (r < 0.4) out.push("", `# comment ${index}`);
    else if (r < 0.5) out.push("");
    else if (r < 0.55)
      out.push(
        `if os.environ.get("X${index}"):`,
        `    COND_${index} = True`,
        "elif BASE_DIR:",
        `    COND_${index} = 3`,
        "else:",
        `    COND_${index} = False`,
      );
    else if (r < 0.6) out.push("try:", `    LOCAL_${index} = 1`, "except ImportError:", "    pass");
    else if (r < 0.65) out.push(`FSTR_${index} = f"{BASE_DIR}/x${index}"`);
    else if (r < 0.7) out.push(`LIST_${index} = [x for x in range(${index})]`);
    else if (r < 0.75) out.push(`PATH_${index} = BASE_DIR / "x" / "y${index}"`);
    else if (r < 0.8)
      out.push(
        `MIDDLEWARE_${index} = ["a", "b"]`,
        `MIDDLEWARE_${index} += ["c"]`,
        `MIDDLEWARE_${index}.append("d")`,
      );
    else if (r < 0.85) out.push(`T_${index}, U_${index} = 1, 2`);
    else if (r < 0.9) out.push(`from os.path import join as join_${index}`);
    else out.push(`INT_${index} = ${index} * 2  # trailing`);
  }
  return `${out.join("\n")}\n`;
}
