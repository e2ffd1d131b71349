// The bytes of a file under tests/fixtures/, read from disk: for the unit tests, which run in
// Node. Tests inside workerd use fixtures.ts, which gets the same bytes through a binding.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../fixtures/", import.meta.url));

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(root + path));
}
