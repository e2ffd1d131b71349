// The new text of every reply in tests/fixtures/replies/expected.json (real replies from many
// clients and languages, origins and convention in the fixtures README), exactly.
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { newReplyText } from "../../src/replies/quote";
import { readReplyMessage as readReply } from "../../src/replies/reply-body";
import { fixture } from "../support/fixture-files";

interface Expectation {
  file: string;
  part: "text" | "html";
  expected: string;
  layout: string;
  source: string;
  note?: string;
}

const table = JSON.parse(new TextDecoder().decode(fixture("replies/expected.json"))) as Expectation[];

/**
 * The new text of one part of a fixture: an .eml's text part read as the Worker reads a reply
 * (plain text first, HTML as fallback), or its HTML part alone; a .txt as plain text; an .html
 * as HTML.
 */
async function newText({ file, part }: Expectation): Promise<string> {
  const bytes = fixture(file);
  if (file.endsWith(".eml")) {
    if (part === "text") return (await readReply(bytes)).newText;
    return newReplyText(null, (await PostalMime.parse(bytes)).html);
  }
  const text = new TextDecoder().decode(bytes);
  return file.endsWith(".html") ? newReplyText(null, text) : newReplyText(text, null);
}

describe("newReplyText over the reply corpus (expected.json)", () => {
  it("has every expectation", () => {
    expect(table.length).toBeGreaterThanOrEqual(282);
  });

  it.each(table.map((row) => [`${row.file} (${row.part}): ${row.layout}`, row] as const))("%s", async (_, row) => {
    expect(await newText(row)).toBe(row.expected);
  });
});
