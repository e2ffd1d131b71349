/**
 * Corrections to a confirmation, read from a whole sentence: who it is with ("it's with Elena
 * Ruiz, not her assistant"), their company ("she's at Northwind now, not Contoso"), the format
 * ("we're meeting in person", "Teams call") and the meal ("actually it's lunch, not coffee");
 * or that it is no informational interview at all ("not an interview, drop it"). What a sentence
 * says is *not* the case ("not coffee", "not her assistant") is set aside before reading what it
 * says is.
 */
import { coreOf, withoutLeadingFillers, type Piece } from "./fragments";
import { account } from "./intents-account";
import type { Context, Reading } from "./reading";
import type { Command, Format, MealKind } from "./reply-kinds";

const NOT_A_MEETING = [
  /\b(?:not|isn't|is not|wasn't|was not) (?:an? )?(?:real )?(?:informational )?(?:interview|networking(?: meeting| thing| chat| call)?|meeting|coffee chat|info ?chat)\b/,
  /\bnot networking\b/,
  /\b(?:please )?(?:ignore|drop|delete|remove|cancel|disregard|forget)(?: about)? (?:it|this|this one|that|that one|the meeting|this meeting|this invite|this event)\b/,
  /\b(?:wrong (?:invite|invitation|meeting|event)|forwarded (?:the |this |it )?(?:wrong|by mistake)|by mistake|by accident)\b/,
  // "that was my kid's parent-teacher conference lol disregard"
  /(?:^|\s)(?:(?:lol|haha|pls|please|just|so)\s+)*(?:disregard|ignore)(?: (?:it|this|that|me))?$/,
  /^(?:it'?s|this is|that'?s|it is) (?:just |only )?(?:a |an |my |our )?(?:dentist|doctor|personal|team|standup|stand-up|haircut|flight|train|family|birthday|private|internal|work|1:1|one on one|sync|gym)\b/,
];

const MEALS: [RegExp, MealKind][] = [
  [/\bbreakfast\b/, "breakfast"],
  [/\bbrunch\b/, "brunch"],
  [/\blunch(?:eon)?\b/, "lunch"],
  [/\bdinner\b|\bsupper\b/, "dinner"],
  [/\b(?:drinks?|beers?|happy hour|cocktails?|a pint|wine)\b/, "drinks"],
  [/\b(?:coffee|caf[eé]|espresso|latte|tea)\b/, "coffee"],
];

