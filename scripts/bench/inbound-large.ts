/**
 * Two figures for the inbound path's worst inputs, in Node:
 * - `inbound_large_forward_ms`: median `understandInvite` on a forward carrying a 3 MB PDF
 *   (generated here, the same bytes every run), beside `inbound_large_bare_ms`, bare
 *   postal-mime on the same bytes (issue #12: under 10 ms, against ~60 ms for postal-mime);
 * - `inbound_hostile_worst_ms`: the costliest of a set of hostile calendars (impossible and
 *   costly repeat rules, one and 50 events each), median CPU time per calendar (issue #11:
 *   no calendar over 100 ms).
 */
import PostalMime from "postal-mime";
import { understandInvite } from "../../src/inbound/invite";
import { median } from "./lib";

const NOW = Date.parse("2026-11-26T12:00:00Z");
const OPTIONS = { user: "jane@example.com", defaultTimeZone: "America/New_York", inboxAddress: "meet@rapport.localhost", now: NOW };
const CRLF = "\r\n";

function base64Lines(bytes: Uint8Array): string {
  return (Buffer.from(bytes).toString("base64").match(/.{1,76}/g) ?? []).join(CRLF);
}

function calendar(uid: string, rule: string | null, start: string, events = 1): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rapport bench//EN", "METHOD:REQUEST"];
  for (let i = 0; i < events; i += 1) {
    lines.push("BEGIN:VEVENT", `UID:${uid}-${i}`, "DTSTAMP:20261120T100000Z", `DTSTART:${start}`, "DURATION:PT30M", "SUMMARY:Coffee with Priya");
    lines.push("ORGANIZER;CN=Priya Natarajan:mailto:priya@globex.example", "ATTENDEE;CN=Jane Doe:mailto:jane@example.com");
    if (rule) lines.push(`RRULE:${rule}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR", "");
  return lines.join(CRLF);
}

/** A forward as a mail client writes it: a note, the invite, and a 3 MB PDF (not compressible, like a real one). */
export function largeForward(): Uint8Array {
  let seed = 12345;
  const pdf = new Uint8Array(3 * 1024 * 1024).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
  const text = [
    "From: Jane Doe <jane@example.com>",
    "To: meet@rapport.localhost",
    "Subject: Fwd: Coffee with Priya",
    "Message-ID: <large-forward@example.com>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="outer"',
    "",
    "--outer",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Invite below; my resume is attached.",
    "--outer",
    "Content-Type: text/calendar; charset=utf-8; method=REQUEST",
    "",
    calendar("large", null, "20261201T100000Z"),
    "--outer",
    "Content-Type: application/pdf; name=resume.pdf",
    "Content-Disposition: attachment; filename=resume.pdf",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(pdf),
    "--outer--",
    "",
  ].join(CRLF);
  return new TextEncoder().encode(text);
}

const HOSTILE: [string, string][] = [
  ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "20261102T100000Z"],
  ["FREQ=SECONDLY", "20261102T100000Z"],
  ["FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "19000131T100000Z"],
  ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", "19000101T100000Z"],
  ["FREQ=YEARLY;BYDAY=MO;BYSETPOS=-1", "19000101T100000Z"],
  ["FREQ=YEARLY;BYDAY=1MO;BYMONTHDAY=15", "19000101T100000Z"],
  ["FREQ=WEEKLY;BYMONTH=2;BYDAY=MO,TU,WE,TH,FR,SA,SU;COUNT=5000", "19000101T100000Z"],
  ["FREQ=DAILY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "19000101T100000Z"],
  ["FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO,TU,WE,TH,FR,SA,SU", "19000101T100000Z"],
];

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export async function benchLarge(rounds: number): Promise<{ oursMs: number; bareMs: number }> {
  const raw = largeForward();
  const ours: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < rounds + 3; round += 1) {
    let start = performance.now();
    const result = await understandInvite(raw, OPTIONS);
    const oursElapsed = performance.now() - start;
    if (!result.ok) throw new Error(`the large forward was not understood: ${result.error.code}`);
    start = performance.now();
    await PostalMime.parse(raw);
    const bareElapsed = performance.now() - start;
    if (round >= 3) {
      ours.push(oursElapsed);
      bare.push(bareElapsed);
    }
  }
  return { oursMs: median(ours), bareMs: median(bare) };
}

export async function benchHostile(rounds: number): Promise<{ worstMs: number; worstCase: string }> {
  let worstMs = 0;
  let worstCase = "";
  for (const [rule, start] of HOSTILE) {
    for (const events of [1, 50]) {
      const raw = new TextEncoder().encode(calendar("hostile", rule, start, events));
      const times: number[] = [];
      for (let round = 0; round < rounds + 2; round += 1) {
        const before = cpuMs();
        await understandInvite(raw, OPTIONS);
        if (round >= 2) times.push(cpuMs() - before);
      }
      const ms = median(times);
      if (ms > worstMs) {
        worstMs = ms;
        worstCase = `${rule} x ${events}`;
      }
    }
  }
  return { worstMs, worstCase };
}
