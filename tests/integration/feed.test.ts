// The private calendar feed, parsed back with ical.js as a calendar app would: upcoming
// meetings with the wrap-up time, every pending nudge at its time, UIDs stable across
// fetches, a cancelled meeting gone, and a rotated link refused.
import { env } from "cloudflare:test";
import ICAL from "ical.js";
import { beforeEach, describe, expect, it } from "vitest";
import { buildDeps } from "../../src/deps";
import { createApp } from "../../src/http/app";
import { receiveInbound } from "../../src/router/receive";
import { outbox, resetStorage } from "../support/db";
import { fixtureText } from "../support/fixtures";
import { forwardAt } from "../support/inbound";
import { reply } from "../support/reply";

const FORWARDED = Date.parse("2026-11-26T03:00:00Z");
const VIEWED = Date.parse("2026-11-27T12:00:00Z");

async function get(path: string, now = VIEWED): Promise<Response> {
  return createApp().fetch(new Request(`https://rapport.test${path}`), { deps: { ...buildDeps(env), clock: () => now }, receiveMail: receiveInbound });
}

function invite(edits: [string, string][] = [], id = "feed"): Uint8Array {
  let text = fixtureText("synthetic/apple-icloud-invite.eml").replace("<5D0E4A2B-7C91-4F3A-B6D8-9E0F1A2B3C4D@example.com>", `<${id}@example.com>`);
  for (const [from, to] of edits) text = text.split(from).join(to);
  return new TextEncoder().encode(text);
}

async function feedPath(): Promise<string> {
  const confirm = (await outbox()).find((m) => m.Tag === "confirm")!;
  return new URL(/https:\/\/rapport\.test\/feed\/[a-z2-7]+\.ics/.exec(confirm.TextBody)![0]).pathname;
}

interface FeedEvent {
  uid: string;
  summary: string;
  start: string;
  allDay: boolean;
  description: string;
}

async function events(path: string): Promise<FeedEvent[]> {
  const response = await get(path);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const start = vevent.getFirstPropertyValue("dtstart") as ICAL.Time;
    return {
      uid: String(vevent.getFirstPropertyValue("uid")),
      summary: String(vevent.getFirstPropertyValue("summary")),
      start: start.isDate ? start.toString() : new Date(start.toUnixTime() * 1000).toISOString(),
      allDay: start.isDate,
      description: String(vevent.getFirstPropertyValue("description") ?? ""),
    };
  });
}

describe("the calendar feed", () => {
  beforeEach(async () => {
    await resetStorage();
    await forwardAt(invite(), { now: FORWARDED });
  });

  it("lists the meeting with its wrap-up time and every pending nudge at its time", async () => {
    const listed = await events(await feedPath());
    expect(listed.map(({ summary, start, allDay }) => ({ summary, start, allDay }))).toEqual([
      { summary: "Coffee with Sam Lee", start: "2026-12-08T20:00:00.000Z", allDay: false },
      { summary: "Rapport monthly digest", start: "2026-12-01T17:00:00.000Z", allDay: false },
      { summary: "Prep: Coffee with Sam Lee", start: "2026-12-08T02:00:00.000Z", allDay: false },
      { summary: "Send thank-you to Sam Lee", start: "2026-12-08T21:30:00.000Z", allDay: false },
      { summary: "Thank-you to Sam Lee sent?", start: "2026-12-10T02:00:00.000Z", allDay: false },
      // A check-in is a day's reminder, on Jane's local date.
      { summary: "Check in with Sam Lee", start: "2026-12-22", allDay: true },
    ]);
    // Coffee could run to an hour, but Sam blocked 12:00-12:30 Los Angeles time: wrap up when the slot ends.
    expect(listed[0]!.description).toContain("With Sam Lee (Acme Robotics).\nPlan to wrap up by 12:30.");
  });

  it("keeps UIDs stable across fetches, so calendar apps update rather than duplicate", async () => {
    const path = await feedPath();
    const first = (await events(path)).map((e) => e.uid);
    const second = (await events(path)).map((e) => e.uid);
    expect(second).toEqual(first);
    expect(first).toContain("meeting-1@rapport");
    expect(new Set(first).size).toBe(first.length);
  });

  it("drops a cancelled meeting and its reminders", async () => {
    await forwardAt(invite([["METHOD:REQUEST", "METHOD:CANCEL"], ["SEQUENCE:0", "SEQUENCE:1"]], "feed-cancel"), { now: FORWARDED + 60_000 });
    expect((await events(await feedPath())).map((e) => e.summary)).toEqual(["Rapport monthly digest"]);
  });

  it("stops answering the old link after 'new feed link', and the new one works", async () => {
    const old = await feedPath();
    await reply((await outbox()).find((m) => m.Tag === "confirm")!, "new feed link", { now: VIEWED });
    const ack = (await outbox()).at(-1)!;
    const fresh = new URL(/https:\/\/rapport\.test\/feed\/[a-z2-7]+\.ics/.exec(ack.TextBody)![0]).pathname;
    expect(fresh).not.toBe(old);
    expect((await get(old)).status).toBe(404);
    expect((await events(fresh)).length).toBe(6);
  });

  it("still answers 200 when a meeting's link has capitals in its host, with the link normalised (issue #11, finding 5)", async () => {
    await forwardAt(
      invite([["DESCRIPTION:Happy to chat about robotics PM roles. <b>See you there!</b>", "DESCRIPTION:Join https://Acme.zoom.us/j/123"], ["UID:8C1B2E4F", "UID:ZOOM-8C1B2E4F"]], "feed-zoom"),
      { now: FORWARDED + 60_000 },
    );
    const response = await get(await feedPath());
    expect(response.status).toBe(200);
    const text = await response.text();
    const calendar = new ICAL.Component(ICAL.parse(text));
    const urls = calendar.getAllSubcomponents("vevent").map((vevent) => vevent.getFirstPropertyValue("url")).filter(Boolean);
    expect(urls).toEqual(["https://acme.zoom.us/j/123"]);
    expect(calendar.getAllSubcomponents("vevent").map((vevent) => vevent.getFirstPropertyValue("summary"))).toContain("Coffee with Sam Lee");
  });

  it("answers 404 to a made-up or malformed feed token", async () => {
    expect((await get(`/feed/${"a".repeat(32)}.ics`)).status).toBe(404);
    expect((await get("/feed/not-a-token.ics")).status).toBe(404);
  });
});
