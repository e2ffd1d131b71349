// newReplyText over real reply layouts (tests/fixtures/replies/, origins in the fixtures README)
// and the hostile inputs it must get through in bounded time.
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { newReplyText } from "../../src/replies/quote";
import { readReplyMessage as readReply, unflow } from "../../src/replies/reply-body";
import { fixture } from "../support/fixture-files";

const utf8 = (path: string): string => new TextDecoder().decode(fixture(`replies/${path}`));

/** The body a reply's fixture carries: .eml read as the Worker reads a reply, .html as HTML only. */
async function reply(path: string): Promise<string> {
  if (path.endsWith(".eml")) return (await readReply(fixture(`replies/${path}`))).newText;
  if (path.endsWith(".html")) return newReplyText(null, utf8(path));
  return newReplyText(utf8(path), null);
}

// Most crisp fixtures share one lorem-ipsum reply above different quote layouts.
const LOREM = [
  "Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.",
  "Nulla malesuada, orci non vulputate lobortis, massa felis pharetra ex, convallis consectetur ex libero eget ante.",
  "Nam vel turpis posuere, rhoncus ligula in, venenatis orci. Duis interdum venenatis ex a rutrum.",
  "Duis ut libero eu lectus consequat consequat ut vel lorem. Vestibulum convallis lectus urna,",
  "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh.",
].join("\n");

const MAX_PART_CHARS = 64 * 1024;

