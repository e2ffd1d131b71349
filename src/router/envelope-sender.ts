/**
 * The envelope sender (SMTP MAIL FROM, or the address Postmark reports) read as exactly one
 * plain address, with a maintained RFC 5322 parser (`email-addresses`, docs/design.md §7). Everything
 * downstream (the allow-list, the user it names, where answers go) trusts this one string, so
 * a list ("victim@gmail.com,x@allowed.io"), a display name, a comment, a group or a domain
 * literal is refused at SMTP time rather than half-read.
 */
import emailAddresses from "email-addresses";

export type EnvelopeSender = { ok: true; address: string } | { ok: false; reason: string };

export function parseEnvelopeSender(value: string): EnvelopeSender {
  const input = value.trim();
  if (input === "" || input === "<>") return { ok: false, reason: "no sender address (null return path)" };
  const parsed = emailAddresses.parseOneAddress({ input, rfc6532: true, rejectTLD: true });
  if (!parsed || parsed.type !== "mailbox" || parsed.name !== null) return { ok: false, reason: "not one address" };
  // The parser reads through comments and angle brackets; only the bare address itself is a sender.
  if (parsed.address !== input || parsed.domain.startsWith("[")) return { ok: false, reason: "not one plain address" };
  return { ok: true, address: parsed.address.toLowerCase() };
}
