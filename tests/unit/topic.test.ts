// What the invitation says the conversation is about, for the prep sheet to quote: the
// organizer's own sentence about the subject, not the conferencing block, a booking form, a
// greeting, a signature or the logistics (who calls whom, where to wait, who pays).
import { describe, expect, it } from "vitest";
import { inviteTopic, TOPIC_CHARS } from "../../src/inbound/topic";

const TEAMS = [
  "________________________________________________________________________________",
  "Microsoft Teams meeting",
  "Join on your computer, mobile app or room device",
  "Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_x>",
  "Meeting ID: 123 456 789",
  "Passcode: abc123",
].join("\n");

describe("the topic of an invitation", () => {
  it.each([
    // An assistant's note: the subject, without the reservation or the signature line.
    ["Lucas would like to take you to lunch to talk about the data team. Reservation is under Initech.\nOffice of the CFO", "Lucas would like to take you to lunch to talk about the data team."],
    // Greeting and sign-off around it.
    ["Hi Michael,\n\nLooking forward to our chat about robotics field engineering.\n\nBest,\nKenji", "Looking forward to our chat about robotics field engineering."],
    // Above a Teams block.
    [`Happy to share how I moved from consulting into product.\n\n${TEAMS}`, "Happy to share how I moved from consulting into product."],
    // HTML (Outlook, Google), with a link in the sentence left out.
    ["<p>Happy to chat about robotics PM roles.<br>Agenda: <a href=\"https://docs.example.com/x\">https://docs.example.com/x</a></p>", "Happy to chat about robotics PM roles."],
    // A booking form's answer after its question.
    ["Please share anything that will help prepare for our meeting.: I'd love to hear how you moved into developer relations.", "I'd love to hear how you moved into developer relations."],
    ["Interested in your path from a PhD into industry research, and curious about the team.", "Interested in your path from a PhD into industry research, and curious about the team."],
  ])("%j -> %j", (description, expected) => {
    expect(inviteTopic(description)).toBe(expected);
  });

  it.each([
    "Table for two under Whitfield.",
    "Nina to call Tom's mobile.",
    "I'll call you from my desk line.",
    "First round's on me.",
    "Priyanka – I'll meet you in the lobby and we'll grab coffee from the 4th-floor kitchen.",
    "Hiro Tanaka is inviting you to a scheduled Zoom meeting.",
    "Thank you for registering for Breaking into Product Management – Live Panel.",
    TEAMS,
    "weekly 1on1",
    "",
  ])("finds no topic in %j", (description) => {
    expect(inviteTopic(description)).toBeNull();
  });

  it("keeps a long topic to whole sentences within the limit, or whole words and an ellipsis", () => {
    const long = `I would love to talk about ${"how the data platform team decides what to build next and ".repeat(4)}why.`;
    const topic = inviteTopic(long)!;
    expect(topic.length).toBeLessThanOrEqual(TOPIC_CHARS);
    expect(topic.endsWith("\u2026")).toBe(true);
    expect(topic).not.toMatch(/\s\u2026$/);
  });

  it("leaves out addresses and phone numbers inside the sentence", () => {
    expect(inviteTopic("Happy to talk about the move into research (sam@acme.test, +1 415 555 0100).")).toBe("Happy to talk about the move into research.");
  });
});