describe("newReplyText over real reply layouts", () => {
  it.each([
    // Gmail, top-posted, attribution wrapped inside the address over two lines
    ["crisp/email_gmail_split_line_from.txt", LOREM],
    // Gmail in German, "Am … schrieb …:" on one line, and wrapped before the address
    ["github/quote_reply_german.txt", "This is a reply with German quote"],
    ["crisp/email_multiline_reply_headers_de.txt", "I get proper rendering as well.\n\nSent a magnificent torch of pixels"],
    // Gmail in German with the date wrapped onto the second line
    ["crisp/email_gmail_split_datetime.txt", LOREM],
    // Google Inbox: attribution, quote, then the user's "--" signature below it
    ["github/email_sent_from_inbox.txt", "Hi,\nThis is a test reply from Inbox."],
    // Outlook "From:/Sent:/To:/Subject:" blocks: after a rule (Outlook web), bare, above `>` lines
    ["github/email_2_2.txt", "Outlook with a reply directly above line"],
    ["github/email_2_3.txt", "Outlook with a reply directly above line"],
    ["github/email_multiline_quote_header_from_to_date_subject.txt",
      "I have gained valuable experience from working with students from other cultures. They bring a significantly different perspective to the work we do. I have also had the opportunity to practice making myself very clear in discussion, so that everyone understands. I've also seen how different our culture is to them, in their reactions to what I think is a normal approach to assignments, and to life in general."],
    // Outlook "-----Original Message-----"
    ["crisp/email_tricky_15_original_message_variations.txt", LOREM],
    // Outlook for Android: store-link signature, rule, header block
    ["crisp/email_android_outlook_en.txt", LOREM],
    // Outlook in German: "Von:/Gesendet:/An:/Betreff:"
    ["crisp/email_german_2.txt", LOREM],
    // Android/Samsung in French: "-------- Message d'origine --------", "De :/Date :/À :"
    ["crisp/email_french_dash_separator.txt", LOREM],
    // French "Le … a écrit :" wrapped before the verb, history not `>`-quoted
    ["crisp/email_fr_multiline.txt", LOREM],
    // Apple Mail (macOS): the attribution is itself quoted
    ["talon/apple_mail_2.eml", "Hello"],
    // iOS style "On <date>, at <time>, <name><addr> wrote:"
    ["github/email_1_4.txt", "Awesome! I haven't had another problem with it."],
    // iPhone Mail: "Sent from my iPhone", attribution split by quoted-printable
    ["talon/iphone.eml", "Hello"],
    // Android Gmail in Russian: date-first attribution wrapped in the address
    ["talon/android.eml", "Hello"],
    // Android Gmail inline quote whose long lines lost their `>` when re-wrapped
    ["zapier/email_android_gmail_inline.txt", "This is a test"],
    // App signature with a link, then an attribution wrapped in "<addr<\nmailto:addr>>"
    ["crisp/email_sent_from.txt", "Hi it can happen to any texts you type, as long as you type in between words or paragraphs."],
    // Phone signatures: Outlook for iOS (English), iPhone in Italian
    ["zapier/outlook.txt", "Dear Team,\n\nHello\n\nWhat is the best way to clear a Riak bucket of all key, values after\nrunning a test?\n\nMy number is: +00 0000 000 000"],
    ["zapier/it_email_iPhone.txt", "Here is another email"],
    // "--" alone is a signature; "--" inside a sentence and a bare rule are not
    ["github/only_sig.txt", ""],
    ["github/email_sig_delimiter_in_middle_of_line.txt", "Hi there!\n\nStuff happened.\n\nAnd here is a fix -- this is not a signature.\n\nkthxbai"],
    ["github/email_1_9.txt", "Reply directly above hyphen line\n----------------------------------------------\nA bunch of stuff below hyphen."],
    // Inline (interleaved) reply
    ["crisp/email_tricky_18_inline_reply.txt", "I think option A is great.\n\nOption B has some drawbacks.\n\nOption C is not suitable for our use case."],
    // HTML only: Gmail, Outlook 2010, Thunderbird, Hotmail
    ["talon/gmail.html", "Hi. I am fine.\n\nThanks,\nAlex"],
    ["talon/ms_outlook_2010.html", "Hi. I am fine.\nThanks,\nAlex"],
    ["talon/thunderbird.html", "Hi. I am fine.\n\nThanks,\nAlex"],
    ["talon/hotmail.html", "Hi. I am fine.\n\nThanks,\nAlex"],
    // Synthetic layouts (written for Rapport)
    ["synthetic/gmail-command-wrapped.txt", "sent"],
    ["synthetic/outlook-desktop-fr.txt", "snooze 2 weeks"],
    ["synthetic/samsung-email.txt", "skip"],
    ["synthetic/ios-mail-note.txt", "note: she suggested Priya\nat Globex for the design intro"],
    ["synthetic/thunderbird-sig-dash.txt", "every 2 months"],
    ["synthetic/mail-for-windows.txt", "landed Globex!"],
    ["synthetic/outlook-web.html", "snooze 2w"],
    ["synthetic/apple-mail.html", "sent & thanks!\n\nSam"],
    ["synthetic/gmail-inline.html", "Answers below.\n\nGreat, she suggested Priya at Globex.\n\nsnooze 2 weeks"],
  ])("%s", async (path, expected) => {
    expect(await reply(path)).toBe(expected);
  });

  it("reads a Thunderbird bottom post sent format=flowed, whose quoted line ends in a space", async () => {
    // postal-mime alone joins "> Hi " and "Hello" into one quoted line.
    const email = await PostalMime.parse(fixture("replies/talon/thunderbird.eml"));
    expect(email.text).toContain("> Hi Hello");
    expect(await reply("talon/thunderbird.eml")).toBe("Hello");
  });

  it("reads the HTML part of a real Android reply the same as its text part", async () => {
    const email = await PostalMime.parse(fixture("replies/talon/android.eml"));
    expect(newReplyText(null, email.html)).toBe("Hello");
  });
});

const gmailQuote = [
  "On Tue, Dec 8, 2026 at 12:00 PM Rapport <rapport@rapport.example> wrote:",
  "",
  "> Hi Sam, it has been three weeks since you met Priya Shah.",
  ">",
  '> Reply "sent", "snooze 2w" or "note: ...".',
  "",
].join("\n");

