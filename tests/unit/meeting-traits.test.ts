// Video, phone or in person, and over which meal, on cases beyond the people/ fixtures: video
// services on no list (self-hosted Jitsi and BigBlueButton, a bank's own host), map links from
// other apps, numbers to call, and meals in the languages titles are written in.
import { describe, expect, it } from "vitest";
import type { CalendarEvent } from "../../src/inbound/calendar";
import { mealKindIn } from "../../src/inbound/meals";
import { linkKind } from "../../src/inbound/meeting-links";
import { meetingTraits } from "../../src/inbound/meeting-traits";

function event(fields: Partial<Pick<CalendarEvent, "summary" | "location" | "description" | "conferenceUrls" | "url">>): CalendarEvent {
  return {
    uid: "x",
    recurrenceId: "",
    sequence: 0,
    dtstamp: null,
    summary: "",
    description: "",
    location: "",
    conferenceUrls: [],
    url: null,
    organizer: null,
    attendees: [],
    status: "",
    allDay: false,
    start: 0,
    end: 0,
    startDate: null,
    endDate: null,
    timeZone: null,
    zoneSource: "utc",
    unknownTzid: null,
    recurring: false,
    nextOccurrence: false,
    notExpanded: null,
    ...fields,
  };
}

describe("linkKind", () => {
  it.each([
    ["https://us02web.zoom.us/my/janedoe", "video"],
    ["https://acme.webex.com/acme/j.php?MTID=m0123456789abcdef", "video"],
    ["https://whereby.com/acme-careers", "video"],
    ["https://bluejeans.com/123456789", "video"],
    ["https://chime.aws/1234567890", "video"],
    ["https://teams.live.com/meet/9384736251", "video"],
    ["https://meet.acme.fr/EntretienLena", "video"],
    ["https://conference.uni-hamburg.de/b/abc-def-ghi", "video"],
    ["https://video.example-bank.com/j/4815162342", "video"],
    ["https://vc.univ.edu/join/abc-123", "video"],
    ["https://portal.acme.io/webinar/123", "video"],
    ["https://connect.acme.io/room?meetingId=88123", "video"],
    ["https://maps.app.goo.gl/Xk3vR9pQz7bLmN2d8", "map"],
    ["https://www.google.com/maps/place/Blue+Bottle", "map"],
    ["https://goo.gl/maps/abc123", "map"],
    ["https://maps.apple.com/?address=1+Ferry+Building", "map"],
    ["https://www.openstreetmap.org/#map=19/52.5/13.4", "map"],
    ["https://waze.com/ul?ll=40.7,-74.0", "map"],
    ["https://www.zunicafe.com/", "other"],
    ["https://meetings.hubspot.com/ana-delacruz", "other"],
    ["https://calendly.com/cancellations/2b7f0c1e", "other"],
    ["https://app.cal.com/booking/8fbfd2", "other"],
    ["not a url", "other"],
  ])("%s is %s", (link, kind) => {
    expect(linkKind(link)).toBe(kind);
  });
});

