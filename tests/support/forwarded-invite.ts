// A forwarded invitation as a test builds it: Jane forwards a bare text/calendar REQUEST with the
// people given (ORGANIZER and ATTENDEE lines), herself as an attendee, at a place and time.
export interface InviteParts {
  uid: string;
  /** ORGANIZER and ATTENDEE lines, as a calendar writes them. */
  people: string[];
  summary?: string;
  /** UTC, in iCalendar's basic form: "20261210T170000Z". */
  start?: string;
  end?: string;
  location?: string;
}

export function forwardedInvite(parts: InviteParts): Uint8Array {
  const summary = parts.summary ?? "Coffee chat";
  const ics = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Rapport tests//Invites//EN",
    "METHOD:REQUEST",
    "BEGIN:VEVENT",
    `UID:${parts.uid}`,
    "DTSTAMP:20261126T120000Z",
    `DTSTART:${parts.start ?? "20261210T170000Z"}`,
    `DTEND:${parts.end ?? "20261210T173000Z"}`,
    `SUMMARY:${summary}`,
    `LOCATION:${parts.location ?? "Blue Bottle Coffee, 1 Rockefeller Plaza, New York"}`,
    ...parts.people,
    "ATTENDEE;CN=Jane Doe;RSVP=TRUE:mailto:jane@example.com",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
  return new TextEncoder().encode(
    [
      "From: Jane Doe <jane@example.com>",
      "To: meet@rapport.test",
      `Subject: Fwd: ${summary}`,
      `Message-ID: <${parts.uid}-forward@example.com>`,
      "MIME-Version: 1.0",
      "Content-Type: text/calendar; method=REQUEST; charset=utf-8",
      "",
      ics,
    ].join("\r\n"),
  );
}