describe("newReplyText: commands above the quote", () => {
  it.each(["sent", "snooze 2 weeks", "Done", "stop"])("returns just %j", (command) => {
    expect(newReplyText(`${command}\n\n${gmailQuote}`, null)).toBe(command);
  });

  it("needs no blank line between the command and the attribution", () => {
    expect(newReplyText(`sent\n${gmailQuote}`, null)).toBe("sent");
  });

  it("keeps a note that spans two lines whole", () => {
    const body = `note: she suggested Priya\nat Globex, and the meetup on Thursday\n\n${gmailQuote}`;
    expect(newReplyText(body, null)).toBe("note: she suggested Priya\nat Globex, and the meetup on Thursday");
  });

  it("handles CRLF line ends and trailing whitespace", () => {
    expect(newReplyText("sent   \r\n\r\n\r\n" + gmailQuote.replaceAll("\n", "\r\n"), null)).toBe("sent");
  });

  it("drops a Gmail attribution wrapped just before the verb", () => {
    const body = "sent\n\nOn Tue, Dec 8, 2026 at 12:00 PM Rapport <rapport@rapport.example>\nwrote:\n\n> Hi Sam\n";
    expect(newReplyText(body, null)).toBe("sent");
  });

  it("drops a French Gmail attribution whose tail wrapped into a `>` line", () => {
    const body = "sent\n\nLe mar. 8 déc. 2026 à 12:00, Rapport <rapport@rapport.example\n> a écrit :\n\n> Bonjour Sam\n";
    expect(newReplyText(body, null)).toBe("sent");
  });

  it("cuts at a French Outlook header written with no-break spaces", () => {
    const body = "skip\n\nDe\u00a0: Rapport <rapport@rapport.example>\nEnvoyé\u00a0: mardi 8 décembre 2026 12:00\nÀ\u00a0: Sam\nObjet\u00a0: Relance\n\nBonjour";
    expect(newReplyText(body, null)).toBe("skip");
  });

  it("cuts at a forwarded message", () => {
    const body = "note: see below\n\n---------- Forwarded message ---------\nFrom: Priya Shah <priya@example.com>\nDate: Tue, Dec 8, 2026 at 12:00 PM\n\nHi!";
    expect(newReplyText(body, null)).toBe("note: see below");
  });

  it("drops an iPhone signature left as the whole reply", () => {
    expect(newReplyText(`Sent from my iPhone\n\n${gmailQuote}`, null)).toBe("");
  });
});

describe("newReplyText: the user's own words survive", () => {
  it("keeps the user's lines of an inline reply, in order", () => {
    const body = [
      "On Tue, Dec 8, 2026 at 12:00 PM Rapport <rapport@rapport.example> wrote:",
      "> How did the coffee with Jordan go?",
      "Great, she suggested Priya.",
      "> When should I remind you?",
      "",
      "snooze 2 weeks",
      "",
      "> Anything to note?",
      "note: Priya prefers mornings",
    ].join("\n");
    expect(newReplyText(body, null)).toBe("Great, she suggested Priya.\n\nsnooze 2 weeks\n\nnote: Priya prefers mornings");
  });

  it("keeps a bottom-posted reply", () => {
    expect(newReplyText(`${gmailQuote}\nsent\n`, null)).toBe("sent");
  });

  it("keeps prose that only looks like a header", () => {
    const body = "note: On Tuesday I wrote to her about the intro\nFrom: my side all is well\nOn second thought, snooze 1m";
    expect(newReplyText(body, null)).toBe(body);
  });

  it("keeps a user's line that mentions sending, and a short line above an attribution", () => {
    expect(newReplyText("sent from my work address", null)).toBe("sent from my work address");
    expect(newReplyText("2 weeks\nRapport <rapport@rapport.example> wrote:\n> Hi", null)).toBe("2 weeks");
  });
});

describe("unflow (RFC 3676)", () => {
  it("joins soft breaks within one quote depth only", () => {
    expect(unflow("a soft \nbreak\n> quoted soft \n> line \nanswer \n-- \nSam", false)).toBe(
      "a soft break\n> quoted soft line \nanswer \n-- \nSam",
    );
  });

  it("removes space stuffing and, with DelSp, the joining space", () => {
    expect(unflow(" From here\nsplit wo\nrd\n>> deep \n>> er", false)).toBe("From here\nsplit wo\nrd\n>> deep er");
    expect(unflow("split wo \nrd", true)).toBe("split word");
  });
});

