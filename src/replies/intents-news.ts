/**
 * Recognisers for news about the user: a job landed ("I'm starting at Initrode in March"), a
 * LinkedIn connection, a move to another time zone ("I'm in Tokyo now").
 */
import { zoneOfPlace } from "../time/place-zones";
import type { Piece } from "./fragments";
import { guess, sure, type Context, type Reading } from "./reading";
import { startsWithDateWord } from "./when";

// ---------------------------------------------------------------------------------------------
// Landed: "I got the job!", "accepted an offer at Globex", "I'm starting at Initrode in March".

/** Words that make a job sentence a hope or a loss, not news: "got an offer but I'm not taking it". */
const NOT_NEWS = /\b(not|n't|never|unfortunately|waiting|hoping|hope|if|might|maybe|pending|considering|deciding|decided|undecided|havent|declin\w*|turn(?:ed)? down|rescinded|fell through|rejected|no offer|would|could)\b|n't\b/i;

// "a job offer", "a full-time role", "my dream job": the job's words may come before it.
const LANDED: RegExp[] = [
  /^(?:i )?(?:just |finally |officially )?landed(?: (?:a|the|my|an) (?:new )?(?:job|role|position|offer|gig))?(?:\s*:\s*|\s+(?:at|with)\s+|\s+)?(?<company>.*)$/i,
  /^(?:i )?(?:just |finally )?got (?:the|a|an|my) (?:(?:new|full-time|full time|permanent|job|dream)\s+)*(?:job|offer|role|position)(?: (?:at|from|with) (?<company>.+))?$/i,
  /^(?:i )?(?:just |finally )?(?:accepted|signed) (?:an?|the|their|her|his) (?:(?:new|full-time|full time|permanent|job|dream)\s+)*(?:offer|position|role|job)(?: (?:at|from|with) (?<company>.+))?$/i,
  /^(?:i )?(?:just )?accepted a (?:position|role|job) (?:with|at) (?<company>.+)$/i,
  /^(?:offer accepted|i'?m hired|i got hired|got hired|i accepted(?: it| the offer| their offer)?|accepted(?: it| the offer)?)$/i,
  /^(?:i'?m |i am |i )?(?:starting|start) (?:a new job |my new job |work )?(?:at|with) (?<company>.+)$/i,
  /^(?:i'?ll be|i'?m|i am) (?:joining|starting at|working at|going to) (?<company>.+)$/i,
  /^(?:i )?(?:signed|signing) with (?<company>.+)$/i,
  /^(?:i )?got hired (?:by|at) (?<company>.+)$/i,
  /^(?:i )?took (?:the|a|an|my) (?:(?:new|full-time|full time|permanent|job|dream)\s+)*(?:job|offer|role|position)(?: (?:at|with) (?<company>.+))?$/i,
  /^(?:i )?(?:found|got) a (?:new )?job(?: at (?<company>.+))?$/i,
  /^i'?m (?:now )?officially (?:a|an) (?<company>.+?) employee$/i,
  /^i got an offer from (?<company>.+)$/i,
  // "Just signed my offer with Shopify", "accepted my offer from Stripe"
  /^(?:i )?(?:just |finally |officially )?(?:signed|accepted) my (?:(?:new|job|full-time|full time)\s+)*(?:offer|contract)(?: (?:with|from|at) (?<company>.+))?$/i,
  // Indian English: "Have got selected at Infosys", "I got selected in TCS"
  /^(?:i )?(?:have |'ve )?(?:got |been |am |'m )?selected (?:at|in|for|by) (?<company>.+)$/i,
  // "The offer from Stripe came through and I said yes", "offer from Stripe came through, accepted it"
  /^(?:the |my |an |their )?offer from (?<company>.+?) came (?:through|in)(?:,?\s*(?:and )?(?:i )?(?:said yes|accepted(?: it)?|took it))$/i,
];

/** "Initrode in March" -> "Initrode"; "her company" -> null. */
function companyOf(text: string | undefined): string | null {
  if (!text) return null;
  const cut = text
    .split(/\s+(?:in|on|next|this|starting|from|as|yesterday|today|tomorrow|last|after|within|by|for|these days|nowadays|recently|lately|now|not|rather than|instead of|thanks to|because|via|through|so)\b|[,!?;:()]|(?<!(?:^|[\s.])\p{Lu})\.|\s[-—–]\s|\p{Extended_Pictographic}/u)[0]!
    .replace(/^the\s+/i, "")
    .trim();
  if (cut === "" || /^(her|his|their|its|my|your|our|the same|that|this|a|an|it|there|them) ?(company|place|firm|team|startup|one|org)?$/i.test(cut)) return null;
  return cut.length <= 80 ? cut : null;
}

/** Words that make job news not yet news: "got an offer but haven't decided yet". */
const PENDING = /\b(waiting|deciding|decided|undecided|havent|haven't|considering|pending|maybe|might|thinking)\b/i;

export function landed(piece: Piece, sentence: Piece): Reading {
  if (NOT_NEWS.test(sentence.text) && !PENDING.test(sentence.text)) return null;
  const text = piece.text.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "").replace(/^(?:(?:(?:good|great|big|exciting) news|update|news|fyi|btw)[:,]?\s*)+/i, "").replace(/^(?:i'?ve|i have)\s+/i, "i ");
  for (const pattern of LANDED) {
    const match = pattern.exec(text);
    if (match) return PENDING.test(sentence.text) ? guess("landed") : sure({ kind: "landed", company: companyOf(match.groups?.company) });
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Moved: the person a reminder is about works somewhere else now.

/**
 * Who moved: a pronoun, or a name as it is written ("Raj", "Sam Lee"). Matched case-sensitively
 * (a name is known by its capital), so the patterns carry no "i" flag.
 */
const PERSON = String.raw`(?:[Ss]he|[Hh]e|[Tt]hey|SHE|HE|THEY|(?!(?:Meeting|Call|Chat|Coffee|Interview|It|This|That|Everything|Our|My|The|We|I))\p{Lu}\p{Ll}[\p{Ll}'-]*(?: \p{Lu}\p{Ll}[\p{Ll}'-]*)?)`;
/** Verbs of going somewhere, which a city follows as often as a company: checked against places. */
const GOING = /\b(?:moved|gone)\b/i;
const MOVED: RegExp[] = [
  // "she's moved to Globex", "they've gone to Atlassian", "Raj moved to Google last month",
  // "she's moved from Google to Meta": the company unless it is a place ("moved to London").
  new RegExp(String.raw`^${PERSON}(?:'s|'ve| has| have)? (?:just |recently |now |actually )?(?:moved|gone)(?: over)?(?: from .+?)? to (?<company>.+)$`, "u"),
  // "he got poached by Amazon", "she was hired by Stripe"
  new RegExp(String.raw`^${PERSON} (?:got|was|has been|'s been) (?:poached|hired|snapped up|recruited|headhunted) by (?<company>.+)$`, "u"),
  // "she left Infosys and joined TCS"
  new RegExp(String.raw`^${PERSON}(?:'s| has| have)? left \p{Lu}[\p{L}&.'-]*(?: \p{Lu}[\p{L}&.'-]*)? and (?:joined|went to|moved to) (?<company>.+)$`, "u"),
  // "she's at Globex now", "he is with Stripe now", "they're working at Figma"
  // ("she's still at Stripe" is news only as an answer to Rapport saying she moved: see moved())
  new RegExp(String.raw`^${PERSON}(?:'s| is|'re| are)? (?:now |just |actually |still )?(?:at|with|working at|working for|over at) (?<company>.+)$`, "u"),
  // "he switched to Stripe", "they jumped over to Figma", "she changed jobs to Globex" (not
  // "moved to London": a city as often as a company)
  new RegExp(String.raw`^${PERSON} (?:just |recently )?(?:switched|jumped|changed jobs|moved jobs)(?: over)? to (?<company>.+)$`, "u"),
  // "she joined Globex", "he started at Stripe"
  new RegExp(String.raw`^${PERSON} (?:just |recently )?(?:joined|started at|is starting at|starts at) (?<company>.+)$`, "u"),
  // "she left Acme for Globex", "he left to join Stripe"
  new RegExp(String.raw`^${PERSON}(?:'s| has| have)? left(?: \p{Lu}[\p{L}&.'-]*(?: \p{Lu}[\p{L}&.'-]*)?)? (?:for|to join|to go to) (?<company>.+)$`, "u"),
];

/** "She's at Globex now": the company, written as the reply writes it (a capital, as names are). */
export function moved(piece: Piece, context?: Context): Reading {
  const text = piece.text
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "")
    // "FYI she left Infosys…", "Btw she's moved to Canva": a lead-in, not the person.
    .replace(/^(?:(?:fyi|btw|by the way|also|oh|and|ps|p\.s\.?|update|news|turns out|it turns out|apparently|so|(?:kindly |please )?note that)[,:]?\s+)+/i, "");
  // A digest line names its person by number: "3 moved to Deloitte", "1 now at Globex".
  const said = context?.to === "digest" && /^(?:(?:is |'s )?(?:now |just |recently )?(?:at|with|working at)|(?:has |'s )?(?:just |recently )?(?:moved|switched|jumped|joined|left))\b/i.test(text) ? `they ${text}` : text;
  // "She's still at Stripe" is no move, except to undo one Rapport just recorded ("he's still at Acme").
  if (/\bstill (?:at|with|working)\b/i.test(said) && context?.to !== "reply_ack") return null;
  for (const pattern of MOVED) {
    const match = pattern.exec(said);
    const company = companyOf(match?.groups?.company);
    if (!company || !/^[\p{Lu}\p{N}]/u.test(company) || company.split(/\s+/).length > 5 || startsWithDateWord(company)) continue;
    // "He moved to London": a place, so news for a note, not a new employer.
    const verb = match![0].slice(0, match![0].length - match!.groups!.company!.length);
    const place = zoneOfPlace(company.toLowerCase());
    if (GOING.test(verb) && place !== null && place !== "ambiguous") continue;
    return sure({ kind: "moved", company });
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// LinkedIn: a profile link, or "connected on LinkedIn".

const PROFILE = /(?:https?:\/\/)?(?:[\w-]+\.)?linkedin\.com\/(?:in|pub)\/[^\s<>"'()]+/i;

/** The profile link as it should be stored: https, no tracking query, no trailing punctuation. */
function profileUrl(found: string): string {
  const withScheme = found.replace(/^(?:https?:\/\/)?/i, "https://");
  return withScheme.replace(/[?#].*$/, "").replace(/[.,;:!>]+$/, "");
}

export function linkedin(piece: Piece): Reading {
  const found = PROFILE.exec(piece.text);
  if (found) return sure({ kind: "linkedin", url: profileUrl(found[0]) });
  if (/^(?:we'?re |we are |we |i'?m |i am |i |have |i'?ve |also |now |just |already )*(?:now )?(?:connected|linked up|connecting)(?: with (?:him|her|them|[\p{L} ]{1,30}))?(?: (?:on|via|through) (?:linkedin|li))(?: now| too| as well| already)?$/u.test(piece.core) ||
    /^(?:i )?(?:just |already |also )?(?:added|connected with|followed) (?:him|her|them|[\p{L}]{2,20}(?: [\p{L}]{2,20})?) (?:on|via) (?:linkedin|li)(?: too| as well| already)?$/u.test(piece.core)) {
    return sure({ kind: "linkedin", url: null });
  }
  // "1: LinkedIn connected"
  if (/^(?:on )?(?:linkedin|li) (?:connected|connection (?:made|done|accepted))$/.test(piece.core)) return sure({ kind: "linkedin", url: null });
  return null;
}

// ---------------------------------------------------------------------------------------------
// Time zone: "time zone Berlin", "I'm in Tokyo now", "Pacific time please".

export function timeZone(piece: Piece): Reading {
  // "I moved to Toronto so pls use Eastern time", "I'm based in Joburg so please use SA time":
  // the zone asked for, or else the place the reason names.
  // "btw", "a heads up": a lead-in, not the place.
  const core = piece.core
    .replace(/^(?:(?:btw|fyi|(?:just )?(?:a )?heads up|also|just so you know)[,:]?\s+)+/, "")
    // "I'm based in Lagos so my times are WAT not New York time": the place says it.
    .replace(/,?\s+so (?:my |the )?times? (?:are|is|should be|will be) .+$/, "");
  const asked = /^(?<before>.+?),? so (?:please |pls |plz |kindly )?(?:use|switch to|change to|set it to) (?<place>[\p{L} ]+?) time(?: ?zone)?(?: for everything| please| pls| from now on)?$/u.exec(core);
  if (asked?.groups) {
    const zone = zoneOfPlace(asked.groups.place!);
    if (zone && zone !== "ambiguous") return sure({ kind: "time_zone", zone });
    const reason = timeZone({ ...piece, core: asked.groups.before!, text: asked.groups.before! });
    if (reason) return reason;
    return zone === "ambiguous" ? guess("time_zone") : null;
  }
  const named =
    /^(?:my )?(?:time ?zone|tz)(?: is| to|:|=)?\s*(?<place>.+)$/.exec(core) ??
    /^(?:(?:please )?(?:switch|change|set|move) (?:me|my time ?zone|it) to |(?:use|i'?m on|i am on|we'?re on) )(?<place>.+?)(?: time)?(?: now)?$/.exec(core) ??
    /^(?<place>[a-z ]+?) time(?: please| now| zone)?$/.exec(core) ??
    /^(?:i'?ve |i have |i )?(?:just )?(?:moved|relocated)(?: back)? to (?<place>.+?)(?: (?:last|this) (?:week|month|year)| recently)?$/.exec(core) ??
    /^(?:i'?m |i am )?(?:now )?(?:living|based|staying|back home|back) in (?<place>.+?)(?: now| these days| for now)?$/.exec(core) ??
    /^(?:i'?m|i am) (?:now )?in (?<place>.+?)(?: now| for (?:the next|a|the) (?:\w+ )?(?:days?|weeks?|months?|year)| for now| these days| this (?:week|month))?$/.exec(core);
  if (named?.groups?.place) {
    const place = named.groups.place.trim();
    const zone = zoneOfPlace(place);
    if (zone === "ambiguous") return guess("time_zone");
    if (zone) return sure({ kind: "time_zone", zone });
    return /^(?:my )?(?:time ?zone|tz)\b/.test(core) ? guess("time_zone") : null;
  }
  if (/^(?:i'?m |i am )?(?:moving|relocating) to [\p{L} ]+/u.test(core)) return guess("time_zone");
  if (/^[a-z]{2,4}$/.test(core) && /^[A-Z]{2,4}$/.test(piece.text.trim()) && zoneOfPlace(core) === "ambiguous") return guess("time_zone");
  return null;
}
