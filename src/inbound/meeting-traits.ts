/**
 * What kind of meeting it is, read from its text: video, phone or in person (drives the
 * "meet in person" and "bring resume copies" advice), and whether it is over a meal or coffee
 * (drives the 60-minute rule instead of 30).
 */
import type { CalendarEvent } from "./calendar";
import type { MeetingFormat } from "../db/schema";

// Hosts of the video services people actually send; a link to any of them makes a video call.
const VIDEO_LINK =
  /https?:\/\/(?:[\w-]+\.)*(?:zoom\.us|zoom-x\.de|zoomgov\.com|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|webex\.com|bluejeans\.com|whereby\.com|meet\.jit\.si|jitsi\.[\w.]+|chime\.aws|gotomeeting\.com|meet\.goto\.com|around\.co|skype\.com)(?:[/?#][^\s<>"')\]]*)?/i;
const PHONE_WORDS = /\b(phone call|phone|call me|dial[- ]in|tel:|\+\d[\d ()-]{7,})/i;
const ONLINE_WORDS = /^(online|virtual|remote|video( call)?|zoom|teams|google meet|microsoft teams meeting|webex)$/i;
const MEAL_WORDS = /\b(coffee|caf[eé]|lunch|breakfast|brunch|dinner|tea|drinks?|beer|kaffee|fika|starbucks|bakery|restaurant|bistro)\b/i;

export interface MeetingTraits {
  format: MeetingFormat;
  meetingUrl: string | null;
  meal: boolean;
}

export function meetingTraits(event: CalendarEvent): MeetingTraits {
  const location = event.location.trim();
  const places = [...event.conferenceUrls, event.url ?? "", event.location, event.description];
  const link = places.map((place) => VIDEO_LINK.exec(place)?.[0]).find(Boolean) ?? null;
  const meal = MEAL_WORDS.test(event.summary) || MEAL_WORDS.test(location);

  let format: MeetingFormat = "unknown";
  if (link) format = "video";
  else if (/^tel:|^\+?\d[\d ()-]{7,}$/i.test(location) || PHONE_WORDS.test(event.summary)) format = "phone";
  else if (location && !ONLINE_WORDS.test(location) && !/^https?:\/\//i.test(location)) format = "in_person";
  else if (meal) format = "in_person";

  return { format, meetingUrl: link ?? event.conferenceUrls[0] ?? null, meal };
}