describe("newReplyText: prose that looks like history stays", () => {
  it.each([
    // Lines that start like an attribution but are sentences
    ["On Monday I met Sam and he wrote: thanks for the intro!", null],
    ["On Monday I met Sam and he wrote:\nsnooze 2w", null],
    ["On 12 May I wrote:\nthe draft is ready", null],
    ["At 10:30 Sam wrote:\nwe should talk", null],
    ["I wrote to sam@acme.com:\nlet's meet Friday", null],
    ["I told sam@acme.com and he wrote:\nsure", null],
    ["Sam wrote on 12 May 2024:\nmeet Friday", null],
    ["Meeting on 12 May 2024 with sam@acme.com:\n- agenda first", null],
    ["Hi Sam,\nOn Friday at 10:00 I'll call Bob <bob@acme.com>:\nagenda below", null],
    ["note: On 3 March 2025 she wrote to me about the role", null],
    // Lines that start like a header block
    ["From: the team at Acme, she said they loved it.\nsent", null],
    ["From: the team at Acme\nTo: me, directly\nlanded Acme!", null],
    ["from: me\nto: you\nsubject: intro\nsnooze 1w", null],
    ["Original Message looks fine to me\nsent", null],
    // "Sent from my …" in a sentence, or in lower case: the person saying where they sent it
    ["Sent from my desk", null],
    ["Sent from my desk, not my phone", null],
    ["Sent with love,\nSam", null],
    ["sent from my phone\n\nOn Tue, Dec 8, 2026 at 12:00 PM Rapport <r@rapport.example> wrote:\n> Hi", "sent from my phone"],
    ["Sent via LinkedIn\n\nOn Tue, Dec 8, 2026 at 12:00 PM Rapport <r@rapport.example> wrote:\n> Hi", "Sent via LinkedIn"],
    ["Sent from my LinkedIn\n\nOn Tue, Dec 8, 2026 at 12:00 PM Rapport <r@rapport.example> wrote:\n> Hi", "Sent from my LinkedIn"],
    // A sign-off, rules and contact data of the user's own
    ["Thanks for the reminder!\n\nBest,\nSam\n\nOn Tue, Dec 8, 2026 at 12:00 PM Rapport <r@rapport.example> wrote:\n> Hi", "Thanks for the reminder!\n\nBest,\nSam"],
    ["done, thanks\n—Ryan", null],
    ["Two options:\n----------\nA: coffee\nB: call", null],
    ["----\nsnooze 2w", null],
    ["Option A\n—\nOption B", null],
    ["Best regards,\nSam\n\n-----\nPS: call me on Friday", null],
    ["Here's my new number:\n\n555 123 4567", null],
    ["I'll be in touch.\n\nSam\n555-123-4567", "I'll be in touch.\n\nSam"],
    ["landed Acme!\n\nCEO at Acme said yes", null],
    ["Great chat! Her details:\n\nPriya Shah\nHead of Design, Globex\npriya@globex.com", null],
    ["note: her details:\n-----\nPriya Shah\nHead of Design\n+1 555 0100", null],
    // Words that footers and banners use
    ["Caution: the outside stairs are icy, take the lift.\nsnooze 1w", null],
    ["Keep this confidential please.\nnote: Priya might leave", null],
    ["Here is what Sam wrote:\n| Name | Role |\n| Sam | CEO |", null],
    // A quoted command is never the person's
    ["> sent\nthanks for the nudge", "thanks for the nudge"],
    ["> sent", ""],
    ["> snooze 2w\n> stop", ""],
  ])("%j", (body, expected) => {
    expect(newReplyText(body, null)).toBe(expected ?? body);
  });
});

