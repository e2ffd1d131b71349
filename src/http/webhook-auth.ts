/**
 * Basic-auth for Postmark's webhooks (Postmark does not sign them: credentials in the webhook
 * URL are the documented protection). Compared in constant time, both halves always.
 */

/** null when the credentials match; otherwise a reason for the log (never the credentials). */
export async function checkBasicAuth(
  header: string | undefined,
  expected: { user: string; password: string },
): Promise<string | null> {
  if (!header) return "no_credentials";
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return "not_basic_auth";
  let decoded: string;
  try {
    const binary = atob(match[1]!);
    decoded = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  } catch {
    return "malformed_credentials";
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return "malformed_credentials";
  // Both compared, always: which half was wrong must not show in the timing.
  const userOk = await constantTimeEqualText(decoded.slice(0, colon), expected.user);
  const passwordOk = await constantTimeEqualText(decoded.slice(colon + 1), expected.password);
  return userOk && passwordOk ? null : "wrong_credentials";
}

/**
 * Equal strings, compared in constant time: SHA-256 digests of both (so lengths do not leak
 * either), then workerd's crypto.subtle.timingSafeEqual over the two 32-byte digests.
 */
async function constantTimeEqualText(given: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}
