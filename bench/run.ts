// Benchmarks of the engine's hot paths. `npm run bench` prints a table and writes bench/results.md.
// Figures are medians of repeated runs in one process; compare ratios more than absolute times on a
// shared 2-core machine.
import { cpus } from "node:os";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DjangoProject } from "../server/src/engine/project";
import { evaluateModule } from "../server/src/evaluate/moduleEvaluator";
import { parseModule } from "../server/src/python/parse";
import { IncrementalDocument } from "../server/src/python/incrementalDocument";
import { generateSettingsModule } from "../test/helpers/generateSettings";
import { memoryHost, ROOT } from "../test/helpers/memoryProject";

interface Row {
  name: string;
  median: number;
  runs: number;
}

function measure(name: string, runs: number, body: (run: number) => void): Row {
  body(-1); // warm-up
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    body(run);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { name, median: times[Math.floor(times.length / 2)]!, runs };
}

const rows: Row[] = [];
const sizes = [1_000, 10_000, 50_000];
const modules = new Map(sizes.map((size) => [size, generateSettingsModule(size, 11)]));

for (const size of sizes) {
  const text = modules.get(size)!;
  rows.push(
    measure(
      `parse, full, ${size.toLocaleString("en")} lines`,
      size >= 50_000 ? 5 : 15,
      () => void parseModule(text).statements,
    ),
  );
}

for (const size of sizes) {
  const text = modules.get(size)!;
  const document = new IncrementalDocument(text);
  const middle = text.indexOf("\n", Math.floor(text.length / 2));
  rows.push(
    measure(`parse, incremental after a 1-character edit, ${size.toLocaleString("en")} lines`, 30, (run) => {
      // Alternate inserting and deleting one character so the text stays the same size.
      document.update(
        run % 2 === 0
          ? [{ from: middle, to: middle, insert: "#" }]
          : [{ from: middle, to: middle + 1, insert: "" }],
      );
    }),
  );
}

for (const size of sizes) {
  const text = modules.get(size)!;
  const file = `${ROOT}/mysite/settings.py`;
  const document = new IncrementalDocument(`${text}DEBUG = True\n`);
  const middle = text.indexOf("\n", Math.floor(text.length / 2));
  const host = {
    ...memoryHost({
      "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
    }),
    parsed: (path: string) => (path === file ? document.module : undefined),
  };
  const base = memoryHost({
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
    "mysite/settings.py": document.module.text,
  });
  const project = new DjangoProject([ROOT], { ...base, parsed: host.parsed });
  rows.push(
    measure(
      `keystroke: incremental parse + evaluate + checks, ${size.toLocaleString("en")}-line settings module`,
      size >= 50_000 ? 9 : 21,
      (run) => {
        document.update(
          run % 2 === 0
            ? [{ from: middle, to: middle, insert: "#" }]
            : [{ from: middle, to: middle + 1, insert: "" }],
        );
        project.analyze();
      },
    ),
  );
}

{
  // Editing a small production.py that star-imports a 10,000-line base.py: base.py's evaluation is
  // reused while its text is unchanged.
  const production = `${ROOT}/mysite/settings/production.py`;
  const document = new IncrementalDocument(
    "from .base import *\n\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\n",
  );
  const files = {
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.production")\n',
    "mysite/__init__.py": "",
    "mysite/settings/__init__.py": "",
    "mysite/settings/base.py": modules.get(10_000)!,
    "mysite/settings/production.py": document.module.text,
  };
  const project = new DjangoProject([ROOT], {
    ...memoryHost(files),
    parsed: (path: string) => (path === production ? document.module : undefined),
  });
  const end = document.module.text.length;
  rows.push(
    measure("keystroke in production.py that star-imports a 10,000-line base.py", 21, (run) => {
      document.update(
        run % 2 === 0
          ? [{ from: end - 1, to: end - 1, insert: "#" }]
          : [{ from: end - 1, to: end, insert: "" }],
      );
      project.analyze();
    }),
  );
}

{
  const text = modules.get(10_000)!;
  const parsed = parseModule(text);
  void parsed.statements;
  rows.push(
    measure("evaluate only, 10,000 lines", 21, () => void evaluateModule(parsed, `${ROOT}/settings.py`)),
  );
}

{
  // A package whose __init__ star-imports 200 modules, each setting a few names and star-importing
  // a shared base: the shape of large split-settings projects.
  const files: Record<string, string> = {
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")\n',
    "config/__init__.py": "",
    "config/settings/base.py": "DEBUG = False\nSECRET_KEY = 'x' * 60\nALLOWED_HOSTS = ['example.com']\n",
  };
  const imports: string[] = [];
  for (let index = 0; index < 200; index++) {
    files[`config/settings/part${index}.py`] =
      `from .base import *\nSETTING_${index} = ${index}\nLIST_${index} = [${index}, "${index}"]\n`;
    imports.push(`from .part${index} import *`);
  }
  files["config/settings/__init__.py"] = `${imports.join("\n")}\n`;
  const host = memoryHost(files);
  rows.push(
    measure("first analysis of a 200-module star-import graph (parse + evaluate + checks)", 11, () => {
      new DjangoProject([ROOT], host).analyze();
    }),
  );
  const project = new DjangoProject([ROOT], host);
  rows.push(
    measure(
      "re-analysis of the 200-module graph, nothing changed (cached states)",
      21,
      () => void project.analyze(),
    ),
  );
}

{
  // Fifty settings modules importing each other in a ring: the cycle is reported, not followed.
  const files: Record<string, string> = {
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "ring.settings.m0")\n',
    "ring/__init__.py": "",
    "ring/settings/__init__.py": "",
  };
  for (let index = 0; index < 50; index++) {
    files[`ring/settings/m${index}.py`] =
      `from .m${(index + 1) % 50} import *\nSETTING_${index} = ${index}\n`;
  }
  const host = memoryHost(files);
  rows.push(
    measure("first analysis of a 50-module import cycle", 11, () => {
      new DjangoProject([ROOT], host).analyze();
    }),
  );
}

const table = [
  "| benchmark | median | runs |",
  "|---|---:|---:|",
  ...rows.map((row) => `| ${row.name} | ${row.median.toFixed(row.median < 10 ? 2 : 0)} ms | ${row.runs} |`),
].join("\n");
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`;
console.log(table);
console.log(`\n${machine}`);
if (!process.argv.includes("--no-write")) {
  writeFileSync(
    join(__dirname, "results.md"),
    `# Benchmark results\n\nProduced by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}; ${machine}.\nMedians of the runs listed, after one warm-up run, in one process.\n\n${table}\n`,
  );
}
