// What a person sees, in a real browser: the contacts page on a phone-sized screen (reached
// from the digest's link) and the dev outbox. Screenshots land in test-artifacts/.
import { mkdirSync, readFileSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboundEmail } from "../../src/mail/mailer";
import { startLocalWorker, type LocalWorker } from "../../scripts/local-worker";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = "test-artifacts";
const DAY = 86_400_000;

let worker: LocalWorker;
let browser: Browser;

async function outbox(): Promise<OutboundEmail[]> {
  return (await (await fetch(`${worker.base}/dev/outbox.json`)).json()) as OutboundEmail[];
}

async function email(to: string, raw: string): Promise<void> {
  const response = await fetch(`${worker.base}/cdn-cgi/handler/email?from=jane@example.com&to=${encodeURIComponent(to)}`, { method: "POST", body: raw });
  expect(response.ok).toBe(true);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  worker = await startLocalWorker(8797);
  // Jane forwards Sam's invite, replies to the confirmation with a note, and a digest goes out.
  await email("meet@rapport.localhost", readFileSync("tests/fixtures/synthetic/apple-icloud-invite.eml", "utf8"));
  const confirm = (await outbox())[0]!;
  await email(
    confirm.ReplyTo,
    [
      "From: Jane Doe <jane@example.com>",
      `To: ${confirm.ReplyTo}`,
      `Subject: Re: ${confirm.Subject}`,
      "Message-ID: <browser-note@example.com>",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "note: ask Sam about the robotics PM opening",
      "",
    ].join("\r\n"),
  );
  // The cron, then the queue drained: the digest is in the outbox once cron() returns.
  await worker.cron(Date.now() + 40 * DAY);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
  worker?.stop();
});

describe("in a real browser", () => {
  it("the digest's link opens the contacts page, readable on a phone", async () => {
    const digest = (await outbox()).find((m) => m.Tag === "digest")!;
    const link = /http:\/\/127\.0\.0\.1:8797\/me\/[a-z2-7]+/.exec(digest.TextBody)![0];
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await page.goto(link);

    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Jane's contacts");
    const card = page.getByRole("article", { name: "Sam Lee" });
    expect(await card.textContent()).toContain("Acme Robotics");
    expect(await card.textContent()).toContain("Tuesday 8 December, 12:00: Coffee with Sam Lee");
    expect(await card.textContent()).toContain("ask Sam about the robotics PM opening");
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${ARTIFACTS}/contacts-page-phone.png`, fullPage: true });
    await page.close();
  });

  it("the dev outbox shows each email as the user would see it, newest first", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${worker.base}/dev/outbox`);
    const subjects = await page.locator("article h2").allTextContents();
    // Newest first: the forward's confirmation is the oldest, so it comes last.
    expect(subjects.at(-1)).toMatch(/^Got it: Coffee with Sam Lee/);
    expect(subjects).toContainEqual(expect.stringMatching(/^Your \w+: /));
    expect(subjects).toContain("Time to check in with Sam Lee");
    const frame = page.frameLocator("article iframe").last();
    expect(await frame.locator("body").textContent()).toContain("Blue Bottle Coffee");
    await page.screenshot({ path: `${ARTIFACTS}/dev-outbox.png` });
    await page.close();
  });
});
