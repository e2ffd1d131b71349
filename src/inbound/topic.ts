/**
 * What the invitation itself says the meeting is about, in its organizer's words: "Happy to
 * talk about the move from a PhD into industry research." The prep sheet quotes it so the first
 * questions can build on it. Only the person's own lines count: conferencing boilerplate (Teams,
 * Zoom, Meet blocks), booking systems' field lists, greetings, sign-offs and signatures, links,
 * phone numbers and addresses are left out, and of what remains only the sentences that say
 * what the conversation is about (not where to wait, who calls whom or who pays).
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
// What a conversation is about: "talk about the data team", "share how he moved into product",
// "our chat about robotics field engineering", "curious about", "interested in".
const SUBJECT =
  /\b(?:(?:talk|chat|conversation|call|discussion|questions?|advice|chatting|talking) (?:about|on)|discuss(?:ing)? |share (?:how|what|about|his|her|their)|hear (?:how|about|what)|learn (?:about|how|more about)|tell you (?:about|how)|how (?:he|she|they|you|I|we) (?:moved|got|went|made|broke|switched|started)|mov(?:e|ed|ing) (?:from|into)|interested in|curious about|exploring|career in|transition (?:from|into|to))/iu;
// Logistics, however phrased: how to reach each other, where to wait, who pays, bookings.
const LOGISTICS =
  /\b(?:call (?:you|me)|cell|mobile|phone number|desk line|reservation|reserved|table for|lobby|front desk|reception|entrance|parking|on me|booking|registering|register|inviting you to|arrive|reschedule|in case you need)\b/iu;
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
    // Links, addresses and numbers out, and the brackets or commas they leave behind.
    const words = line
      .replace(NOISE, " ")
      .replace(/\(\s*(?:[,;]\s*)*\)/g, " ")
      .replace(/\s+/g, " ")
      .replace(/\s([,.!?;:])/g, "$1")
      .trim();
    if (words !== line.replace(/\s+/g, " ") && /[:(]\s*$/.test(words)) continue; // a line that was mostly a link or number
    if (words) kept.push(words);
    if (kept.join(" ").length >= TOPIC_CHARS) break;
  }
  // Only the sentences that say what the conversation is about: "Table for two under Whitfield"
  // or "Nina to call Tom's mobile" is logistics, and no first question builds on it.
  const sentences = kept.join(" ").replace(/\s+/g, " ").trim().match(/[^.!?]+(?:[.!?]+|$)/g) ?? [];
  const text = sentences
    // "...for our meeting.: I'd love to hear..." leaves the second sentence opening on a colon.
    .map((sentence) => sentence.trim().replace(/^[\s:;,\u2013\u2014-]+/u, ""))
    .filter((sentence) => SUBJECT.test(sentence) && !LOGISTICS.test(sentence))
    .join(" ");
  // A word or two ("blank", "Reiseplan", "weekly 1on1") is a label, not something to build on.
  if ((text.match(/\p{L}+/gu) ?? []).length < 5) return null;
  if (text.length <= TOPIC_CHARS) return text;
  // Whole sentences when they fit; else whole words and an ellipsis.
  let out = "";
  for (const sentence of text.match(/[^.!?]+[.!?]+/g) ?? []) {
    if ((out + sentence).trim().length > TOPIC_CHARS) break;
    out += sentence;
  }
  if (out.trim().length >= 40) return out.trim();
  return `${text.slice(0, TOPIC_CHARS - 1).replace(/\s+\S*$/, "")}\u2026`;
}
