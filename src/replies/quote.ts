/**
 * The words a person actually typed into a reply, without the history their mail client
 * appended: `>`-quoted text, "On … wrote:" attributions, Outlook header blocks and separators,
 * forwarded parts, and signatures.
 *
 * Rapport's replies are short commands ("sent", "snooze 2w", "note: …") typed above the quote,
 * so the module leans towards cutting: everything below the first sure sign of history goes.
 * The one exception is `>` quoting, which people interleave with their own answers; there we
 * drop only the quoted lines and keep the rest.
 *
 * HTML bodies are first turned into text (html-text.ts).
 *
 * Hostile input: every step is a single pass over lines or characters, the only regular
 * expressions have no nested or adjacent unbounded quantifiers, and each part is capped first,
 * so the worst case is a small fixed cost (see MAX_PART_CHARS).
 */

import { htmlToText } from "./html-text";

// Real replies put their new text at the top and it is a few lines long; 64 Ki UTF-16 code
// units (64 KiB of ASCII) is far more than any of them. The cap is what makes the cost of a
// hostile part (a 1 MB line, 200k `>`, 50k "wrote:" lookalikes) a fixed few milliseconds of a
// Worker's CPU budget instead of growing with the message, and what is cut off is quoted
// history we would drop anyway.
const MAX_PART_CHARS = 64 * 1024;

// An attribution names a date and a sender; much longer than this is prose, not a header.
const MAX_ATTRIBUTION_CHARS = 500;

/** The new text of a reply: quoted history, forwarded parts and signatures removed. Plain text preferred; HTML as fallback. */
export function newReplyText(plain: string | null | undefined, html: string | null | undefined): string {
  const fromPlain = plain ? replyFromText(plain) : "";
  if (fromPlain !== "") return fromPlain;
  // Some clients send an empty or quote-only text part beside the real HTML one.
  return html ? replyFromText(htmlToText(cap(html))) : "";
}

function cap(text: string): string {
  if (text.length <= MAX_PART_CHARS) return text;
  let end = MAX_PART_CHARS;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // do not split a surrogate pair
  return text.slice(0, end);
}

// ---------------------------------------------------------------------------------------------
// Plain text

function replyFromText(text: string): string {
  let body = cap(text);
  if (body.includes("\r")) body = body.replace(/\r\n?/g, "\n");
  const lines = body.split("\n");
  const quoted: boolean[] = [];
  const colonEnd: boolean[] = [];
  const fields: Field[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    lines[i] = line;
    quoted.push(isQuoted(line));
    colonEnd.push(endsWithColon(line));
    fields.push(fieldOf(line));
  }
  const nextContent = nextNonBlankIndex(lines);

  const out: string[] = [];
  let droppedSince = false; // something was dropped since the last kept line
  const keep = (line: string): void => {
    if (line === "") {
      if (out.length > 0 && out[out.length - 1] !== "") out.push("");
      return;
    }
    // Where an inline reply's quote was removed, keep a paragraph break between the answers.
    if (droppedSince && out.length > 0 && out[out.length - 1] !== "") out.push("");
    droppedSince = false;
    out.push(line);
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (quoted[i]) {
      droppedSince = true;
      continue;
    }
    if (line === "") {
      keep(line);
      continue;
    }
    // "-- " is the standard signature delimiter (RFC 3676); many clients drop its space.
    if (line === "--" || line === "-- ") break;
    if (isSeparator(line)) break;
    if (startsHeaderBlock(lines, fields, i)) break;

    const attribution = colonEnd[i] || colonEnd[i + 1] || colonEnd[i + 2] || quoted[i + 1] || quoted[i + 2]
      ? attributionAt(lines, quoted, i)
      : null; // the common case, prose: no line here ends like an attribution
    if (attribution) {
      const after = nextContent[attribution.end + 1] ?? lines.length;
      if (after < lines.length && quoted[after]) {
        // "On … wrote:" above `>` lines: drop it and let the quote handling below keep any
        // answers the user interleaved.
        droppedSince = true;
        i = attribution.end;
        continue;
      }
      // Clients that quote without `>` (Outlook, some Gmail-to-text conversions) leave
      // nothing after the attribution but history.
      if (attribution.strong) break;
    }

    // Gmail for Android re-wraps long quoted lines without repeating the `>`, leaving the
    // tail of a quoted sentence as a bare line between two quoted ones.
    if (i > 0 && quoted[i - 1] && quoted[i + 1] && lines[i - 1]!.length >= 60) {
      droppedSince = true;
      continue;
    }
    keep(line);
  }

  // Separators ("____" before Outlook's header block) and phone signatures sit just above the
  // history; once it is cut they are the last lines.
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    if (last === "" || isRule(last) || isMobileSignature(last)) out.pop();
    else break;
  }
  return out.join("\n").trim();
}