describe("newReplyText: client layouts beyond the corpus", () => {
  const body = 'Hi Sam, it has been three weeks since you met Priya.\nReply "sent" or "snooze 2w".';
  const quoted = body.replace(/^/gm, "> ");
  const A = "rapport@rapport.example";
  it.each([
    ["ProtonMail", `------- Original Message -------\nOn Tuesday, December 8th, 2026 at 12:00 PM, Rapport <${A}> wrote:\n\n${quoted}`],
    ["Gmail in Chinese, history unquoted", `Rapport <${A}> 于2026年12月8日周二 下午12:00写道：\n\n${body}`],
    ["Gmail in Japanese", `2026年12月8日(火) 12:00 Rapport <${A}>:\n\n${quoted}`],
    ["Gmail in Korean", `2026년 12월 8일 (화) 오후 12:00, Rapport <${A}>님이 작성:\n\n${quoted}`],
    ["Gmail in Turkish, history unquoted", `Rapport <${A}>, 8 Ara 2026 Sal, 12:00 tarihinde şunu yazdı:\n\n${body}`],
    ["Gmail in Hebrew, history unquoted", `\u202bבתאריך יום ג׳, 8 בדצמ׳ 2026 ב-12:00 מאת \u202aRapport\u202c\u200f <\u202a${A}\u202c\u200f>:\u202c\n\n${body}`],
    ["Outlook in Korean", `보낸 사람: Rapport <${A}>\n보낸 날짜: 2026년 12월 8일 화요일 오후 12:00\n받는 사람: Sam\n제목: Priya\n\n${body}`],
    ["Zimbra in French", `----- Mail original -----\nDe: "Rapport" <${A}>\nÀ: "Sam"\nEnvoyé: Mardi 8 Décembre 2026 12:00:00\nObjet: Priya\n\n${body}`],
    ["Lotus Notes", `Rapport <${A}> wrote on 12/08/2026 12:00:00 PM:\n\n${body}`],
    ["Proton Mail signature", `Sent with Proton Mail secure email.\n\nOn Tuesday, December 8th, 2026 at 12:00 PM, Rapport <${A}> wrote:\n\n${quoted}`],
    ["Verizon signature", `Sent from my Verizon, Samsung Galaxy smartphone\n\n-------- Original message --------\nFrom: Rapport <${A}>\nDate: 12/8/26 12:00 (GMT-05:00)\n\n${body}`],
    ["K-9 Mail signature, history unquoted", `Sent from my Android device with K-9 Mail. Please excuse my brevity.\n\n${body}`],
    ["iPhone in Italian", `Inviato dal mio iPhone\n\n${body}`],
    ["iPhone in Chinese", `发自我的iPhone\n\n${body}`],
    ["iPhone in Greek", `Στάλθηκε από το iPhone μου\n\n${body}`],
    ["BlackBerry on a carrier", `Sent from my BlackBerry 10 smartphone on the Rogers network.\n\n${body}`],
    ["Outlook in Chinese", `-----邮件原件-----\n发件人: Rapport <${A}>\n发送时间: 2026年12月8日 12:00\n收件人: Sam\n主题: Priya\n\n${body}`],
    ["iOS forward in German", `Anfang der weitergeleiteten E-Mail:\n\nVon: Rapport <${A}>\nDatum: 8. Dezember 2026 um 12:00:00 MEZ\n\n${body}`],
  ])("%s", (_, history) => {
    expect(newReplyText(`snooze 2w\n\n${history}`, null)).toBe("snooze 2w");
  });
});

describe("newReplyText: HTML fallback", () => {
  const html =
    '<div dir="ltr">sent<div><br></div><div>Thanks &amp; cheers,</div><div>Sam</div></div><br>' +
    '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Tue, Dec 8, 2026 at 12:00 PM Rapport &lt;rapport@rapport.example&gt; wrote:<br></div>' +
    '<blockquote class="gmail_quote"><div>Hi Sam &#8212; reply &quot;sent&quot;.</div></blockquote></div>';

  it("is used when the text part is missing, empty or only quote", () => {
    const expected = "sent\n\nThanks & cheers,\nSam";
    expect(newReplyText(null, html)).toBe(expected);
    expect(newReplyText(undefined, html)).toBe(expected);
    expect(newReplyText("", html)).toBe(expected);
    expect(newReplyText(" \n\n", html)).toBe(expected);
    expect(newReplyText(gmailQuote, html)).toBe(expected);
  });

  it("is not used when the text part has the reply", () => {
    expect(newReplyText(`snooze 2w\n\n${gmailQuote}`, html)).toBe("snooze 2w");
  });

  it("returns empty text when there is nothing at all", () => {
    expect(newReplyText(null, null)).toBe("");
    expect(newReplyText("", "")).toBe("");
  });

  it("drops scripts, styles and comments, and decodes entities", () => {
    const body = "<style>p{}</style><script>alert(1)</script><!-- x --><p>note: caf&eacute; &#x2014; &lt;Priya&gt;&nbsp;</p><p>2nd line</p>";
    expect(newReplyText(null, body)).toBe("note: café — <Priya>\n2nd line");
  });

  it("decodes every named entity of HTML, not only the common ones", () => {
    expect(newReplyText(null, "<p>note: 10&sup2; &frac12; &rarr; &Ccedil;a &hearts; &NotANentity;</p>")).toBe("note: 10² ½ → Ça ♥ &NotANentity;");
  });
});

