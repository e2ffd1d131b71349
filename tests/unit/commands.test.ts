// The reply grammar, as a table: what people actually type -> what Rapport does.
import { describe, expect, it } from "vitest";
import { parseReply } from "../../src/replies/commands";

const single = (text: string) => {
  const parsed = parseReply(text);
  if (parsed.kind !== "single") throw new Error(`expected one command, got ${JSON.stringify(parsed)}`);
  return parsed.command;
};

describe("parseReply", () => {
  it.each([
    ["sent", { kind: "done" }],
    ["Sent!", { kind: "done" }],
    ["DONE.", { kind: "done" }],
    ["Done\n\nThanks for the reminder", { kind: "done" }],
    ["snooze 2w", { kind: "snooze", span: { days: 14 } }],
    ["Snooze 3 days", { kind: "snooze", span: { days: 3 } }],
    ["snooze 1m", { kind: "snooze", span: { months: 1 } }],
    ["snooze 2 months", { kind: "snooze", span: { months: 2 } }],
    ["snooze until 2027-01-15", { kind: "snooze_until", date: { year: 2027, month: 1, day: 15 } }],
    ["snooze until 20 December", { kind: "snooze_until", date: { year: 0, month: 12, day: 20 } }],
    ["snooze until Jan 5", { kind: "snooze_until", date: { year: 0, month: 1, day: 5 } }],
    ["skip", { kind: "skip" }],
    ["stop", { kind: "stop" }],
    ["every 2 months", { kind: "cadence", span: { months: 2 } }],
    ["Every 6 weeks", { kind: "cadence", span: { days: 42 } }],
    ["every month", { kind: "cadence", span: { months: 1 } }],
    ["note: she suggested talking to Priya", { kind: "note", text: "she suggested talking to Priya" }],
    ["Note: two things\nPriya at Globex\nand the meetup on Thursday", { kind: "note", text: "two things\nPriya at Globex\nand the meetup on Thursday" }],
    ["linkedin https://www.linkedin.com/in/sam-lee-123", { kind: "linkedin", url: "https://www.linkedin.com/in/sam-lee-123" }],
    ["landed Acme Robotics!", { kind: "landed", company: "Acme Robotics" }],
    ["landed a job at Globex", { kind: "landed", company: "Globex" }],
    ["pause", { kind: "pause" }],
    ["resume", { kind: "resume" }],
    ["time zone Europe/Berlin", { kind: "time_zone", name: "Europe/Berlin" }],
    ["timezone: Berlin", { kind: "time_zone", name: "Berlin" }],
    ["unsubscribe", { kind: "unsubscribe" }],
    ["delete my data", { kind: "delete_data" }],
    ["Yes, delete", { kind: "confirm_delete" }],
    ["new feed link", { kind: "new_feed_link" }],
    ["help", { kind: "help" }],
    ["", { kind: "help" }],
  ])("%j", (text, expected) => {
    expect(single(text)).toEqual(expected);
  });

  it("keeps anything else as a note to save, whole", () => {
    expect(single("Great chat, she said to ping her in March\nand to read X")).toEqual({
      kind: "unclear",
      text: "Great chat, she said to ping her in March\nand to read X",
    });
  });

  it("does not take malformed commands for commands", () => {
    expect(single("snooze 0 days").kind).toBe("unclear");
    expect(single("snooze 5 fortnights").kind).toBe("unclear");
    expect(single("linkedin https://evil.example/in/sam").kind).toBe("unclear");
    expect(single("stop the presses, I got the job").kind).toBe("unclear");
  });

  it("reads a digest reply with several numbered items and keeps what it cannot read", () => {
    expect(parseReply("2 done\n3 snooze 1m\n1. stop\nthanks!")).toEqual({
      kind: "items",
      items: [
        { item: 2, command: { kind: "done" } },
        { item: 3, command: { kind: "snooze", span: { months: 1 } } },
        { item: 1, command: { kind: "stop" } },
      ],
      unclear: ["thanks!"],
    });
  });

  it("bounds the work on a huge reply", () => {
    const parsed = parseReply(`note: ${"x".repeat(1_000_000)}`);
    expect(parsed.kind === "single" && parsed.command.kind === "note" && parsed.command.text.length).toBeLessThanOrEqual(4000);
  });
});