function firstNonSpace(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === " " || line[i] === "\t")) i++;
  return i;
}

function isQuoted(line: string): boolean {
  return line[firstNonSpace(line)] === ">";
}

/** For each index, the first non-blank line at or after it (lines.length if none). */
function nextNonBlankIndex(lines: string[]): number[] {
  const next = new Array<number>(lines.length + 1);
  next[lines.length] = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) next[i] = lines[i] === "" ? next[i + 1]! : i;
  return next;
}

// "-----Original Message-----" (Outlook), "-------- Original message --------" (Android and
// Samsung), "---------- Forwarded message ---------" (Gmail), and their translations.
const SEPARATOR_PHRASES = new Set([
  "original message",
  "original e-mail",
  "forwarded message",
  "ursprüngliche nachricht",
  "original-nachricht",
  "weitergeleitete nachricht",
  "message d'origine",
  "message d’origine",
  "message transféré",
  "mensaje original",
  "mensaje reenviado",
  "mensagem original",
  "mensagem encaminhada",
  "messaggio originale",
  "messaggio inoltrato",
  "oorspronkelijk bericht",
  "doorgestuurd bericht",
  "originalmeddelande",
  "vidarebefordrat meddelande",
  "oprindelig meddelelse",
  "videresendt meddelelse",
  "opprinnelig melding",
  "wiadomość oryginalna",
  "исходное сообщение",
  "пересылаемое сообщение",
]);

// Apple Mail's forward header has no dashes.
const FORWARD_LINES = new Set([
  "begin forwarded message:",
  "anfang der weitergeleiteten nachricht:",
  "début du message réexpédié :",
  "inicio del mensaje reenviado:",
]);

function isSeparator(line: string): boolean {
  const text = line.trim();
  if (text.length > 80 || text.length < 5) return false;
  const c = text[0];
  if (c !== "-" && c !== "_" && c !== "=") return endsWithColon(text) && FORWARD_LINES.has(text.toLowerCase());
  if (text[1] !== c) return false;
  const lower = text.toLowerCase();
  let start = 0;
  let end = lower.length;
  while (start < end && "-_=* ".includes(lower[start]!)) start++;
  while (end > start && "-_=* ".includes(lower[end - 1]!)) end--;
  return SEPARATOR_PHRASES.has(lower.slice(start, end));
}

/** A line of only rule characters: Outlook's "________________________________" and the like. */
function isRule(line: string): boolean {
  const text = line.trim();
  if (text.length < 3) return false;
  for (const ch of text) if (ch !== "_" && ch !== "-" && ch !== "=") return false;
  return true;
}

