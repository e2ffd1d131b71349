/**
 * The line a phone or mail app adds under the text: "Sent from my iPhone", "Get Outlook for
 * iOS<link>", "Von meinem iPhone gesendet", "Envoyé de mon iPhone", "أُرسلت من الـ iPhone",
 * "Sent from my Wiko RIDGE FAB 4G", in the languages of the clients that add them. What it was
 * sent from must be a device or an app ("Sent from my desk, is much easier …" is a sentence),
 * and clients write it capitalised ("sent from my phone" is a person saying so).
 */

import { cleanText, wordCount } from "./lines";

// "Sent from …" in the languages of the clients that add it; the device or app comes after.
const SENT_PREFIXES = [
  "sent from ", "sent with ", "sent via ", "sent using ", "sent by ", "sent on ", "sent wirelessly from ",
  "sent wirelessly via ", "from my ",
  "envoyé de ", "envoyé depuis ", "envoyé à partir de ", "envoyé avec ", "envoyé via ",
  "gesendet von ", "gesendet mit ", "gesendet vom ", "gesendet über ",
  "enviado desde ", "enviado do ", "enviado de ", "enviado con ", "enviado com ", "enviado a través de ",
  "inviato da ", "inviato dal ", "inviato con ", "inviato tramite ",
  "verzonden vanaf ", "verzonden vanuit ", "verzonden met ", "verstuurd vanaf ", "verstuurd vanuit ", "verstuurd met ",
  "skickat från ", "skickad från ", "sendt fra ", "sendt från ", "lähetetty ", "wysłane z ", "wysłano z ",
  "odesláno z ", "odoslané z ", "trimis de pe ", "trimis de ", "trimis cu ", "poslano iz ", "küldve ",
  "отправлено с ", "отправлено из ", "надіслано з ", "στάλθηκε από ", "أرسلت من ", "تم الإرسال من ", "נשלח מ",
  "发自我的", "發自我的",
];

// "… gesendet" where the verb comes last: "Von meinem iPhone gesendet", "Az iPhone-omról küldve",
// "从我的 iPhone 发送", "iPhoneから送信".
const SENT_SUFFIXES = [
  "gesendet", "verzonden", "verstuurd", "küldve", "lähetetty", "odesláno", "gönderildi", "发送", "發送", "傳送", "送信", "보냄",
];

// Outlook's store link, translated: "Get Outlook for iOS", "Outlook für iOS beziehen", …
const GET_OUTLOOK = [
  "get outlook for ", "download outlook for ", "obter o outlook para ", "baixe o outlook para ", "obtenir outlook pour ",
  "télécharger outlook pour ", "scarica outlook per ", "descargar outlook para ", "obtener outlook para ",
  "outlook für ", "hol dir outlook für ", "outlook voor ", "download outlook voor ", "hämta outlook för ",
  "skaff deg outlook for ", "hent outlook til ", "pobierz aplikację outlook dla ", "получить outlook для ",
];

// Words that name a device or a mail app, matched inside a word ("iPhonesta", "iPhone‑ul").
const DEVICES = [
  "iphone", "ipad", "ipod", "ios", "android", "galaxy", "samsung", "huawei", "pixel", "blackberry", "nokia",
  "xiaomi", "oneplus", "motorola", "htc", "wiko", "alcatel", "fairphone", "mobil", "móvil", "movil", "cell",
  "phone", "handy", "telefon", "téléphone", "teléfono", "telefone", "tablet", "device", "appareil", "gerät",
  "dispositivo", "windows", "outlook", "yahoo", "aol", "airmail", "mailbox", "sparrow", "typeapp", "bluemail",
  "aquamail", "k-9", "gmx", "web.de", "proton", "thunderbird", "mail.ru",
];

