// Property: whatever is done to a real invite (truncated, bytes flipped, lines duplicated or
// swapped, huge folded lines, absurd dates, unknown charsets, deep nesting), the reader never
// throws out: it returns a meeting with sane instants or a typed error. A random seed each run
// (fast-check prints it on failure; FUZZ_SEED=<seed> replays it, set in vitest.config.ts);
// FUZZ_RUNS=5000 npx vitest run tests/integration/parser.fuzz.test.ts for a deeper run.
import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INVITE_ERROR_CODES } from "../../src/inbound/invite-error";
import { understandInvite } from "../../src/inbound/invite";
import { fixture } from "../support/fixtures";

const SEEDS = [
  "corpus/postal-mime/google-calendar-event.eml",
  "corpus/thunderbird/outlook-test-invite.eml",
  "corpus/calmailproc/test-10.eml",
  "corpus/calmailproc/test-17-1.eml",
  "corpus/node-ical/ms_timezones.ics",
  "corpus/calcard/199.ics",
  "synthetic/apple-icloud-invite.eml",
];
const RUNS = Number(env.FUZZ_RUNS ?? "150");
const SEED = env.FUZZ_SEED ? { seed: Number(env.FUZZ_SEED) } : {};
/** Instants an invite may name: the reader refuses years outside 1900–2200. */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(2201, 0, 1);
const NOW = Date.parse("2026-11-26T00:00:00Z");

const encoder = new TextEncoder();
const decoder = new TextDecoder("latin1");
const lines = (bytes: Uint8Array) => decoder.decode(bytes).split("\n");
const join = (parts: string[]) => Uint8Array.from([...parts.join("\n")].map((c) => c.charCodeAt(0) & 0xff));

type Mutation = (input: Uint8Array) => Uint8Array;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at) => (input: Uint8Array) => input.slice(0, at % (input.length + 1))),
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }).map(
    (flips) => (input: Uint8Array) => {
      const out = input.slice();
      for (const [at, value] of flips) if (out.length > 0) out[at % out.length] = value;
      return out;
    },
  ),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (input: Uint8Array) => {
    const all = lines(input);
    const i = a % all.length;
    const j = b % all.length;
    [all[i], all[j]] = [all[j]!, all[i]!];
    return join(all);
  }),
  fc.nat().map((a) => (input: Uint8Array) => {
    const all = lines(input);
    const i = a % all.length;
    all.splice(i, 0, all[i]!, all[i]!);
    return join(all);
  }),
  fc.integer({ min: 1, max: 200_000 }).map((size) => (input: Uint8Array) => {
    const all = lines(input);
    const folded = `X-JUNK:${"a".repeat(size)}`.match(/.{1,74}/g)!.join("\r\n ");
    all.splice(Math.min(5, all.length), 0, folded);
    return join(all);
  }),
  fc.stringMatching(/^\d{8}T\d{6}Z?$/).map((value) => (input: Uint8Array) => {
    return join(lines(input).map((line) => line.replace(/^(DTSTART|DTEND|RECURRENCE-ID)([^:]*):.*$/i, `$1$2:${value}`)));
  }),
  fc.constantFrom("x-unknown-8bit", "utf-7", "", "\"").map((charset) => (input: Uint8Array) => {
    return join(lines(input).map((line) => line.replace(/charset="?[^;"\s]*"?/gi, `charset=${charset}`)));
  }),
  fc.integer({ min: 1, max: 300 }).map((depth) => (input: Uint8Array) => {
    const open = Array.from({ length: depth }, (_, i) => `Content-Type: multipart/mixed; boundary="z${i}"\r\n\r\n--z${i}\r\n`).join("");
    return new Uint8Array([...encoder.encode(`Subject: nested\r\n${open}`), ...input]);
  }),
);

describe("the invite reader under hostile mutations of real invites", () => {
  // The timeout grows with FUZZ_RUNS so a deep run is not cut short; a hang still fails it.
  it("always ends in a meeting with sane times or a typed error", { timeout: 10_000 + RUNS * 20 }, async () => {
    const seeds = SEEDS.map((path) => fixture(path));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (seed, mutations) => {
        const input = mutations.reduce((bytes, mutate) => mutate(bytes), seeds[seed]!);
        const result = await understandInvite(input, { user: "jane@example.com", defaultTimeZone: "Europe/Berlin", now: NOW });
        if (!result.ok) {
          expect(INVITE_ERROR_CODES).toContain(result.error.code);
          expect(result.error.message.length).toBeGreaterThan(20);
          return;
        }
        for (const { event, plan } of result.invite.meetings) {
          expect(event.start).toBeGreaterThanOrEqual(EARLIEST);
          expect(event.start).toBeLessThan(LATEST);
          expect(event.end).toBeGreaterThanOrEqual(event.start);
          if (event.allDay) {
            expect(event.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(Date.parse(`${event.startDate}T00:00:00Z`)).not.toBeNaN();
          }
          for (const nudge of plan) {
            // Nothing is planned in the past, and nothing long after the meeting it is for.
            expect(nudge.dueAt).toBeGreaterThanOrEqual(NOW);
            expect(nudge.dueAt).toBeLessThanOrEqual(Math.max(event.end, NOW) + 120 * 86_400_000);
          }
        }
      }),
      { numRuns: RUNS, ...SEED },
    );
  });
});
