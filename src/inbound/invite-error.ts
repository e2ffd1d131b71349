/**
 * Why an inbound message could not become a meeting. Each code is a permanent answer about
 * this message (retrying the same bytes gives the same result), so it is told to the user,
 * not retried. `message` is the sentence the user reads; `detail` is for logs.
 */

export const INVITE_ERROR_CODES = [
  "no_invite",
  "invalid_calendar",
  "missing_start",
  "too_large",
  "too_deep",
  "unsupported",
] as const;

export type InviteErrorCode = (typeof INVITE_ERROR_CODES)[number];

export class InviteError extends Error {
  constructor(
    readonly code: InviteErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = "InviteError";
  }
}

/** How to forward an invite so Rapport can read it: appended to several answers. */
export const HOW_TO_FORWARD =
  "Forward the original invitation email (the one with Yes/No/Maybe buttons) so its calendar " +
  "attachment (.ics) comes along, or add this address as a guest to the event in your calendar. " +
  "If your mail app drops attachments when forwarding, use \u201cForward as attachment\u201d.";