// Small words a client's signature may hold besides the device: "Yahoo Mail on Android",
// "Mail for Windows 10", "the mobile mail app", "der mobilen Mail App", "iPhone‑ul meu".
const SMALL_WORDS = new Set([
  "my", "the", "a", "an", "for", "on", "with", "app", "mail", "e-mail", "email", "mon", "ma", "mein", "meinem", "meinen",
  "der", "dem", "den", "die", "mi", "meu", "minha", "mio", "mia", "il", "la", "le", "el", "o", "de", "di", "do", "da",
  "mijn", "min", "mitt", "mój", "mojego", "mojej", "moim", "pour", "für", "para", "per", "voor", "för", "til", "dla",
  "meu", "ul", "ال", "mobilen", "mobile", "smartphone", "phone", "device", "von", "mit", "secure", "το", "μου", "שלי",
  "by", "network", "wireless", "all", "new", "mobiles", "appareil", "мобильной", "почты", "мобильного",
]);

const POSSESSIVES = new Set(["my", "mon", "ma", "mein", "meinem", "meinen", "mi", "meu", "minha", "mio", "mia", "mijn", "min", "mitt", "mój", "mojego", "moim"]);

// After the device, some signatures apologise: "Sent from my cell, please excuse any typos."
const APOLOGIES = ["please excuse", "excuse", "sorry", "pardon", "apologies", "bitte entschuldig", "désolé", "disculp", "scusa"];

function hasDevice(lower: string): boolean {
  return DEVICES.some((device) => lower.includes(device));
}

/** The line without links, brackets and Arabic vowel marks: "Get [Outlook for Android](https://…)" → "Get Outlook for Android". */
function signatureText(line: string): string {
  let text = cleanText(line);
  if (text.includes("](")) text = text.replace(/\[([^\]]{0,100})\]\([^)\s]{0,300}\)/g, "$1");
  if (text.includes("http")) text = text.replace(/<https?:[^>\s]{0,300}>|\(https?:[^)\s]{0,300}\)|https?:\S{0,300}/g, " ");
  if (/[\u0640\u064b-\u065f\u0670]/.test(text)) text = text.replace(/[\u0640\u064b-\u065f\u0670]/g, "");
  // "(sent from a phone)", "<<sent by galaxy>>", "*Sent from my iPhone*"
  if (/^[(<[*_]|[)>\]*_]$/.test(text)) text = text.replace(/^[(<[*_ ]+|[)>\]*_ ]+$/g, "");
  return text.includes("  ") || text.includes("\t") ? text.replace(/\s+/g, " ").trim() : text.trim();
}

/** A line a phone or mail app adds under the text ("Sent from my iPhone"); never a sentence that mentions sending. */
export function isClientSignature(line: string): boolean {
  if (line.length > 160 || !mayBeClientSignature(line)) return false;
  const text = signatureText(line);
  if (text.length < 4 || text.length > 100) return false;
  const lower = text.toLowerCase();
  const words = wordCount(text);

  if (GET_OUTLOOK.some((start) => lower.startsWith(start))) return words <= 8;
  if (lower === "sent from outlook" || lower === "sent from mail") return true;

  const prefix = SENT_PREFIXES.find((start) => lower.startsWith(start));
  // Clients write it capitalised; "sent from my phone" in lower case is a person saying so.
  if (prefix) return !isLowerCase(text[0]!) && isDeviceObject(text.slice(prefix.length));

  let end = lower.length;
  if (lower.endsWith(".")) end--;
  const body = lower.slice(0, end);
  if (SENT_SUFFIXES.some((suffix) => body.endsWith(suffix))) {
    return hasDevice(body) && (words <= 6 || body.startsWith("diese nachricht wurde") || body.startsWith("this message was sent"));
  }
  return false;
}

// The first words of the wordings above, for a cheap first look at a line.
const FIRST_WORDS = new Set(
  [...SENT_PREFIXES, ...GET_OUTLOOK].map((prefix) => prefix.slice(0, prefix.indexOf(" ") + 1 || prefix.length).trim()),
);

/** A cheap first look: does the line start or end with a client's wording at all? */
function mayBeClientSignature(line: string): boolean {
  let start = 0;
  while (start < line.length && start < 8 && "([<*_ \u202b\u202a\u200f\u200e".includes(line[start]!)) start++;
  let space = line.indexOf(" ", start);
  if (space < 0 || space > start + 24) space = Math.min(line.length, start + 24);
  let first = line.slice(start, space).toLowerCase();
  const c = first.charCodeAt(0);
  if (c >= 0x600 && c <= 0x6ff) first = first.replace(/[\u0640\u064b-\u065f\u0670]/g, ""); // Arabic vowel marks
  if (FIRST_WORDS.has(first) || first.startsWith("נשלח") || first.startsWith("发自") || first.startsWith("發自")) return true;
  const tail = line.slice(-24).toLowerCase();
  return SENT_SUFFIXES.some((suffix) => tail.includes(suffix));
}

