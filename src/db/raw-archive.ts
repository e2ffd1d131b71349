/**
 * Where raw inbound mail is kept before anything parses it (R2), so no message is ever lost:
 * a message that fails to process stays there, under the key its inbound row records.
 */

export interface RawArchive {
  put(key: string, raw: Uint8Array, meta: { envelopeFrom: string; envelopeTo: string; messageId: string }): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/**
 * raw/2026/11/26/<sha-256 of the bytes>-<sha-256 of the envelope sender, first 16>.eml:
 * addressed by content and sender, so a retry rewrites the same object with the same bytes,
 * and nobody else's message (the same bytes sent by another address) ever lands on it.
 */
export function rawKey(receivedAt: number, digestHex: string, senderDigestHex: string): string {
  const day = new Date(receivedAt).toISOString().slice(0, 10).replace(/-/g, "/");
  return `raw/${day}/${digestHex}-${senderDigestHex.slice(0, 16)}.eml`;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export class R2RawArchive implements RawArchive {
  constructor(private readonly bucket: R2Bucket) {}

  async put(key: string, raw: Uint8Array, meta: { envelopeFrom: string; envelopeTo: string; messageId: string }): Promise<void> {
    await this.bucket.put(key, raw, {
      httpMetadata: { contentType: "message/rfc822" },
      // R2 metadata values are headers underneath: keep them single-line and short.
      customMetadata: Object.fromEntries(
        Object.entries(meta).map(([name, value]) => [name, value.replace(/[\r\n]+/g, " ").slice(0, 512)]),
      ),
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.bucket.delete(keys);
  }
}
