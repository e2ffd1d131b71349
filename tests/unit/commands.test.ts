// The reply reader, case by case: the grammar Rapport has always understood, in the contract
// of `npm run inspect -- --reply` (docs/design.md §8), plus the edges of dates, zones and digests.
import { describe, expect, it } from "vitest";
import { MAX_REPLY_CHARS, readReply, type Command } from "../../src/replies/commands";

const NOW = Date.parse("2026-12-08T15:00:00Z"); // Tuesday 8 December 2026, 10:00 in New York
const read = (text: string, to: Parameters<typeof readReply>[1]["to"] = "keep_in_touch", zone = "America/New_York", now = NOW) =>
  readReply(text, { now, timeZone: zone, to });

describe("what must not be read as a command", () => {
  it.each<[string, Parameters<typeof readReply>[1]["to"]]>([
    // A question about dropping it is not a request to drop it.
    ["If the meeting gets cancelled should I just ignore this?", "prep"],
    // A plan, not a correction: no name, and no café taken for a company.
    ["I'm meeting Priya at Blue Bottle", "prep"],
    // "Sent it, stop nagging me": the thank-you is done, not skipped.
    ["Sent it, stop nagging me", "thanks"],
  ])("%j (%s)", (text, to) => {
    const kinds = read(text, to).map((command) => command.kind);
    expect(kinds).not.toContain("not_meeting");
    expect(kinds).not.toContain("correct");
    expect(kinds).not.toContain("skip");
  });
});

describe("the user's own name said inside a correction", () => {
  it("is read as the account reader reads it: a day after 'call me' is no name", () => {
    expect(read("it's video now, my name is Dee not Deidre when you write the emails", "confirm")).toEqual([
      { kind: "correct", format: "video" },
      { kind: "my_name", name: "Dee" },
    ]);
    expect(read("it's a phone call now, she'll call me Monday", "confirm")).toEqual([{ kind: "correct", format: "phone" }]);
  });
});

