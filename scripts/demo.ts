/**
 * `npm run demo`: the whole journey offline. Starts a local Worker on its own throwaway state,
 * forwards a sample invite for a coffee ten days out, runs the cron at each moment that
 * matters, replies "sent" to the thank-you prompt (so no follow-up comes), and prints each
 * email as the user would see it. Needs no account and no network.
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

/** Jane answers the thank-you prompt with "sent", as she would from her mail app. */
async function replySent(to: OutboundEmail, at: number): Promise<void> {
  const raw = [
    "From: Jane Doe <jane@example.com>",
    `To: ${to.ReplyTo}`,
    `Subject: Re: ${to.Subject}`,
    `Message-ID: <demo-reply-${at}@example.com>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "sent",
    "",
    "On Sunday, Rapport wrote:",
    "> How did it go with Sam Lee?",
    "",
  ].join("\r\n");
  console.log(`\nJane replies \u201csent\u201d to the thank-you prompt.`);
  await fetch(`${BASE}/cdn-cgi/handler/email?from=${USER}&to=${encodeURIComponent(to.ReplyTo)}`, { method: "POST", body: raw });
  await printNewEmails(at);
}

async function main(): Promise<void> {
  console.log("Starting a local Rapport (throwaway state, dev outbox, no network)...");
  const worker = await startLocalWorker(PORT);
  BASE = worker.base;
  try {

    const now = Date.now();
    const { raw, start, end } = invite(now);
    console.log(`\nJane forwards Sam's invitation for ${dayAndTime(start, ZONE)} to meet@rapport.localhost.`);
    await fetch(`${BASE}/cdn-cgi/handler/email?from=${USER}&to=meet@rapport.localhost`, { method: "POST", body: raw });
    await printNewEmails(now);

    const moments = [...planMeetingNudges({ startsAt: start, endsAt: end }, ZONE, now).map((n) => n.dueAt), nextDigestAt(now, ZONE)].sort((a, b) => a - b);
    for (const at of moments) {
      // The cron tick puts what is due on the queue; cron() waits until the consumer sent it.
      await worker.cron(at);
      const thanks = (await printNewEmails(at)).find((email) => email.Tag === "thanks");
      if (thanks) await replySent(thanks, at);
    }
    console.log(`\n${shown} emails. Run \`npm start\` and open http://127.0.0.1:8787/dev/outbox to try it yourself.`);
  } finally {
    worker.stop();
  }
}

await main();
