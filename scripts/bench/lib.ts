/**
 * Shared pieces of `npm run bench`: the result lines (the only thing on stdout), progress on
 * stderr, the fixture list and small statistics helpers.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** One result: `name: value unit`, the benchmarks' whole stdout contract (docs/design.md §8). */
export function result(name: string, value: number, unit: string, digits = 2): void {
  process.stdout.write(`${name}: ${value.toFixed(digits)} ${unit}\n`);
}

/** Progress and diagnostics: stderr, so stdout stays machine-readable. */
export function note(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Every .eml and .ics under tests/fixtures/corpus and tests/fixtures/synthetic, sorted. */
export function inviteFixtures(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(eml|ics)$/i.test(name)) files.push(path);
    }
  };
  walk(join(ROOT, "tests/fixtures/corpus"));
  walk(join(ROOT, "tests/fixtures/synthetic"));
  return files;
}

export function relativeToRoot(path: string): string {
  return relative(ROOT, path);
}

/** The p-th percentile (0..1) by nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function median(values: number[]): number {
  return percentile(values, 0.5);
}
