// The figures' bookkeeping of the programs' benchmark (bench/process.ts): each figure recorded from
// its samples (p50, p95, min–max) and printed as it is taken, the notes that go with them, and the
// results table.

export interface Figure {
  /** What was measured, as a table row names it. */
  name: string;
  unit: "ms" | "KiB" | "MiB" | "×";
  p50: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

export const figures: Figure[] = [];
export const notes: string[] = [];

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

export function record(name: string, unit: Figure["unit"], samples: number[]): Figure {
  if (samples.length === 0) throw new Error(`no samples for ${name}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const figure = {
    name,
    unit,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    runs: samples.length,
  };
  figures.push(figure);
  console.log(`${name}: p50 ${format(figure.p50, unit)}, p95 ${format(figure.p95, unit)}`);
  return figure;
}

function format(value: number, unit: Figure["unit"]): string {
  if (unit === "×") return `${value.toFixed(2)}×`;
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

export const lines = (count: number) => count.toLocaleString("en");

export function table(): string {
  return [
    "| figure | p50 | p95 | min – max | runs |",
    "|---|---:|---:|---:|---:|",
    ...figures.map(
      (figure) =>
        `| ${figure.name} | ${format(figure.p50, figure.unit)} | ${format(figure.p95, figure.unit)} | ${format(figure.min, figure.unit)} – ${format(figure.max, figure.unit)} | ${figure.runs} |`,
    ),
  ].join("\n");
}
