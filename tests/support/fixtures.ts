// The bytes of a file under tests/fixtures/, exactly as committed (see load-fixtures.ts).
import { env } from "cloudflare:test";

export function fixture(path: string): Uint8Array {
  const encoded = env.FIXTURES[path];
  if (encoded === undefined) throw new Error(`no fixture ${path} (files live under tests/fixtures/)`);
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function fixtureText(path: string): string {
  return new TextDecoder().decode(fixture(path));
}
