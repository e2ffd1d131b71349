/**
 * What an address's domain says about its owner's organisation: its registrable domain under
 * the Public Suffix List (tldts-icann: `mail.eu.initech.com.br` -> `initech.com.br`), whether it
 * is a personal mailbox provider (email-providers: gmail.com, yandex.ru, web.de, ...), and so
 * whether two addresses belong to the same organisation. Two Gmail users are not colleagues.
 */
import personalMailDomains from "email-providers/all.json";
import { getDomain, getDomainWithoutSuffix } from "tldts-icann";

// 8,700 domains: a Set once per isolate, so each lookup is a hash probe.
// The package misses a few providers people sign up with (checked against it, email-providers 2.26.0).
const PERSONAL = new Set<string>([...(personalMailDomains as string[]), "fastmail.com", "tutanota.com", "tutanota.de", "tuta.io", "tuta.com", "posteo.de", "posteo.net", "duck.com"]);

/** What comes before the @, lowercased and without a "+tag": `Jane.Doe+jobs@x.com` -> `jane.doe`. */
export function localPart(email: string): string {
  return email.slice(0, email.lastIndexOf("@")).split("+")[0]!.toLowerCase();
}

function hostOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).trim().toLowerCase();
}

/** `lhsu@cs.northfield.edu` -> `northfield.edu`; null for a host with no registrable domain. */
export function registrableDomain(email: string): string | null {
  return getDomain(hostOf(email));
}

/** An address at a provider anyone can sign up with: it says nothing about where they work. */
export function isPersonalMail(email: string): boolean {
  const host = hostOf(email);
  return PERSONAL.has(host) || PERSONAL.has(getDomain(host) ?? host);
}

/** Same registrable domain, and not a personal mail provider's. */
export function sameOrganisation(a: string, b: string): boolean {
  if (isPersonalMail(a) || isPersonalMail(b)) return false;
  const domain = registrableDomain(a);
  return domain !== null && domain === registrableDomain(b);
}

/**
 * The organisation's label in a work address (`acme-robotics` for `ravi@acme-robotics.co.jp`),
 * or null for a personal mailbox or a host with no registrable domain.
 */
export function organisationLabel(email: string): string | null {
  if (isPersonalMail(email)) return null;
  const label = getDomainWithoutSuffix(hostOf(email));
  return label && /\p{L}/u.test(label) ? label : null;
}

/**
 * `acme-robotics` -> "Acme Robotics": hyphens and underscores as spaces, each word capitalised.
 * A one-word label of three letters or fewer, or with no vowel, is initials: `ibm` -> "IBM",
 * `kpmg` -> "KPMG".
 */
export function labelAsName(label: string): string {
  const words = label.split(/[-_]+/).filter(Boolean);
  if (words.length === 1 && (label.length <= 3 || !/[aeiouy]/i.test(label))) return label.toUpperCase();
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(" ");
}
