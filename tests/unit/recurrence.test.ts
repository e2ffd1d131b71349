// A recurring invite is planned for its next occurrence from now, in the series' own zone,
// and expanding a long series stays cheap (resumed near now, zones evaluated by Rapport).
import { describe, expect, it } from "vitest";
import { understandInvite } from "../../src/inbound/invite";
import { fixture } from "../support/fixture-files";

async function nextStart(path: string, now: string) {
  const result = await understandInvite(fixture(path), { user: "someone@example.net", defaultTimeZone: "UTC", now: Date.parse(now) });
  if (!result.ok) throw result.error;
  const { event } = result.invite.meetings[0]!;
  return { start: new Date(event.start).toISOString(), end: new Date(event.end).toISOString(), next: event.nextOccurrence };
}

describe("the next occurrence of a series", () => {
  it("finds the next Friday of a weekly Outlook series (W. Europe Standard Time, summer time)", async () => {
    expect(await nextStart("corpus/calmailproc/test-17-1.eml", "2025-06-01T00:00:00Z")).toEqual({
      start: "2025-06-06T13:00:00.000Z",
      end: "2025-06-06T14:00:00.000Z",
      next: true,
    });
  });

  it("resumes a weekday standup that began in 2009 near now, in its custom Sydney zone (AEDT)", async () => {
    // Friday 27 Nov 2026 09:30 in Sydney is Thursday 22:30 UTC.
    expect(await nextStart("corpus/calcard/191.ics", "2026-11-26T00:00:00Z")).toEqual({
      start: "2026-11-26T22:30:00.000Z",
      end: "2026-11-26T22:45:00.000Z",
      next: true,
    });
  });

  it("counts a COUNT-limited Lotus series from its start, in the Lotus zone's own DST rules", async () => {
    expect(await nextStart("corpus/calcard/199.ics", "2005-04-12T00:00:00Z")).toMatchObject({ start: "2005-04-12T13:00:00.000Z", next: true });
    // After the fifth and last day the series is over: the first occurrence is kept.
    expect(await nextStart("corpus/calcard/199.ics", "2005-05-01T00:00:00Z")).toMatchObject({ start: "2005-04-11T13:00:00.000Z", next: false });
  });

  it("keeps the first occurrence of a series whose UNTIL has passed", async () => {
    expect(await nextStart("corpus/calmailproc/test-17-1.eml", "2026-01-01T00:00:00Z")).toMatchObject({
      start: "2025-05-02T13:00:00.000Z",
      next: false,
    });
  });
});
