/**
 * "Tell everyone who helped": after `landed <company>`, the list of people the user met, each
 * with a two-line draft. The advice is old and simple: when you land a job, tell them.
 */
import type { ComposedContent } from "./content";
import { longDate } from "./format";
import { Layout, renderHtml } from "./layout";
import { firstName, nameWithCompany, type ContactFacts } from "./nudge-data";
import { givenName, greeting, paragraphs } from "./text";

export interface LandedData {
  userName: string | null;
  timeZone: string;
  /** Where the new job is, when the user said. */
  company: string | null;
  helpers: { contact: ContactFacts; lastMet: number }[];
}

function draft(contact: ContactFacts, company: string | null, userName: string | null): string {
  const signature = givenName(userName) ?? "[your name]";
  return [
    `Hi ${contact.name ? firstName(contact) : "there"},`,
    `I wanted you to hear it from me: I have accepted a position${company ? ` at ${company}` : ""}. Our conversation helped me get here, especially [what they told you], and I am grateful you took the time.`,
    "I would be glad to stay in touch, and if I can ever return the favour, please let me know.",
    `Best, ${signature}`,
  ].join("\n");
}

export function composeLanded(data: LandedData): ComposedContent {
  const job = data.company ? `the job at ${data.company}` : "the new job";
  const subject = `Congratulations on ${data.company ?? "the new job"}! Tell the people who helped`;
  const opening =
    data.helpers.length > 0
      ? `Congratulations on ${job}! The people below gave you their time; they will be glad to hear how it turned out. Here is a short draft for each: send them in the next few days.`
      : `Congratulations on ${job}! I have no meetings on record for you yet; if anyone helped along the way, now is the moment to tell them.`;
  const entries = data.helpers.map(({ contact, lastMet }) => ({
    heading: `${nameWithCompany(contact)} <${contact.email}>, met ${longDate(lastMet, data.timeZone)}`,
    body: draft(contact, data.company, data.userName),
  }));
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
