/**
 * The offline inbound parse, in Node: `understandInvite` (MIME, calendar repair and parse, time
 * zones, people, plan) over every invite fixture, against the bare libraries on the same bytes
 * (`PostalMime.parse`, then `ICAL.parse` of each calendar-looking attachment, or of the bytes
 * themselves for a bare .ics). Each round visits every file once and times both, in an order
 * that alternates per round, so JIT warm-up, GC and CPU frequency fall on both alike.
 */
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import PostalMime, { type Attachment } from "postal-mime";
import { understandInvite } from "../../src/inbound/invite";
import { inviteFixtures, median, note, percentile, relativeToRoot, sum } from "./lib";

export interface InboundOptions {
  rounds: number;
  warmupRounds: number;
}

export interface InboundResult {
  files: number;
  p50Ms: number;
  p99Ms: number;
  oursTotalMs: number;
  bareTotalMs: number;
  ratio: number;
  /** Per file: median ms of ours and of bare, for spotting where the overhead lives. */
  perFile: { file: string; oursMs: number; bareMs: number }[];
}

const NOW = Date.parse("2026-11-26T12:00:00Z");
const OPTIONS = { user: "jane@example.com", defaultTimeZone: "America/New_York", inboxAddress: "meet@rapport.localhost", now: NOW };

const CALENDAR_TYPES = new Set(["text/calendar", "application/ics", "text/x-vcalendar", "application/x-ics"]);
const utf8 = new TextDecoder();

function calendarLooking(attachment: Attachment): boolean {
  return CALENDAR_TYPES.has(attachment.mimeType.toLowerCase()) || /\.(ics|vcs|ical|ifb)$/i.test(attachment.filename ?? "");
}

function tryIcal(text: string): void {
  try {
    ICAL.parse(text);
  } catch {
    // Some corpus calendars are malformed; the bare library gives up on them, and that is its cost.
  }
}

/** What the bare libraries would do with the message: the baseline Rapport's overhead is measured against. */
async function bare(raw: Uint8Array, isIcs: boolean): Promise<void> {
  if (isIcs) {
    tryIcal(utf8.decode(raw));
    return;
  }
  const email = await PostalMime.parse(raw);
  for (const attachment of email.attachments) {
    if (!calendarLooking(attachment)) continue;
    tryIcal(typeof attachment.content === "string" ? attachment.content : utf8.decode(attachment.content));
  }
}

async function ours(raw: Uint8Array): Promise<void> {
  await understandInvite(raw, OPTIONS);
}

export async function benchInbound(options: InboundOptions): Promise<InboundResult> {
  const files = inviteFixtures();
  const inputs = files.map((file) => ({ file, raw: new Uint8Array(readFileSync(file)), isIcs: /\.ics$/i.test(file) }));
  note(`inbound: ${inputs.length} fixtures, ${options.warmupRounds} warm-up + ${options.rounds} rounds`);

  const oursTimes: number[][] = inputs.map(() => []);
  const bareTimes: number[][] = inputs.map(() => []);
  for (let round = 0; round < options.warmupRounds + options.rounds; round += 1) {
    const measured = round >= options.warmupRounds;
    for (const [index, input] of inputs.entries()) {
      const order = round % 2 === 0 ? ["ours", "bare"] : ["bare", "ours"];
      for (const which of order) {
        const start = performance.now();
        if (which === "ours") await ours(input.raw);
        else await bare(input.raw, input.isIcs);
        const elapsed = performance.now() - start;
        if (measured) (which === "ours" ? oursTimes : bareTimes)[index]!.push(elapsed);
      }
    }
  }

  const allOurs = oursTimes.flat();
  const oursTotalMs = sum(allOurs);
  const bareTotalMs = sum(bareTimes.flat());
  return {
    files: inputs.length,
    p50Ms: percentile(allOurs, 0.5),
    p99Ms: percentile(allOurs, 0.99),
    oursTotalMs,
    bareTotalMs,
    ratio: oursTotalMs / bareTotalMs,
    perFile: inputs.map((input, index) => ({
      file: relativeToRoot(input.file),
      oursMs: median(oursTimes[index]!),
      bareMs: median(bareTimes[index]!),
    })),
  };
}
