/**
 * `npm run inspect -- <file.eml|file.ics> [--user EMAIL] [--now ISO] [--tz ZONE] [--inbox EMAIL]`
 *
 * Parses one message offline, exactly as the email handler would (no database, no sending),
 * and prints one JSON object: what Rapport understood, or the error a user would be told.
 * Exit code 0 when understood, 1 when not, 2 for a usage problem.
 */
import { readFile } from "node:fs/promises";
import { describeInvite } from "../inbound/describe";
import { understandInvite } from "../inbound/invite";
import { canonicalTimeZone } from "../time/zoned";

const USAGE = "usage: npm run inspect -- <file.eml|file.ics> [--user EMAIL] [--now ISO-8601] [--tz IANA-ZONE] [--inbox EMAIL]";

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  // Rapport's own address is never the interviewee, even when the user added it as a guest.
  const args = { file: "", user: null as string | null, now: Date.now(), tz: "UTC", inbox: process.env.INBOX_ADDRESS ?? null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const value = () => argv[++i] ?? fail(`${arg} needs a value`);
    if (arg === "--user") args.user = value();
    else if (arg === "--inbox") args.inbox = value();
    else if (arg === "--now") {
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
  return args;
}

const args = parseArgs(process.argv.slice(2));
let raw: Uint8Array;
try {
  raw = new Uint8Array(await readFile(args.file));
} catch (error) {
  fail(`cannot read ${args.file}: ${(error as Error).message}`);
}
const result = await understandInvite(raw, {
  user: args.user,
  inboxAddress: args.inbox,
  defaultTimeZone: args.tz,
  now: args.now,
});
process.stdout.write(`${JSON.stringify(describeInvite(result))}\n`);
process.exit(result.ok ? 0 : 1);