describe("meetingTraits: the format", () => {
  it.each<[string, Partial<CalendarEvent>, string]>([
    ["a Zoom vanity link in the location", { location: "https://us02web.zoom.us/my/janedoe" }, "video"],
    ["'Zoom' as the location, the link in the description", { location: "Zoom", description: "Join: https://us02web.zoom.us/j/81234567890" }, "video"],
    ["a self-hosted BigBlueButton link in the description", { description: "Raum: https://conference.uni-hamburg.de/b/abc-def-ghi" }, "video"],
    ["a FaceTime link", { location: "https://facetime.apple.com/join#v=1&p=AeN" }, "video"],
    ["'Video call' in the title and nowhere else", { summary: "Video call with Sam" }, "video"],
    ["a phone number as the location", { location: "+49 30 1234567" }, "phone"],
    ["'Phone: ...' as the location", { location: "Phone: +1 415 555 0100" }, "phone"],
    ["'call me' in the description", { description: "Call me on 07700 900123 when you are free." }, "phone"],
    ["'Intro call' and nothing else", { summary: "Intro call – Sam / Jordan" }, "phone"],
    ["a street address, even with an auto-added Teams link", { location: "Acme HQ, 1 Main St, Boston", conferenceUrls: ["https://teams.microsoft.com/l/meetup-join/19%3a"] }, "in_person"],
    ["a map link", { location: "https://www.google.com/maps/place/Blue+Bottle" }, "in_person"],
    ["a room", { location: "Gates Hall 415" }, "in_person"],
    ["a restaurant's website with no meal in the title", { location: "https://www.zunicafe.com/" }, "unknown"],
    ["'TBD' as the location", { location: "TBD" }, "unknown"],
    ["a lunch with no place yet", { summary: "Lunch with Sam", location: "TBD" }, "in_person"],
    ["a lunch whose description says to call if late", { summary: "Lunch with Sam", description: "Call me if you are running late: 07700 900123" }, "in_person"],
    ["'Virtual coffee' with no link yet", { summary: "Virtual coffee with Sam" }, "video"],
    ["a dial-in bridge in a Zoom description", { description: "https://acme.zoom.us/j/81234567890\nDial: +1 646 558 8656" }, "video"],
  ])("%s -> %s", (_, fields, format) => {
    expect(meetingTraits(event(fields)).format).toBe(format);
  });

  it("keeps the video link to show, even when the meeting is in person", () => {
    const traits = meetingTraits(event({ location: "Acme HQ, Boston", description: "Or join: https://meet.google.com/abc-defg-hij" }));
    expect(traits).toMatchObject({ format: "in_person", meetingUrl: "https://meet.google.com/abc-defg-hij" });
  });
});

describe("meals", () => {
  it.each([
    ["Breakfast: Elena / Tom", "breakfast"],
    ["Frühstück mit Jens", "breakfast"],
    ["Brunch – Chloé & Jane", "brunch"],
    ["Coffee?", "coffee"],
    ["Fika med Lars", "coffee"],
    ["Espresso with Marco", "coffee"],
    ["お茶 – 佐藤", "coffee"],
    ["Café Central, Wien", "coffee"],
    ["Lunch w/ Lucas + Aisha", "lunch"],
    ["Almuerzo con Sofía", "lunch"],
    ["Dinner – James & Sofia", "dinner"],
    ["Beers with Oliver", "drinks"],
    ["Catch up \u2615\ufe0f", "coffee"],
    ["\u{1F37B} after work", "drinks"],
    ["Happy hour – Kwame / Jordan", "drinks"],
    ["커피챗 – 김지은", "coffee"],
    ["스타벅스 강남R점", "coffee"],
    ["점심 – Minji / Jordan", "lunch"],
    ["Dim sum with Michael", "lunch"],
    ["회의", null],
    ["Portfolio review: coffee-table book layouts", null],
    ["Team sync", null],
    ["Catch-up with Isabela Costa", null],
    ["Interpreting the data", null],
  ])("%s -> %s", (text, kind) => {
    expect(mealKindIn(text)).toBe(kind);
  });

  it.each([
    ["Let's grab lunch \u2014 my treat.", "lunch"],
    ["Breakfast is on me", "breakfast"],
    ["Lunch's on me!", "lunch"],
    ["Happy to chat over coffee", "coffee"],
    ["I'm free after lunch", null],
    ["Join Zoom Meeting https://zoom.us/j/123", null],
    ["Grab a quick bite", null],
  ])("the notes invite to a meal: %s -> %s", (description, kind) => {
    expect(meetingTraits(event({ summary: "Jane / Kofi", location: "1164 Broadway", description })).mealKind).toBe(kind);
  });

  it("names the earliest meal in a title", () => {
    expect(mealKindIn("Brunch, then coffee")).toBe("brunch");
  });

  it("a meal over video is not a meal together", () => {
    expect(meetingTraits(event({ summary: "Virtual lunch", conferenceUrls: ["https://meet.google.com/abc-defg-hij"] }))).toMatchObject({
      format: "video",
      meal: false,
      mealKind: null,
    });
  });

  it("a café as the place makes it coffee in person", () => {
    expect(meetingTraits(event({ summary: "Meet Lina", location: "Café Kitsuné, Paris" }))).toMatchObject({
      format: "in_person",
      meal: true,
      mealKind: "coffee",
    });
  });
});
