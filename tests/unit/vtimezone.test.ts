// An invite's own VTIMEZONE, evaluated by Rapport, gives the same offsets as the real zone it
// describes, hour by hour across years of DST changes (both hemispheres, old US rules).
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { readMail } from "../../src/inbound/mime";
import { repairCalendar } from "../../src/inbound/ics-repair";
import { zoneRules } from "../../src/inbound/vtimezone";
import { offsetAt } from "../../src/time/zoned";
import { fixture } from "../support/fixture-files";

async function vtimezone(path: string, tzid: string): Promise<ICAL.Component> {
  const text = (await readMail(fixture(path))).calendars[0]!.text;
  const calendar = new ICAL.Component(ICAL.parse(repairCalendar(text)));
  const found = calendar.getAllSubcomponents("vtimezone").find((z) => z.getFirstPropertyValue("tzid") === tzid);
  if (!found) throw new Error(`no VTIMEZONE ${tzid} in ${path}`);
  return found;
}

/** Every hour in [from, to): the first instant where the two disagree, or null. */
async function firstDifference(path: string, tzid: string, iana: string, from: string, to: string): Promise<string | null> {
  const rules = zoneRules(await vtimezone(path, tzid));
  expect(rules).not.toBeNull();
  for (let t = Date.parse(from); t < Date.parse(to); t += 3_600_000) {
    if (rules!.offsetAt(t) !== offsetAt(t, iana)) return new Date(t).toISOString();
  }
  return null;
}

describe("zoneRules", () => {
  it.each([
    ["Exchange W. Europe (1601 rules)", "corpus/calcard/045.ics", "W. Europe Standard Time", "Europe/Berlin", "2026-01-01", "2030-01-01"],
    ["Exchange Pacific (post-2007 US rules)", "corpus/calcard/120.ics", "Pacific Standard Time", "America/Los_Angeles", "2008-01-01", "2011-01-01"],
    ["Outlook 2003 Canberra, Melbourne, Sydney (southern hemisphere)", "corpus/calcard/191.ics", "Canberra, Melbourne, Sydney", "Australia/Sydney", "2009-01-01", "2012-01-01"],
    ["Lotus Notes Eastern (1987-2006 US rules)", "corpus/calcard/199.ics", "Eastern", "America/New_York", "2003-01-01", "2007-01-01"],
    ["Exchange Bangkok (no DST)", "corpus/node-ical/exchange-custom-tz.ics", "(UTC+07:00) Bangkok, Hanoi, Jakarta", "Asia/Bangkok", "2024-01-01", "2026-01-01"],
  ])("matches the IANA zone for %s", async (_name, path, tzid, iana, from, to) => {
    expect(await firstDifference(path, tzid, iana, from, to)).toBeNull();
  });

  it("reads the full historic RDATE-based Europe/Helsinki zone of an iCal4j export", async () => {
    expect(await firstDifference("corpus/thunderbird/message-non-invite.eml", "Europe/Helsinki", "Europe/Helsinki", "2020-01-01", "2023-01-01")).toBeNull();
  });
});
