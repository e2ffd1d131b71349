// `npm run inspect` as docs/design.md §8 specifies it: one JSON object on stdout, exit 0 when the
// message was understood, 1 (with the user-facing error) when not, 2 for a usage mistake.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function inspect(...args: string[]) {
  const run = spawnSync("npm", ["run", "-s", "inspect", "--", ...args], { encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run inspect", () => {
  it("prints exactly one JSON object for a readable invite, with the plan as of --now", () => {
    const run = inspect("tests/fixtures/synthetic/apple-icloud-invite.eml", "--user", "jane@example.com", "--now", "2026-11-26T03:00:00Z");
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true,
      method: "REQUEST",
      meeting: {
        uid: "8C1B2E4F-6A7D-4B3E-9F21-0D5C7E9A1B2C",
        sequence: 0,
        summary: "Coffee with Sam Lee",
        start: "2026-12-08T20:00:00.000Z",
        end: "2026-12-08T20:30:00.000Z",
        allDay: false,
        timeZone: "America/Los_Angeles",
        location: "Blue Bottle Coffee, 66 Mint St, San Francisco, CA 94103",
        meetingUrl: null,
        format: "in_person",
        meal: true,
        mealKind: "coffee",
        organizer: { name: "Sam Lee", email: "sam.lee@acme-robotics.com" },
        attendees: [
          { name: "Sam Lee", email: "sam.lee@acme-robotics.com" },
          { name: "Jane Doe", email: "jane@example.com" },
        ],
      },
      interviewee: { name: "Sam Lee", email: "sam.lee@acme-robotics.com", company: "Acme Robotics" },
      plan: [
        { kind: "prep", dueAt: "2026-12-08T02:00:00.000Z" },
        { kind: "thanks", dueAt: "2026-12-08T21:30:00.000Z" },
        { kind: "thanks_followup", dueAt: "2026-12-10T02:00:00.000Z" },
        { kind: "keep_in_touch", dueAt: "2026-12-22T17:00:00.000Z" },
      ],
    });
  });

  it("names the person as they write it, with their company, past an assistant who booked it", () => {
    const run = inspect("tests/fixtures/people/ea-lunch-initech.eml", "--user", "aisha.bello@outlook.com", "--now", "2026-12-01T00:00:00Z");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.interviewee).toEqual({ name: "Lucas Ferreira", email: "lucas.ferreira@mail.eu.initech.com.br", company: "Initech" });
    expect(out.meeting).toMatchObject({ format: "in_person", meal: true, mealKind: "lunch" });
  });

  it("gives a null interviewee and an empty plan when no one can be named", () => {
    const run = inspect("tests/fixtures/people/dentist.eml", "--user", "jordan.blake@gmail.com", "--now", "2026-12-01T00:00:00Z");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ ok: true, interviewee: null, plan: [] });
    expect(out.meeting).toMatchObject({ format: "in_person", meal: false, mealKind: null });
  });

  it("never takes Rapport's own address, given by --inbox, for the interviewee", () => {
    // The user's own invite to a guest and to Rapport's address.
    const args = ["tests/fixtures/people/at-place-not-company.eml", "--user", "jane.doe@icloud.com", "--now", "2026-12-01T00:00:00Z"];
    expect(JSON.parse(inspect(...args, "--inbox", "meet@rapport.test").stdout).interviewee).toMatchObject({ email: "sam.whitaker@tidewater.energy" });
    // Said to be Rapport's, the guest drops out; the address left gives no name, so no one is named.
    expect(JSON.parse(inspect(...args, "--inbox", "sam.whitaker@tidewater.energy").stdout)).toMatchObject({ interviewee: null, plan: [] });
  });

  it("reads a bare .ics file and gives all-day events as dates", () => {
    const run = inspect("tests/fixtures/corpus/calcard/116.ics", "--now", "2012-08-01T00:00:00Z");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.meeting).toMatchObject({ allDay: true, start: "2012-08-14", end: "2012-08-15" });
  });

  it("explains a message without an invite, with exit code 1", () => {
    const run = inspect("tests/fixtures/synthetic/plain-note.eml");
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.ok).toBe(false);
    expect(out.error.code).toBe("no_invite");
    expect(out.error.message).toMatch(/^No calendar invitation was found in your message\./);
  });

  it("reports a missing DTSTART as missing_start", () => {
    const run = inspect("tests/fixtures/corpus/thunderbird/cancel-repeat-event.eml");
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error.code).toBe("missing_start");
  });

  it("answers a usage mistake on stderr with exit code 2", () => {
    const run = inspect("--now", "yesterday", "tests/fixtures/synthetic/plain-note.eml");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("--now is not an ISO-8601 date: yesterday");
  });

  it("reads a reply with --reply: the new text, and every command in it, dates in --tz", () => {
    const file = join(mkdtempSync(join(tmpdir(), "rapport-")), "reply.txt");
    writeFileSync(
      file,
      "Sent! Snooze the follow-up till Friday though.\nHe said I should also talk to Omar.\n\nSent from my iPhone\n\n> On Dec 8, 2026, at 10:00 AM, Rapport <r@rapport.test> wrote:\n> Reply \u201cstop\u201d for no more reminders.\n",
    );
    const run = inspect("--reply", file, "--to", "thanks", "--now", "2026-12-08T15:00:00Z", "--tz", "America/New_York");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true,
      text: "Sent! Snooze the follow-up till Friday though.\nHe said I should also talk to Omar.",
      commands: [
        { kind: "done" },
        { kind: "snooze", until: "2026-12-11" },
        { kind: "note", text: "He said I should also talk to Omar." },
      ],
    });
    expect(inspect("--reply", file, "--to", "nonsense").code).toBe(2);
  });
});
