/**
 * The person's own signature block and the rules around it: "-- ", a rule after the sign-off
 * ("All the best,\nJim\n\n* * *\n…"), a rule or a paragraph of contact lines (name, title,
 * phone, address, e-mail, web) under the text. The typed sign-off and name stay ("Thanks,\nSam",
 * "—Ryan"); a block goes only on evidence (contact data, a title, a client's line), so a line of
 * dashes or a short last line of the user's own is kept.
 */

import { isClientSignature } from "./client-signature";
import { hasAddress, type Line, wordCount } from "./lines";

/** "-- ", the signature delimiter (RFC 3676); many clients drop its space. */
export function isSignatureDelimiter(text: string): boolean {
  return text === "--" || text === "-- ";
}

const RULE = "-_=*~+#—–•·";

/** A line of only rule characters: "________________", "-----", "====", "* * *", "—————", "—". */
export function isRule(text: string): boolean {
  let count = 0;
  let dash = false;
  for (const ch of text) {
    if (ch === " ") continue;
    if (!RULE.includes(ch)) return false;
    if (ch === "—" || ch === "–") dash = true;
    count++;
  }
  return count >= 3 || (dash && count >= 1);
}

/** Outlook's "________________________________" above its header block or a signature. */
export function isUnderscoreRule(text: string): boolean {
  if (text.length < 8) return false;
  for (const ch of text) if (ch !== "_") return false;
  return true;
}

// Closings, in many languages, matched on the whole line without its punctuation.
const SIGN_OFFS = [
  "regards", "best regards", "kind regards", "warm regards", "warmest regards", "best wishes", "all the best", "best",
  "cheers", "thanks", "thank you", "thanks again", "many thanks", "thx", "sincerely", "yours sincerely", "yours truly",
  "yours", "cordially", "respectfully", "take care", "talk soon", "love", "greetings",
  "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße", "freundliche grüsse", "viele grüße",
  "beste grüße", "liebe grüße", "herzliche grüße", "grüße", "gruß", "grüßle", "lg", "vg", "mfg", "danke",
  "cordialement", "bien cordialement", "bien à vous", "salutations", "amitiés", "bises", "merci",
  "saludos", "un saludo", "atentamente", "gracias", "cumprimentos", "atenciosamente", "abraços", "obrigado", "obrigada",
  "cordiali saluti", "saluti", "distinti saluti", "grazie", "met vriendelijke groet", "met vriendelijke groeten",
  "vriendelijke groeten", "groeten", "groetjes", "mvh", "med vänlig hälsning", "vänliga hälsningar", "hälsningar",
  "venlig hilsen", "med venlig hilsen", "hilsen", "kh", "ystävällisin terveisin", "terveisin", "hyvästi",
  "pozdrawiam", "z poważaniem", "s pozdravem", "üdvözlettel", "с уважением", "спасибо", "saygılarımla",
];
const SIGN_OFF_SET = new Set(SIGN_OFFS);

