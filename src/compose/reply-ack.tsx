/**
 * The short answer to a reply: what changed, in a sentence each; with the list of commands
 * when the reply was unclear or asked for help. Threaded under the user's reply.
 */
import type { ComposedContent } from "./content";
import { Heading, Layout, List, renderHtml } from "./layout";
import { greeting, listLines, paragraphs } from "./text";

export const COMMANDS: [string, string][] = [
  ["sent / done", "the thank-you or check-in is done"],
  ["snooze 2w, snooze 3 days, snooze 1m, snooze until 20 December", "remind me later"],
  ["skip", "skip this one reminder"],
  ["stop", "no more check-ins about this person"],
  ["every 2 months", "how often to check in with this person"],
  ["note: ...", "save a note about this person"],
  ["linkedin https://...", "save their LinkedIn profile"],
  ["landed <company>", "you got a job: I list everyone to tell"],
  ["pause / resume", "hold or restart all reminders"],
  ["time zone <city>", "show times in another zone"],
  ["unsubscribe", "stop all email"],
  ["delete my data", "remove everything Rapport keeps about you"],
  ["in a digest: 2 done, 3 snooze 1m", "act on a numbered line, one per line"],
];

export interface ReplyAckData {
  userName: string | null;
  /** The subject of the user's reply, to answer under it. */
  replySubject: string;
  lines: string[];
  help: boolean;
}

export function composeReplyAck(data: ReplyAckData): ComposedContent {
  const subject = /^re:/i.test(data.replySubject.trim()) ? data.replySubject.trim() : `Re: ${data.replySubject.trim() || "your reply"}`;
  const commands = COMMANDS.map(([command, meaning]) => `${command}: ${meaning}`);
  const intro = data.help ? "You can reply to any Rapport email with one of these, on the first line:" : null;
  const text = paragraphs(greeting(data.userName), ...data.lines, intro, intro && listLines(commands), "\u2014 Rapport");
  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(data.userName)}</p>
      {data.lines.map((line) => (
        <p>{line}</p>
      ))}
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
