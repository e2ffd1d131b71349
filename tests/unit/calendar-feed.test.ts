// The calendar feed never fails whole (issue #11, finding 5): `ics` refuses capitals in a URL's
// host and then fails every event, so URLs are normalised, a value it still refuses is
// dropped from its event, and an event it refuses outright is left out and named.
import { describe, expect, it } from "vitest";
import { calendarFeed, feedUrl, type FeedInput } from "../../src/compose/calendar-feed";

const NOW = Date.parse("2026-11-27T12:00:00Z");
const START = Date.parse("2026-12-08T20:00:00Z");

function meeting(id: number, fields: Partial<FeedInput["meetings"][number]["meeting"]> = {}): FeedInput["meetings"][number] {
  return {
    meeting: { id, summary: `Coffee ${id}`, startsAt: START, endsAt: START + 1_800_000, meal: true, location: null, meetingUrl: null, ...fields },
    contact: { name: "Sam Lee", email: "sam@acme.example", company: "Acme" },
  };
}

const feed = (meetings: FeedInput["meetings"]) => calendarFeed({ timeZone: "America/Los_Angeles", meetings, nudges: [], now: NOW });

describe("the calendar feed with hostile values", () => {
  it("lowercases the scheme and host of a meeting link", () => {
    expect(feedUrl("HTTPS://Acme.Zoom.US/j/123?pwd=AbC")).toBe("https://acme.zoom.us/j/123?pwd=AbC");
    expect(feedUrl("javascript:alert(1)")).toBeNull();
    expect(feedUrl("not a url")).toBeNull();
    const { text, leftOut } = feed([meeting(1, { meetingUrl: "https://Acme.zoom.us/j/123" })]);
    expect(text).toContain("URL:https://acme.zoom.us/j/123");
    expect(leftOut).toEqual([]);
  });

  it("keeps a meeting whose link ics still refuses, without the link", () => {
    const { text, leftOut } = feed([meeting(1, { meetingUrl: "https://acme_zoom.us/j/1" }), meeting(2)]);
    expect(text).toContain("UID:meeting-1@rapport");
    expect(text).not.toContain("URL:https://acme_zoom");
    expect(leftOut).toMatchObject([{ uid: "meeting-1@rapport", field: "url" }]);
  });

  it("leaves out an event ics refuses and serves the others", () => {
    const { text, leftOut } = feed([meeting(1, { startsAt: Number.NaN }), meeting(2)]);
    expect(text).toContain("UID:meeting-2@rapport");
    expect(text).not.toContain("UID:meeting-1@rapport");
    expect(leftOut).toMatchObject([{ uid: "meeting-1@rapport", field: null }]);
  });
});
