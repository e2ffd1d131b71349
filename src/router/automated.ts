/**
 * Mail no human wrote: auto-replies, bounces, lists. Answering it risks mail loops (two robots
 * answering each other forever), so it is recorded but never answered (docs/design.md §5).
 */

export type HeaderLookup = (name: string) => string | null;

/** The reason a message is automated, or null when a person sent it. */
export function automatedReason(envelopeFrom: string, header: HeaderLookup, ownAddresses: ReadonlySet<string>): string | null {
  const from = envelopeFrom.trim().toLowerCase();
  if (from === "" || from === "<>") return "null return path";
  if (/^(mailer-daemon|postmaster)@/.test(from)) return "bounce";
  if (ownAddresses.has(from)) return "our own mail";
  const autoSubmitted = header("auto-submitted")?.trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith("no")) return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header("precedence")?.trim().toLowerCase();
  if (precedence && /^(bulk|list|junk)$/.test(precedence)) return `Precedence: ${precedence}`;
  if (header("x-autoreply") || header("x-autorespond")) return "auto-reply header";
  return null;
}
