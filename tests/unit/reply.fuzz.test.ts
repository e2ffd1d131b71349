// Property: whatever is done to a real reply (truncated, bytes flipped, lines duplicated or
// swapped, huge lines, deep `>` quoting, HTML soup), reading it never throws, returns text no
// longer than the input's first part, and reads to commands whose text is bounded.
// A random seed each run (fast-check prints it on failure; FUZZ_SEED=<seed> replays it);
// FUZZ_RUNS=5000 for a deeper run.
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_COMMANDS, MAX_REPLY_CHARS, readReply } from "../../src/replies/commands";
import { newReplyText } from "../../src/replies/quote";
import { fixture } from "../support/fixture-files";

const RUNS = Number(process.env.FUZZ_RUNS ?? "200");
const SEED = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {};
const dir = new URL("../fixtures/replies/", import.meta.url);
const seeds = readdirSync(dir, { recursive: true })
  .map(String)
  .filter((name) => /\.(txt|html)$/.test(name))
  .map((name) => ({ html: name.endsWith(".html"), text: new TextDecoder().decode(fixture(`replies/${name}`)) }));

const mutation: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1))),
  fc.array(fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 10 }).map(
    (edits) => (text: string) => edits.reduce((t, [at, s]) => (t.length ? t.slice(0, at % t.length) + s + t.slice((at % t.length) + 1) : s), text),
  ),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (text: string) => {
    const lines = text.split("\n");
    const i = a % lines.length;
    const j = b % lines.length;
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join("\n");
  }),
  fc.nat().map((a) => (text: string) => {
    const lines = text.split("\n");
    lines.splice(a % lines.length, 0, ...Array(50).fill(lines[a % lines.length]!));
    return lines.join("\n");
  }),
  fc.integer({ min: 1, max: 200_000 }).map((n) => (text: string) => `${"x".repeat(n)}\n${text}`),
  fc.integer({ min: 1, max: 100_000 }).map((n) => (text: string) => `${">".repeat(n)} sent\n${text}`),
  fc.constantFrom("<blockquote>", "</div>", "<br>", "On Tue, Dec 8, 2026 at 1:30 PM Rapport wrote:", "-----Original Message-----", "-- ").map(
    (marker) => (text: string) => `${marker}\n${text}\n${marker.repeat(1000)}`,
  ),
);

describe("reading hostile replies", () => {
  it("never throws, and stays bounded", { timeout: 10_000 + RUNS * 20 }, () => {
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (seed, mutations) => {
        const { html, text } = seeds[seed]!;
        const mutated = mutations.reduce((t, mutate) => mutate(t), text);
        const fresh = html ? newReplyText(null, mutated) : newReplyText(mutated, null);
        expect(fresh.length).toBeLessThanOrEqual(64 * 1024);
        const commands = readReply(fresh, { now: Date.parse("2026-12-08T15:00:00Z"), timeZone: "UTC", to: "digest" });
        expect(commands.length).toBeLessThanOrEqual(MAX_COMMANDS);
        for (const command of commands) {
          if ("text" in command) expect(command.text.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
        }
      }),
      { numRuns: RUNS, ...SEED },
    );
  });
});
