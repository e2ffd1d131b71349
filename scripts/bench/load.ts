/**
 * Inbound throughput through the real local stack: the Worker as `npm start` runs it (wrangler
 * dev, migrations applied, the local defaults, dev outbox), but on a spare port with throwaway
 * state (scripts/local-worker.ts, shared with the demo). Distinct invites (the synthetic Apple
 * invite, each with its own Message-ID, UID, date and summary, from a few senders) are posted to
 * the local email endpoint with a fixed number in flight; then the dev outbox must hold exactly
 * one confirmation per invite and nothing else: a lost or doubled one fails the benchmark.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { startLocalWorker, type LocalWorker } from "../local-worker";
import { note, ROOT } from "./lib";

export interface LoadOptions {
  messages: number;
  inFlight: number;
}

export interface LoadResult {
  messages: number;
  seconds: number;
  perSecond: number;
  confirmed: number;
  /** Invites answered by anything but exactly one confirmation (none, two, or an error). */
  problems: string[];
}

const SENDERS = [
  { name: "Jane Doe", address: "jane@example.com" },
  { name: "Bob Stone", address: "bob@example.org" },
  { name: "Carol Diaz", address: "carol@example.net" },
  { name: "Dan Wu", address: "dan@college.example" },
];

const WARM_UP = 3;

function stamp(day: Date): string {
  return day.toISOString().slice(0, 10).replace(/-/g, "");
}

/** The synthetic Apple invite made distinct: message IDs, UID, meeting date and summary. */
function invites(count: number): { from: string; raw: string }[] {
  const template = readFileSync(join(ROOT, "tests/fixtures/synthetic/apple-icloud-invite.eml"), "utf8");
  return Array.from({ length: count }, (_, index) => {
    const sender = SENDERS[index % SENDERS.length]!;
    const tag = String(index).padStart(4, "0");
    const day = stamp(new Date(Date.now() + (7 + (index % 20)) * 86_400_000));
    const raw = template
      .replaceAll("5D0E4A2B-7C91-4F3A-B6D8-9E0F1A2B3C4D@example.com", `load-${tag}-${Date.now()}@example.com`)
      .replaceAll("0F3C9B7A-2D4E-4C1B-8E6F-A1B2C3D4E5F6@imip.me.com", `load-inner-${tag}@imip.me.com`)
      .replaceAll("8C1B2E4F-6A7D-4B3E-9F21-0D5C7E9A1B2C", `LOAD-${tag}-8C1B2E4F-6A7D-4B3E`)
      .replaceAll("SUMMARY:Coffee with Sam Lee", `SUMMARY:Coffee with Sam Lee #${tag}`)
      .replaceAll("20261208T", `${day}T`)
      .replaceAll("jane@example.com", sender.address)
      .replaceAll("Jane Doe", sender.name);
    if (!raw.includes(`#${tag}`) || !raw.includes(`LOAD-${tag}`)) throw new Error("the synthetic Apple invite changed: update the load benchmark's substitutions");
    return { from: sender.address, raw };
  });
}

async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function post(base: string, invite: { from: string; raw: string }): Promise<void> {
  const url = `${base}/cdn-cgi/handler/email?from=${encodeURIComponent(invite.from)}&to=meet@rapport.localhost`;
  const response = await fetch(url, { method: "POST", body: invite.raw });
  const body = await response.text();
  if (!response.ok) throw new Error(`email endpoint answered ${response.status}: ${body.slice(0, 300)}`);
}

/** Posts every invite, `inFlight` at a time. */
async function postAll(base: string, all: { from: string; raw: string }[], inFlight: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < all.length) {
      const invite = all[next++]!;
      await post(base, invite);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, all.length) }, worker));
}

export async function benchLoad(options: LoadOptions): Promise<LoadResult> {
  const all = invites(options.messages + WARM_UP);
  const port = await sparePort();
  note(`load: starting the local Worker on port ${port}...`);
  let worker: LocalWorker | null = null;
  // Ctrl-C or a CI timeout: still take wrangler's process group down with us.
  const interrupted = (signal: NodeJS.Signals) => {
    worker?.stop();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    worker = await startLocalWorker(port);
    // A few first, so start-up compilation is not counted as throughput.
    await postAll(worker.base, all.slice(0, WARM_UP), 1);
    note(`load: posting ${options.messages} invites, ${options.inFlight} in flight...`);
    const started = performance.now();
    await postAll(worker.base, all.slice(WARM_UP), options.inFlight);
    const seconds = (performance.now() - started) / 1000;

    const outbox = (await (await fetch(`${worker.base}/dev/outbox.json`)).json()) as { Tag: string; Subject: string; To: string }[];
    const confirmations = new Map<string, number>();
    const problems: string[] = [];
    for (const email of outbox) {
      const tag = /#(\d{4})\b/.exec(email.Subject)?.[1];
      if (email.Tag !== "confirm" || !tag) {
        problems.push(`unexpected ${email.Tag} email to ${email.To}: ${email.Subject}`);
        continue;
      }
      confirmations.set(tag, (confirmations.get(tag) ?? 0) + 1);
    }
    for (let index = 0; index < all.length; index += 1) {
      const tag = String(index).padStart(4, "0");
      const count = confirmations.get(tag) ?? 0;
      if (count !== 1) problems.push(`invite #${tag}: ${count} confirmations`);
    }
    let confirmed = 0;
    for (let index = WARM_UP; index < all.length; index += 1) if (confirmations.get(String(index).padStart(4, "0")) === 1) confirmed += 1;
    note(`load: ${options.messages} invites in ${seconds.toFixed(2)} s; outbox holds ${outbox.length} emails`);
    for (const problem of problems.slice(0, 20)) note(`load: ${problem}`);
    return { messages: options.messages, seconds, perSecond: options.messages / seconds, confirmed, problems };
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    worker?.stop();
  }
}
