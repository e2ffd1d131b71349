/**
 * The shape Postmark's webhooks arrive in and are answered with, shared by the route and the
 * handlers of each record type. Payloads are read field by field: nothing in them is trusted
 * to have the type Postmark documents.
 */

export type Payload = Record<string, unknown>;

/** What a handler answers; Postmark retries anything but 200 and 403 (see postmark-webhooks.ts). */
export type WebhookReply = { status: 200 | 400 | 403; body: Record<string, unknown> };

export function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function recordTypeOf(payload: Payload): string | null {
  return text(payload.RecordType);
}
