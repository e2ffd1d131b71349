/**
 * Recognisers for the user's account and questions: deleting their data, a new feed link, how to
 * sign their drafts, their goal, help, "yes" to what Rapport asked, and notes asked for in words.
 */
import type { Piece } from "./fragments";
import { guess, sure, type Context, type Reading } from "./reading";

// ---------------------------------------------------------------------------------------------
// The account: deletion, the feed link, help, the user's name and goal.

/**
 * Words no name holds: "call me tomorrow about it" asks for a phone call, "call me back" too.
 * A name is at most four words.
 */
const NOT_A_NAME =
  /\b(?:tomorrow|today|tonight|later|back|asap|soon|anytime|whenever|sometime|at|on|about|when|if|after|before|in|to|maybe|please|morning|afternoon|evening|next|this|week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|^(?:\S+\s+){4,}/i;

/** Deletion, the feed link, the user's name and goal: read from a whole sentence, commas and all. */
export function account(piece: Piece, context: Context): Reading {
  const core = piece.core;
  // "yes delete", "Yes, I confirm — delete everything."
  if (/^(?:(?:yes|yep|yeah|sure)[ ,!.]*(?:i confirm(?:ed)?)?|confirm(?:ed)?|i confirm)[ ,!.\u2013\u2014-]*(?:please |go ahead and )?(?:delete|erase|wipe)(?: (?:it|it all|everything|all|my data|all my data|my account|all of it))?[.!]*$|^confirm (?:delete|deletion)$/.test(piece.lower)) {
    return sure({ kind: "confirm_delete" });
  }
  if (
    /\b(?:delete|erase|remove|wipe|purge)\b.*\b(?:my|all)\b.*\b(?:data|account|info|information|details|everything)\b/.test(core) ||
    /\b(?:erasure|right to be forgotten)\b/.test(core) ||
    /^forget (?:me|about me|everything about me)$/.test(core) ||
    /\b(?:erase|delete|remove|wipe)\b.*\b(?:everything|all)\b.*\b(?:on|about|of) me\b|\bgdpr\b/.test(core)
  ) {
    return sure({ kind: "delete_data" });
  }
  if (/\b(?:feed|calendar|ics) (?:link|url|address|subscription)\b|\bfeed\b/.test(core) && /\b(?:new|reset|regenerate|rotate|revoke|another|different|change|replace)\b/.test(core)) {
    return sure({ kind: "new_feed_link" });
  }
  const name =
    /^my name is (?<name>.+)$/i.exec(piece.text) ??
    /^(?:please )?call me (?<name>.+)$/i.exec(piece.text) ??
    /^(?:(?:btw|also|additionally|and|ps)[,:]?\s+)?(?:(?:and )?(?:could|can|would) you |please |pls |plz )?sign (?:my |the |your |any |all )?(?:drafts|notes|emails|messages|it|them)?(?: off)? (?:as|with) (?<name>.+)$/i.exec(piece.text) ??
    /^(?:(?:please|pls|kindly)\s+)*address me as (?<name>.+)$/i.exec(piece.text) ??
    /^i go by (?<name>.+)$/i.exec(piece.text) ??
    // "Please kindly use my full name Oluwaseun on the emails, not Seun."
    /^(?:(?:please|pls|kindly)\s+)*use my (?:full |first |real |proper )?name,?\s+(?<name>.+?)(?:\s+(?:on|in|for) (?:the |my |all )?(?:emails?|drafts?|messages?|notes?))?(?=,?\s+not\b|[.!]*$)/i.exec(piece.text) ??
    /^(?:please )?use ['"]?(?<name>[^'"]+?)['"]? (?:in|for|as) (?:the|my) (?:sign-?off|signature|name)$/i.exec(piece.text.replace(/[.!]+$/, ""));
  // "Nguyen Thi Lan but please use Lan": the later, narrower wish wins. "Liz, not Elizabeth":
  // what it is not goes. Quotes and a final "!" or "." go, but not the dot of an initial ("Alex M.").
  // "Oluwaseun Adebayo but everyone calls me Seun", "Katarzyna but sign the drafts as Kasia".
  const wished = name?.groups?.name
    ?.replace(/^.*\bbut (?:please )?(?:use|call me|go with|(?:everyone|people|friends) calls? me|i go by|sign (?:the |my )?(?:drafts |emails |notes )?(?:off )?as) /i, "")
    .split(/,?\s+not\s+|,?\s+rather than\s+|,?\s+instead of\s+|\s+\(|,\s*(?:but|please|thanks|use)\b|\s+[\u2013\u2014-]\s+/i)[0]
    // "Vic in the drafts": where the name goes is not part of it.
    ?.replace(/\s+(?:in|on|for|at the end of) (?:the|my|all|any) (?:drafts?|emails?|notes?|sign-?off|signature)(?:\s+please)?[.!]*$/i, "")
    .replace(/\s+please$/i, "");
  const given = wished?.replace(/^['"]|['"]?!*$/g, "").replace(/(?<!\b\p{Lu})\.$/u, "").trim();
  if (given && /^[\p{L}][\p{L} .'-]{0,59}$/u.test(given) && !NOT_A_NAME.test(given)) return sure({ kind: "my_name", name: given });
  // (On a prep sheet the name is theirs, never the user's: a correction reads it.)
  // Only under a draft the user signs: elsewhere "it's Figma not Figmaa" may be anything's spelling.
  if (context.to === "thanks" || context.to === "thanks_followup") {
    const respelt = /^[Ii]t'?s (?<name>\p{Lu}[\p{L}'-]+),? not \p{Lu}[\p{L}'-]+[.!]*$/u.exec(piece.text.trim());
    if (respelt?.groups?.name) return sure({ kind: "my_name", name: respelt.groups.name });
  }
  const goal =
    // "goal: ...", "Goal - ...", "my goal is to ...", "career goals = ...": the word, then a colon, a dash of any kind, "=" or "is".
    /^(?:my |our )?(?:career |job |main |current |big )?goals?\s*(?:[:=\u2013\u2014-]|\bis\b|\bare\b|\bright now is\b|\bwould be\b)\s*(?:to )?(?<goal>.+)$/i.exec(piece.text) ??
    // "My aim is to ...", "Objective: ...", "Target role: ...": these words name a goal only with a colon, a dash or "is" after them.
    /^(?:my |our )?(?:career |job |main |current )?(?:aim|objective|ambition|target(?: role| job)?|dream (?:job|role))\s*(?:[:=\u2013\u2014-]|\bis\b|\bwould be\b)\s*(?:to )?(?<goal>.+)$/i.exec(piece.text) ??
    /^i'?m (?:trying|hoping|looking|aiming|working|planning) to (?<goal>(?:get|break|move|transition|switch|pivot|become|land|work) .+)$/i.exec(piece.text) ??
    /^(?:i'?m )?looking to (?<goal>(?:get|break|move|transition|switch|pivot|become|land|work) .+)$/i.exec(piece.text) ??
    /^i (?:want|would like|'d like|hope|plan) to (?<goal>(?:pivot|move|get|break|switch|transition|work|become|land) .+)$/i.exec(piece.text) ??
    /^(?:update: )?i'?m (?:now )?(?<goal>(?:targeting|aiming for|going for|focusing on) .+)$/i.exec(piece.text) ??
    // The confirmation asks "what are you aiming for?": "Aiming for product management" answers it.
    /^(?:i am |i'?m )?aiming (?:for|at) (?<goal>.+)$/i.exec(piece.text);
  const goalText = goal?.groups?.goal?.replace(/[.!]+$/, "").trim();
  if (goalText && goalText.length >= 3 && goalText.length <= 200) return sure({ kind: "goal", text: goalText });
  return null;
}

const HELP_WORDS = /\b(remind|reminder|reminders|snooze|unsubscribe|feed|link|work|works|command|commands|reply|change|cadence|often|stop|pause|miss|next|do|use|this|rapport)\b/;

export function help(piece: Piece): Reading {
  const core = piece.core;
  if (/^(help|commands|info|menu|options|what am i supposed to do(?: with (?:this|it)(?: email)?)?|how does (this|it) work|what (can|do|should) i (reply|say|write|send|do)( with| here)?|what are (the|my) (commands|options)|who is this|who are you|what is this)$/.test(core)) {
    return sure({ kind: "help" });
  }
  if (piece.text.trim() === "?") return sure({ kind: "help" });
  // "what does skip do", "what does snooze mean", "how do I stop": a question about a command, with or without "?".
  if (/^(?:what does|what do|what'?s|how does|how do i use|how do i) (?:the )?["“]?(?:sent|done|skip|snooze|stop|pause|resume|unsubscribe|note|cadence|landed|moved)["”]?(?: (?:do|mean|work|command))?$/.test(core)) {
    return sure({ kind: "help" });
  }
  if (/^\?{2,}$/.test(piece.text.trim()) || /^(what|huh|sorry)$/.test(core)) return guess("help");
  if (piece.question && /^(how|what|when|where|why|can i|could i|do i|is there|what'?s)\b/.test(core) && HELP_WORDS.test(core)) {
    return sure({ kind: "help" });
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Yes: confirming what Rapport asked ("yes", "correct", "looks right").

const YES = /^(?:(?:yes|yep|yeah|yup|y|ok|okay|sure)[, !]+)?(yes|y|yep|yeah|yup|yes please|correct|that'?s (right|correct)|right|exactly|confirmed|confirm|affirmative|looks (right|good|correct)|all (correct|good|right)|that'?s (?:all )?(?:right|correct|fine)|(?:that'?s )?100 ?%|that'?s what i meant|(?:otherwise|other than that|apart from that|besides that) (?:all |it'?s all |everything'?s )?(?:correct|right|good|fine)|(?:it|that) is (?:all )?(?:correct|right)|that'?s it|sounds (good|right)|perfect|ok|okay|k|sure|👍)$/u;
const STRICT_YES = /^(?:(?:yes|yep|yeah|yup|y)[, !]+)?(yes|y|yep|yeah|yup|yes please|correct|that'?s (right|correct)|confirmed|confirm|affirmative)$/;

export function yes(piece: Piece, context: Context, sentence: Piece = piece): Reading {
  // "ok but when will I get the next reminder?": a question follows, not an answer.
  if (sentence !== piece && sentence.question && /\bbut\b/i.test(sentence.text)) return null;
  const said = piece.lower === "" && piece.text.includes("👍") ? "👍" : piece.lower;
  const core = YES.test(said) ? said : piece.core;
  if (!YES.test(core)) return null;
  // "ok" or a thumbs-up answering a reminder is not an answer to a question.
  if (context.to === "confirm" || context.to === "reply_ack" || context.to === null) {
    return context.to === null && !STRICT_YES.test(core) ? null : sure({ kind: "yes" });
  }
  // A reminder asked nothing: "yes" alone there most likely means it is done.
  return STRICT_YES.test(core) || core === "👍" ? guess("done") : null;
}

// ---------------------------------------------------------------------------------------------
// Notes asked for in words: "note: ...", "can you add that she used to work at Stripe?"

export function explicitNote(text: string): string | null {
  const prefixed = /^\s*notes?(?: to self| for (?:later|myself|me))?\s*(?::|-|–|—)\s*([\s\S]+)$/i.exec(text);
  if (prefixed) return prefixed[1]!.trim() || null;
  const asked = /^\s*(?:(?:can|could|would) you |please )?(?:add|note|save|remember|write down|jot down|keep in mind)(?: down)?(?: that)? ([\s\S]+?)\??\s*$/i.exec(text);
  return asked && /^(?:can|could|would|please)/i.test(text.trim()) ? asked[1]!.trim() : null;
}
