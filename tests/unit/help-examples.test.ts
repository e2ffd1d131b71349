// The help answer promises that each of its examples works: each must read as the command it
// stands for, not as a note or a question back.
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/compose/reply-ack";
import { readReply } from "../../src/replies/commands";

const examples = COMMANDS.flatMap(([words, what]) => words.map((example): [string, string] => [example, what]))
  // A description of what to paste, not words to type.
  .filter(([example]) => example !== "her profile link");

describe("the help answer's examples", () => {
  it.each(examples)("%s (%s) is read as a command", (example) => {
    const to = /^\d/.test(example) ? "digest" : /^it's|^not an interview/.test(example) ? "confirm" : "keep_in_touch";
    const commands = readReply(example, { now: Date.parse("2026-12-08T15:00:00Z"), timeZone: "America/New_York", to });
    expect(commands.length).toBeGreaterThan(0);
    const wantsNote = example.startsWith("note:");
    for (const command of commands) {
      expect(command.kind).not.toBe("unclear");
      if (!wantsNote) expect(command.kind).not.toBe("note");
    }
  });
});
