// The robot checks (issue #11, finding 7) set aside bounces, out-of-office replies, list mail
// and Rapport's own mail; none of them may catch a person. Every invite of the corpus and every
// reply fixture, with the headers it really has (or, for bare reply bodies, those a mail
// client writes), is read as human mail on its side.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { topmostHeader } from "../../src/router/authenticity";
import { automatedReason } from "../../src/router/automated";
import { fixture } from "../support/fixture-files";

const ROOT = fileURLToPath(new URL("../fixtures/", import.meta.url));
const OWN = new Set(["meet@rapport.test", "rapport@rapport.test"]);

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(ROOT, dir, name);
    return statSync(path).isDirectory() ? files(relative(ROOT, path), pattern) : pattern.test(name) ? [relative(ROOT, path)] : [];
  });
}

/** A reply body as a mail client sends it to a reply address. */
function asReply(body: Uint8Array, html: boolean): Uint8Array {
  const head = [
    "From: Jane Doe <jane@example.com>",
    "To: reply+abc@rapport.test",
    "Subject: Re: Prep: Coffee with Sam Lee",
    "Message-ID: <r1@example.com>",
    "MIME-Version: 1.0",
    `Content-Type: text/${html ? "html" : "plain"}; charset=utf-8`,
    "",
    "",
  ].join("\r\n");
  return new Uint8Array([...new TextEncoder().encode(head), ...body]);
}

describe("the robot checks let people through", () => {
  it.each(files("corpus", /\.eml$/).concat(files("synthetic", /\.eml$/)))("invite %s", (path) => {
    const raw = fixture(path);
    expect(automatedReason("jane@example.com", (name) => topmostHeader(raw, name), OWN, "invite")).toBeNull();
  });

  it.each(files("replies", /\.(eml|txt|html)$/))("reply %s", (path) => {
    const raw = path.endsWith(".eml") ? fixture(path) : asReply(fixture(path), path.endsWith(".html"));
    expect(automatedReason("jane@example.com", (name) => topmostHeader(raw, name), OWN, "reply")).toBeNull();
  });
});
