/**
 * Reads an inbound message's MIME structure (postal-mime) and pulls out every calendar it
 * carries: text/calendar alternatives, .ics attachments of any declared type, and calendars
 * inside forwarded message/rfc822 parts (postal-mime inlines those parts' attachments).
 *
 * Limits exist because a message is attacker-controlled: a raw-size cap before any parsing,
 * a MIME nesting cap (postal-mime recurses per level), and a per-calendar size cap so one
 * giant .ics cannot eat the Worker's CPU budget in ical.js.
 */
import PostalMime, { type Attachment } from "postal-mime";
import { calendarOnly } from "./calendar-parts";
import { InviteError } from "./invite-error";

export interface MimeLimits {
  maxRawBytes: number;
  /** Deepest multipart nesting accepted; real clients stay under 10. */
  maxNestingDepth: number;
  maxCalendarBytes: number;
}

export const DEFAULT_MIME_LIMITS: MimeLimits = {
  maxRawBytes: 10 * 1024 * 1024,
  maxNestingDepth: 32,
  maxCalendarBytes: 512 * 1024,
};

export interface CalendarPart {
  text: string;
  /** The MIME `method=` parameter (uppercase), when the part had one. */
  mimeMethod: string | null;
}

export interface MailAddress {
  name: string;
  address: string;
}

export interface InboundMail {
  messageId: string | null;
  from: MailAddress | null;
  subject: string;
  calendars: CalendarPart[];
}

const CALENDAR_TYPES = new Set(["text/calendar", "application/ics", "text/x-vcalendar", "application/x-ics"]);
const CALENDAR_FILE = /\.(ics|vcs|ical|ifb)$/i;

