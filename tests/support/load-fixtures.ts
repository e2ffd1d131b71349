// Runs in Node (vitest.config.ts): reads every file under tests/fixtures/ and hands the exact
// bytes to the Workers runtime as one JSON binding (base64 per file), since tests inside
// workerd cannot read the file system. tests/support/fixtures.ts decodes them again.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export function loadFixtures(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith(".md")) files[relative(root, path)] = readFileSync(path).toString("base64");
    }
  };
  walk(root);
  return files;
}
