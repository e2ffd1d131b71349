/**
 * `npm run demo`: the whole journey offline. Starts a local Worker on its own throwaway state,
 * forwards a sample invite for a coffee ten days out, tells Rapport her goal, runs the cron at
 * each moment that matters, answers the thank-you prompt with a debrief (and gets the draft back
 * in her words), replies "sent" to it (so no follow-up comes), and prints each email as the user
 * would see it, up to the digest that lists the person she was told to meet. Needs no account
 * and no network.
 *
 * The moments come from Rapport's own planning code, so the demo shows the real schedule.
 */
import { dayAndTime } from "../src/compose/format";
import type { OutboundEmail } from "../src/mail/mailer";
import { nextDigestAt, planMeetingNudges } from "../src/nudges/plan";
import { addLocalDays, atClock, localToUtc, utcToLocal } from "../src/time/zoned";
import { startLocalWorker } from "./local-worker";

const PORT = 8799;
let BASE = "";
const ZONE = "America/New_York";
const USER = "jane@example.com";

function invite(now: number): { raw: string; start: number; end: number } {
  const day = addLocalDays(utcToLocal(now, ZONE), 10);
  const start = localToUtc(atClock(day, 12, 0), ZONE);
  const end = start + 30 * 60_000;
  const stamp = (instant: number) => new Date(instant).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  const wall = (instant: number) => {
    const l = utcToLocal(instant, ZONE);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${l.year}${p(l.month)}${p(l.day)}T${p(l.hour)}${p(l.minute)}00`;
  };
  const calendar = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "METHOD:REQUEST",
    "BEGIN:VEVENT",
    `DTSTART;TZID=${ZONE}:${wall(start)}`,
    `DTEND;TZID=${ZONE}:${wall(end)}`,
    `DTSTAMP:${stamp(now)}`,
    "ORGANIZER;CN=Sam Lee:mailto:sam.lee@acme-robotics.com",
    `UID:demo-${now}@google.com`,
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=Jane Doe:mailto:jane@example.com",
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Sam Lee:mailto:sam.lee@acme-robotics.com",
    "LOCATION:Blue Bottle Coffee\\, 1 Rockefeller Plaza\\, New York",
    "SEQUENCE:0",
    "STATUS:CONFIRMED",
    "SUMMARY:Coffee with Sam Lee (Acme Robotics)",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
  const raw = [
    "From: Jane Doe <jane@example.com>",
    "To: meet@rapport.localhost",
    "Subject: Fwd: Invitation: Coffee with Sam Lee (Acme Robotics)",
    `Message-ID: <demo-${now}@example.com>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="demo"',
    "",
    "--demo",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Coffee with Sam next week!",
    "--demo",
    "Content-Type: text/calendar; charset=utf-8; method=REQUEST",
    "",
    calendar,
    "--demo--",
    "",
  ].join("\r\n");
  return { raw, start, end };
}

let shown = 0;
async function printNewEmails(at: number): Promise<OutboundEmail[]> {
  const all = (await (await fetch(`${BASE}/dev/outbox.json`)).json()) as OutboundEmail[];
  const fresh = all.slice(shown);
  for (const email of all.slice(shown)) {
    const rule = "\u2500".repeat(72);
    console.log(`\n${rule}\n${dayAndTime(at, ZONE)} (${ZONE})  \u00b7  ${email.Tag}\nTo: ${email.To}\nSubject: ${email.Subject}`);
    if (email.Attachments.length > 0) console.log(`Attached: ${email.Attachments.map((a) => a.Name).join(", ")}`);
    console.log(`${rule}\n${email.TextBody}`);
  }
  if (all.length === shown) console.log(`\n(${dayAndTime(at, ZONE)}: nothing due)`);
  shown = all.length;
  return fresh;
}

/** Hands a message to the local Worker as Email Routing would, as of `at` (the dev-only inbound route). */
async function deliver(raw: string, to: string, at: number): Promise<void> {
  const response = await fetch(`${BASE}/dev/inbound?from=${USER}&to=${encodeURIComponent(to)}&time=${at}`, { method: "POST", body: raw });
  if (!response.ok) throw new Error(`the local inbound route answered ${response.status}`);
}

/** Jane answers one of Rapport's emails from her mail app, in her own words. */
async function replyTo(to: OutboundEmail, text: string, at: number): Promise<OutboundEmail[]> {
  const raw = [
    "From: Jane Doe <jane@example.com>",
    `To: ${to.ReplyTo}`,
    `Subject: Re: ${to.Subject}`,
    `Message-ID: <demo-reply-${at}-${shown}@example.com>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    ...text.split("\n"),
    "",
    "On Sunday, Rapport wrote:",
    `> ${to.TextBody.split("\n")[0]}`,
    "",
  ].join("\r\n");
  console.log(`\nJane replies to \u201c${to.Subject}\u201d:\n${text.split("\n").map((line) => `  | ${line}`).join("\n")}`);
  await deliver(raw, to.ReplyTo, at);
  return printNewEmails(at);
}

/** What Jane took away, in the three lines the thank-you prompt asks for. */
const DEBRIEF = [
  "learned: their robotics PMs spend half their time with warehouse customers",
  "suggested: Omar Reyes in their data team",
  "next: apply to the associate PM programme before January",
].join("\n");

async function main(): Promise<void> {
  console.log("Starting a local Rapport (throwaway state, dev outbox, no network)...");
  const worker = await startLocalWorker(PORT);
  BASE = worker.base;
  try {

    const now = Date.now();
    const { raw, start, end } = invite(now);
    console.log(`\nJane forwards Sam's invitation for ${dayAndTime(start, ZONE)} to meet@rapport.localhost.`);
    await deliver(raw, "meet@rapport.localhost", now);
    const confirmation = (await printNewEmails(now)).find((email) => email.Tag === "confirm");
    // The first confirmation asks what she is aiming for; her prep sheet uses the answer.
    if (confirmation) await replyTo(confirmation, "goal: move into product management", now + 60_000);

    const plan = planMeetingNudges({ startsAt: start, endsAt: end }, ZONE, now);
    const checkIn = plan.find((n) => n.kind === "keep_in_touch")!.dueAt;
    // The first digest (before the meeting: nothing due yet), and the first one after the check-in.
    const moments = [...plan.map((n) => n.dueAt), nextDigestAt(now, ZONE), nextDigestAt(checkIn, ZONE)].sort((a, b) => a - b);
    for (const at of moments) {
      // The cron tick puts what is due on the queue; cron() waits until the consumer sent it.
      await worker.cron(at);
      const thanks = (await printNewEmails(at)).find((email) => email.Tag === "thanks");
      if (thanks) {
        // She answers the debrief; the draft comes back in her words, and she sends it.
        const redraft = (await replyTo(thanks, DEBRIEF, at + 30 * 60_000)).find((email) => email.Tag === "reply_ack");
        if (redraft) await replyTo(redraft, "sent", at + 60 * 60_000);
      }
    }
    console.log(`\n${shown} emails. Run \`npm start\` and open http://127.0.0.1:8787/dev/outbox to try it yourself.`);
  } finally {
    worker.stop();
  }
}

await main();
