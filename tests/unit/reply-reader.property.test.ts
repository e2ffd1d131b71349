// Properties of the reply reader over the phrasing table, with a random seed each run (fast-check
// prints it on failure; FUZZ_SEED=<seed> replays it):
//  - a command wrapped in politeness, punctuation and capitals is read the same;
//  - quoted text never yields a command, whatever it says.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readReply, type AnsweredKind, type Command } from "../../src/replies/commands";
import { newReplyText } from "../../src/replies/quote";

interface Phrasing {
  id: string;
  text: string;
  to: AnsweredKind;
  expected: Command[];
  now?: string;
  tz?: string;
}

const RUNS = Number(process.env.FUZZ_RUNS ?? "300");
const SEED = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {};
const table = JSON.parse(readFileSync(new URL("../fixtures/replies/phrasings.json", import.meta.url), "utf8")) as Phrasing[];

const clock = (entry: Phrasing) => ({ now: Date.parse(entry.now ?? "2026-12-08T15:00:00Z"), timeZone: entry.tz ?? "America/New_York" });
const read = (entry: Phrasing, text: string) => readReply(newReplyText(text, null), { ...clock(entry), to: entry.to });

// One command of a kind that carries no words of the user's (a name or a company would change
// with capitals), answering a reminder (where "ok"/"yes" wrapping means nothing on its own).
const WRAPPABLE = new Set(["done", "snooze", "skip", "stop", "cadence", "pause", "resume", "unsubscribe", "help", "delete_data", "new_feed_link"]);
const wrappable = table.filter(
  (entry) =>
    entry.expected.length === 1 &&
    WRAPPABLE.has(entry.expected[0]!.kind) &&
    entry.expected[0]!.item === undefined &&
    ["thanks", "thanks_followup", "keep_in_touch"].includes(entry.to) &&
    !entry.text.includes("\n") &&
    // An empty reply is answered with help: only a reply asking for it can be wrapped.
    (entry.expected[0]!.kind !== "help" || /help|\?/i.test(entry.text)) &&
    !/[?]/.test(entry.text),
);

const prefix = fc.constantFrom("", "ok ", "Ok, ", "Hi! ", "Hey, ", "please ", "Sure, ", "Thanks! ", "hi Rapport,\n\n");
const suffix = fc.constantFrom("", "!", "!!!", ".", " :)", " 🙏", " 👍", " thanks!", ", thank you", " please", " thx", "\n\nThanks,\nJane", "\n\nBest,\nJ");
const casing = fc.constantFrom<(text: string) => string>((t) => t, (t) => t.toUpperCase(), (t) => t.toLowerCase(), (t) => t.charAt(0).toUpperCase() + t.slice(1));

describe("the reply reader's properties", () => {
  it("reads a command the same whatever politeness, punctuation and capitals wrap it", () => {
    expect(wrappable.length).toBeGreaterThan(80);
    fc.assert(
      fc.property(fc.constantFrom(...wrappable), prefix, suffix, casing, (entry, before, after, cased) => {
        const text = `${before}${cased(entry.text.trim().replace(/[.!]+$/, ""))}${after}`;
        expect(read(entry, text)).toEqual(entry.expected);
      }),
      { numRuns: RUNS, ...SEED },
    );
  });

  it("never reads a command from quoted text, whatever the quote says", () => {
    const quoted = fc.constantFrom(...table).map((entry) => entry.text);
    const attribution = fc.constantFrom(
      "On Tue, Dec 8, 2026 at 10:00 AM Jane Doe <jane@example.com> wrote:",
      "Le mar. 8 déc. 2026 à 10:00, Jane Doe <jane@example.com> a écrit :",
      "Am 08.12.2026 um 10:00 schrieb Jane Doe <jane@example.com>:",
      "",
    );
    fc.assert(
      fc.property(fc.array(quoted, { minLength: 1, maxLength: 4 }), attribution, (texts, line) => {
        const body = `${line ? `${line}\n` : ""}${texts.join("\n\n").split(/\r?\n/).map((l) => `> ${l}`).join("\n")}\n`;
        const commands = readReply(newReplyText(body, null), { now: Date.parse("2026-12-08T15:00:00Z"), timeZone: "UTC", to: "keep_in_touch" });
        expect(commands).toEqual([{ kind: "help" }]);
      }),
      { numRuns: RUNS, ...SEED },
    );
  });
});
