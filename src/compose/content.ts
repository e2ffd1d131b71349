/**
 * What composing produces: plain email content, with no addressing and no provider shape. The
 * sending side (nudges/envelope.ts) adds the addresses and headers and maps it to the Mailer's
 * message object.
 */

export interface ContentAttachment {
  /** The file name the user sees, e.g. "check-in.ics". */
  name: string;
  /** The file's bytes, base64. */
  contentBase64: string;
  contentType: string;
}

export interface ComposedContent {
  subject: string;
  text: string;
  html: string;
  attachments?: ContentAttachment[];
}
