/**
 * Recognisers for what a reply does to a reminder: done ("sent it", "followed up w her
 * yesterday"), skip, stop, unsubscribe, snooze ("ping me again in 10 days"), cadence ("every other
 * month"), pause and resume. Each matches a whole clause, polite wrapping aside, so a command word
 * inside a story ("she's done hiring", "we should stop by") is not a command.
 */
import type { Piece } from "./fragments";
import { guess, sure, type Context, type Reading } from "./reading";
import type { AnsweredKind } from "./reply-kinds";
import { isoDate, normaliseTimeWords, readWhen, type Clock } from "./when";

/** "he", "her", "Kenji", "this one": whom a reminder is about. */
const SOMEONE = String.raw`(?:him|her|them|this (?:one|person|contact|guy|lady)|that (?:one|person)|[\p{L}][\p{L}.' -]{0,40})`;

// ---------------------------------------------------------------------------------------------
// Done: the thank-you is sent, the check-in written.

const DONE_WORDS =
  /^(?:(?:yes|yep|yup|yeah|yea) )?(?:all |both )?(?:done|sent|did it|done it|done and done|sent it|finished|completed?|handled|took care of it|taken care of|all set|(?:all |it'?s )?sorted(?: (?:with|w) (?:him|her|them))?|(?:i )?already (?:did|done|sent|wrote)(?: it| one| this| that)?|it'?s (?:done|sent)|i did|i have|i did (?:it|this|that))(?: (?:yesterday|today|earlier|this morning|this afternoon|last night|last week|this week|this month|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)))?(?: over (?:coffee|lunch|a call|the phone|email|linkedin)(?: last week| yesterday)?)?$/;
// "I already emailed him last week actually", "followed up w her yesterday", "i have already
// send the mail to her": someone reaching out, read word by word. The verb must come first (the
// user's own act, not "she sent me…"); after it only words for the person, the note, the time
// and the channel may follow, so "I sent my resume to her colleague" stays a story.
const DONE_VERBS = new Set([
  "sent", "send", "emailed", "e-mailed", "email", "mailed", "messaged", "texted", "wrote", "written", "pinged", "dm'd", "dmed",
  "thanked", "called", "rang", "replied", "responded", "contacted", "followed", "reached", "got", "caught", "touched",
  "spoke", "talked", "chatted", "sended", "told",
]);
/** Verbs that mean reaching out only with their particle: "followed up", "got back to", "spoke to". */
const DONE_PARTICLES: Record<string, string[]> = {
  followed: ["up"], reached: ["out"], got: ["back"], caught: ["up"], touched: ["base"],
  spoke: ["to", "with"], talked: ["to", "with"], chatted: ["to", "with"],
};
/** Talking with them is a check-in, not a thank-you note or a prep: these verbs count only there. */
const TALKED = new Set(["spoke", "talked", "chatted"]);
const DONE_WORDS_AFTER = new Set(
  ("up back out in touch to with w w/ him her them it one that this the a an my our thank you thanks thank-you note notes email e-mail mail " +
    "message msg card text dm line reply follow-up followup quick short already just finally actually too also yesterday today tonight " +
    "this morning afternoon evening earlier last night week weekend now on via through over by linkedin whatsapp slack signal sms " +
    "messages messenger phone person instead of as suggested like said have has mr mrs ms dr prof few days ago couple base " +
    "monday tuesday wednesday thursday friday saturday sunday some few minor small tweaks changes edits " +
    "handwritten hand-written personal brief little nice proper letter postcard " +
    "right after before call meeting chat coffee lunch breakfast dinner drinks zoom conversation interview nite tonite yday am pm " +
    // "sent it off", "thank u mail", "to Mr. Sharma sir", "sent it yesterday evening only", "from last week"
    "off u sir madam maam ma'am only from at meetup event conference party min mins minute minutes hour hours itself " +
    // "sent a quick note congratulating him on the promotion": the check-in the prompt suggests
    "congratulating congratulated congrats congratulations promotion new role job birthday anniversary " +
    // "sent her a thank you too obviously", "sent this one tho"
    "obviously tho though anyway anyways as well both all there same").split(" "),
);

