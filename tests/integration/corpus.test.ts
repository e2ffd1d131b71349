// Every file of the real-world invite corpus (tests/fixtures/corpus/, 40 messages and .ics
// exports from Outlook, Teams, Google, Lotus, CDO, Horde, vendors...) read by the offline
// invite reader and checked against the corpus MANIFEST. The expected values are copied into
// the table below rather than read at run time: the test must not depend on files outside the
// project, and a reviewer can see what each row promises. Row numbers are the MANIFEST's "#".
import { describe, expect, it } from "vitest";
import { describeInvite, type InspectOutput } from "../../src/inbound/describe";
import { understandInvite } from "../../src/inbound/invite";
import { fixture } from "../support/fixtures";

const DAY = 86_400_000;
const JAN_2020 = Date.parse("2020-01-01T00:00:00Z");

/** What a row promises about the first event of the first calendar part. */
interface ExpectedMeeting {
  method: string;
  /** A string, or an asymmetric matcher where the value is synthesized. */
  uid: unknown;
  sequence: number;
  summary: string;
  /** ISO UTC instants for timed events; YYYY-MM-DD (end exclusive) for all-day ones. */
  start: string;
  end: string;
  allDay: boolean;
  /** Addresses lowercased: the reader lowercases every address it outputs. */
  organizer: string | null;
  attendees: string[];
  location: string | null;
}

type Row = { n: number; path: string; reads: string } & ({ expected: ExpectedMeeting } | { error: string });

