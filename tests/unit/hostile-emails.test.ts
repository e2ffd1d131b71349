// Text from an invitation (a title, a place, a name, a company, the organizer's description) is
// written by whoever sent it. In every email Rapport composes, none of it may start a line of its
// own in the text body (where a fake "Reply 'delete my data'" or a fake link would read as
// Rapport's), and none of it may add markup to the HTML body (issue #11, item 9).
import { describe, expect, it } from "vitest";
import { composeAckSummary } from "../../src/compose/ack-summary";
import { composeConfirmation, type ConfirmationData } from "../../src/compose/confirmation";
import type { ComposedContent } from "../../src/compose/content";
import { composeDigest } from "../../src/compose/digest";
import { composeKeepInTouch } from "../../src/compose/keep-in-touch";
import { composeLanded } from "../../src/compose/landed";
import type { ContactFacts, MeetingFacts, Recipient } from "../../src/compose/nudge-data";
import { composeCancellation, composeInviteError, composeNotAnInvite } from "../../src/compose/notices";
import { composePrep } from "../../src/compose/prep";
import { composeReplyAck } from "../../src/compose/reply-ack";
import { composeThanks } from "../../src/compose/thanks";

/** Each hostile value carries a line break and markup; the words after the break must never start a line. */
const evil = (what: string) => `${what}\r\n\r\nINJECTED ${what}: reply \u201cdelete my data\u201d\u2028INJECTED2 <script>alert(1)</script><img src=x onerror=alert(1)>`;

const user: Recipient = { name: "Jane Doe", email: "jane@example.com", timeZone: "America/Los_Angeles", goal: evil("goal") };
const contact: ContactFacts = {
  name: evil("Sam Lee"),
  givenName: evil("Sam"),
  email: "sam@acme.test",
  company: evil("Acme"),
  title: evil("Director"),
  linkedinUrl: null,
};
const meeting: MeetingFacts = {
  summary: evil("Coffee"),
  start: Date.parse("2026-12-08T20:00:00Z"),
  end: Date.parse("2026-12-08T20:30:00Z"),
  allDay: false,
  location: evil("Blue Bottle"),
  meetingUrl: null,
  format: "in_person",
  meal: true,
  mealKind: "coffee",
  timeZone: "Europe/Berlin",
  topic: evil("topic"),
};
const notes = [{ body: `learned: ${evil("lesson")}\nnext: ${evil("step")}`, createdAt: Date.parse("2026-12-08T21:00:00Z") }];
const leads = [{ name: evil("Omar Reyes"), company: evil("Globex"), status: "open" as const, meetingStart: null }];

const confirmation: ConfirmationData = {
  userName: "Jane Doe",
  timeZone: "America/Los_Angeles",
  meeting: { ...meeting, startDate: null, endDate: null, recurring: false, nextOccurrence: false },
  previous: { summary: evil("Old title"), start: meeting.start - 3_600_000, end: meeting.end - 3_600_000, location: evil("Old place"), meetingUrl: null, cancelled: false },
  interviewee: { name: evil("Sam Lee"), email: "sam@acme.test" },
  missing: null,
  company: evil("Acme"),
  plan: [{ kind: "prep", dueAt: Date.parse("2026-12-08T02:00:00Z") }],
  change: "updated",
  assumedZone: { reason: "unknown_zone", tzid: evil("Mars/Olympus") },
  zoneOrigin: "invite",
  otherEvents: 0,
  feedUrl: "https://rapport.example.com/feed/abc.ics",
  now: Date.parse("2026-12-01T00:00:00Z"),
};

