/**
 * What the invitation itself says the meeting is about, in its organizer's words: "Happy to
 * talk about the move from a PhD into industry research." The prep sheet quotes it so the first
 * questions can build on it. Only the person's own lines count: conferencing boilerplate (Teams,
 * Zoom, Meet blocks), booking systems' field lists, greetings, sign-offs and signatures, links,
 * phone numbers and addresses are left out.
 *
 * The result is hostile text (the organizer wrote it): one line, no links, at most TOPIC_CHARS;
 * the emails escape it like any other invite text.
 */

export const TOPIC_CHARS = 160;

// Where the person's words end and a machine's begin.
const BOILERPLATE_START =
  /^(?:_{5,}|-{3,}|={3,}|-::~|microsoft teams|join (?:zoom|with google meet|on your computer|web conference|by phone|the webinar|from)|click here to join|meeting id|passcode|dial[- ]in|booked (?:via|with)|this meeting was booked|invitation from google calendar|please do not edit|cancel or reschedule|change\/cancel|need to reschedule|learn more about meet|more phone numbers|or dial|reply for )/i;
// A greeting line ("Hi Tom,", "Hello Sofia Alvarez,", "Aisha,") or a sign-off ("Best,", "Thanks!").
const GREETING = /^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^.!?]{0,40}|\p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'-]+)?),?$/u;
const SIGN_OFF = /^(?:best|regards|best regards|kind regards|thanks|thank you|cheers|sincerely|warmly|see you|talk soon)[,!.]?$/i;
// "Name: Tom Wu", "Event Host: Priya Raman": a booking system's fields, not a sentence.
const FIELD = /^[\p{L} /-]{2,24}:\s/u;
const NOISE = /https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|\+?\d[\d ().-]{7,}\d/gu;

function plain(description: string): string {
  return description
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li)>/gi, "\n")
    .replace(/<[^>]{0,200}>/g, "")
    .replace(/&nbsp;/gi, " ")
    .replace(/&amp;/gi, "&")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&quot;/gi, '"');
}

/** The organizer's own words about the meeting, one line, or null when the invite has none. */
export function inviteTopic(description: string): string | null {
  const kept: string[] = [];
  for (const raw of plain(description.slice(0, 8000)).split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    if (BOILERPLATE_START.test(line) || line === "--") break;
    if (kept.length > 0 && SIGN_OFF.test(line)) break;
    if (GREETING.test(line) || FIELD.test(line)) continue;
    const words = line.replace(NOISE, " ").replace(/\s+/g, " ").replace(/\s([,.!?;:])/g, "$1").trim();
    if (words !== line.replace(/\s+/g, " ") && /[:(]\s*$|\(\s*\)/.test(words)) continue; // a line that was mostly a link or number
    if (words) kept.push(words);
    if (kept.join(" ").length >= TOPIC_CHARS) break;
  }
  const text = kept.join(" ").replace(/\s+/g, " ").trim();
  // A word or two ("blank", "Reiseplan", "weekly 1on1") is a label, not something to build on.
  if ((text.match(/\p{L}+/gu) ?? []).length < 5) return null;
  if (text.length <= TOPIC_CHARS) return text;
  // Whole sentences when they fit; else whole words and an ellipsis.
  const sentences = text.match(/[^.!?]+[.!?]+/g) ?? [];
  let out = "";
  for (const sentence of sentences) {
    if ((out + sentence).trim().length > TOPIC_CHARS) break;
    out += sentence;
  }
  if (out.trim().length >= 40) return out.trim();
  return `${text.slice(0, TOPIC_CHARS - 1).replace(/\s+\S*$/, "")}\u2026`;
}
