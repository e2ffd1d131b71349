// The held-in set for "who is it with" (tests/fixtures/people/, 97 invites as Google, Exchange,
// Outlook, Apple, Thunderbird and booking systems write them) read by the invite reader inside
// workerd, where the name parser, the Public Suffix List and the mail-provider list must run
// without nodejs_compat. Each row asserts what a user would see in the confirmation: who
// (address, name as people write it, the given name a draft greets), their company, and
// whether it is video, phone or in person, over which meal. The expectations and the reason
// for each are in tests/fixtures/people/MANIFEST.json; see tests/fixtures/README.md.
import { describe, expect, it } from "vitest";
import { understandInvite } from "../../src/inbound/invite";
import { fixture, fixtureText } from "../support/fixtures";

interface Entry {
  file: string;
  user: string;
  expected: {
    interviewee: { email: string; name: string | null; givenName: string | null; company: string | null } | null;
    format: string;
    meal: boolean;
    mealKind: string | null;
  };
  why: string;
}

const manifest = JSON.parse(fixtureText("people/MANIFEST.json")) as Entry[];
const NOW = Date.parse("2026-12-01T00:00:00Z");

describe("who a forwarded invite is with (people/MANIFEST.json)", () => {
  it("holds the whole set", () => {
    expect(manifest).toHaveLength(97);
  });

  for (const entry of manifest) {
    it(`${entry.file}: ${entry.why.slice(0, 90)}`, async () => {
      const result = await understandInvite(fixture(entry.file), {
        user: entry.user,
        defaultTimeZone: "UTC",
        inboxAddress: "meet@rapport.test",
        now: NOW,
      });
      if (!result.ok) throw new Error(`${entry.file}: ${result.error.code}`);
      const reading = result.invite.meetings[0]!;
      const got = {
        interviewee: reading.interviewee && {
          email: reading.interviewee.email,
          name: reading.interviewee.name,
          givenName: reading.interviewee.givenName,
          company: reading.company,
        },
        format: reading.traits.format,
        meal: reading.traits.meal,
        mealKind: reading.traits.mealKind,
      };
      expect(got).toEqual(entry.expected);
      // Nobody to meet means nothing to remind the user of.
      if (!entry.expected.interviewee) expect(reading.plan).toEqual([]);
    });
  }
});
