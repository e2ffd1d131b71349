/**
 * Links the emails offer: a person's LinkedIn profile (or a search for it), and a `mailto:` that
 * opens a draft in the user's own mail app, addressed, with subject and body filled in.
 */
import type { ContactFacts } from "./nudge-data";

/** Their profile when known, else a people search for their name and company; null without a name. */
export function linkedinLink(contact: Pick<ContactFacts, "name" | "company" | "linkedinUrl"> | null): string | null {
  if (contact?.linkedinUrl) return contact.linkedinUrl;
  if (!contact?.name) return null;
  const keywords = [contact.name, contact.company].filter(Boolean).join(" ");
  return `https://www.linkedin.com/search/results/people/?keywords=${encodeURIComponent(keywords)}`;
}

/**
 * A mailto: link (RFC 6068) that opens the draft in the user's mail app. Line breaks are CRLF, as
 * the RFC asks; every part is percent-encoded, so nothing in the draft can add a header.
 */
export function mailtoLink(to: string, subject: string, body: string): string {
  const address = to.replace(/[^\w.+'@-]/g, "");
  return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replace(/\r?\n/g, "\r\n"))}`;
}
