/**
 * The other way clients mark history: a separator line ("-----Original Message-----", Gmail's
 * "---------- Forwarded message ---------", Apple Mail's "Begin forwarded message:") and the
 * original's headers written as a block ("From:/Sent:/To:/Subject:" in the sender's language),
 * as Outlook, Hotmail, Yahoo, Zimbra and most webmails do. Keys are data, in about twenty
 * languages; the shape (a sender and at least one other key, on consecutive lines or on one
 * flattened line) is what makes a block.
 */

import { hasAddress, hasDate, type Line } from "./lines";

// "-----Original Message-----" (Outlook), "-------- Original message --------" (Android and
// Samsung), "---------- Forwarded message ---------" (Gmail), and their translations.
const SEPARATOR_PHRASES = [
  "original message", "original e-mail", "original email", "forwarded message", "reply message",
  "mail original", "ursprüngliche mail", "mail d'origine", "correo original",
  "ursprüngliche nachricht", "original-nachricht", "originalnachricht", "weitergeleitete nachricht",
  "message d'origine", "message d’origine", "message original", "message transféré",
  "mensaje original", "mensaje reenviado", "mensagem original", "mensagem encaminhada",
  "messaggio originale", "messaggio inoltrato", "oorspronkelijk bericht", "origineel bericht", "doorgestuurd bericht",
  "originalmeddelande", "ursprungligt meddelande", "vidarebefordrat meddelande",
  "oprindelig meddelelse", "oprindelig besked", "videresendt meddelelse", "videresendt besked",
  "opprinnelig melding", "videresendt melding", "alkuperäinen viesti", "välitetty viesti",
  "wiadomość oryginalna", "oryginalna wiadomość", "przekazana wiadomość", "původní zpráva", "přeposlaná zpráva",
  "pôvodná správa", "eredeti üzenet", "továbbított üzenet", "mesaj original", "mesaj redirecționat",
  "orijinal mesaj", "iletilen mesaj", "αρχικό μήνυμα", "исходное сообщение", "пересланное сообщение",
  "пересылаемое сообщение", "оригинальное сообщение", "вихідне повідомлення", "пересланий лист",
  "原始邮件", "原始郵件", "邮件原件", "郵件原件", "转发的邮件", "元のメッセージ", "転送されたメッセージ", "원본 메시지",
  "전달된 메시지", "özgün ileti", "özgün i̇leti", "iletilen ileti",
  "الرسالة الأصلية", "הודעה מקורית", "pesan asli", "tin nhắn gốc",
];

// Apple Mail's forward header has no dashes.
const FORWARD_LINES = new Set([
  "begin forwarded message:",
  "anfang der weitergeleiteten nachricht:",
  "anfang der weitergeleiteten e-mail:",
  "anfang der weitergeleiteten e‑mail:",
  "começo da mensagem encaminhada:",
  "vidarebefordrat mejl:",
  "videresendt melding:",
  "videresendt e-mail:",
  "début du message réexpédié :",
  "début du message réexpédié:",
  "inicio del mensaje reenviado:",
  "início da mensagem reencaminhada:",
  "inizio messaggio inoltrato:",
  "begin doorgestuurd bericht:",
]);

const RULE_CHARS = "-_=*~ ";

/**
 * A separator line. Samsung's may run on into the headers ("-------- Ursprüngliche Nachricht
 * --------Von: …"), Gmail's text rendering wraps it in bold markers ("*-------- Original
 * Message --------*"), and Tobit David writes "Original Message processed by david®" alone.
 */
export function isSeparator(text: string): boolean {
  if (text.length < 5) return false;
  if (text.length <= 60 && text.endsWith(":") && FORWARD_LINES.has(text.toLowerCase())) return true;
  if (text === "Original Message" || text.startsWith("Original Message processed by")) return true;
  let start = 0;
  while (start < text.length && start < 40 && RULE_CHARS.includes(text[start]!)) start++;
  let dashes = 0;
  for (let k = 0; k < start; k++) if (text[k] !== " " && text[k] !== "*") dashes++;
  if (dashes < 2) return false;
  const rest = text.slice(start, start + 60).toLowerCase();
  const phrase = SEPARATOR_PHRASES.find((p) => rest.startsWith(p));
  if (!phrase) return false;
  // After the phrase: nothing, the closing rule, or the headers run on.
  const tail = rest.slice(phrase.length);
  return tail === "" || RULE_CHARS.includes(tail[0]!);
}