// Outlook (desktop, web, mobile, Mail for Windows) writes the original's headers as a block,
// translated into the sender's language: "From:/Sent:/To:/Subject:", "Von:/Gesendet:/An:/
// Betreff:", "De :/Envoyé :/À :/Objet :", …; Hotmail starts the block with "Date:".
const FROM_KEYS = new Set(["from", "von", "de", "da", "van", "från", "fra", "od", "от", "lähettäjä", "feladó", "kimden"]);
const OTHER_KEYS = new Set([
  "sent", "date", "to", "cc", "subject", "reply-to",
  "gesendet", "datum", "an", "betreff",
  "envoyé", "à", "objet",
  "enviado", "fecha", "para", "asunto", "assunto",
  "inviato", "data", "a", "oggetto",
  "verzonden", "aan", "onderwerp",
  "skickat", "till", "ämne", "sendt", "til", "emne",
  "wysłano", "do", "temat",
  "отправлено", "кому", "тема",
  "lähetetty", "vastaanottaja", "aihe",
]);

type Field = "none" | "sender" | "other";

/** Whether a line is a "Name: value" header line with a known name, and which. */
function fieldOf(line: string): Field {
  const limit = Math.min(line.length, 24);
  let colon = 0;
  while (colon < limit && line[colon] !== ":" && line[colon] !== "：") colon++;
  if (colon === 0 || colon === limit) return "none";
  // Gmail's text rendering of a bold HTML header is "*From:* …".
  const name = line.slice(0, colon).replaceAll("*", "").trim().toLowerCase();
  return FROM_KEYS.has(name) ? "sender" : OTHER_KEYS.has(name) ? "other" : "none";
}

function startsHeaderBlock(lines: string[], fields: Field[], i: number): boolean {
  if (fields[i] === "none") return false;
  // A lone "From: …" can be prose; the block is at least two known fields, one a sender.
  let count = 0;
  let sender = false;
  for (let j = i; j < Math.min(lines.length, i + 8) && lines[j] !== ""; j++) {
    // Lines without a known field are Outlook wrapping a long To: or Cc: value.
    if (fields[j] === "sender") sender = true;
    if (fields[j] !== "none") count++;
  }
  return sender && count >= 2;
}

// Gmail, Apple Mail, Thunderbird and Android clients put one line above the quote, in the
// sender's language: "On <date>, <name> <addr> wrote:", "Le <date>, <name> a écrit :",
// "Am <date> schrieb <name>:", "<date> пользователь <addr> написал:" …
const OPENERS = ["on ", "le ", "am ", "el ", "il ", "em ", "op ", "den ", "w dniu ", "dnia ", "dne ", "в ", "在"];
const VERBS = [
  "wrote", "écrit", "ecrit", "schrieb", "escribió", "escribio", "scritto", "escreveu", "schreef",
  "skrev", "kirjoitti", "napisał", "pisze", "napsal", "написал", "写道", "のメッセージ", "작성", "yazdı", "írta",
];

function hasVerb(lower: string): boolean {
  return VERBS.some((verb) => lower.includes(verb));
}

function endsWithColon(line: string): boolean {
  const last = line.charCodeAt(line.length - 1);
  return last === 0x3a || last === 0xff1a; // ":" or the full-width "：" of CJK clients
}

function startsWithOpener(lower: string): boolean {
  return OPENERS.some((opener) => lower.startsWith(opener));
}

function startsWithDigit(line: string): boolean {
  const c = line.charCodeAt(0);
  return c >= 48 && c <= 57;
}

// Gmail wraps a long attribution inside or before the address: "…Engine <\naddr> wrote:",
// "…Questions\n<questions@company.com>:", and Android's "…\"bob@x\" <\nbob@x> написал:".
function wrapsAddress(line: string, previous: string): boolean {
  const text = line.trim();
  if (text.startsWith("<") || previous.trimEnd().endsWith("<")) return true;
  const gt = text.indexOf(">");
  const lt = text.indexOf("<");
  return gt >= 0 && (lt < 0 || gt < lt);
}

// …or just before the verb: "\nwrote:", "\na écrit :", "\nha scritto:".
function isVerbTail(line: string): boolean {
  let text = line.trim();
  if (!endsWithColon(text)) return false;
  text = text.slice(0, -1).trimEnd();
  return text.length < 25 && text.split(" ").length <= 2 && hasVerb(text.toLowerCase());
}