// Where a value below is a documented choice rather than the MANIFEST's plain value, the row
// says why. "(none)" SEQUENCE in the MANIFEST is 0; "(empty)"/"(none)" LOCATION is null.
const ROWS: Row[] = [
  {
    n: 1, path: "thunderbird/outlook-test-invite.eml", reads: "an Outlook invite in FLE Standard Time with a folded UID",
    expected: {
      method: "REQUEST", uid: "030000008200E00074C5B7101A82E0080000000060B608D090DDD7010000000000000000100000004BE0CFFA54BCF64E956E34143362C3C0", sequence: 0,
      summary: "Testaus", start: "2021-11-27T07:00:00.000Z", end: "2021-11-27T07:30:00.000Z", allDay: false,
      organizer: "marge@example.org", attendees: ["homer@example.org"], location: null,
    },
  },
  {
    n: 2, path: "thunderbird/teams-meeting-invite.eml", reads: "a Teams invite, taking attendee addresses from mailto: rather than CN",
    expected: {
      method: "REQUEST", uid: "056000008200E00074C5B7101A82E008000000001AF84C64CBC8D601000000000000000010000000403B5AC10A0EB444A947D2B499A4B98C", sequence: 0,
      summary: "Teams meeting", start: "2020-12-02T17:00:00.000Z", end: "2020-12-02T19:00:00.000Z", allDay: false,
      organizer: "marge@example.com", attendees: ["bart@example.com", "homer@example.com"], location: null,
    },
  },
  {
    n: 3, path: "thunderbird/meet-meeting-invite.eml", reads: "a Swedish Google Calendar invite with inline and attached calendars",
    expected: {
      method: "REQUEST", uid: "65m17hsdolmotv3kvmrtg40ont@google.com", sequence: 0,
      summary: "Meeeeet me HTML", start: "2021-03-22T09:30:00.000Z", end: "2021-03-22T10:30:00.000Z", allDay: false,
      organizer: "example@gmail.com", attendees: ["example@gmail.com", "homer@example.com"], location: null,
    },
  },
  {
    n: 4, path: "thunderbird/single-event.eml", reads: "a hand-made invite with half-encoded QP and both DTEND and DURATION",
    expected: {
      // Documented choice: DTEND wins over the conflicting DURATION (PT1H), so the end is 11:30Z.
      method: "REQUEST", uid: "02e79b96", sequence: 0,
      summary: "Single Event", start: "2022-03-16T11:00:00.000Z", end: "2022-03-16T11:30:00.000Z", allDay: false,
      organizer: "sender@example.com", attendees: ["sender@example.com", "receiver@example.com", "other@example.com"], location: "Somewhere",
    },
  },
  {
    n: 5, path: "thunderbird/cancel-single-event.eml", reads: "a CANCEL with both DTEND and DURATION",
    expected: {
      // Documented choice: DTEND wins over the conflicting DURATION (PT1H), so the end is 11:30Z.
      method: "CANCEL", uid: "02e79b96", sequence: 1,
      summary: "Single Event", start: "2022-03-16T11:00:00.000Z", end: "2022-03-16T11:30:00.000Z", allDay: false,
      organizer: "sender@example.com", attendees: ["sender@example.com", "receiver@example.com", "other@example.com"], location: "Somewhere",
    },
  },
  {
    n: 6, path: "thunderbird/cancel-repeat-event.eml", reads: "a CANCEL of a series missing its DTSTART",
    // Documented choice: no DTSTART means no start to invent; the reader says so with missing_start.
    error: "missing_start",
  },
  {
    n: 7, path: "thunderbird/exception-major.eml", reads: "a moved single occurrence (RECURRENCE-ID) at its new time",
    expected: {
      method: "REQUEST", uid: "02e79b96", sequence: 2,
      summary: "Repeat Event", start: "2022-03-17T05:00:00.000Z", end: "2022-03-17T05:30:00.000Z", allDay: false,
      organizer: "sender@example.com", attendees: ["sender@example.com", "receiver@example.com", "other@example.com"], location: "Somewhere",
    },
  },
  {
    n: 8, path: "thunderbird/message-containing-event.eml", reads: "a booking PUBLISH in a mixed-case TeXt/CaLeNdAr attachment",
    expected: {
      method: "PUBLISH", uid: "20160824T204000Z-568860280@example.com", sequence: 0,
      summary: "Haircut", start: "2016-09-01T06:25:00.000Z", end: "2016-09-01T06:50:00.000Z", allDay: false,
      organizer: "someone@example.com", attendees: [], location: "Somewhere",
    },
  },
  {
    n: 9, path: "thunderbird/message-non-invite.eml", reads: "an iCal4j PUBLISH with a historic Helsinki VTIMEZONE",
    expected: {
      method: "PUBLISH", uid: "1e5fd4e6-bc52-439c-ac76-40da54f57c77@secure.example.com", sequence: 3,
      summary: "Party at John's house, Helsinki", start: "2021-11-29T08:55:00.000Z", end: "2021-11-29T09:00:00.000Z", allDay: false,
      organizer: "noreply@example.com", attendees: [], location: null,
    },
  },
  {
    n: 10, path: "thunderbird/xpcshell-invite.eml", reads: "a Lotus-style invite whose method is only in the MIME parameter and whose TZID is a bare \"FLE\"",
    expected: {
      // Documented choice: no METHOD property, so the MIME part's method="REQUEST" decides.
      method: "REQUEST", uid: "36138BFC6A7B03EFC2258776003DB5C5", sequence: 0,
      // The event has no SUMMARY (MANIFEST "(none)"); the reader gives an empty string.
      summary: "", start: "2021-10-26T06:00:00.000Z", end: "2021-10-26T07:00:00.000Z", allDay: false,
      organizer: null, attendees: [], location: null,
    },
  },
  {
    n: 11, path: "node-ical/ms_timezones.ics", reads: "an OWA export full of Windows zone names, taking its first VEVENT",
    expected: {
      // Documented choice: a plain .ics export without METHOD is treated as PUBLISH.
      method: "PUBLISH", uid: "040000008200E00074C5B7101A82E0080000000070DE40F38786D601000000000000000010000000D2A9BA8A3668CA4ABB2CC6838268179F", sequence: 0,
      summary: "test", start: "2020-09-10T07:00:00.000Z", end: "2020-09-10T07:30:00.000Z", allDay: false,
      organizer: null, attendees: [], location: null,
    },
  },
  {
    n: 12, path: "node-ical/exchange-custom-tz.ics", reads: "a display-name TZID with escaped commas matched to its VTIMEZONE",
    expected: {
      method: "PUBLISH", uid: "040000008200E00074C5B7101A82E00800000000C9AB6E5A6AFED401000000000000000010000000C55132227F0F0948A7D58F6190A3AEF9", sequence: 0,
      summary: "Test event", start: "2019-04-30T02:00:00.000Z", end: "2019-04-30T05:00:00.000Z", allDay: false,
      organizer: null, attendees: [], location: null,
    },
  },
  {
    n: 13, path: "node-ical/bad_custom_ms_tz.ics", reads: "an unresolvable tzone://Microsoft/Custom zone in the user's zone",
    expected: {
      // Documented choices: no METHOD -> PUBLISH; the unknown zone is read in the user's zone (UTC here).
      method: "PUBLISH", uid: "1173422081SZR322", sequence: 0,
      summary: "[private]", start: "2021-03-25T10:35:00.000Z", end: "2021-03-25T11:50:00.000Z", allDay: false,
      // Text is kept verbatim ("LOCATION: [private]" has a leading space); emails tidy it when shown.
      organizer: null, attendees: [], location: " [private]",
    },
  },
  {
    n: 14, path: "node-ical/test_date_duration.ics", reads: "a bare DATE start with DURATION PT1W as a week-long all-day event",
    expected: {
      // Documented choice: a plain .ics export without METHOD is treated as PUBLISH.
      method: "PUBLISH", uid: "20240215T101655-b6e4bbe9@192.168.178.100", sequence: 2,
      summary: "period test2", start: "2024-02-15", end: "2024-02-22", allDay: true,
      organizer: null, attendees: [], location: "Kriftel",
    },
  },
  {
    n: 15, path: "node-ical/test_date_time_duration.ics", reads: "a UTC start with DURATION instead of DTEND",
    expected: {
      // Documented choice: a plain .ics export without METHOD is treated as PUBLISH.
      method: "PUBLISH", uid: "20240215T101655-b6e4bbe9@192.168.178.100", sequence: 2,
      summary: "period test2", start: "2024-02-15T09:00:00.000Z", end: "2024-02-15T10:15:00.000Z", allDay: false,
      organizer: null, attendees: [], location: "Kriftel",
    },
  },
  {
    n: 16, path: "node-ical/event-organizer-cn.ics", reads: "a quoted ORGANIZER value and an IANA TZID without VTIMEZONE",
    expected: {
      // Documented choice: a plain .ics export without METHOD is treated as PUBLISH.
      method: "PUBLISH", uid: "eb9e1bd2-ceba-499f-be77-f02773954c72", sequence: 3,
      summary: "Event with an alarm", start: "2013-04-18T18:00:00.000Z", end: "2013-04-18T19:00:00.000Z", allDay: false,
      organizer: "stomlinson@mozilla.com", attendees: [], location: null,
    },
  },
  {
    n: 17, path: "node-ical/windows-quoted-tz-rrule.ics", reads: "a Windows display-name zone without VTIMEZONE as US Eastern with DST",
    expected: {
      // Documented choices: no METHOD -> PUBLISH; "(UTC-05:00) Eastern Time (US and Canada)" maps to
      // America/New_York (EDT in July), so 16:00Z rather than the literal fixed -05:00 (17:00Z).
      method: "PUBLISH", uid: "0000001", sequence: 0,
      summary: "Treasure Hunting", start: "2015-07-06T16:00:00.000Z", end: "2015-07-06T20:00:00.000Z", allDay: false,
      organizer: null, attendees: [], location: null,
    },
  },
  {
    n: 18, path: "postal-mime/google-calendar-event.eml", reads: "a real Gmail-delivered Google invite, ignoring the VALARM's ATTENDEE",
    expected: {
      method: "REQUEST", uid: "1utaf3eftt1agbnisfcc3a5ps0@google.com", sequence: 0,
      summary: "Test event \u23f0", start: "2024-04-11T08:00:00.000Z", end: "2024-04-11T09:00:00.000Z", allDay: false,
      organizer: "andris@postalsys.com", attendees: ["andris@postalsys.com", "andris@ethereal.email"], location: null,
    },
  },
  {
    n: 21, path: "php-mime-mail-parser/m0020.eml", reads: "an Exchange 2013 request with SEQUENCE 5 and uppercase MAILTO:",
    expected: {
      method: "REQUEST", uid: "040000008200E00074C5B7101A82E008000000006055F2A81B4ACF01000000000000000010000000B361C9BCE384F548A0527FAF6CC1EDC2", sequence: 5,
      summary: "1", start: "2014-03-28T09:03:00.000Z", end: "2014-03-28T09:33:00.000Z", allDay: false,
      organizer: "newsletter@finntack.com", attendees: ["clement.wong@finntack.com"], location: "Meeting Room",
    },
  },
  {
    n: 23, path: "calcard/045.ics", reads: "an Outlook 2016 export with TAB folding and a masked UID",
    expected: {
      method: "PUBLISH", uid: "040000008200E000*************00800000000*****************00000000000000010000000********************************", sequence: 0,
      summary: "Software-QS-Cast Application Performance Monitoring", start: "2021-05-27T08:30:00.000Z", end: "2021-05-27T10:00:00.000Z", allDay: false,
      organizer: null, attendees: [], location: null,
    },
  },
  {
    n: 24, path: "calcard/047.ics", reads: "a Teams series whose SUMMARY starts with a space and holds an emoji arrow",
    expected: {
      method: "REQUEST", uid: "040000C08200E00074C5B7101A89E00800000000EEB3773267BEA60100000000000000001000000023B1CC4F9EF21B4BBA06F5F3B4E42720", sequence: 0,
      // The leading space of "SUMMARY: Testmeeting" is part of the value and kept verbatim.
      summary: " Testmeeting \u27a1 ignore it!", start: "2020-11-24T10:00:00.000Z", end: "2020-11-24T10:30:00.000Z", allDay: false,
      organizer: null, attendees: ["annonym.usernames@email.com", "testmeeting.channel@email365.onmicrosoft.com"], location: null,
    },
  },
  {
    n: 25, path: "calcard/089.ics", reads: "a legacy CDO series without UID, giving it a synthetic one",
    expected: {
      // Documented choice: no UID, so the reader makes a stable "rapport-no-uid-…" one (stability tested below).
      method: "REQUEST", uid: expect.stringMatching(/^rapport-no-uid-/), sequence: 0,
      summary: "Sprint 25 Daily Standup", start: "2015-07-03T08:00:00.000Z", end: "2015-07-03T08:30:00.000Z", allDay: false,
      organizer: null, attendees: [], location: null,
    },
  },
  {
    n: 26, path: "calcard/100.ics", reads: "a Podio export with TAB folding, an ALTREP data: URI and quotes in SUMMARY",
    expected: {
      method: "REQUEST", uid: "20055546456446", sequence: 0,
      summary: 'Termin 4353 und"so"', start: "2022-02-22T18:30:00.000Z", end: "2022-02-22T19:30:00.000Z", allDay: false,
      organizer: null, attendees: [], location: "online",
    },
  },
  {
    n: 27, path: "calcard/116.ics", reads: "a BlackBerry all-day invite with uppercase MAILTO:",
    expected: {
      method: "REQUEST", uid: "XRIMCAL-628059586-522954492-9750559", sequence: 2,
      summary: "Test meeting from BB", start: "2012-08-14", end: "2012-08-15", allDay: true,
      organizer: "rembrand@daxlab.com", attendees: ["rembrand@xs4all.nl", "rembrand@daxlab.com", "rembspam@xs4all.nl"], location: null,
    },
  },
  {
    n: 28, path: "calcard/120.ics", reads: "a quoted Windows TZID \"Pacific Standard Time\"",
    expected: {
      method: "REQUEST", uid: "040000008200E00074C5B7101A82E0080000000090E19664858ED20100000000000000", sequence: 0,
      summary: "Test 4", start: "2017-02-24T20:00:00.000Z", end: "2017-02-24T20:30:00.000Z", allDay: false,
      organizer: null, attendees: [], location: null,
    },
  },
  {
    n: 29, path: "calcard/166.ics", reads: "a 2004 CDO invite with pre-2007 US DST rules crossing into the next UTC day",
    expected: {
      method: "REQUEST", uid: "CD0000008B9511D182D800C04FB1625D17D373499F99F547A0016BEAC6AB5576", sequence: 0,
      summary: "Now with descriptoin", start: "2004-10-12T05:30:00.000Z", end: "2004-10-12T07:00:00.000Z", allDay: false,
      organizer: "meher.tendjoukian@verdisoft.com", attendees: ["tendjoukian@yahoo.de", "meher.t@gmail.com"], location: "Test Location",
    },
  },
  {
    n: 30, path: "calcard/191.ics", reads: "an Outlook 2003 series in a southern-hemisphere custom VTIMEZONE",
    expected: {
      method: "PUBLISH", uid: "040000008200E00074C5B7101A82E008000000002079F2E4D4A3C9010000000000000000100000006C4B4F5EBD28AD43BB7F772276780C54", sequence: 0,
      summary: "Standup", start: "2009-03-09T22:30:00.000Z", end: "2009-03-09T22:45:00.000Z", allDay: false,
      organizer: "ben.fortuna@example.com", attendees: [], location: null,
    },
  },
  {
    n: 31, path: "calcard/199.ics", reads: "a Lotus Notes 6 series in a Lotus \"Eastern\" VTIMEZONE",
    expected: {
      method: "REQUEST", uid: "E88157FE01BE8A5C85256FDB006EBCC3-Lotus_Notes_Generated", sequence: 0,
      summary: "5 day daily repeating meeting", start: "2005-04-11T13:00:00.000Z", end: "2005-04-11T14:00:00.000Z", allDay: false,
      organizer: "icalchair@coffeebean.com", attendees: ["icalchair@coffeebean.com", "icalparticipant@coffeebean.com"], location: null,
    },
  },
  {
    n: 32, path: "calcard/246.ics", reads: "bare DATE values without VALUE=DATE as an all-day event",
    expected: {
      method: "REQUEST", uid: "skyrix://ogo-debian//11810", sequence: 0,
      summary: "new palm created record", start: "2006-06-11", end: "2006-06-12", allDay: true,
      organizer: "matt@mcbridematt.dhs.org", attendees: ["matt@mcbridematt.dhs.org"], location: null,
    },
  },
  {
    n: 52, path: "calmailproc/test-01-1.eml", reads: "a German Outlook invite in a display-name zone with escaped commas",
    expected: {
      method: "REQUEST", uid: "040000008200E00074C5B7101A82E0080000000006A84F9DA091DB010000000000000000100000001124D9E92DEECD469DBA5C584BAE38F7", sequence: 0,
      summary: "Test Event 1", start: "2025-03-10T13:00:00.000Z", end: "2025-03-10T14:00:00.000Z", allDay: false,
      organizer: "markus.brechtel@uk-koeln.de", attendees: ["brechtel@med.uni-frankfurt.de"], location: null,
    },
  },
  {
    n: 53, path: "calmailproc/test-01-2.eml", reads: "the matching German Outlook CANCEL",
    expected: {
      method: "CANCEL", uid: "040000008200E00074C5B7101A82E0080000000006A84F9DA091DB010000000000000000100000001124D9E92DEECD469DBA5C584BAE38F7", sequence: 1,
      summary: "Abgesagt: Test Event 1", start: "2025-03-10T13:00:00.000Z", end: "2025-03-10T14:00:00.000Z", allDay: false,
      organizer: "markus.brechtel@uk-koeln.de", attendees: ["brechtel@med.uni-frankfurt.de"], location: null,
    },
  },
  {
    n: 54, path: "calmailproc/test-05-1.eml", reads: "a Thunderbird invite with a historic Berlin VTIMEZONE (offsets with seconds)",
    expected: {
      method: "REQUEST", uid: "0e4a0959-e1c7-4c5a-b353-d7abbd8ca8ac", sequence: 0,
      summary: "Test 5", start: "2025-03-19T09:00:00.000Z", end: "2025-03-19T10:00:00.000Z", allDay: false,
      organizer: "markus.brechtel@thengo.net", attendees: ["markus.brechtel@thengo.net", "markus.brechtel@uk-koeln.de"], location: null,
    },
  },
  {
    n: 55, path: "calmailproc/test-05-2.eml", reads: "an Outlook REPLY without ORGANIZER",
    expected: {
      method: "REPLY", uid: "0e4a0959-e1c7-4c5a-b353-d7abbd8ca8ac", sequence: 0,
      summary: "Akzeptiert: Einladung: Test 5", start: "2025-03-19T09:00:00.000Z", end: "2025-03-19T10:00:00.000Z", allDay: false,
      organizer: null, attendees: ["markus.brechtel@uk-koeln.de"], location: null,
    },
  },
  {
    n: 56, path: "calmailproc/test-08.eml", reads: "a Horde invite carried only as an application/ics attachment",
    expected: {
      method: "REQUEST", uid: "20250416121602.kmhcvXmV3g8ZqT8cI_8fvet@webmail.uni-frankfurt.de", sequence: 0,
      summary: "Test 8", start: "2025-04-16T13:00:00.000Z", end: "2025-04-16T14:00:00.000Z", allDay: false,
      organizer: "c.lee@med.uni-frankfurt.de", attendees: ["brechtel@med.uni-frankfurt.de", "markus.brechtel@uk-koeln.de"], location: null,
    },
  },
  {
    n: 57, path: "calmailproc/test-09.eml", reads: "a forwarded Horde invite in text/x-vCalendar attachments",
    expected: {
      method: "REQUEST", uid: "20250416143546.R7qrsxit1lAvITsRpu6Q_8M@webmail.uni-frankfurt.de", sequence: 0,
      summary: "Test 9", start: "2025-04-16T04:00:00.000Z", end: "2025-04-16T05:00:00.000Z", allDay: false,
      organizer: "c.lee@med.uni-frankfurt.de", attendees: ["ludwig.montag@med.uni-frankfurt.de"], location: null,
    },
  },
  {
    n: 58, path: "calmailproc/test-10.eml", reads: "a message whose whole body is the calendar, with a Zoom URL as LOCATION",
    expected: {
      method: "REQUEST", uid: "saev4ait1Phooj9Aecei5aesegh1Mohr", sequence: 0,
      summary: "Test 10", start: "2025-04-17T12:00:00.000Z", end: "2025-04-17T13:00:00.000Z", allDay: false,
      organizer: "example@example.com", attendees: ["markus.brechtel@uk-koeln.de"], location: "https://uni-frankfurt.zoom-x.de/j/3029758878?omn=63051536587",
    },
  },
  {
    n: 59, path: "calmailproc/test-12.eml", reads: "a Sixt booking, using the VEVENT rather than the VFREEBUSY and ignoring an empty ORGANIZER",
    expected: {
      method: "PUBLISH", uid: "SIXT_9853474513", sequence: 0,
      summary: "Ihr Mietwagen von Sixt", start: "2017-07-31T07:00:00.000Z", end: "2017-07-31T21:30:00.000Z", allDay: false,
      organizer: null, attendees: [], location: "Sixt Frankfurt a. M. Truck 24h, Hanauer Landstr. 340, 60314 Frankfurt am Main, DE",
    },
  },
  {
    n: 60, path: "calmailproc/test-14.eml", reads: "a Trenitalia ticket with floating times and a malformed ORGANIZER, in the user's zone",
    expected: {
      // Documented choice: floating times follow the user's zone (UTC here; Europe/Rome is tested below).
      method: "REQUEST", uid: "e516a376-6363-41d4-a373-23e021395068", sequence: 0,
      // After unfolding (whitespace-only continuation lines included) the SUMMARY ends in ",  ".
      summary: "Reise Bologna Centrale-Ravenna, Zug Regionale TTPER 4001, Fahrkarten-Code 2019951724 ,  ",
      start: "2023-09-29T16:50:00.000Z", end: "2023-09-29T17:52:00.000Z", allDay: false,
      organizer: "webmaster@trenitalia.it", attendees: ["traveler@example.net", "traveler@example.net"], location: "Bologna Centrale",
    },
  },
  {
    n: 61, path: "calmailproc/test-15.eml", reads: "a Deutsche Bahn booking with floating times, in the user's zone",
    expected: {
      // Documented choice: floating times follow the user's zone (UTC here), even with a VTIMEZONE present.
      method: "PUBLISH", uid: "oon6Angumod2xoj5Eashe7lee8xahvai", sequence: 0,
      summary: "Musterstadt nach Beispieldorf", start: "2024-06-20T11:18:00.000Z", end: "2024-06-20T17:38:00.000Z", allDay: false,
      organizer: null, attendees: [], location: "Musterstadt",
    },
  },
  {
    n: 62, path: "calmailproc/test-17-1.eml", reads: "a weekly German Outlook series from its first occurrence",
    expected: {
      method: "REQUEST", uid: "040000008200E00074C5B7101A82E0080000000060FA38123DBBDB010000000000000000100000009123BEADE9978A4AA0AC92EF2005A108", sequence: 0,
      summary: "Test 17", start: "2025-05-02T13:00:00.000Z", end: "2025-05-02T14:00:00.000Z", allDay: false,
      organizer: "markus.brechtel@uk-koeln.de", attendees: ["brechtel@med.uni-frankfurt.de"], location: null,
    },
  },
];

