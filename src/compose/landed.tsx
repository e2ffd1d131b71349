/**
 * "Tell everyone who helped": after `landed <company>`, the list of people the user met, each
 * with a short draft in the user's words where they gave some (what they took away, the people
 * the contact introduced them to). The advice is old and simple: when you land a job, tell them.
 */
import type { ComposedContent } from "./content";
import { longDate } from "./format";
import { Layout, renderHtml } from "./layout";
import { debriefOf, saidToThem } from "./debrief";
import { firstName, namesOf, nameWithCompany, type ContactFacts, type LeadFact, type NoteFact } from "./nudge-data";
import { givenName, greeting, oneLine, paragraphs, shortName, singleLined } from "./text";

export interface LandedData {
  userName: string | null;
  timeZone: string;
  /** Where the new job is, when the user said. */
  company: string | null;
  helpers: Helper[];
}

export interface Helper {
  contact: ContactFacts;
  lastMet: number;
  /** The user's notes about them, oldest first: what they took away. */
  notes?: NoteFact[];
  /** The people they suggested: those the user went on to meet are thanked for too. */
  leads?: LeadFact[];
}

/** "Omar Reyes", "Omar Reyes and Wei Chen" */
function andList(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The people this helper suggested whom the user then met. */
function introduced(helper: Helper): string[] {
  return (helper.leads ?? []).filter((lead) => lead.status === "met").map((lead) => lead.name);
}

function draft(helper: Helper, company: string | null, userName: string | null): string {
  const { contact } = helper;
  const signature = shortName(userName) ?? "[your name]";
  const learned = debriefOf(helper.notes ?? []).learned;
  const especially = learned ? `especially what you said: ${saidToThem(oneLine(learned), namesOf(contact))}` : "especially [what they told you]";
  const people = introduced(helper);
  return [
    `Hi ${contact.name || contact.givenName ? firstName(contact) : "there"},`,
    `I wanted you to hear it from me: I have accepted a position${company ? ` at ${company}` : ""}. Our conversation helped me get here, ${especially}, and I am grateful you took the time.`,
    ...(people.length > 0 ? [`Thank you as well for suggesting I talk to ${andList(people)}: meeting them made a real difference.`] : []),
    "I would be glad to stay in touch, and if I can ever return the favour, please let me know.",
    `Best, ${signature}`,
  ].join("\n");
}

export function composeLanded(data: LandedData): ComposedContent {
  // Invite text is hostile: every field on one line before any of it is used (issue #11, item 9);
  // the user's own notes keep their lines, which the debrief reads one by one.
  data = singleLined(data, ["notes"]);
  const company = data.company ? data.company : null;
  const job = company ? `the job at ${company}` : "the new job";
  const subject = `Congratulations on ${company ?? "the new job"}! Tell the people who helped`;
  const opening =
    data.helpers.length > 0
      ? `Congratulations on ${job}! The people below gave you their time; they will be glad to hear how it turned out. Here is a short draft for each: send them in the next few days.`
      : `Congratulations on ${job}! I have no meetings on record for you yet; if anyone helped along the way, now is the moment to tell them.`;
  const entries = data.helpers.map((helper) => {
    const people = introduced(helper);
    return {
      heading:
        `${nameWithCompany(helper.contact)} <${helper.contact.email}>, met ${longDate(helper.lastMet, data.timeZone)}` +
        (people.length > 0 ? `; introduced you to ${andList(people)}` : ""),
      body: draft(helper, company, data.userName),
    };
  });
  const text = paragraphs(
    greeting(data.userName),
    opening,
    ...entries.map((entry, i) => `${i + 1}. ${entry.heading}\n${entry.body.split("\n").map((line) => `    ${line}`).join("\n")}`),
    "\u2014 Rapport",
  );
  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(data.userName)}</p>
      <p>{opening}</p>
      {entries.map((entry) => (
        <>
          <p style="margin-bottom:4px;">
            <strong>{entry.heading}</strong>
          </p>
          <blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #d0d7de;background:#f6f8fa;white-space:pre-wrap;">
            {entry.body}
          </blockquote>
        </>
      ))}
    </Layout>,
  );
  return { subject, text, html };
}