interface Attribution {
  end: number; // last line of the attribution
  strong: boolean; // unmistakably a client's header: opener or date first, a verb, a date or address
}

/** An attribution starting at line i, possibly wrapped over up to three lines. */
function attributionAt(lines: string[], quoted: boolean[], i: number): Attribution | null {
  const limit = Math.min(lines.length, i + 3);
  for (let end = i; end < limit; end++) {
    let last = lines[end]!;
    if (last === "") return null;
    if (end > i && quoted[end]) {
      // Gmail can wrap just before the closing ">" of the address, so the tail of the
      // attribution reads like a quoted line: "…<rick@example.com\n> a écrit :".
      last = last.slice(firstNonSpace(last) + 1);
      if (!isVerbTail(last)) return null;
    }
    if (!endsWithColon(last)) continue;

    const parts = end === i ? [last.trim()] : [...lines.slice(i, end).map((line) => line.trim()), last.trim()];
    const text = end === i ? parts[0]! : parts.join(" ");
    if (text.length > MAX_ATTRIBUTION_CHARS) return null;
    const lower = text.toLowerCase();
    const verb = hasVerb(lower);
    // Old Gmail's "2012-04-02 14:20 GMT+04:00 Name <addr>:" has no verb, only an address.
    if (!verb && !(lower.includes("@") && lower.includes("<"))) return null;

    const first = parts[0]!;
    const firstLower = first.toLowerCase();
    const opener = startsWithOpener(firstLower);
    if (end > i) {
      // Join only one wrapped header, never a line of the user's with a complete
      // attribution of its own below it.
      const tail = parts[parts.length - 1]!;
      if (opener || hasVerb(firstLower)) {
        if (hasVerb(tail.toLowerCase()) && !isVerbTail(tail) && !wrapsAddress(tail, lines[end - 1]!)) return null;
      } else if (startsWithDigit(first)) {
        for (let k = i + 1; k <= end; k++) if (!wrapsAddress(lines[k]!, lines[k - 1]!)) return null;
      } else {
        return null;
      }
    }
    const dated = /\d/.test(text) || text.includes("@");
    return { end, strong: verb && dated && (opener || startsWithDigit(first)) };
  }
  return null;
}

// Phone and app signatures, in the languages of the clients that add them. A device or app
// name is required so that a user's own "sent from my work address" survives.
const SIGNATURE_STARTS = [
  "sent from ", "sent with ", "get outlook for ", "download outlook for ",
  "envoyé de ", "envoyé depuis ", "envoyé à partir de ", "télécharger outlook pour ",
  "von meinem ", "gesendet von ", "gesendet mit ",
  "enviado desde ", "enviado do ", "enviado de ", "inviato da ",
  "verzonden vanaf ", "verstuurd vanaf ", "skickat från ", "sendt fra ", "wysłane z ", "отправлено с ",
];
const DEVICES = [
  "iphone", "ipad", "ipod", "ios", "android", "galaxy", "samsung", "huawei", "pixel", "blackberry",
  "mobile", "smartphone", "windows", "yahoo mail", "aol",
];

function isMobileSignature(line: string): boolean {
  let text = line.trim();
  if (text.length > 120) return false;
  let linked = false;
  // Outlook and other apps append their store link: "Get Outlook for iOS<https://aka.ms/o0ukef>".
  if (text.endsWith(">")) {
    const lt = text.lastIndexOf("<");
    if (lt > 0) {
      linked = text.startsWith("http", lt + 1);
      text = text.slice(0, lt).trim();
    }
  }
  const lower = text.toLowerCase();
  if (lower === "sent from outlook") return true;
  if (!SIGNATURE_STARTS.some((start) => lower.startsWith(start))) return false;
  return linked || DEVICES.some((device) => lower.includes(device));
}
