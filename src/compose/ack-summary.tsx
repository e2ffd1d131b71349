/**
 * The answers to replies sent past the hourly limit, in one email: each reply is still acted on
 * at once and answered here, so a burst of replies (or a mail loop) costs one email an hour
 * instead of one each, and no reply goes unanswered.
 */
import type { ComposedContent } from "./content";
import { Heading, Layout, renderHtml } from "./layout";
import { greeting, paragraphs, singleLined } from "./text";

export interface HeldReply {
  /** The subject of the user's reply. */
  subject: string;
  /** What Rapport did, a sentence each (a redraft's draft as one multi-line block). */
  lines: string[];
}

export interface AckSummaryData {
  userName: string | null;
  answers: HeldReply[];
}

/** At most this many replies are spelled out; the rest are counted. */
const SHOWN = 20;

export function composeAckSummary(data: AckSummaryData): ComposedContent {
  // Invite text is hostile: every field on one line before any of it is used (issue #11, item 9).
  data = singleLined(data);
  const count = data.answers.length;
  const shown = data.answers.slice(0, SHOWN);
  const more = count - shown.length;
  const subject = count === 1 ? "Your last reply, answered" : `Your last ${count} replies, answered`;
  const intro =
    count === 1
      ? "You sent me several replies within the hour. I acted on each as it came; so as not to fill your inbox, here is what I did with the last one."
      : `You sent me several replies within the hour. I acted on each as it came; so as not to fill your inbox, here is what I did with the last ${count}.`;
  const title = (reply: HeldReply) => `\u201c${reply.subject || "(no subject)"}\u201d`;
  const text = paragraphs(
    greeting(data.userName),
    intro,
    ...shown.map((reply) => `Your reply ${title(reply)}:\n${reply.lines.map((line) => indent(line)).join("\n")}`),
    more > 0 && `And ${more} more, acted on as well.`,
    "\u2014 Rapport",
  );
  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(data.userName)}</p>
      <p>{intro}</p>
      {shown.map((reply) => (
        <>
          <Heading>Your reply {title(reply)}</Heading>
          {reply.lines.map((line) => (
            <p style="white-space:pre-wrap;">{line}</p>
          ))}
        </>
      ))}
      {more > 0 && <p>And {more} more, acted on as well.</p>}
    </Layout>,
  );
  return { subject, text, html };
}

function indent(block: string): string {
  return block
    .split("\n")
    .map((line) => (line ? `  ${line}` : ""))
    .join("\n");
}