describe("the grammar people already used", () => {
  it.each<[string, Command[]]>([
    ["sent", [{ kind: "done" }]],
    ["Sent!", [{ kind: "done" }]],
    ["DONE.", [{ kind: "done" }]],
    ["Done\n\nThanks for the reminder", [{ kind: "done" }]],
    ["snooze 2w", [{ kind: "snooze", until: "2026-12-22" }]],
    ["Snooze 3 days", [{ kind: "snooze", until: "2026-12-11" }]],
    ["snooze 1m", [{ kind: "snooze", until: "2027-01-08" }]],
    ["snooze 2 months", [{ kind: "snooze", until: "2027-02-08" }]],
    ["snooze until 2027-01-15", [{ kind: "snooze", until: "2027-01-15" }]],
    ["snooze until 20 December", [{ kind: "snooze", until: "2026-12-20" }]],
    ["snooze until Jan 5", [{ kind: "snooze", until: "2027-01-05" }]],
    ["skip", [{ kind: "skip" }]],
    ["stop", [{ kind: "stop" }]],
    ["every 2 months", [{ kind: "cadence", every: "P2M" }]],
    ["Every 6 weeks", [{ kind: "cadence", every: "P6W" }]],
    ["every month", [{ kind: "cadence", every: "P1M" }]],
    ["note: she suggested talking to Priya", [{ kind: "note", text: "she suggested talking to Priya" }]],
    ["Note: two things\nPriya at Globex\nand the meetup on Thursday", [{ kind: "note", text: "two things\nPriya at Globex\nand the meetup on Thursday" }]],
    ["linkedin https://www.linkedin.com/in/sam-lee-123", [{ kind: "linkedin", url: "https://www.linkedin.com/in/sam-lee-123" }]],
    ["landed Acme Robotics!", [{ kind: "landed", company: "Acme Robotics" }]],
    ["landed a job at Globex", [{ kind: "landed", company: "Globex" }]],
    ["pause", [{ kind: "pause" }]],
    ["resume", [{ kind: "resume" }]],
    ["time zone Europe/Berlin", [{ kind: "time_zone", zone: "Europe/Berlin" }]],
    ["timezone: Berlin", [{ kind: "time_zone", zone: "Europe/Berlin" }]],
    ["unsubscribe", [{ kind: "unsubscribe" }]],
    ["delete my data", [{ kind: "delete_data" }]],
    ["Yes, delete", [{ kind: "confirm_delete" }]],
    ["new feed link", [{ kind: "new_feed_link" }]],
    ["help", [{ kind: "help" }]],
    ["", [{ kind: "help" }]],
  ])("%j", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it("keeps a story as a note, whole, and a command inside it stays part of the story", () => {
    expect(read("Great chat, she said to ping her in March\nand to read X")).toEqual([
      { kind: "note", text: "Great chat, she said to ping her in March\nand to read X" },
    ]);
    expect(read("stop the presses, I got the job")).toEqual([
      { kind: "note", text: "stop the presses" },
      { kind: "landed", company: null },
    ]);
  });

  it("does not take malformed commands for commands", () => {
    expect(read("snooze 0 days")).toEqual([{ kind: "unclear", text: "snooze 0 days", guess: "snooze" }]);
    expect(read("snooze 5000 fortnights")).toEqual([{ kind: "unclear", text: "snooze 5000 fortnights", guess: "snooze" }]);
    expect(read("linkedin https://evil.example/in/sam")[0]!.kind).not.toBe("linkedin");
  });
});

describe("dates, in the user's zone", () => {
  it("counts from the local date, which may differ from UTC's", () => {
    // 15:00 UTC on Tuesday is already Wednesday 00:00 in Tokyo.
    expect(read("tomorrow", "thanks", "Asia/Tokyo")).toEqual([{ kind: "snooze", until: "2026-12-10" }]);
    expect(read("tomorrow", "thanks", "America/Los_Angeles", Date.parse("2026-12-09T06:30:00Z"))).toEqual([{ kind: "snooze", until: "2026-12-09" }]);
  });

  it("crosses a DST change and a year end by the calendar, not by hours", () => {
    expect(read("snooze a week", "thanks", "America/New_York", Date.parse("2026-10-31T14:00:00Z"))).toEqual([{ kind: "snooze", until: "2026-11-07" }]);
    expect(read("snooze 2 weeks", "thanks", "Europe/Berlin", Date.parse("2027-03-28T22:30:00Z"))).toEqual([{ kind: "snooze", until: "2027-04-12" }]);
    expect(read("in a month", "thanks", "America/New_York", Date.parse("2027-01-31T15:00:00Z"))).toEqual([{ kind: "snooze", until: "2027-02-28" }]);
    expect(read("Friday", "thanks", "America/New_York", Date.parse("2026-12-28T12:00:00Z"))).toEqual([{ kind: "snooze", until: "2027-01-01" }]);
  });

  it("reads a weekday as the next one after today, and 'next Friday' as next week's", () => {
    const friday = Date.parse("2026-12-11T15:00:00Z");
    expect(read("Friday", "thanks", "America/New_York", friday)).toEqual([{ kind: "snooze", until: "2026-12-18" }]);
    expect(read("next Friday", "thanks")).toEqual([{ kind: "snooze", until: "2026-12-18" }]);
    expect(read("this Friday", "thanks")).toEqual([{ kind: "snooze", until: "2026-12-11" }]);
  });

  it("uses a time zone named in the same reply for its dates", () => {
    expect(read("I'm in Tokyo now — remind me tomorrow", "thanks")).toEqual([
      { kind: "time_zone", zone: "Asia/Tokyo" },
      { kind: "snooze", until: "2026-12-10" },
    ]);
  });

  it("asks rather than guesses a day-month order outside the Americas", () => {
    expect(read("snooze till 1/5", "thanks", "America/Chicago")).toEqual([{ kind: "snooze", until: "2027-01-05" }]);
    expect(read("snooze till 1/5", "thanks", "Europe/London")).toEqual([{ kind: "unclear", text: "snooze till 1/5", guess: "snooze" }]);
    expect(read("snooze till 20/1", "thanks", "Europe/London")).toEqual([{ kind: "snooze", until: "2027-01-20" }]);
  });
});

describe("digest replies", () => {
  it("acts on numbered lines in any style, several items per line", () => {
    expect(read("1,2 done\n#3: snooze till Friday\n- 4 no more about him", "digest")).toEqual([
      { kind: "done", item: 1 },
      { kind: "done", item: 2 },
      { kind: "snooze", until: "2026-12-11", item: 3 },
      { kind: "stop", item: 4 },
    ]);
  });

  it("never reads more numbered lines than the digest had, however long the reply", () => {
    const reply = Array.from({ length: 570 }, () => "1 done").join("\n");
    const commands = readReply(reply, { now: NOW, timeZone: "UTC", to: "digest", digestItems: 3 });
    expect(commands).toEqual([{ kind: "done", item: 1 }]);
    expect(readReply(Array.from({ length: 50 }, (_, i) => `${(i % 9) + 1} done`).join("\n"), { now: NOW, timeZone: "UTC", to: "digest", digestItems: 3 }).length).toBeLessThanOrEqual(3);
  });

  it("asks which line when a digest reply names none", () => {
    expect(read("done", "digest")).toEqual([{ kind: "unclear", text: "done", guess: "done" }]);
  });

  it("reads lines named by their mark, their place or a number word, and keeps a list of marks whole", () => {
    expect(read("stop #4 and #5", "digest")).toEqual([
      { kind: "stop", item: 4 },
      { kind: "stop", item: 5 },
    ]);
    expect(read("#1 done #2 skip", "digest")).toEqual([
      { kind: "done", item: 1 },
      { kind: "skip", item: 2 },
    ]);
    expect(read("okay number one I already did number two can wait till after new year's number three she moved to Netflix", "digest")).toEqual([
      { kind: "done", item: 1 },
      { kind: "snooze", until: "2027-01-02", item: 2 },
      { kind: "moved", company: "Netflix", item: 3 },
    ]);
    expect(read("3rd one please remind after 10 days", "digest")).toEqual([{ kind: "snooze", until: "2026-12-18", item: 3 }]);
    // "the 3rd" alone is a date, not a line.
    expect(read("1 done, remind me about the rest on the 3rd", "digest")).not.toContainEqual(expect.objectContaining({ item: 3 }));
  });

  describe("with the digest's line count known: 'all', 'the rest' and 'except'", () => {
    const lines = (text: string, count = 4) => readReply(text, { now: NOW, timeZone: "America/New_York", to: "digest", digestItems: count });
    const done = (...items: number[]): Command[] => items.map((item) => ({ kind: "done", item }));

    it.each<[string, Command[]]>([
      ["All done!", done(1, 2, 3, 4)],
      ["done with everyone", done(1, 2, 3, 4)],
      ["all done except 3", done(1, 2, 4)],
      ["all sent, except for #2", done(1, 3, 4)],
      ["done all but 1 and 4", done(2, 3)],
      ["skip all", [1, 2, 3, 4].map((item): Command => ({ kind: "skip", item }))],
      ["snooze all of them 2 weeks", [1, 2, 3, 4].map((item): Command => ({ kind: "snooze", until: "2026-12-22", item }))],
      ["2 and 4 done, rest snooze a week", [...done(2, 4), ...[1, 3].map((item): Command => ({ kind: "snooze", until: "2026-12-15", item }))]],
      // A note said with "all" goes with the reply once, not with every line.
      ["all done but I still need to write to Sam", [...done(1, 2, 3, 4), { kind: "note", text: "I still need to write to Sam" }]],
      // Words that act on no one are not turned into four of anything.
      ["all good thanks", []],
      ["all in all a good month", [{ kind: "note", text: "all in all a good month" }]],
    ])("%j", (text, expected) => {
      expect(lines(text)).toEqual(expected);
    });

    it("reads 'both' and 'all 5' only when they are the digest's count", () => {
      expect(lines("both done", 2)).toEqual(done(1, 2));
      expect(lines("both done", 4)).toEqual([{ kind: "unclear", text: "both done", guess: "done" }]);
      expect(lines("Done with all 5", 5)).toEqual(done(1, 2, 3, 4, 5));
      expect(lines("Done with all 5", 4)).toEqual([{ kind: "note", text: "Done with all 5" }]);
    });

    it("asks, as before, when the count is not known", () => {
      expect(read("all done", "digest")).toEqual([{ kind: "unclear", text: "all done", guess: "done" }]);
      expect(read("1 done, rest snooze a week", "digest")).toEqual([
        { kind: "done", item: 1 },
        { kind: "unclear", text: "rest snooze a week", guess: "snooze" },
      ]);
    });
  });
});

it("bounds the work on a huge reply", () => {
  const [command] = read(`note: ${"x".repeat(1_000_000)}`);
  expect(command?.kind).toBe("note");
  expect(command?.kind === "note" && command.text.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
});