// The original's header keys, in the languages of the clients that write them.
const SENDER_KEYS = [
  "from", "von", "de", "da", "van", "från", "fra", "od", "от", "від", "lähettäjä", "feladó", "kimden", "nadawca",
  "afzender", "absender", "expéditeur", "remitente", "remetente", "mittente", "avsändare", "afsender", "avsender",
  "odesílatel", "από", "de la", "dari", "từ", "发件人", "寄件者", "差出人", "보낸 사람", "من", "מאת",
];
const OTHER_KEYS = [
  "sent", "date", "to", "cc", "bcc", "subject", "reply-to",
  "gesendet", "datum", "an", "betreff", "kopie", "antwort an",
  "envoyé", "envoyé le", "à", "a", "objet", "copie à", "sujet", "message du", "répondre à",
  "enviado", "enviado el", "enviada em", "enviado em", "fecha", "para", "asunto", "assunto", "data",
  "inviato", "oggetto", "risposta", "rispondi a",
  "verzonden", "aan", "onderwerp", "skickat", "till", "ämne", "sendt", "til", "emne", "dato",
  "wysłano", "do", "temat", "adresat", "dw",
  "отправлено", "дата", "кому", "тема", "копия", "надіслано", "копія",
  "lähetetty", "vastaanottaja", "aihe", "päivämäärä", "kopio",
  "elküldve", "címzett", "tárgy", "dátum", "másolat", "gönderildi", "kime", "konu", "tarih", "bilgi",
  "odesláno", "komu", "předmět", "στάλθηκε", "ημερομηνία", "προς", "κοιν", "θέμα",
  "trimis", "către", "subiect", "dikirim", "tanggal", "kepada", "perihal", "đã gửi", "ngày", "đến", "chủ đề",
  "发送时间", "日期", "收件人", "抄送", "主题", "寄件日期", "收件者", "主旨", "副本",
  "送信日時", "宛先", "件名", "日付", "보낸 날짜", "받는 사람", "제목", "참조",
  "تم الإرسال", "التاريخ", "إلى", "نسخة", "الموضوع", "נשלח", "תאריך", "אל", "נושא", "עותק",
];
const SENDER = new Set(SENDER_KEYS);
const OTHER = new Set(OTHER_KEYS);

type Field = "none" | "sender" | "other";

/** Whether a line is a "Name: value" header line with a known name, and which. */
function fieldOf(text: string): Field {
  const limit = Math.min(text.length, 30);
  let colon = 0;
  while (colon < limit && text[colon] !== ":" && text[colon] !== "：") colon++;
  if (colon === 0 || colon === limit) return "none";
  // Gmail's text rendering of a bold header is "*From:* …", a Markdown one "** De : … **".
  const key = text.slice(0, colon).replaceAll("*", "").trim();
  // Clients write the keys capitalised ("From:", "De :", "От:"); "from: me" is a person's.
  if (key === "" || key[0] !== key[0]!.toUpperCase()) return "none";
  const name = key.toLowerCase();
  return SENDER.has(name) ? "sender" : OTHER.has(name) ? "other" : "none";
}

/** A line's field, read once however many blocks it is tested in. */
export function fieldOfLine(line: Line): Field {
  return (line.field ??= line.blank ? "none" : fieldOf(line.text));
}

/** Whether a header block starts at line i: a sender and at least one other key, no blank line between. */
export function startsHeaderBlock(lines: Line[], i: number): boolean {
  if (fieldOfLine(lines[i]!) === "none") return false;
  // A lone "From: …" can be prose; the block is at least two known fields, one a sender.
  let count = 0;
  let sender = false;
  let data = false; // an address or a date in the values
  for (let j = i; j < Math.min(lines.length, i + 8) && !lines[j]!.blank; j++) {
    // Lines without a known field are Outlook wrapping a long To: or Cc: value.
    const line = lines[j]!;
    const field = fieldOfLine(line);
    if (field === "sender") sender = true;
    if (field !== "none") count++;
    if (!data && count > 0 && (hasAddress(line.text) || hasDate(line.text))) data = true;
  }
  // Two fields can be prose ("From: the team\nTo: me"); with an address or date they are not.
  return (sender && (count >= 3 || (count === 2 && data))) || isFlattenedHeader(lines[i]!.text);
}

// Keys of three letters or more, searched inside a flattened line ("…13:46Nadawca: …").
const FLAT_KEYS = new RegExp(
  `(${[...SENDER_KEYS, ...OTHER_KEYS].filter((key) => key.length >= 3).map(escape).join("|")}) ?:`,
  "giu",
);

function escape(key: string): string {
  return key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Some webmails flatten the block onto one line: "Temat: RE: … Nadawca: "name" addr Adresat: …". */
function isFlattenedHeader(text: string): boolean {
  if (text.length < 20 || text.length > 1000) return false;
  let count = 0;
  let sender = false;
  for (const match of text.matchAll(FLAT_KEYS)) {
    const key = match[1]!.toLowerCase();
    if (SENDER.has(key)) sender = true;
    count++;
    if (sender && count >= 3) return true;
  }
  return false;
}
