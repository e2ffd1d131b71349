/**
 * `npm run inspect -- <file.eml|file.ics> [--user EMAIL] [--now ISO] [--tz ZONE] [--inbox EMAIL]`
 * `npm run inspect -- --reply <file.eml|file.txt> [--now ISO] [--tz ZONE] [--to KIND]`
 *
 * Reads one message offline, exactly as the email handler would (no database, no sending), and
 * prints one JSON object (docs/design.md §8): what Rapport understood of an invite, or the new text of a
 * reply and every command read from it, so anyone can see why it was or was not understood.
 * Exit code 0 when understood, 1 when an invite was not, 2 for a usage problem.
 */
import { readFile } from "node:fs/promises";
import { describeInvite } from "../inbound/describe";
import { understandInvite } from "../inbound/invite";
import { readReply } from "../replies/commands";
import { newReplyText } from "../replies/quote";
import { readReplyMessage } from "../replies/reply-body";
import { ANSWERED_KINDS, type AnsweredKind } from "../replies/reply-kinds";
import { canonicalTimeZone } from "../time/zoned";

const USAGE = [
  "usage: npm run inspect -- <file.eml|file.ics> [--user EMAIL] [--now ISO-8601] [--tz IANA-ZONE] [--inbox EMAIL]",
  "       npm run inspect -- --reply <file.eml|file.txt> [--now ISO-8601] [--tz IANA-ZONE] [--to KIND]",
  `       KIND: ${ANSWERED_KINDS.join(", ")}`,
].join("\n");

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  // Rapport's own address is never the interviewee, even when the user added it as a guest.
  const args = {
    file: "",
    user: null as string | null,
    now: Date.now(),
    tz: "UTC",
    inbox: process.env.INBOX_ADDRESS ?? null,
    reply: false,
    to: null as AnsweredKind | null,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const value = () => argv[++i] ?? fail(`${arg} needs a value`);
    if (arg === "--user") args.user = value();
    else if (arg === "--inbox") args.inbox = value();
    else if (arg === "--reply") args.reply = true;
    else if (arg === "--to") {
      const kind = value();
      if (!(ANSWERED_KINDS as readonly string[]).includes(kind)) fail(`--to is not an email kind: ${kind}`);
      args.to = kind as AnsweredKind;
    } else if (arg === "--now") {
      const text = value();
      args.now = Date.parse(text);
      if (Number.isNaN(args.now)) fail(`--now is not an ISO-8601 date: ${text}`);
    } else if (arg === "--tz") {
      const text = value();
      args.tz = canonicalTimeZone(text) ?? fail(`--tz is not an IANA time zone: ${text}`);
    } else if (arg === "--help" || arg === "-h") fail("");
    else if (arg.startsWith("--")) fail(`unknown option ${arg}`);
    else if (args.file) fail(`only one file at a time (got ${args.file} and ${arg})`);
    else args.file = arg;
  }
  if (!args.file) fail("no file given");
  if (args.reply && args.user) fail("--user is for invites, not replies");
  if (!args.reply && args.to) fail("--to is for replies (--reply)");
  return args;
}

const args = parseArgs(process.argv.slice(2));
let raw: Uint8Array;
try {
  raw = new Uint8Array(await readFile(args.file));
} catch (error) {
  fail(`cannot read ${args.file}: ${(error as Error).message}`);
}

if (args.reply) {
  // A whole message (.eml) is read as the Worker reads one; anything else is the body's text.
  const looksLikeMail = /\.eml$/i.test(args.file) || /^[\w-]+:[^\n]*\r?\n(?:[\w-]+:|[ \t])/.test(new TextDecoder().decode(raw.subarray(0, 2048)));
  const text = looksLikeMail ? (await readReplyMessage(raw)).newText : newReplyText(new TextDecoder().decode(raw), null);
  const commands = readReply(text, { now: args.now, timeZone: args.tz, to: args.to });
  process.stdout.write(`${JSON.stringify({ ok: true, text, commands })}\n`);
  process.exit(0);
}

const result = await understandInvite(raw, {
  user: args.user,
  inboxAddress: args.inbox,
  defaultTimeZone: args.tz,
  now: args.now,
});
process.stdout.write(`${JSON.stringify(describeInvite(result))}\n`);
process.exit(result.ok ? 0 : 1);