async function read(path: string, options: { user?: string | null; defaultTimeZone?: string; now?: number } = {}) {
  const result = await understandInvite(fixture(`corpus/${path}`), {
    user: options.user ?? null,
    defaultTimeZone: options.defaultTimeZone ?? "UTC",
    now: options.now ?? JAN_2020,
  });
  return describeInvite(result);
}

/**
 * The reader moves a recurring series to its next occurrence at or after `now`. A day before
 * the MANIFEST's first start makes that first occurrence the next one, so the MANIFEST values
 * apply to series and single events alike.
 */
function dayBefore(start: string): number {
  return Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start) - DAY;
}

/** The fields the MANIFEST states, in the same shape as the table. */
function asManifest(output: InspectOutput) {
  if (!output.ok) return { error: output.error.code };
  const { meeting } = output;
  return {
    method: output.method,
    uid: meeting.uid,
    sequence: meeting.sequence,
    summary: meeting.summary,
    start: meeting.start,
    end: meeting.end,
    allDay: meeting.allDay,
    organizer: meeting.organizer?.email ?? null,
    attendees: meeting.attendees.map((attendee) => attendee.email),
    location: meeting.location,
  };
}

describe("the real-world invite corpus, read offline", () => {
  it("covers all 40 corpus files, each once", () => {
    expect(ROWS).toHaveLength(40);
    expect(new Set(ROWS.map((row) => row.path)).size).toBe(40);
  });

  for (const row of ROWS) {
    if ("error" in row) {
      it(`#${row.n} ${row.path}: refuses ${row.reads} with ${row.error}`, async () => {
        expect(asManifest(await read(row.path))).toEqual({ error: row.error });
      });
    } else {
      it(`#${row.n} ${row.path}: reads ${row.reads}`, async () => {
        // One comparison per file, so a failure shows every field that differs at once.
        expect(asManifest(await read(row.path, { now: dayBefore(row.expected.start) }))).toEqual(row.expected);
      });
    }
  }

  it("#25 calcard/089.ics: gives a UID-less event the same synthetic UID every time it is read", async () => {
    const now = dayBefore("2015-07-03T08:00:00.000Z");
    const first = await read("calcard/089.ics", { now });
    const second = await read("calcard/089.ics", { now });
    if (!first.ok || !second.ok) throw new Error("calcard/089.ics was not understood");
    expect(first.meeting.uid).toMatch(/^rapport-no-uid-/);
    expect(second.meeting.uid).toBe(first.meeting.uid);
  });

  it("#60 calmailproc/test-14.eml: reads floating times in the user's zone (Europe/Rome: CEST, +2)", async () => {
    const output = await read("calmailproc/test-14.eml", {
      defaultTimeZone: "Europe/Rome",
      now: dayBefore("2023-09-29T14:50:00.000Z"),
    });
    expect(asManifest(output)).toMatchObject({ start: "2023-09-29T14:50:00.000Z", end: "2023-09-29T15:52:00.000Z" });
  });
});