const FORMATS: [RegExp, Format][] = [
  [/\b(?:video|zoom|teams|google meet|meet link|webex|facetime|skype|hangouts?|whereby|jitsi|online|virtual)\b/, "video"],
  [/\b(?:in[- ]person|face[- ]to[- ]face|at (?:her|his|their|my) (?:office|place|home)|at the office|irl)\b/, "in_person"],
  [/\b(?:phone|by phone|on the phone|phone call|call me|calling me|dial(?:ing)?(?: in)?)\b|^(?:it'?s )?(?:a )?call$/, "phone"],
];

/** Words that make a sentence about the meeting rather than a story ("she said we'd have coffee"). */
const ABOUT_THE_MEETING =
  /^(?:(?:cheers|bit of a faff but|right so|so|ok|okay|(?:please |kindly )?note that|dear team|also|also please do the needful and)[,.]?\s+)*(?:(?:actually|oh|oops|sorry|no|nope|yeah nah|nah|yeah|hmm|um|erm|correction|small correction|quick correction|one correction|small thing|one thing|heads up|fyi|update|just so you know)[,:]?\s+)*(?:it'?s|its|it is|it was|it'll be|(?:the )?meal(?: is)?|your (?:prep(?: sheet)?|confirmation|email|summary) (?:has|had|got|says|lists)|(?:you'?ve|you have) got (?:her|his|their) (?:sur|last |first |family )?name wrong|we'?re|we are|we'll|we will|we (?:moved|switched|changed|changed it|moved it)|we'?ve (?:moved|switched|changed)|(?:i'?m|i am|we'?re|we are) meeting|the meeting|this is|that'?s|meeting|with|her name|his name|their name|the name|name is|name's|the (?:guy|person|lady|woman|man|contact)|(?:the|her|his|their) company|company|wrong|she'?s|he'?s|they'?re|she is|he is|they are|she works|he works|they work|not|over|(?:after[- ]work |quick |early |late |working |a )?(?:breakfast|brunch|coffee|lunch|dinner|drinks)|video|phone|zoom|teams|in[- ]person|a call|call)\b/;

const NAME = String.raw`\p{Lu}[\p{L}'.-]*(?:\s+(?:\p{Lu}[\p{L}'.-]*|van|von|de|der|den|la|le|del|da|di|du|bin|al|el|dos|das|y))*`;
const COMPANY = String.raw`\p{Lu}[\p{L}0-9&.'-]*(?:\s+(?:\p{Lu}[\p{L}0-9&.'-]*|of|&|and|de|du))*`;

/** Removes what the sentence says is not so, returning both halves. */
function splitNegations(text: string): { positive: string; negated: string } {
  const negated: string[] = [];
  const positive = text.replace(/(?:^|[\s,(])(?:not|instead of|rather than)\s+(?:with\s+)?([^,.;!?)]*)/gi, (_whole, what: string) => {
    negated.push(what);
    return " ";
  });
  return { positive, negated: negated.join(" ") };
}

function firstMatch<T>(text: string, table: [RegExp, T][]): T | undefined {
  return table.find(([pattern]) => pattern.test(text))?.[1];
}

/** The fields a sentence corrects, or null when it corrects nothing. */
function correctedFields(text: string): Omit<Extract<Command, { kind: "correct" }>, "kind"> | null {
  const { positive, negated } = splitNegations(text);
  const lower = positive.toLowerCase();
  const fields: Omit<Extract<Command, { kind: "correct" }>, "kind"> = {};

  const name =
    // "with Priya Raman", "with her boss Priya Raman"
    new RegExp(`\\bwith (?:(?:her|his|their) (?:boss|manager|colleague|director|lead|founder|co-?founder|ceo|cto|vp|head of \\p{L}+|partner)\\s+)?(${NAME})`, "u").exec(positive) ??
    // "it's Dana, not Diana": a name said instead of the one the confirmation had.
    (negated ? new RegExp(`^\\s*(?:[Ii]t'?s|[Ii]ts|[Ii]t is)\\s+(?:actually\\s+|actualy\\s+|really\\s+)?(${NAME})\\s*[,]?\\s*$`, "u").exec(positive.replace(/\p{Extended_Pictographic}/gu, "")) : null) ??
    // "update her name to Priya Shah-Mehta"
    new RegExp(`\\b(?:update|change|correct|fix) (?:her|his|their|the) (?:sur|last |full )?name to (${NAME})`, "u").exec(positive) ??
    // ("my name is Dee" is the user's own: see ownName below)
    new RegExp(`(?<!\\bmy )\\b(?:name is(?: spelled| spelt)?|spelled|spelt|the (?:person|guy|lady|woman|man|contact) is|meeting is) (${NAME})`, "u").exec(positive) ??
    // "I'm meeting Jordan Ellis not Jordan Ellison": only with the name it is not (else a plan, "I'm meeting Priya at Blue Bottle").
    (negated ? new RegExp(`(?:[Ii]'?m|I am|[Ww]e'?re|[Ww]e are) meeting (${NAME})`, "u").exec(positive) : null) ??
    // "it's not Priya, it's her colleague Mel Tran", "got her surname wrong, it's Shaw not Shah"
    (negated ? new RegExp(`\\b[Ii]t'?s\\s+(?:(?:her|his|their) (?:colleague|boss|manager|assistant|coworker|co-worker|teammate)\\s+)?(${NAME})\\s*[,.!]?\\s*$`, "u").exec(positive.replace(/\p{Extended_Pictographic}/gu, "").trimEnd()) : null) ??
    // "it's Priya Shah-Mehta now": a full name the person now goes by.
    new RegExp(`^\\s*(?:[Ii]t'?s|[Ss]he'?s|[Hh]e'?s)\\s+(\\p{Lu}[\\p{L}'-]+\\s+\\p{Lu}[\\p{L}'-]+)\\s+now\\b`, "u").exec(positive);
  // A sentence's full stop is not part of the name; an initial's dot is ("Alex M.").
  if (name) fields.name = name[1]!.trim().replace(/(?<!(?:^|\s)\p{Lu})\.$/u, "");

  const company =
    (name ? new RegExp(`\\b(?:from|at|of) (${COMPANY})`, "u").exec(positive.slice(name.index + name[0].length)) : null) ??
    new RegExp(`\\b(?:company is|company's|wrong company,? it'?s|works (?:at|for)|(?:she|he|they)(?:'s| is| are)(?: now)? (?:at|with)|now at)\\s+(${COMPANY})`, "iu").exec(positive);
  // "company's right": the company is confirmed, not named.
  if (company && !/^(?:right|correct|fine|ok|okay|good|the same|same)\b/i.test(company[1]!)) {
    const written = company[1]!.replace(/\s+(?:now|today)$/i, "").trim().replace(/[.!,;:]+$/, "");
    // "WRONG COMPANY ITS BRAINTREE": a shouted name is written as a name; a short one may be an acronym (KPMG).
    fields.company = /\p{Ll}/u.test(text) ? written : written.replace(/\p{Lu}{5,}/gu, (word) => word[0] + word.slice(1).toLowerCase());
  }

  const format = firstMatch(lower, FORMATS);
  const meal = firstMatch(lower, MEALS);
  if (format) fields.format = format;
  if (meal) fields.mealKind = meal;
  // "Drinks after work, not a call": saying it is not remote says it is in person.
  if (!format && firstMatch(negated.toLowerCase(), FORMATS) && firstMatch(negated.toLowerCase(), FORMATS) !== "in_person") fields.format = "in_person";
  return Object.keys(fields).length > 0 ? fields : null;
}

export function correction(sentence: Piece, context: Context): Reading {
  if (context.to !== "confirm" && context.to !== "prep" && context.to !== null) return null;
  const core = sentence.core;
  // "If the meeting gets cancelled should I just ignore this?": a question, not a request.
  const asking = sentence.question || /^(?:if|should|what if|do i|can i|shall i)\b/.test(core);
  // "not an interview interview, just a casual chat": what an informational interview is.
  const justAChat = /\bjust (?:a |an )?(?:casual |quick |informal |friendly )?(?:chat|coffee|catch[- ]?up|conversation)\b|\binterview interview\b/.test(core);
  // "Not sure yet if it'll be in person or video": nothing decided, nothing to correct.
  if (/\b(?:not sure|no idea|don'?t know|tbd|undecided|might be|may be|either)\b|\bor (?:video|phone|zoom|teams|in person|a call)\b/.test(core)) return null;
  if (!asking && !justAChat && NOT_A_MEETING.some((pattern) => pattern.test(core))) return { commands: [{ kind: "not_meeting" }] };
  if (/^(?:wrong|incorrect|not right|that'?s (?:wrong|not right|incorrect)|nope|no)(?:,? (?:that'?s )?(?:wrong|not right|incorrect))?(?: (?:person|name|company|time|place|format|meeting))?$/.test(core)) {
    return { guess: "correct" };
  }
  if (/\b(?:two|three|2|3) people\b/.test(core)) return { guess: "correct" };
  // "not Maria", "it's not Maria": who it is not, without who it is.
  if (/^(?:it'?s |it is |no,? )?not (?:with )?\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?[.!]?$/u.test(sentence.text.trim())) return { guess: "correct" };
  if (!ABOUT_THE_MEETING.test(core) && context.to !== "confirm") return null;
  if (!ABOUT_THE_MEETING.test(core) && !/^[\p{L} ]{0,20}\b(?:call|meeting|chat)\b/u.test(core)) return null;
  // "Coffee with Priya, yes!", "Coffee is right, …": what the confirmation said, said back, changes nothing.
  if (
    context.to === "confirm" &&
    /,\s*(?:yes|yep|yeah|correct|that'?s right)$|^[\p{L}-]+(?: [\p{L}-]+)? (?:is|are) (?:right|correct|fine)\b/u.test(core) &&
    !/\b(?:not|no|actually|wrong|instead|rather|change[ds]?|switch(?:ed)?|moved|now)\b|n't\b/.test(core)
  ) {
    return { commands: [{ kind: "yes" }] };
  }
  // "lol it's Margot not Margaret", "Buenas, the meeting is…": a greeting or filler first is not part of it.
  const fields = correctedFields(withoutLeadingFillers(sentence.text).replace(/^(?:small|quick|one) (?:correction|thing)[,:]?\s*/i, ""));
  if (fields) return { commands: [{ kind: "correct", ...fields }, ...ownNameSaidIn(sentence.text, context)] };
  return null;
}

/**
 * "…, and also my name is Dee not Deidre when you write the emails": the user's own name, said
 * in passing, read by the account reader from where it starts ("she'll call me Monday" names no one).
 */
function ownNameSaidIn(text: string, context: Context): Command[] {
  const at = /\b(?:my name is|sign (?:the |my |any |all )?(?:drafts|emails|notes) (?:as|with)|call me|address me as)\b/i.exec(text);
  if (!at) return [];
  const said = text.slice(at.index);
  const reading = account({ start: 0, end: said.length, text: said, core: coreOf(said), lower: said.toLowerCase(), question: false }, context);
  return reading && "commands" in reading ? reading.commands.filter((command) => command.kind === "my_name") : [];
}
