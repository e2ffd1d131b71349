/**
 * What kind of meeting it is, read from its text: video, phone or in person (drives the "meet
 * in person" and "bring resume copies" advice), and whether it is over a meal or a drink, and
 * which (drives the 60-minute rule instead of 30).
 *
 * The location is the organizer's own statement of where, so it is read first: a street address
 * or a named place is in person even when Outlook added a Teams link underneath, a number to call
 * is a phone call, a map link is a place, and any other website (a restaurant's page) decides
 * nothing by itself. Conference links, the description and the title come after.
 */
import type { MeetingFormat } from "../db/schema";
import type { CalendarEvent } from "./calendar";
import { mealInvitedTo, mealKindIn, type MealKind } from "./meals";
import { firstVideoLink, linkKind, linksIn } from "./meeting-links";

export interface MeetingTraits {
  format: MeetingFormat;
  meetingUrl: string | null;
  meal: boolean;
  /** Which meal or drink, when `meal`. */
  mealKind: MealKind | null;
}

/** A location, description or title that says the meeting happens on screen. */
const VIDEO_WORDS = /\b(video|videocall|video call|video conference|web ?conference|webconf|online|virtual|remote|zoom|microsoft teams|teams meeting|teams call|google meet|hangouts?|webex|skype|facetime|jitsi|whereby|webinar)\b/i;
/** Fewer words count in a title: "Chat about data teams" is not a Teams meeting. */
const TITLE_VIDEO_WORDS = /\b(video call|video chat|videocall|zoom|microsoft teams|teams call|teams meeting|google meet|web ?conference|webinar|virtual|online|facetime|skype)\b/i;
/** A location that is a number to call: "Tel: (206) 555-0188", "+44 20 7946 0958", "Phone call". */
const PHONE_LOCATION = /^(?:tel:|tel\.?\s*:|phone|telephone|mobile|cell|call\b|dial\b)|\b(phone call|phone|telephone|by phone|conference call)\b|^\+?[\d\s().\/-]{7,}$/i;
/** A description that says someone will call: "I'll call you at +44 ...", "call me on", "by phone". */
const PHONE_DESCRIPTION = /\b(?:(?:call|ring|phone)\s+(?:you|me)\b|phone call|by phone|over the phone|via phone|on the phone)/i;
/** A title that says it is a call: "Phone call – Nina / Tom", "Career Strategy Call". */
const PHONE_TITLE = /\b(phone|telephone|call)\b/i;
/** A location that is no place yet. */
const UNDECIDED_PLACE = /^(tbd|tba|tbc|to be (?:determined|decided|confirmed)|n\/?a|none|-+|\?+|see (?:below|description|details)|details to follow)$/i;

function placeFormat(location: string): MeetingFormat | null {
  const links = linksIn(location);
  if (links.some((link) => linkKind(link) === "video")) return "video";
  if (links.some((link) => linkKind(link) === "map") || /^geo:/i.test(location)) return "in_person";
  const words = location.replace(/https?:\/\/\S+/gi, " ").replace(/\s+/g, " ").trim();
  if (!words || UNDECIDED_PLACE.test(words)) return null;
  if (VIDEO_WORDS.test(words)) return "video";
  if (PHONE_LOCATION.test(words)) return "phone";
  return "in_person";
}

function formatOf(event: CalendarEvent, videoLink: string | null, meal: boolean): MeetingFormat {
  const fromPlace = placeFormat(event.location.trim());
  if (fromPlace) return fromPlace;
  if (videoLink || TITLE_VIDEO_WORDS.test(event.summary)) return "video";
  // A meal with nowhere stated yet is still a meal together ("call me if you are running late"
  // in its description does not make it a phone call).
  if (meal) return "in_person";
  if (PHONE_DESCRIPTION.test(event.description)) return "phone";
  if (/\bmeeting id\b/i.test(event.description)) return "video";
  if (PHONE_TITLE.test(event.summary)) return "phone";
  return "unknown";
}

export function meetingTraits(event: CalendarEvent): MeetingTraits {
  const videoLink = firstVideoLink([event.location, ...event.conferenceUrls, event.url ?? "", event.description]);
  const named = mealKindIn(event.summary) ?? mealKindIn(event.location) ?? mealInvitedTo(event.description);
  const format = formatOf(event, videoLink, named !== null);
  // Coffee over a video call is not a meal together: the 30-minute rule stands.
  const mealKind = format === "video" || format === "phone" ? null : named;
  return { format, meetingUrl: videoLink ?? event.conferenceUrls[0] ?? null, meal: mealKind !== null, mealKind };
}
