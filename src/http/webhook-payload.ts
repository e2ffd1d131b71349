/**
 * The shape Postmark's webhooks arrive in and are answered with, shared by the route and the
 * handlers of each record type. Payloads are read field by field: nothing in them is trusted
 * to have the type Postmark documents.
 */

export type Payload = Record<string, unknown>;

/**
 * A payload with the fields of T, Postmark's documented model of it (the official client's
 * `Models`), each of unknown type: the names are checked at compile time, and every value is
 * still read defensively (Postmark does not sign webhooks, and inbound JSON carries whatever a
 * sender wrote).
 */
export type Untrusted<T> = { readonly [K in keyof T]?: unknown };

/** `value` read as an untrusted object of model T, or null when it is not an object at all. */
export function objectOf<T>(value: unknown): Untrusted<T> | null {
  return isObject(value) ? value : null;
}

/** The objects of a documented list of T, anything else in it skipped; empty when it is no list. */
export function objectsOf<T>(value: unknown): Untrusted<T>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

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
