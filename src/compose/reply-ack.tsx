/**
 * The short answer to a reply: what changed, in a sentence each; with the list of commands
 * when the reply was unclear or asked for help. Threaded under the user's reply.
 */
import type { ComposedContent } from "./content";
import { Heading, Layout, List, renderHtml } from "./layout";
import { greeting, listLines, paragraphs, singleLined } from "./text";

/** Examples of what one can reply, in one's own words, and what each does. */
export const COMMANDS: [string[], string][] = [
  [["sent", "done"], "the thank-you or check-in is done"],
  [["snooze 2 weeks", "remind me on Friday", "snooze until January 5"], "remind me later"],
  [["skip"], "skip this one reminder"],
  [["stop", "no more reminders about her"], "no more check-ins about this person"],
  [["every 2 months", "quarterly"], "how often to check in with this person"],
  [["note: she suggested I talk to Omar"], "save a note (anything else you write is kept as a note too)"],
  [["connected on LinkedIn", "her profile link"], "save their LinkedIn profile"],
  [["she's at Globex now"], "keep where this person works now"],
  [["I got the job at Helios!"], "I list everyone to tell"],
  [["it's with Elena Ruiz from Helios", "it's over lunch", "not an interview"], "correct a confirmation"],
  [["goal: move into product management"], "what you are aiming for, for your prep sheets"],
  [["my name is Jane Doe"], "how I sign your drafts"],
  [["pause", "resume"], "hold or restart all reminders"],
  [["time zone Berlin"], "show times in another zone"],
  [["unsubscribe"], "stop all email"],
  [["delete my data"], "remove everything Rapport keeps about you"],
  [["1 done", "2 snooze 1 month", "3 stop"], "in a digest, act on its numbered lines, one per line"],
];

export interface ReplyAckData {
  userName: string | null;
  /** The subject of the user's reply, to answer under it. */
  replySubject: string;
  lines: string[];
  help: boolean;
  /** When the reply held nothing to act on: the replies the user most likely meant. */
  suggestions?: string[];
}

/** "If you meant to act on this reminder, reply for example “sent” or “snooze 3 days”." */
export function suggestionLine(suggestions: string[]): string {
  return `If you meant to act on this reminder, reply for example \u201c${suggestions.join("\u201d or \u201c")}\u201d.`;
}

export function composeReplyAck(data: ReplyAckData): ComposedContent {
  // Invite text is hostile: every field on one line before any of it is used (issue #11, item 9).
  data = singleLined(data);
  const subject = /^re:/i.test(data.replySubject.trim()) ? data.replySubject.trim() : `Re: ${data.replySubject.trim() || "your reply"}`;
  const commands = COMMANDS.map(([examples, meaning]) => `${examples.map((example) => `\u201c${example}\u201d`).join(", ")}: ${meaning}`);
  const intro = data.help ? "You can reply to any Rapport email in your own words, for example:" : null;
  const suggested = data.suggestions && data.suggestions.length > 0 && !data.help ? suggestionLine(data.suggestions) : null;
  const text = paragraphs(greeting(data.userName), ...data.lines, suggested, intro, intro && listLines(commands), "\u2014 Rapport");
  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(data.userName)}</p>
      {data.lines.map((line) => (
        <p>{line}</p>
      ))}
      {suggested && <p>{suggested}</p>}
      {intro && (
        <>
          <Heading>What you can reply</Heading>
          <p>{intro}</p>
          <List items={commands} />
        </>
      )}
    </Layout>,
  );
  return { subject, text, html };
}
