/**
 * Links the emails offer: a person's LinkedIn profile (or a search for it), and a `mailto:` that
 * opens a draft in the user's own mail app, addressed, with subject and body filled in.
 */
import type { ContactFacts } from "./nudge-data";

/**
 * A query-string value encoded so that the whole address reads as one in running text: RFC 3986
 * encoding, brackets and quotes included (encodeURIComponent leaves `(`, `)`, `'`, `!` and `*`).
 */
export function queryValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Their profile when known, else a people search for their name and company; null without a name. */
export function linkedinLink(contact: Pick<ContactFacts, "name" | "company" | "linkedinUrl"> | null): string | null {
  if (contact?.linkedinUrl) return contact.linkedinUrl;
  if (!contact?.name) return null;
  const keywords = [contact.name, contact.company].filter(Boolean).join(" ");
  return `https://www.linkedin.com/search/results/people/?keywords=${queryValue(keywords)}`;
}

/**
 * A mailto: link (RFC 6068) that opens the draft in the user's mail app. Line breaks are CRLF, as
 * the RFC asks; every part is percent-encoded, so nothing in the draft can add a header.
 */
export function mailtoLink(to: string, subject: string, body: string): string {
  const address = to.replace(/[^\w.+'@-]/g, "");
  return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replace(/\r?\n/g, "\r\n"))}`;
}