function isLowerCase(c: string): boolean {
  return c !== c.toUpperCase();
}

/**
 * A custom "Sent from …" line with no device in it ("Sent from a magnificent torch of pixels"):
 * a client signature only when the history follows right below it, which the caller checks.
 */
export function isCustomSentLine(text: string): boolean {
  if (text.length > 60 || !mayBeClientSignature(text) || isLowerCase(text[0]!)) return false;
  if (wordCount(text) > 8 || /[,;:!?]|\.\S/.test(text)) return false;
  const lower = text.toLowerCase();
  return SENT_PREFIXES.some((start) => lower.startsWith(start));
}

// Mail apps that sign with their bare name: "Sent with Airmail", "Sent from Mailbox".
const APPS = new Set([
  "airmail", "mailbox", "sparrow", "typeapp", "bluemail", "aquamail", "spark", "newton", "edison", "polymail",
  "superhuman", "outlook", "mail", "mailspring", "spike", "canary", "hey", "postbox", "emclient", "mailbird",
]);

/**
 * What a "Sent from" line was sent from: a device or app, possibly with a model and a platform
 * ("my Samsung Galaxy s5 Octacore device", "Mail for Windows 10", "my Wiko RIDGE FAB 4G"),
 * optionally followed by an apology for typos. "my desk, is much easier …" is not one.
 */
function isDeviceObject(rest: string): boolean {
  let end = rest.length;
  for (let k = 0; k < rest.length; k++) {
    if (",.;!".includes(rest[k]!) && !(rest[k] === "." && /\w/.test(rest[k + 1] ?? ""))) {
      end = k;
      break;
    }
  }
  const object = readTokens(rest.slice(0, end));
  if (object === null) return false;
  const tail = rest.slice(end).replace(/^[,.;!\s]+/, "").replace(/[.!]+$/, "");
  // "…, please excuse any typos", or the device after a carrier: "Sent from my Verizon, Samsung Galaxy smartphone".
  const tailObject = tail === "" ? null : readTokens(tail);
  if (tail !== "" && !tailObject?.device && !APOLOGIES.some((apology) => tail.toLowerCase().startsWith(apology))) return false;
  if (object.device || tailObject?.device) return true;
  if (object.tokens.length === 1 && APPS.has(object.tokens[0]!.toLowerCase())) return true;
  // A phone's make and model: "Sent from my Wiko RIDGE FAB 4G", "Sent from my TI-85"; not
  // "Sent from my LinkedIn", which is a person saying where they sent it from.
  return object.possessive && (object.model || object.named >= 2);
}

interface Tokens {
  tokens: string[];
  possessive: boolean; // "my …", "mon …", "meinem …"
  device: boolean; // a word naming a device or app
  named: number; // capitalised words or words with digits: a make or model
  model: boolean; // a word with digits
}

/** The words of what a message was sent from, if each is a device, a name, a model or a small word. */
function readTokens(text: string): Tokens | null {
  const tokens = text.trim().split(" ").filter((token) => token !== "");
  if (tokens.length === 0 || tokens.length > 9) return null;
  const found: Tokens = { tokens, possessive: POSSESSIVES.has(tokens[0]!.toLowerCase()), device: false, named: 0, model: false };
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (hasDevice(lower)) found.device = true;
    else if (startsUpperOrDigit(token) || /\d/.test(token)) {
      found.named++;
      if (/\d/.test(token)) found.model = true;
    } else if (!SMALL_WORDS.has(lower)) return null;
  }
  return found;
}

function startsUpperOrDigit(token: string): boolean {
  const c = token[0]!;
  return (c >= "0" && c <= "9") || (c !== c.toLowerCase() && c === c.toUpperCase());
}
