/**
 * Addresses on an invite that are not a person to meet: robots that send and never read
 * (no-reply@calendly.com, webmaster@trenitalia.it) and shared mailboxes of an organisation
 * (appointments@, events@, recruiting-scheduling@, a Bookings page named "Brightline Career
 * Conversations"). Role names come from role-based-email-addresses; the rest are shapes.
 */
import roleNames from "role-based-email-addresses";
import { isPersonalMail, localPart, organisationLabel } from "../names/domains";
import { nameKey } from "../names/person-name";

const ROLES = new Set(roleNames.map((role) => role.toLowerCase()));

/** A word that names a job or a department rather than a person ("events", "career", "hello"). */
export function isRoleWord(word: string): boolean {
  return ROLES.has(word.toLowerCase());
}

/** Mail that cannot be answered: whatever its display name, no one reads this address. */
const ROBOT = /(^|[-._])(no-?reply|do-?not-?reply|donotreply|noreply|no_reply|mailer-daemon|postmaster|bounces?|notifications?|calendar-notification)([-._+]|$)/i;

export function isRobot(email: string): boolean {
  return ROBOT.test(localPart(email));
}

/** The words of a display name, as comparable keys ("Career Center Events" -> career, center, events). */
function words(text: string): string[] {
  return text.split(/[\s,;:|/()&+-]+/).map(nameKey).filter(Boolean);
}

/**
 * A name whose words the address spells (Priya Raman <priya.raman@>, Faramarz Rashed <frashed@>).
 * Role words do not count: "Career Center Events" is not spelled by careerevents@.
 */
/**
 * Words of teams and programmes that role lists lack: "Stripe University Recruiting" is spelled
 * by university-recruiting@ and is still no person.
 */
const TEAM_WORDS = new Set(
  "university recruiting recruitment careers career talent admissions campus alumni program programs programme services center centre office team staffing people".split(" "),
);

export function nameMatchesAddress(name: string | null, email: string): boolean {
  if (!name) return false;
  const local = nameKey(localPart(email));
  const nameWords = words(name);
  if (nameWords.filter((word) => word.length >= 3 && !ROLES.has(word) && !TEAM_WORDS.has(word)).some((word) => local.includes(word))) return true;
  // A two-letter name ("Jo", "Li", "Ed") only when it is the whole local part: jo@march.pub.
  if (nameWords.some((word) => word.length === 2 && local === word)) return true;
  // Initials ("rk@" for Ravi Kumar) only when the whole local part is them.
  const initials = nameWords.map((word) => word[0]).join("");
  return local.length >= 2 && initials === local;
}

/** A role address (events@, recruiting-scheduling@, careerevents@), at an organisation's own domain. */
function isRoleAddress(email: string): boolean {
  // A role at gmail.com is someone's personal address that happens to read like a role.
  if (isPersonalMail(email)) return false;
  const local = localPart(email);
  if (ROLES.has(local)) return true;
  const parts = local.split(/[-._]+/).filter(Boolean);
  if (parts.length > 1 && (parts.every((part) => ROLES.has(part)) || (parts[0]!.length >= 3 && ROLES.has(parts[0]!)))) return true;
  // Two role words run together: careerevents@, talentacquisition@, itsupport@. One role word
  // glued to anything else is too often a name (alexander@ holds "alexa", pressman@ "press").
  for (let cut = 2; cut <= local.length - 2; cut += 1) {
    if (ROLES.has(local.slice(0, cut)) && ROLES.has(local.slice(cut))) return true;
  }
  return false;
}

/**
 * A display name that names the organisation owning the address ("Pacifica Airlines" for
 * itinerary@pacifica-air.com, "Maya Thompson Coaching" for hello@mayathompsoncoaching.com).
 */
export function namesOrganisation(name: string | null, email: string): boolean {
  const label = organisationLabel(email);
  if (!name || !label) return false;
  const key = nameKey(label);
  const nameWords = words(name);
  if (nameWords.join("") === key || nameWords.join("").includes(key)) return true;
  // The label's own words: "pacifica" of pacifica-air, "brightline" of brightline.io.
  const labelParts = label.split(/[-_]+/).map(nameKey).filter((part) => part.length >= 4);
  return labelParts.some((part) => nameWords.includes(part));
}

/**
 * A shared or automated mailbox rather than a person: a robot, a role address, or an address
 * whose display name is its organisation's, unless the display name is a person's name that
 * the address spells (Sam Lee <sam@acme.com> is a person even if his CN says "Sam (Acme)").
 */
export function isServiceMailbox(name: string | null, email: string): boolean {
  if (isRobot(email)) return true;
  if (nameMatchesAddress(name, email)) return false;
  return isRoleAddress(email) || namesOrganisation(name, email);
}
