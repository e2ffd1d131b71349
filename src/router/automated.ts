/**
 * Mail no human wrote: auto-replies, bounces, lists, and Rapport's own mail coming back.
 * Answering it risks mail loops (two robots answering each other forever), and acting on it
 * turns a bounce or an out-of-office into a note, so it is recorded but never acted on or
 * answered (docs/design.md §5).
 */

export type HeaderLookup = (name: string) => string | null;

/** Which side a message was routed to: a List-Id is a robot's sign only on a reply. */
export type InboundSide = "invite" | "reply";

/** Subjects of out-of-office and other automatic replies, in the languages Exchange writes them in. */
const AUTO_REPLY_SUBJECT =
  /^\s*(automatic reply|auto[- ]?reply|autoreply|out of (the )?office|abwesenheitsnotiz|automatische antwort|réponse automatique|respuesta automática|risposta automatica|autosvar|automatisch antwoord)\b/i;

/** The first address in a From header ("Name <a@b>" or a bare address), lowercased. */
function fromHeaderAddress(value: string | null): string | null {
  if (!value) return null;
  const match = /<([^<>\s]+@[^<>\s]+)>/.exec(value) ?? /([^\s<>"(),;:]+@[^\s<>"(),;:]+)/.exec(value);
  return match ? match[1]!.toLowerCase() : null;
}

/** The reason a message is automated, or null when a person sent it. */
export function automatedReason(
  envelopeFrom: string,
  header: HeaderLookup,
  ownAddresses: ReadonlySet<string>,
  side: InboundSide = "invite",
): string | null {
  const from = envelopeFrom.trim().toLowerCase();
  if (from === "" || from === "<>") return "null return path";
  if (/^(mailer-daemon|postmaster)@/.test(from)) return "bounce";
  if (ownAddresses.has(from)) return "our own mail";
  // Rapport's own email forwarded or auto-forwarded back: the From header is ours.
  const fromHeader = fromHeaderAddress(header("from"));
  if (fromHeader && ownAddresses.has(fromHeader)) return "our own mail (From header)";
  // A delivery report (RFC 3464) is a bounce whoever relays it, even from the user's own address.
  const contentType = header("content-type")?.trim().toLowerCase() ?? "";
  if (/^multipart\/report\b/.test(contentType)) return "bounce report (multipart/report)";
  if (/^message\/(delivery-status|global-delivery-status)\b/.test(contentType)) return "bounce report (message/delivery-status)";
  const autoSubmitted = header("auto-submitted")?.trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith("no")) return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header("precedence")?.trim().toLowerCase();
  if (precedence && /^(bulk|list|junk|auto_reply)$/.test(precedence)) return `Precedence: ${precedence}`;
  if (header("x-autoreply") || header("x-autorespond")) return "auto-reply header";
  // Exchange marks its out-of-office replies with X-Auto-Response-Suppress, but Outlook puts the
  // same header on ordinary meeting invitations: only with another sign is it an auto-reply.
  if (header("x-auto-response-suppress") && (header("x-ms-exchange-inbox-rules-loop") || AUTO_REPLY_SUBJECT.test(header("subject") ?? ""))) {
    return "auto-reply (X-Auto-Response-Suppress)";
  }
  // A forwarded invite may have passed through a list; a reply from a list is never the user's own.
  if (side === "reply" && header("list-id")) return "mailing list (List-Id)";
  return null;
}
