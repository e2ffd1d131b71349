// Golden files for the emails a forward produces: real invites in, the exact confirmation (or
// error) a user would read out, text and HTML. `now` is fixed so every date is deterministic.
// After an intended change, review the diff of `npx vitest run -u` before committing it.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { outbox, resetStorage } from "../support/db";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";

interface Case {
  name: string;
  file: string;
  /** The forwarding user (envelope sender). */
  user: string;
  now: string;
}

const cases: Case[] = [
  // Google Calendar, IANA zone with VTIMEZONE, Meet link; forwarded three days ahead.
  { name: "google-meet", file: "corpus/postal-mime/google-calendar-event.eml", user: "andris@ethereal.email", now: "2024-04-08T07:00:00Z" },
  // Outlook / Exchange, Windows zone "FLE Standard Time", a week ahead.
  { name: "outlook-windows-zone", file: "corpus/thunderbird/outlook-test-invite.eml", user: "homer@example.org", now: "2021-11-20T10:00:00Z" },
  // Teams meeting from Exchange (video, Windows zone), forwarded late at night the day before:
  // the prep sheet waits for 08:00 rather than arriving at 22:30.
  { name: "teams-late-forward", file: "corpus/thunderbird/teams-meeting-invite.eml", user: "homer@example.com", now: "2020-12-01T20:30:00Z" },
  // Apple Calendar via iCloud, forwarded as an attachment; coffee in person.
  { name: "apple-coffee", file: "synthetic/apple-icloud-invite.eml", user: "jane@example.com", now: "2026-11-26T03:02:00Z" },
  // Trenitalia ticket: floating times, read in the user's zone and said so.
  { name: "floating-times", file: "corpus/calmailproc/test-14.eml", user: "traveler@example.net", now: "2023-09-20T08:00:00Z" },
  // A note with no invite at all.
  { name: "error-no-invite", file: "synthetic/plain-note.eml", user: "jane@example.com", now: "2026-11-26T16:00:00Z" },
];

describe("emails answering a forward (golden files)", () => {
  beforeEach(resetStorage);

  for (const c of cases) {
    it(`${c.name}: subject, text and HTML`, async () => {
      await forwardAt(fixture(c.file), { from: c.user, now: Date.parse(c.now), bindings: { ...env, ALLOWED_SENDERS: "*" } });
      const [email] = await outbox();
      await expect(`Subject: ${email!.Subject}\nTag: ${email!.Tag}\n\n${email!.TextBody}`).toMatchFileSnapshot(
        `../golden/${c.name}.txt`,
      );
      await expect(email!.HtmlBody).toMatchFileSnapshot(`../golden/${c.name}.html`);
    });
  }
});
