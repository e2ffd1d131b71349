/**
 * What a link in an invite is: a video meeting, a map of the place, or just some website (a
 * restaurant's page, a booking page) that says nothing about how people meet. Video links are
 * told by their shape, so a company's own service (video.harbor-trust.com/j/4815162342,
 * meet.kanaal-data.nl/..., vc.univ.edu/join/...) counts as much as the big providers do.
 */
import { getDomainWithoutSuffix } from "tldts-icann";

export type LinkKind = "video" | "map" | "other";

/** Providers whose meeting links carry none of the shapes below (whereby.com/acme, chime.aws/123...). */
const VIDEO_PROVIDERS = new Set(["zoom", "zoomgov", "zoom-x", "webex", "whereby", "bluejeans", "gotomeeting", "gotowebinar", "chime", "skype", "jitsi", "around", "livestorm", "pexip", "lifesize", "vidyo"]);
/** A host that is itself a meeting service: meet.google.com, video.harbor-trust.com, vc.univ.edu. */
const VIDEO_HOST_LABELS = new Set(["meet", "meeting", "video", "vc", "conference", "conf", "webconf", "webconference", "join", "teams", "hangouts", "facetime", "webinar"]);
/** A path that joins a meeting: /join/..., /meeting/..., teams' /l/meetup-join/..., cal.com's /video/... */
const VIDEO_PATH_SEGMENTS = /^(join|joinmeeting|meeting|meetup-join|video|videocall|conference|webinar|wc|webconf)$/i;
/** Zoom-style numeric rooms: /j/83512345678, /w/93377712345 (webinars), /my/... is a vanity room. */
const NUMERIC_ROOM = /^\/(?:j|w|s|wc\/join)\/\d{6,}/i;
const MEETING_ID_PARAM = /^(meeting-?id|meeting_id|confid|conference-?id|mtid|meetingnumber)$/i;

const MAP_SERVICES = new Set(["openstreetmap", "osm", "waze", "what3words", "citymapper"]);

/** Every http(s) link in a text, without the punctuation that follows it in prose or markup. */
export function linksIn(text: string): string[] {
  return (text.match(/https?:\/\/[^\s<>"'\])]+/giu) ?? []).map((link) => link.replace(/[.,;:!?]+$/, ""));
}

export function linkKind(link: string): LinkKind {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return "other";
  }
  if (url.protocol === "geo:") return "map";
  if (url.protocol !== "http:" && url.protocol !== "https:") return "other";
  const host = url.hostname.toLowerCase();
  const labels = host.split(".");
  const segments = url.pathname.split("/").filter(Boolean);
  const organisation = getDomainWithoutSuffix(host) ?? "";

  if (labels.includes("maps") || labels.includes("map") || /^maps?$/i.test(segments[0] ?? "") || MAP_SERVICES.has(organisation)) {
    return "map";
  }
  if (VIDEO_PROVIDERS.has(organisation) || VIDEO_HOST_LABELS.has(labels[0]!)) return "video";
  if (NUMERIC_ROOM.test(url.pathname) || segments.some((segment) => VIDEO_PATH_SEGMENTS.test(segment))) return "video";
  if ([...url.searchParams.keys()].some((key) => MEETING_ID_PARAM.test(key))) return "video";
  return "other";
}

/** The first video link among texts, in the order given (the most telling place first). */
export function firstVideoLink(texts: readonly string[]): string | null {
  for (const text of texts) {
    const link = linksIn(text).find((candidate) => linkKind(candidate) === "video");
    if (link) return link;
  }
  return null;
}