/** Whether a clause says the user reached out: "(I) <verb> (him|the note|…) (yesterday|on LinkedIn|…)". */
function reachedOut(clause: string, text: string, to: AnsweredKind | null = null): boolean {
  // A reason or a reassurance after the act is not part of it: "messaged her on LinkedIn
  // instead since I don't have her email", "already replied to her email so we're good".
  const core = clause
    .replace(/\s+(?:since|because|as|cause|cuz|coz) (?:i|i'm|i've|i don't|she|he|they|her|his|their)\b.*$/, "")
    .replace(/\s+so (?:we'?re|all|it'?s|that'?s) (?:good|fine|sorted|done)$/, "")
    // "sent it yesterday before your email came": when the reminder came is not part of the act.
    .replace(/\s+before (?:your|the|this) (?:email|mail|reminder|message)(?: (?:came|arrived|came in|got here))?$/, "")
    // "sent it 5 min ago": a number of minutes or hours is a time.
    .replace(/\b\d{1,3} (?=min|mins|minute|minutes|hour|hours|days?\b)/g, "");
  const words = core.split(/\s+/);
  let start = 0;
  // ("Mi send it already": "mi" is I in Jamaican English.)
  while (start < words.length && /^(i|mi|i've|ive|i'd|i have|have|had|already|just|finally|also|actually|so|yup|yep|yes|please|now)$/.test(words[start]!)) start += 1;
  const verb = words[start] ?? "";
  // "dropped her a line", "flicked her a message", "shot him an email": only with what it sends.
  if (/^(?:dropped|flicked|shot|fired)$/.test(verb) && /^(?:off )?(?:(?:him|her|them) )?an? (?:quick |short )?(?:line|note|message|msg|email|text|dm)\b/.test(words.slice(start + 1).join(" "))) {
    return reachedOut(core.replace(/\b(?:dropped|flicked|shot|fired)(?: off)?\b/, "messaged").replace(/\ban? (?:quick |short )?(?:line|note|message|msg|email|text|dm)\b/, ""), text, to);
  }
  if (!DONE_VERBS.has(verb)) return false;
  if (TALKED.has(verb) && (to === "prep" || to === "confirm")) return false;
  if (DONE_PARTICLES[verb] && !DONE_PARTICLES[verb].includes(words[start + 1] ?? "")) return false;
  // "send the mail to her colleague": someone other than them makes it another story.
  // ("reached out to her yesterday" is them: a word that may follow the act is no one else.)
  for (const other of core.matchAll(/\bto (?:his|her|their|my) (\w+)/g)) {
    if (!/^(?:thank|note|email|mail)/.test(other[1]!) && !DONE_WORDS_AFTER.has(other[1]!)) return false;
  }
  // Names ("Mr. Okafor", "Priya") may stand for the person; other content words make it a story.
  const names = new Set((text.match(/\b\p{Lu}[\p{L}'-]+/gu) ?? []).map((name) => name.toLowerCase()));
  // "spoke to jenny": whom one spoke to is named right after the particle, capital or not.
  // Not a group or a role ("talked to recruiters at the event" is no check-in with them).
  const heard = words[start + 2]?.replace(/[.,!]+$/, "");
  if (TALKED.has(verb) && heard && !/^(?:recruiters?|people|someone|somebody|folks|everyone|everybody|friends?|colleagues?|hr|managers?|boss|mentors?|team|a|an|the|my|some)$/.test(heard)) names.add(heard);
  // "to mr. sharma": the word after a title is a name, capital or not.
  words.forEach((word, index) => {
    if (/^(?:mr|mrs|ms|dr|prof)\.?$/.test(word) && words[index + 1]) names.add(words[index + 1]!.replace(/[.,!]+$/, ""));
  });
  const unknown = words.slice(start + 1).filter((word) => {
    const bare = word.replace(/[.,!]+$/, "");
    return bare !== "" && !DONE_WORDS_AFTER.has(bare) && !names.has(bare);
  });
  return unknown.length === 0;
}

const NOT_DONE =
  /^(?:not (?:done|sent|yet)(?: yet)?|haven'?t (?:sent|done|written)(?: it)?(?: yet)?|not (?:done|sent) yet.*|will (?:send|write)(?: it| one)?(?: (?:tonight|tomorrow|later|soon|today|this week))?|not now|later|remind me later|in a bit|soon)$/;
/** "Thank-you note sent via LinkedIn", "the follow-up is done": the thank-you itself, said to be sent. */
const THANKS_SENT = /^(?:(?:so )?(?:yes|yeah|yep) )?(?:(?:the |my )?(?:thank[- ]?(?:you|u)|thanks|follow-?up|check-?in)(?: (?:note|email|e-mail|mail|message|card|letter))?|it) (?:(?:is |was |has been |got )?(?:already )?(?:sent|done|delivered|written)|went out|has gone out)\b/;
const DONE_MARKS = /^(?:✅|✔️?|☑️?|✓)+$/u;

/**
 * "Emailed her an article about warehouse robotics": sharing something useful is the check-in
 * the prompt suggests; what was shared is kept as a note.
 */
const SHARED = new RegExp(
  String.raw`^(?:i )?(?:just |already |also )?(?:sent|emailed|e-mailed|shared|forwarded|messaged|dm'?d|texted) (?:(?:him|her|them|\p{L}+) )?(?:an?|the|that|this|some|my) ` +
    String.raw`(?:\p{L}+ )?(?:article|link|post|paper|video|podcast|update|report|talk|event|invite|job posting|newsletter|book|piece|study|blog post)s?\b`,
  "u",
);

/** "Had a call with him on Monday", "had coffee with Jenny last week": a check-in, done. */
const HAD_A_TALK = new RegExp(
  String.raw`^(?:i )?(?:just |already |also )?had (?:a |an )?(?:quick |short |long |good |great |nice |lovely )?(?:call|chat|catch-?up|coffee|lunch|drinks|zoom|phone call|video call|conversation) with (?:him|her|them|\p{L}[\p{L}'-]*(?: \p{L}[\p{L}'-]*)?)` +
    String.raw`(?: (?:today|yesterday|last (?:week|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this (?:morning|afternoon|week)|at (?:a|an|the) [\p{L}-]+))*$`,
  "u",
);

export function done(piece: Piece, context?: Context): Reading {
  const core = piece.core;
  const to = context?.to ?? null;
  if (HAD_A_TALK.test(core) && to !== "prep" && to !== "confirm" && to !== "thanks") return sure({ kind: "done" });
  if (SHARED.test(core)) return sure({ kind: "done" }, { kind: "note", text: piece.text.replace(/[.!]+$/, "") });
  if (THANKS_SENT.test(core)) return sure({ kind: "done" });
  // A lead's digest line: "asked for the intro", "requested the introduction".
  if (/^(?:i )?(?:just |already )?(?:asked|requested)(?: (?:him|her|them|for))?(?: for)? (?:the |an )?intro(?:duction)?\b/.test(core)) return sure({ kind: "done" });
  // "Sent ✅": a check mark reads as "done" (coreOf), so "sent done" is one done.
  if (DONE_MARKS.test(piece.text.replace(/\s+/g, "")) || /^(?:done|sent)(?: (?:done|sent|✅|✔️?|☑️?))*$/u.test(core)) return sure({ kind: "done" });
  if (DONE_WORDS.test(core.replace(/\b(done)( done)+\b/, "$1")) || reachedOut(core, piece.text, to)) return sure({ kind: "done" });
  // "I wanted to inform you that I have sent the thank-you email to Mr. Okafor as you have suggested."
  const told = /^(?:i )?(?:wanted to (?:inform|tell|let) you|just (?:wanted to )?let you know|want(?:ed)? to let you know|fyi)(?: know)?(?: that)? (.+)$/.exec(core);
  if (told && reachedOut(told[1]!, piece.text)) return sure({ kind: "done" });
  if (/^read (it|the (prep|sheet|prep sheet))(, feel ready)?$|^(i'?m |feeling )?(ready|prepared)$/.test(core)) return sure({ kind: "done" });
  if (/^(i )?(already )?thanked (him|her|them)( in person| at the end| on the call)?$/.test(core)) return sure({ kind: "done" });
  if (NOT_DONE.test(core)) return guess("snooze");
  // One mistyped word ("Donw", "sentt", "snet it thx") when it is the whole reply.
  const typed = /^([a-z]{4,6})(?: (?:it|this|this one|that))?(?: (?:thx|thanks|ty|pls|please))?$/.exec(core)?.[1];
  if (typed && (closeTo(typed, "done") || closeTo(typed, "sent"))) return sure({ kind: "done" });
  return null;
}

/** At most one letter changed, added, dropped or swapped with its neighbour. */
function closeTo(word: string, target: string): boolean {
  if (word === target || Math.abs(word.length - target.length) > 1) return word === target;
  let i = 0;
  while (i < word.length && word[i] === target[i]) i++;
  const tail = (a: string, b: string) => a === b;
  return (
    tail(word.slice(i + 1), target.slice(i + 1)) ||
    tail(word.slice(i), target.slice(i + 1)) ||
    tail(word.slice(i + 1), target.slice(i)) ||
    (word[i] === target[i + 1] && word[i + 1] === target[i] && tail(word.slice(i + 2), target.slice(i + 2)))
  );
}

// ---------------------------------------------------------------------------------------------
// Skip, stop, unsubscribe: from "not this one" to "no more email at all".

const SKIP = new RegExp(
  String.raw`^(?:skip(?: (?:it|this|this one|this time|that))? for now|skip|pass|nah|no need|no thanks|(?:nah |no )?not this (?:time|month|week|one|round)|ignore (?:this|this one|it)|not needed(?: (?:this time|for this one|now))?|(?:please )?don'?t bother(?: with (?:this|this one|it|that|him|her|them))?|(?:i'?d|i would) rather not (?:follow up|send (?:one|it|a (?:note|thank[- ]?you)))(?: with (?:him|her|them))?(?: (?:tbh|honestly))?|skip prep(?: sheet)?|skip (?:the )?prep (?:emails?|sheets?)(?: for this one)?|not necessary|i'?ll pass|skip (?:it|this|this one|this time|that|the (?:follow-?up|reminder|prep(?: sheet)?|thank[- ]?you(?: note)?))|(?:i'?ll )?pass on (?:it|this|the (?:follow-?up|thank[- ]?you|reminder))|(?:please )?(?:don'?t|do not) remind me|no thank[- ]?you(?: note)? (?:needed|necessary|required)|(?:i )?(?:don'?t|do not) need to (?:follow up|send (?:one|it|a (?:note|thank[- ]?you)))(?: with (?:him|her|them))?|no (?:follow-?up|thank[- ]?you(?: note)?) (?:needed|necessary)` +
    // "skip this month", "not sending one", "won't send a thank-you for this one"
    String.raw`|skip (?:it |this one )?(?:this|for this) (?:month|time|round|week)|(?:i'?m )?not (?:sending|writing|doing) (?:one|it|a (?:note|card|thank[- ]?you(?: note)?))(?: (?:this time|for this one))?` +
    // "I'm not going to send one", "not sending", "skipping this one"
    String.raw`|(?:i'?m |i am )?not (?:going to|gonna) (?:send|write|do) (?:one|it|this one|a (?:note|card|thank[- ]?you(?: note)?))(?: (?:this time|for this one))?|not sending(?: (?:one|it|this one))?|skipping(?: (?:it|this|this one|that one))?` +
    // "pls stop nagging me about this one": this reminder, not the person
    String.raw`|stop (?:nagging|bugging|pestering|hassling)(?: me)?(?: about (?:this|this one|it))?` +
    // "Nah I'm gonna skip the thank you on this one", "can we just drop this one"
    String.raw`|(?:i'?m |i am )?(?:gonna|going to) skip (?:the thank[- ]?you(?: note| email)?|it|this one|this)(?: (?:on|for) this one| this time)?` +
    String.raw`|(?:can we |let'?s )?(?:just )?drop this one` +
    String.raw`|(?:i )?won'?t (?:send|write|do) (?:one|it|a (?:note|card|thank[- ]?you(?: note)?))(?: (?:this time|for this one))?)$`,
);

const UNSUBSCRIBE = new RegExp(
  String.raw`^(?:unsubscribe(?: me)?(?: from (?:this|these|everything|all|all (?:of )?(?:this|it)|rapport|your (?:emails|list)|(?:all )?(?:of )?(?:your |the |these |rapport'?s? )?(?:rapport )?(?:emails|e-?mails|messages|reminders|mailing lists?|lists?)))?|i (?:want|would like|'d like) to unsubscribe|opt(?: me)? out|stop ?all|stop (?:emailing|e-?mailing|mailing|messaging|contacting|spamming) me|stop sending(?: me)?(?: (?:these|this|emails?|e-?mails|reminders|messages|any more emails|anything|stuff))?|no more (?:emails|e-?mails|messages)(?: (?:from you|from rapport))?|(?:please )?remove me from (?:your|this|the|all|all the|these) (?:mailing |email )?(?:list|lists|emails|mails|reminders)|take me off (?:your|this|the) (?:mailing |email )?list|leave me alone|(?:please )?(?:don'?t|do not) (?:send|email) me (?:these|this|anything|any more|anymore|emails)(?: emails)?(?: anymore)?|cancel (?:my )?(?:subscription|account))$`,
);

const STOP = new RegExp(
  String.raw`^(?:stop|stop (?:the )?(?:reminders|reminding me|check-?ins|nudges|follow-?ups|prompts|emails)(?: (?:about|for|on|with) ${SOMEONE})?(?: (?:anymore|any more|please))?` +
    String.raw`|(?:please )?(?:don'?t|do not|dont) remind me (?:about|of) ${SOMEONE}(?: (?:anymore|any more|again|ever again))?` +
    String.raw`|no more (?:reminders|check-?ins|nudges|emails)? ?(?:about|for|on|with) ${SOMEONE}` +
    // "Please stop emailing me about Priya": about one person, not everything
    String.raw`|stop (?:emailing|e-?mailing|mailing|messaging|reminding|bugging|pinging|sending me (?:stuff|emails?|reminders|things|anything|prep sheets)) ?(?:me )?(?:about|re|regarding|for) ${SOMEONE}` +
    // "Please don't send me any more reminders about Priya"
    String.raw`|(?:please )?(?:don'?t|do not) send me any ?more (?:reminders|emails|prompts|check-?ins) (?:about|for|re) ${SOMEONE}` +
    String.raw`|not interested(?: (?:anymore|any more))?|(?:(?:she|he|they)(?:'s| is|'re| are) )?(?:not|no longer) relevant(?: (?:anymore|any more))?|stop (?:for|about|with) (?:him|her|them|this (?:one|person|contact)|that (?:one|person))` +
    String.raw`|(?:i )?(?:don'?t|do not) need (?:the |any )?(?:reminders|check-?ins|nudges)(?: (?:for|about) ${SOMEONE})?(?: (?:anymore|any more))?` +
    String.raw`|(?:remove|delete|drop) (?:him|her|them|this (?:one|contact|person)|[\p{L}][\p{L}.' -]{0,40}) from (?:my|the) (?:list|contacts)|(?:remove|delete|drop) (?:him|her|them|this (?:one|contact|person))` +
    String.raw`|no need to (?:keep|stay) in touch(?: with ${SOMEONE})?|(?:there'?s )?no need to keep tabs on (?:him|her|them|this (?:one|person|contact))|(?:i )?(?:don'?t|do not) need to (?:keep|stay) in touch(?: with ${SOMEONE})?` +
    String.raw`|(?:there'?s )?no (?:need|reason) to (?:keep )?check(?:ing)? in(?: (?:with|on) ${SOMEONE})?(?: (?:anymore|any more|again))?` +
    String.raw`|(?:i )?(?:don'?t|do not) need to (?:keep )?check(?:ing)? in(?: (?:with|on) ${SOMEONE})?(?: (?:anymore|any more|again))?` +
    String.raw`|(?:you can )?stop (?:the )?(?:reminders|check-?ins) (?:for|about) ${SOMEONE}` +
    // "unsubscribe me from Priya's check-ins": one person's, not everything
    String.raw`|unsubscribe(?: me)? from (?:his|her|their|\p{L}+'s?) (?:check-?ins|reminders|nudges|emails|follow-?ups))$`,
  "u",
);

export function skipStopUnsubscribe(piece: Piece): Reading {
  const core = piece.core.replace(/^(?:(?:let'?s|you can|please|can you|could you|now|great|ok|okay)\s+)+/, "");
  if (UNSUBSCRIBE.test(core)) return sure({ kind: "unsubscribe" });
  if (/^stop (everything|it all)$/.test(core)) return guess("unsubscribe");
  if (/^stop for now$/.test(core)) return guess("stop");
  if (/^(delete|remove|drop)( (it|them))?$/.test(core)) return guess("stop");
  if (STOP.test(core)) return sure({ kind: "stop" });
  if (SKIP.test(core)) return sure({ kind: "skip" });
  // "skpi this one": a mistyped skip.
  const typed = /^([a-z]{4,5})(?: (?:it|this|this one|that))?$/.exec(core)?.[1];
  // Four letters must be the same four ("skin" is a word, not a slip).
  if (typed && typed !== "skip" && closeTo(typed, "skip") && (typed.length !== 4 || [...typed].sort().join("") === "ikps")) return sure({ kind: "skip" });
  return null;
}

// ---------------------------------------------------------------------------------------------
// Snooze: "snooze 2w", "remind me on Friday", "next week", "Jan 4 please".

// Words that may surround a date in a snooze: the verb, prepositions, politeness.
const SNOOZE_WORDS = new Set(
  ("snooze snoozed remind reminder reminders me ping nudge bug check back in on again later until for by around after at " +
    "please can could would you it this that about him her them works work is better fine good ok okay morning afternoon " +
    "evening night noon instead let's lets do say maybe how what wait hold off postpone push give get to with circle come " +
    "try follow up ask the a then one sometime some time approximately roughly or so from now today ish be will would should " +
    "bring revisit come resurface move mate pal back instead maybe prefer better pls plz we us bump hang hold shift kick " +
    "out snoze remnd rmd send chuck give drop shoot flick nudge ping reminder").split(" "),
);
const SNOOZE_VERB = /^(?:(?:can|could|would) you |please |let'?s )?(?:snooze|snoozed|remind me|ping me|nudge me|bug me|check back|check in|follow up|ask me|try me|get back to me|circle back|hold off|postpone|push(?: it| this)?|give me|wait|bring (?:it|this) back|revisit|come back to|resurface|move (?:it|this)|bump(?: it| this)?|hang on|hold on|shift (?:it|this)|kick (?:it|this)|sno+ze|remn?d me|remid me|rmd me|send (?:me )?(?:this|it) (?:again|back)|(?:chuck|send|give|drop|shoot|flick) me a (?:reminder|nudge|ping))\b/;

export function snooze(piece: Piece, context: Context): Reading {
  const core = piece.core;
  const reading = readWhen(core, context.clock);
  const verb = SNOOZE_VERB.test(core) || /^snooz\b/.test(core);
  if (!reading) {
    if (/^(snooze|snooze (it|this)( please)?|snooze for (a bit|a while|now)|remind me (later|again|another time)|later|check back later|not now|hold off)$/.test(core)) {
      return guess("snooze");
    }
    // "after the holidays", "in the new year": a time, but not a day.
    if (/^(?:(?:remind me|snooze|ping me|check back)\s+)?(?:after|until|till|in|around|before|by)\s+(?:the\s+)?(?:holidays|break|summer|winter|spring|fall|autumn|christmas|xmas|new year'?s?|my (?:trip|vacation|exams?|interview))\b/.test(core)) {
      return guess("snooze");
    }
    return verb && !/\b(she|he|they|her|his|their)\b/.test(core) ? guess("snooze") : null;
  }
  const others = reading.rest.split(" ").filter((word) => word !== "" && !SNOOZE_WORDS.has(word));
  // With a snooze verb a few other words may be a reason ("remind me after my interview on
  // the 17th"); a bare date must stand alone ("Friday", "Jan 4 please").
  if (others.length > (verb ? 3 : 0)) return null;
  if (/\b(she|he|they|his|their)\b/.test(reading.rest)) return null;
  if (reading.kind === "ambiguous") return guess("snooze");
  const now = today(context.clock);
  // Today or past is no snooze; two years out is a slip of the keyboard, not a plan.
  if (isoDate(reading.date) <= isoDate(now) || reading.date.year > now.year + 2) return guess("snooze");
  return sure({ kind: "snooze", until: isoDate(reading.date) });
}

/**
 * "Remind me then", "snooze till then": the day the reply named just before ("She's on parental
 * leave till February. Remind me then.").
 */
export function snoozeUntilThen(piece: Piece, named: string | null): Reading {
  if (!named) return null;
  return /^(?:(?:remind me|snooze|ping me|check back|check in|follow up|try again|ask me)\s+)?(?:again\s+)?(?:until|till|on|at|by|after|around)?\s*then$/.test(piece.core)
    ? sure({ kind: "snooze", until: named })
    : null;
}

/** The day a piece of text names, if any (for "then" in the next sentence). */
export function dayNamed(piece: Piece, clock: Clock): string | null {
  const reading = readWhen(piece.core, clock);
  return reading?.kind === "date" && isoDate(reading.date) > isoDate(today(clock)) ? isoDate(reading.date) : null;
}

function today(clock: Clock) {
  const reading = readWhen("today", clock);
  return reading?.kind === "date" ? reading.date : { year: 0, month: 0, day: 0 };
}

// ---------------------------------------------------------------------------------------------
// Cadence: "every two months", "quarterly", "once a year", "every other week".

const CADENCE_ADVERBS: Record<string, string> = {
  weekly: "P1W",
  biweekly: "P2W",
  "bi-weekly": "P2W",
  fortnightly: "P2W",
  monthly: "P1M",
  bimonthly: "P2M",
  "bi-monthly": "P2M",
  quarterly: "P3M",
  "semi-annually": "P6M",
  semiannually: "P6M",
  "semi-annual": "P6M",
  biannually: "P6M",
  "half-yearly": "P6M",
  annually: "P12M",
  yearly: "P12M",
};
const CADENCE_WORDS = new Set(
  ("check in remind me about him her them with let's lets do make it is fine plenty good enough works please after this from now on " +
    "instead going forward ping reminders reminder change to set keep touch stay be should would can you reach out for this person contact one we can could maybe " +
    // "every six weeks or so", "once every quarter would be ideal"
    "or so ish roughly about around approximately once ideal great perfect better").split(" "),
);

function isoSpan(n: number, unit: string): string | null {
  if (!Number.isInteger(n) || n < 1) return null;
  if (unit.startsWith("day")) return n <= 730 ? (n % 7 === 0 ? `P${n / 7}W` : `P${n}D`) : null;
  if (unit.startsWith("week")) return n <= 104 ? `P${n}W` : null;
  if (unit.startsWith("month")) return n <= 24 ? `P${n}M` : null;
  if (unit.startsWith("quarter")) return n <= 8 ? `P${3 * n}M` : null;
  if (unit.startsWith("year")) return n <= 2 ? `P${12 * n}M` : null;
  return null;
}

/** The cadence a phrase names and the words around it, or null. */
function readCadence(core: string): { every: string; rest: string } | null {
  const text = normaliseTimeWords(core).replace(/\bevery (other|second)\b/, "every 2").replace(/\bhalf a year\b/, "6 months");
  const rest = (match: RegExpExecArray) => `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`.trim();
  let match = /\b(?:every|each) (\d{1,3}|an?)? ?(days?|weeks?|months?|quarters?|years?)\b/.exec(text);
  if (match) {
    const every = isoSpan(match[1] && !/^an?$/.test(match[1]) ? Number(match[1]) : 1, match[2]!);
    return every ? { every, rest: rest(match) } : null;
  }
  // "once in two months" (Indian English)
  match = /\bonce in (\d{1,2}) (weeks?|months?)\b/.exec(text);
  if (match) {
    const every = isoSpan(Number(match[1]), match[2]!);
    return every ? { every, rest: rest(match) } : null;
  }
  match = /\b(?:once|1 time) (?:a|an|per|every) (week|month|quarter|year)\b/.exec(text);
  if (match) return { every: isoSpan(1, match[1]!)!, rest: rest(match) };
  match = /\b(?:once )?every (\d{1,3}) (weeks?|months?)\b/.exec(text);
  if (match) return { every: isoSpan(Number(match[1]), match[2]!)!, rest: rest(match) };
  match = /\b(twice|2 times|3 times|4 times) (?:a|per) (year|month)\b/.exec(text);
  if (match) {
    const times = match[1] === "twice" ? 2 : Number(match[1]!.slice(0, 1));
    const months = match[2] === "year" ? 12 / times : null;
    if (months && Number.isInteger(months)) return { every: `P${months}M`, rest: rest(match) };
    if (match[2] === "month") return { every: times === 2 ? "P2W" : `P${Math.round(30 / times)}D`, rest: rest(match) };
  }
  for (const [word, every] of Object.entries(CADENCE_ADVERBS)) {
    match = new RegExp(`(?:^|\\s)${word}(?:$|\\s)`).exec(text);
    if (match) return { every, rest: rest(match) };
  }
  return null;
}

export function cadence(piece: Piece): Reading {
  const found = readCadence(piece.core);
  if (!found) {
    if (/^(less|more) often|^(remind me )?(sooner|less|more often|not so often)( next time)?$/.test(piece.core)) return guess("cadence");
    return null;
  }
  // "Let's do every 6 weeks for Sam": whom it is for may end it, a name of one or two words.
  // ("for this one" has become "for this 1": the time words are spelled as digits.)
  const rest = found.rest.replace(/\b(?:for|with|about)\s+[\p{L}'-]+(?:\s+[\p{L}\p{N}'-]+)?\s*[?.!]*$/u, "");
  const others = rest.split(/\s+/).filter((word) => word !== "" && !CADENCE_WORDS.has(word));
  return others.length === 0 ? sure({ kind: "cadence", every: found.every }) : null;
}

// ---------------------------------------------------------------------------------------------
// Pause and resume: all reminders, for a while.

const PAUSE = new RegExp(
  String.raw`^(?:pause|pausing(?: everything| all| it)?(?: for (?:now|a (?:bit|while)))?(?: .*)?|pause (?:everything|all|it|reminders|all reminders|the reminders|all the reminders|emails|rapport|for now|for a (?:bit|while))(?: .*)?|pause (?:until|till|for) .+` +
    String.raw`|(?:can you |could you |please )?(?:hold off|hold|pause) (?:on )?(?:all )?(?:of )?(?:the |my )?(?:reminders|emails|everything|rapport)(?: (?:for|while|until|till|during|as) .+)?` +
    String.raw`|(?:stop|no) (?:all )?(?:the )?(?:reminders|emails) (?:for (?:a bit|a while|now)|while .+|until .+|till .+)` +
    String.raw`|(?:i'?m )?taking a (?:break|pause)(?: from (?:the|my) (?:job )?(?:search|hunt|hunting|networking))?(?: (?:for|until|till|over|during) (?:a bit|a while|now|.+))?` +
    String.raw`|(?:can we |could we |can you |please )?put (?:everything|it|reminders|all (?:of )?this|this|all (?:the )?reminders) on hold(?: .*)?)$`,
);
const RESUME =
  /^(?:resume|unpause|un-pause|restart|start again|resume (?:everything|reminders|all|please|my reminders|the reminders|my emails)|start (?:sending|reminding)(?: me)?(?: again)?|turn (?:it|them|reminders|the reminders|everything|rapport) (?:back )?on(?: again)?|turn (?:it|them|reminders|the reminders|everything) back on|i'?m back(?: (?:from|after) .+)?|back (?:at it|again|in action)|(?:i'?m )?(?:job hunting|job searching|looking|searching|networking) again|reactivate|you can (?:resume|start again))$/;

export function pauseResume(piece: Piece): Reading {
  if (RESUME.test(piece.core)) return sure({ kind: "resume" });
  // "pause reminders for #8 until February" is about one line of a digest, not everything.
  if (/(?:#|\bnumber |\bno\.? ?|\bitem )\d{1,2}\b/.test(piece.core)) return null;
  if (PAUSE.test(piece.core)) return sure({ kind: "pause" });
  return null;
}

/** "I'm sending it today", "i'll write tomorrow morning": the user will do it; nothing to change. */
const PROMISE = /^(?:on it|(?:(?:i'?ll|i will|i'?m going to|i'?m gonna|i'?m|will) (?:send|sending|write|writing|do|doing|email|emailing)|(?:sending|writing|doing|emailing)) (?:it|one|that|him|her|them)?\s*(?:today|tonight|tomorrow|tomorrow morning|tomorrow evening|first thing tomorrow|later|later today|soon|this week|this weekend|this evening|this afternoon|now|right now|in a bit|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))?)$/;

export function isPromise(core: string): boolean {
  return PROMISE.test(core);
}

/** "Don't snooze this one", "no need to skip": an instruction to change nothing, understood. */
export function keepAsIs(piece: Piece): Reading {
  if (/^(?:please )?(?:don'?t|do not|no need to|you don'?t need to) (?:snooze|skip|stop|pause|postpone|cancel|drop)\b/.test(piece.core)) return { commands: [] };
  // "I'm sending it today", "will write tonight": a promise, so the reminder stays as it is.
  if (isPromise(piece.core)) {
    return { commands: [] };
  }
  return null;
}