function isCalendar(attachment: Attachment): boolean {
  if (attachment.rfc822DepthExceeded) return false;
  const type = attachment.mimeType.toLowerCase();
  if (CALENDAR_TYPES.has(type)) return true;
  // Booking systems send .ics files as text/plain or application/octet-stream.
  return attachment.filename !== null && CALENDAR_FILE.test(attachment.filename);
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
/** For sniffing the first bytes: replaces what is not UTF-8 rather than failing. */
const lenientUtf8 = new TextDecoder();
const windows1252 = new TextDecoder("windows-1252");

/** Calendars are UTF-8 by RFC 5545; older Outlook and Lotus send Windows-1252 without saying so. */
function decodeCalendar(content: Attachment["content"]): string {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  try {
    return utf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

function byteLength(content: Attachment["content"]): number {
  return typeof content === "string" ? content.length : content.byteLength;
}

function firstMailbox(address: Awaited<ReturnType<typeof PostalMime.parse>>["from"]): MailAddress | null {
  if (!address) return null;
  if (address.address) return { name: address.name, address: address.address };
  const member = address.group?.[0];
  return member ? { name: member.name, address: member.address } : null;
}

/** Messages larger than this have their non-calendar parts left out before postal-mime reads them. */
const SLIM_FROM_BYTES = 64 * 1024;

/** Forwards attached as files (message/rfc822 with Content-Disposition: attachment) are opened this deep. */
const MAX_ATTACHED_FORWARDS = 8;

export async function readMail(raw: Uint8Array, limits: MimeLimits = DEFAULT_MIME_LIMITS): Promise<InboundMail> {
  const mail = await readOne(raw, limits);
  const calendars = new DistinctCalendars();
  calendars.collect(mail);
  let forwards = mail.forwards;
  for (let depth = 1; forwards.length > 0; depth += 1) {
    if (depth > MAX_ATTACHED_FORWARDS) throw tooDeep(limits, `more than ${MAX_ATTACHED_FORWARDS} attached forwards`);
    const next: Uint8Array[] = [];
    for (const forward of forwards) {
      const inner = await readOne(forward, limits);
      calendars.collect(inner);
      next.push(...inner.forwards);
    }
    forwards = next;
  }
  return { messageId: mail.messageId, from: mail.from, subject: mail.subject, calendars: calendars.parts };
}

/**
 * The calendars of a message, each once. Google and Thunderbird send the same calendar inline
 * and as invite.ics: it is read once. Two calendars are the same when their texts are, line
 * endings and surrounding whitespace aside; that normalised copy is only made when there is
 * something to compare with and the texts are not simply equal (most messages carry one).
 */
class DistinctCalendars {
  readonly parts: CalendarPart[] = [];
  private readonly fingerprints: (string | null)[] = [];

  collect(mail: ParsedMail): void {
    for (const part of mail.calendars) if (!this.isKnown(part.text)) this.add(part);
  }

  private add(part: CalendarPart): void {
    this.parts.push(part);
    this.fingerprints.push(null);
  }

  private isKnown(text: string): boolean {
    if (this.parts.length === 0) return false;
    if (this.parts.some((part) => part.text === text)) return true;
    const fingerprint = fingerprintOf(text);
    return this.parts.some((part, index) => (this.fingerprints[index] ??= fingerprintOf(part.text)) === fingerprint);
  }
}

function fingerprintOf(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

function tooDeep(limits: MimeLimits, detail: string): InviteError {
  return new InviteError(
    "too_deep",
    `Your message is nested more than ${limits.maxNestingDepth} levels deep (forwards inside forwards), ` +
      "so Rapport stopped reading it. Forward the original invitation directly.",
    detail,
  );
}

interface ParsedMail extends InboundMail {
  /** Raw bytes of forwards attached as files, to be opened in turn. */
  forwards: Uint8Array[];
}

async function readOne(raw: Uint8Array, limits: MimeLimits): Promise<ParsedMail> {
  if (raw.byteLength > limits.maxRawBytes) {
    throw new InviteError(
      "too_large",
      `Your message is ${megabytes(raw.byteLength)}; Rapport reads messages up to ${megabytes(limits.maxRawBytes)}. ` +
        "Forward the invitation on its own, without other attachments.",
      `raw ${raw.byteLength} bytes > ${limits.maxRawBytes}`,
    );
  }

  // A bare .ics file (npm run inspect, or a client that posts the calendar alone).
  const head = lenientUtf8.decode(raw.subarray(0, 64)).replace(/^\uFEFF/, "").trimStart();
  if (/^BEGIN:VCALENDAR/i.test(head)) {
    if (raw.byteLength > limits.maxCalendarBytes) throw calendarTooLarge(raw.byteLength, limits);
    return { messageId: null, from: null, subject: "", calendars: [{ text: decodeCalendar(raw), mimeMethod: null }], forwards: [] };
  }

  let email;
  try {
    // Only what may hold a calendar: a resume or a photo beside the invite is never decoded.
    // Below 64 KB there is nothing worth skipping, and the walk would cost more than it saves.
    const slim = raw.byteLength > SLIM_FROM_BYTES ? calendarOnly(raw) : raw;
    email = await PostalMime.parse(slim, { maxNestingDepth: limits.maxNestingDepth });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/nesting depth/i.test(detail)) throw tooDeep(limits, detail);
    throw new InviteError("invalid_calendar", "Your message could not be read as an email.", detail);
  }

  const calendars: CalendarPart[] = [];
  const forwards: Uint8Array[] = [];
  for (const attachment of email.attachments) {
    if (attachment.mimeType.toLowerCase() === "message/rfc822" && typeof attachment.content !== "string") {
      forwards.push(new Uint8Array(attachment.content));
      continue;
    }
    if (!isCalendar(attachment)) continue;
    const size = byteLength(attachment.content);
    if (size > limits.maxCalendarBytes) throw calendarTooLarge(size, limits);
    const text = decodeCalendar(attachment.content);
    if (/BEGIN:VCALENDAR/i.test(text)) calendars.push({ text, mimeMethod: attachment.method?.toUpperCase() ?? null });
  }

  return {
    messageId: email.messageId?.trim() || null,
    from: firstMailbox(email.from),
    subject: email.subject ?? "",
    calendars,
    forwards,
  };
}

function calendarTooLarge(size: number, limits: MimeLimits): InviteError {
  return new InviteError(
    "too_large",
    `The calendar attached is ${megabytes(size)}; Rapport reads calendars up to ` +
      `${megabytes(limits.maxCalendarBytes)}. Forward a single invitation rather than a calendar export.`,
    `calendar ${size} bytes`,
  );
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