describe("newReplyText: hostile input completes with bounded output", () => {
  it("200k `>` characters on one line", () => {
    expect(newReplyText(">".repeat(200_000), null)).toBe("");
    expect(newReplyText("sent\n" + ">".repeat(200_000), null)).toBe("sent");
  });

  it("200k quoted lines", () => {
    expect(newReplyText("sent\n" + "> >> >>> x\n".repeat(200_000), null)).toBe("sent");
  });

  it("one 500 KB line", () => {
    const out = newReplyText("a".repeat(500_000), null);
    expect(out).toBe("a".repeat(MAX_PART_CHARS));
  });

  it("one 500 KB line of near-miss attribution text", () => {
    const line = (" on " + "x".repeat(200) + " at " + "y".repeat(200)).repeat(1250);
    const out = newReplyText("sent\n" + line, null);
    expect(out.startsWith("sent\n on xxx")).toBe(true);
    expect(out.length).toBeLessThanOrEqual(MAX_PART_CHARS);
  });

  it("50k lines of 'On … wrote:' lookalikes", () => {
    const wrote = "On Tue, Dec 8, 2026 at 12:00 PM Rapport <rapport@rapport.example> wrote:\n";
    expect(newReplyText("sent\n" + wrote.repeat(50_000), null)).toBe("sent");
    // Without the colon, a dated one with an address that ends in its verb is one too…
    expect(newReplyText("sent\n" + wrote.replace(":\n", "\n").repeat(50_000), null)).toBe("sent");
    // …but not when the sentence goes on: the text is kept, up to the cap.
    const nearMiss = newReplyText("sent\n" + wrote.replace(":\n", " that\n").repeat(50_000), null);
    expect(nearMiss.startsWith("sent\nOn Tue, Dec 8, 2026")).toBe(true);
    expect(nearMiss.length).toBeLessThanOrEqual(MAX_PART_CHARS);
    // Wrapped lookalikes: an opener line, then a line closing the address.
    expect(newReplyText("sent\n" + "On Tue, Dec 8, 2026 Rapport <\nx> wrote:\n".repeat(50_000), null)).toBe("sent");
    const wrapped = newReplyText("sent\n" + "On Tue, Dec 8, 2026 Rapport <\nx> y:\n".repeat(50_000), null);
    expect(wrapped.startsWith("sent\nOn Tue, Dec 8, 2026 Rapport <\nx> y:")).toBe(true);
    expect(wrapped.length).toBeLessThanOrEqual(MAX_PART_CHARS);
  });

  it("50k header lookalikes, colons and blank lines", () => {
    expect(newReplyText("sent\n" + "From: x\n".repeat(50_000), null)).toBe("sent");
    expect(newReplyText("a:\n".repeat(300_000), null).length).toBeLessThanOrEqual(MAX_PART_CHARS);
    expect(newReplyText("sent" + "\n".repeat(1_000_000) + "x", null)).toBe("sent");
    expect(newReplyText(" ".repeat(60_000) + ":", null)).toBe(":");
    expect(newReplyText(" ".repeat(1_000_000) + ":", null)).toBe("");
  });

  it("20k rules, names, signatures and banner lookalikes: at most 2,000 lines with text are read", () => {
    const rules = newReplyText("sent\n" + "----\nJohn Doe\n".repeat(10_000), null);
    expect(rules.split("\n").length).toBeLessThanOrEqual(2000);
    expect(newReplyText("sent\n" + "Sent from my iPhone\n".repeat(20_000), null)).toBe("sent");
    expect(newReplyText("sent\n\n" + "Sent from a torch\n\n".repeat(10_000), null).split("\n").length).toBeLessThanOrEqual(4000);
    expect(newReplyText("CAUTION: external sender\n\n".repeat(20_000) + "sent", null)).toBe("");
    expect(newReplyText("Thanks,\nSam\n" + "CEO at Acme\n".repeat(20_000), null).split("\n").length).toBeLessThanOrEqual(2000);
  });

  it("HTML: unterminated tags, tag floods, deep nesting, entity floods", () => {
    expect(newReplyText(null, "<".repeat(1_000_000))).toBe("");
    expect(newReplyText(null, "sent<a" + " b".repeat(500_000))).toBe("sent");
    expect(newReplyText(null, "<div>".repeat(200_000))).toBe("");
    expect(newReplyText(null, "sent<br>" + "<blockquote>".repeat(100_000) + "quoted")).toBe("sent");
    expect(newReplyText(null, "<!--".repeat(250_000))).toBe("");
    expect(newReplyText(null, "sent<br>" + "<br>".repeat(10_000) + "x")).toBe("sent\n\nx");
    expect(newReplyText(null, "sent<br>" + "<br>".repeat(250_000) + "x")).toBe("sent");
    const amp = newReplyText(null, "&amp;".repeat(200_000));
    expect(amp).toMatch(/^&+$/);
    expect(amp.length).toBeLessThanOrEqual(MAX_PART_CHARS);
  });
});
