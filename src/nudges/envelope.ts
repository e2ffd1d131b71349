/**
 * Wraps composed content into the message Postmark is given: addresses, threading and the
 * headers every Rapport email carries. Anything that reaches a header passes through
 * `headerSafe`, because invite text (a summary in a subject) is attacker-controlled and a CR or
 * LF there would let it add headers of its own.
 */
import type { ComposedContent } from "../compose/content";
import type { EmailHeader, EmailTag, OutboundEmail } from "../mail/mailer";

export interface Sender {
  /** "Rapport <rapport@example.com>" */
  from: string;
  /** Where replies go (the replies issue makes this a per-nudge token address). */
  replyTo: string;
  messageStream: string;
}

export interface EnvelopeOptions {
  to: string;
  tag: EmailTag;
  /** The Message-ID this answers, so mail apps thread the answer under the user's forward. */
  inReplyTo?: string | null;
  metadata?: Record<string, string | number>;
  /** Extra headers (List-Unsubscribe and the like); values are made header-safe here. */
  headers?: EmailHeader[];
  /** RFC 3834: "auto-replied" for answers to a user's message, "auto-generated" for nudges. */
  autoSubmitted: "auto-replied" | "auto-generated";
}

const MAX_SUBJECT = 200;

/** Removes CR, LF and other control characters and collapses whitespace: safe inside a header. */
export function headerSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
}

function subjectLine(subject: string): string {
  const clean = headerSafe(subject);
  return clean.length > MAX_SUBJECT ? `${clean.slice(0, MAX_SUBJECT - 1)}\u2026` : clean;
}

export function envelope(content: ComposedContent, options: EnvelopeOptions, sender: Sender): OutboundEmail {
  const headers: EmailHeader[] = [{ Name: "Auto-Submitted", Value: options.autoSubmitted }];
  for (const header of options.headers ?? []) headers.push({ Name: headerSafe(header.Name), Value: headerSafe(header.Value) });
  const inReplyTo = options.inReplyTo ? headerSafe(options.inReplyTo) : "";
  if (/^<[^<>\s]+>$/.test(inReplyTo)) {
    headers.push({ Name: "In-Reply-To", Value: inReplyTo }, { Name: "References", Value: inReplyTo });
  }
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.metadata ?? {})) metadata[key] = String(value);

  return {
    From: headerSafe(sender.from),
    To: headerSafe(options.to),
    ReplyTo: headerSafe(sender.replyTo),
    Subject: subjectLine(content.subject),
    Tag: options.tag,
    TextBody: content.text,
    HtmlBody: content.html,
    Headers: headers,
    Attachments: (content.attachments ?? []).map((file) => ({ Name: file.name, Content: file.contentBase64, ContentType: file.contentType })),
    MessageStream: sender.messageStream,
    Metadata: metadata,
  };
}