describe("who the interviewee is, in corpus invites", () => {
  const cases: { path: string; user: string | null; interviewee: string; not?: string }[] = [
    { path: "thunderbird/outlook-test-invite.eml", user: "homer@example.org", interviewee: "marge@example.org" },
    { path: "thunderbird/teams-meeting-invite.eml", user: "bart@example.com", interviewee: "marge@example.com" },
    // The EMAIL VALARM's ATTENDEE (andris@ethereal.email, who gets the reminder) is not the
    // interviewee; row #18 above checks it is not counted as an extra meeting attendee either.
    { path: "postal-mime/google-calendar-event.eml", user: "andris@ethereal.email", interviewee: "andris@postalsys.com", not: "andris@ethereal.email" },
    // No user given: the message's From (the organizer, markus.brechtel@thengo.net) is the user.
    { path: "calmailproc/test-05-1.eml", user: null, interviewee: "markus.brechtel@uk-koeln.de" },
  ];

  for (const { path, user, interviewee, not } of cases) {
    it(`${path}: for ${user ?? "the sender"}, the interviewee is ${interviewee}`, async () => {
      const output = await read(path, { user });
      if (!output.ok) throw new Error(`${path} was not understood: ${output.error.code}`);
      expect(output.interviewee?.email).toBe(interviewee);
      if (not) expect(output.interviewee?.email).not.toBe(not);
    });
  }
});

describe("the meeting format, in corpus invites", () => {
  const cases = [
    // Teams join link in X-MICROSOFT-SKYPETEAMSMEETINGURL and the description.
    { path: "thunderbird/teams-meeting-invite.eml", format: "video" },
    // A Zoom URL as the LOCATION.
    { path: "calmailproc/test-10.eml", format: "video" },
    // Google Meet link in X-GOOGLE-CONFERENCE.
    { path: "postal-mime/google-calendar-event.eml", format: "video" },
    // A named room and no conference link.
    { path: "php-mime-mail-parser/m0020.eml", format: "in_person" },
  ];

  for (const { path, format } of cases) {
    it(`${path}: is a ${format} meeting`, async () => {
      const output = await read(path);
      if (!output.ok) throw new Error(`${path} was not understood: ${output.error.code}`);
      expect(output.meeting.format).toBe(format);
    });
  }
});