const emails: [string, () => ComposedContent][] = [
  ["confirmation", () => composeConfirmation(confirmation)],
  ["corrected confirmation", () => composeConfirmation({ ...confirmation, change: "corrected", corrections: [`who it is with: ${evil("Elena")}`] })],
  ["prep", () => composePrep({ user, meeting, contact, now: Date.parse("2026-12-08T02:00:00Z") })],
  ["short prep", () => composePrep({ user, meeting, contact, now: Date.parse("2026-12-08T19:30:00Z") })],
  ...(["thanks", "thanks_followup", "redraft"] as const).map((kind): [string, () => ComposedContent] => [
    kind,
    () => composeThanks({ kind, user, meeting, contact, notes, leads, firstCheckInAt: null, checkInFile: null, said: [`I added ${evil("Omar")}`], now: meeting.end + 3_600_000 }),
  ]),
  ["keep_in_touch", () => composeKeepInTouch({ user, contact, lastMetAt: meeting.start, lastTouchedAt: null, cadenceDays: 91, notes, leads, now: Date.parse("2026-12-22T17:00:00Z") })],
  [
    "digest",
    () =>
      composeDigest({
        user,
        monthName: "January 2027",
        due: [{ contactId: 1, contact, dueAt: Date.parse("2026-12-22T17:00:00Z"), lastContactAt: meeting.start }],
        thanks: [{ contactId: 1, meetingId: 1, contact, metAt: meeting.start }],
        leads: [{ leadId: 1, name: evil("Omar"), company: evil("Globex"), team: evil("data team"), sourceContactId: 1, source: contact }],
        metAnyone: true,
        upcoming: [{ title: evil("Lunch"), start: Date.parse("2027-01-08T20:00:00Z"), with: evil("Priya") }],
        lastMonth: { name: "December", meetings: 1, thankYous: 0, checkIns: 0 },
        notes: [{ about: evil("Sam"), body: evil("note") }],
        pageUrl: "https://rapport.example.com/me/x",
        feedUrl: "https://rapport.example.com/feed/x.ics",
        now: Date.parse("2027-01-01T17:00:00Z"),
      }),
  ],
  ["landed", () => composeLanded({ userName: "Jane Doe", timeZone: user.timeZone, company: evil("Helios"), helpers: [{ contact, lastMet: meeting.start, notes, leads }] })],
  ["reply answer", () => composeReplyAck({ userName: "Jane Doe", replySubject: evil("Re: Coffee"), lines: [`Saved your note about ${evil("Sam")}`], help: false })],
  ["cancellation", () => composeCancellation({ userName: "Jane Doe", title: evil("Coffee"), start: meeting.start, timeZone: user.timeZone, cancelledNudges: 2 })],
  ["unreadable invite", () => composeInviteError({ userName: "Jane Doe", forwardedSubject: evil("Fwd: Coffee"), code: "no_invite", message: "There was no invitation in it." })],
  ["calendar answer", () => composeNotAnInvite({ userName: "Jane Doe", title: evil("Coffee"), method: "REPLY" })],
  ["answers summary", () => composeAckSummary({ userName: "Jane Doe", answers: [{ subject: evil("Re: Coffee"), lines: [`Snoozed ${evil("Sam")}`] }] })],
];

describe.each(emails)("the %s email, composed from hostile invite text", (_, compose) => {
  const content = compose();

  it("lets no invite text start a line of its own in the text body", () => {
    const lines = content.text.split("\n");
    expect(lines.filter((line) => /^\s*(?:[-\d.]+\s*)?INJECTED/.test(line))).toEqual([]);
    // No line break survives inside a value: the text body has only the breaks Rapport wrote.
    expect(content.text).not.toMatch(/[\r\u2028\u2029\u0085]/);
  });

  it("adds no markup from the invite to the HTML body", () => {
    expect(content.html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(content.html).toContain("&lt;script&gt;");
  });

  it("keeps CR and LF out of the subject", () => {
    expect(content.subject).not.toMatch(/[\r\n\u2028\u2029]/);
  });
});

describe("web addresses in the HTML body", () => {
  const video = (meetingUrl: string) => composePrep({ user, meeting: { ...meeting, format: "video", meetingUrl }, contact, now: Date.parse("2026-12-08T02:00:00Z") }).html;

  it("makes the meeting link one tap away, without the sentence's closing bracket or full stop", () => {
    expect(video("https://zoom.us/j/123456789?pwd=abc")).toContain('(<a href="https://zoom.us/j/123456789?pwd=abc">https://zoom.us/j/123456789?pwd=abc</a>)');
    const list = composePrep({ user, meeting, contact: { ...contact, name: "Sam Lee", linkedinUrl: "https://www.linkedin.com/in/sam-lee." }, now: Date.parse("2026-12-08T02:00:00Z") }).html;
    expect(list).toContain('<a href="https://www.linkedin.com/in/sam-lee">https://www.linkedin.com/in/sam-lee</a>.');
  });

  it("links only http and https, and an address cannot leave its attribute", () => {
    expect(video('javascript:alert(1)//https://x.test')).not.toMatch(/href="javascript/i);
    const html = video('https://x.test/a"onmouseover="alert(1)');
    expect(html).toContain('<a href="https://x.test/a">');
    expect(html).not.toMatch(/"onmouseover=/);
    expect(video("https://x.test/?a=1&b=<2>")).toContain('<a href="https://x.test/?a=1&amp;b=">');
  });

  it("keeps the profile search Rapport builds whole, brackets and all", () => {
    const html = composePrep({ user, meeting, contact: { ...contact, name: "Sam (Sammy) O'Lee", company: "Acme" }, now: Date.parse("2026-12-08T02:00:00Z") }).html;
    expect(html).toContain('<a href="https://www.linkedin.com/search/results/people/?keywords=Sam%20%28Sammy%29%20O%27Lee%20Acme">');
  });
});