/** A closing line: "Best regards,", "Thanks!", "Mvh", "Cheers 🎉", "LG, Eva", "Grüßle - Thomas", "—Ryan", "-Abhishek Kona". */
function isSignOff(text: string): boolean {
  if (text.length > 60 || !startsWithLetter(text.replace(/^[-—–]/, ""))) return false;
  if ((text[0] === "-" || text[0] === "—" || text[0] === "–") && text[1] !== "-" && isNameLike(text.slice(1).trim())) return true;
  const letters = text.toLowerCase().replace(/[^\p{L}\p{M}\s'’-]/gu, "").replace(/\s+/g, " ").trim();
  if (SIGN_OFF_SET.has(letters)) return true;
  // The name on the same line: "LG, Eva", "Grüßle - Thomas", "Thanks, Sam".
  const split = text.search(/[,–—-]/);
  if (split > 0) {
    const closing = text.slice(0, split).toLowerCase().trim();
    return SIGN_OFF_SET.has(closing) && isNameLike(text.slice(split + 1).replace(/^[\s,–—-]+/, ""));
  }
  return false;
}

function startsWithLetter(text: string): boolean {
  const c = text[0];
  return c !== undefined && (c.toLowerCase() !== c.toUpperCase() || (c > "\u00ff" && /\p{L}/u.test(c)));
}

const NAME_PARTICLES = new Set(["von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "del", "bin", "al", "y", "e", "af", "zu"]);

/** A name: "Sarah Johnson", "Person A", "Dr. Thomas F", "Mag. Eva Musterfrau", "J.", "Jean-Luc de la Tour". */
function isNameLike(text: string): boolean {
  if (text.length === 0 || text.length > 40 || !startsWithLetter(text) || text.endsWith(",")) return false;
  const words = text.split(" ").filter((word) => word !== "");
  if (words.length === 0 || words.length > 5) return false;
  for (const word of words) {
    if (/[\d@:/?!;]/.test(word)) return false;
    const c = word[0]!;
    const upper = c !== c.toLowerCase() && c === c.toUpperCase();
    const uncased = c === c.toLowerCase() && c === c.toUpperCase() && /\p{L}/u.test(c); // Arabic, CJK…
    if (!upper && !uncased && !NAME_PARTICLES.has(word)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Contact blocks

const TITLE_WORDS = [
  "ceo", "cto", "cfo", "coo", "cmo", "cio", "vp", "founder", "co-founder", "cofounder", "owner", "president", "director",
  "manager", "head of", "lead", "engineer", "developer", "designer", "consultant", "analyst", "officer", "partner",
  "associate", "assistant", "coordinator", "specialist", "executive", "administrator", "architect", "recruiter",
  "editor", "producer", "professor", "researcher", "intern", "geschäftsführer", "leiter", "inhaber", "directeur",
  "directrice", "gérant", "responsable", "gerente", "directora", "diretor", "direttore", "eigenaar",
];

// Labels of contact lines: "Tel: …", "Mobile: …", "Skype: …", "📧 …".
const CONTACT_LABELS = new Set([
  "tel", "tel.", "phone", "mobile", "mob", "mob.", "cell", "fax", "m", "t", "p", "f", "e", "w", "email", "e-mail", "mail",
  "web", "website", "skype", "twitter", "linkedin", "x", "handy", "telefon", "tlf", "tél", "téléphone", "portable",
  "móvil", "celular", "cellulare", "telefono", "direct", "office", "whatsapp", "telegram", "signal",
]);

/** The line without leading emoji and symbols ("📧 sarah@example.com"). */
function withoutSymbols(text: string): string {
  let start = 0;
  while (start < text.length && !/[\p{L}\p{N}+(@]/u.test(text[start]!)) start++;
  return text.slice(start);
}

/** A line of contact data: a phone number, an e-mail address, a web address, a handle, a labelled value, a list footer. */
function isContactLine(text: string): boolean {
  if (text.length > 100) return false;
  let value = withoutSymbols(text);
  const colon = value.indexOf(":");
  if (colon > 0 && colon <= 12 && CONTACT_LABELS.has(value.slice(0, colon).trim().toLowerCase())) return true;
  const space = value.indexOf(" ");
  if (space > 0 && space <= 8 && CONTACT_LABELS.has(value.slice(0, space).toLowerCase()) && /\d{3}/.test(value)) {
    value = value.slice(space + 1);
  }
  if (isPhone(value)) return true;
  if (!value.includes(" ") && (hasAddress(value) || /^(https?:\/\/|www\.)/i.test(value) || /^@\w/.test(value))) return true;
  const lower = value.toLowerCase();
  return lower.includes("mailing list") || lower.includes("mailman/listinfo");
}

function isPhone(value: string): boolean {
  let digits = 0;
  for (const ch of value) {
    if (ch >= "0" && ch <= "9") digits++;
    else if (!" +-()./".includes(ch)) return false;
  }
  return digits >= 7;
}

const TITLE = new RegExp(`(?:^|[^\\p{L}])(?:${TITLE_WORDS.join("|")})(?:$|[^\\p{L}])`, "u");

// The lower-case words a title line may hold: "Head of Sales", "Senior software engineer at Acme".
const TITLE_SMALL_WORDS = new Set([
  "at", "of", "and", "for", "the", "in", "de", "du", "des", "der", "für", "bei", "chez", "di", "en", "y", "und", "et",
  "senior", "junior", "chief", "principal", "staff", "software", "product", "sales", "marketing", "account", "technical",
  "general", "managing", "regional", "global", "customer", "success", "business", "development", "operations", "data",
  "research", "support", "team", "project", "program", "finance", "financial", "legal", "hr", "it", "vice",
]);

/** A job title line: "CEO at Pandaland", "Product Manager", "CEO @ Acme !"; not "CEO at Acme said yes". */
function isTitleLine(text: string): boolean {
  if (text.length > 60 || wordCount(text) > 7 || /[.?]$/.test(text)) return false;
  const lower = text.toLowerCase();
  if (!TITLE.test(lower) && !/ @ \p{Lu}/u.test(text)) return false;
  for (const word of text.split(/[\s,|/]+/)) {
    if (/^\p{Ll}/u.test(word) && !TITLE_SMALL_WORDS.has(word) && !TITLE.test(word)) return false;
  }
  return true;
}

/** A postal address line: "A-1000 Wien, Grüngasse 1", "12 Main Street, Springfield". */
function isAddressLine(text: string): boolean {
  return text.length <= 60 && /\d/.test(text) && text.includes(",") && wordCount(text) <= 7 && !/[.?!]$/.test(text);
}

/**
 * How a line reads in a signature block: 2 for contact data, a title or a client's line (the
 * evidence that a block is a signature and not the user's last lines), 1 for a name or an
 * address, 0 for anything else.
 */
function signatureKind(text: string): 0 | 1 | 2 {
  if (isRule(text)) return 0;
  if (isContactLine(text) || isTitleLine(text) || isClientSignature(text)) return 2;
  return isNameLike(withoutSymbols(text)) || isAddressLine(text) ? 1 : 0;
}

function signatureOf(line: Line): 0 | 1 | 2 {
  return (line.signature ??= signatureKind(line.text));
}

function signOffOf(line: Line): boolean {
  return (line.signOff ??= isSignOff(line.text));
}

function nameOf(line: Line): boolean {
  return (line.name ??= isNameLike(line.text));
}

/**
 * Whether the lines from `start` on, up to the end or the history (a quote, a separator, a
 * header), are a signature block: at most ten short lines, each a signature line, at least one
 * of them contact data or a title.
 */
export function signatureBlockFollows(lines: Line[], start: number, isHistory: (i: number) => boolean): boolean {
  let evidence = false;
  let seen = 0;
  for (let j = start; j < lines.length; j++) {
    const line = lines[j]!;
    if (line.blank) continue;
    if (line.quoted || isHistory(j) || isUnderscoreRule(line.text) || isSignatureDelimiter(line.text)) break;
    const kind = signatureOf(line);
    if (++seen > 10 || kind === 0) return false;
    if (kind === 2) evidence = true;
  }
  return evidence;
}

/** A postscript is the person's own text, signature or not: "PS: …", "P.S. …", "PPS …". */
export function isPostscript(text: string): boolean {
  return /^p\.? ?p?\.? ?s\b/i.test(text);
}

/** Whether the kept text ends with a sign-off, maybe followed by a name: "All the best,\n\nJim". */
export function endsWithSignOff(out: Line[]): boolean {
  let k = out.length - 1;
  while (k >= 0 && out[k]!.blank) k--;
  if (k < 0) return false;
  const last = out[k]!;
  if (signOffOf(last)) return true;
  if (!nameOf(last)) return false;
  k--;
  while (k >= 0 && out[k]!.blank) k--;
  return k >= 0 && signOffOf(out[k]!);
}

/**
 * Drops the contact block that ends the kept text, paragraph by paragraph from the end: a
 * paragraph of signature lines with contact data or a title ("Mag. Eva Musterfrau\nA-1000 Wien,
 * Grüngasse 1\nTel: …"). The typed sign-off and name above it stay: under "Regards," the first
 * line ("John Doe") is the person signing, and "Mvh,\nPerson A\n070-0000000" keeps two lines.
 */
export function dropContactBlock(out: Line[]): void {
  for (;;) {
    let end = out.length;
    while (end > 0 && out[end - 1]!.blank) end--;
    let start = end;
    while (start > 0 && !out[start - 1]!.blank) start--;
    if (start === end) return;
    if (end - start > 12) return; // a signature block is a few lines
    const paragraph = out.slice(start, end);
    const above = lastTyped(out, start);
    let keep = 0;
    if (signOffOf(paragraph[0]!)) {
      // "Mvh,\nPerson A\n070-0000000": the closing and the name are typed.
      keep = paragraph.length > 1 && nameOf(paragraph[1]!) ? 2 : 1;
    } else if (nameOf(paragraph[0]!) && !(above !== null && nameOf(above) && !signOffOf(above))) {
      // The name under "Regards," or under the text is the person signing; under a name
      // already typed ("Eva\n\nMag. Eva Musterfrau\n…") it opens the block.
      keep = 1;
    }
    const block = paragraph.slice(keep);
    // Never the whole text: something typed must remain above a dropped block, which starts
    // with a name or a title (a bare phone number under the text is the person's message),
    // and is not what the text announces ("Her details:\n\nPriya Shah\nHead of Design …").
    if (block.length === 0 || (keep === 0 && above === null) || announces(above)) return;
    if (keep === 0 && !nameOf(block[0]!) && !isTitleLine(block[0]!.text)) return;
    if (!block.every((line) => signatureOf(line) > 0) || !block.some((line) => signatureOf(line) === 2)) return;
    out.length = start + keep;
    if (keep > 0) return;
  }
}

/** Whether a line introduces what follows: "Her details:", "Contact:". */
export function announces(line: Line | null): boolean {
  return line !== null && line.text.endsWith(":");
}

/** The last non-blank line above index start. */
function lastTyped(out: Line[], start: number): Line | null {
  let k = start - 1;
  while (k >= 0 && out[k]!.blank) k--;
  return k >= 0 ? out[k]! : null;
}
