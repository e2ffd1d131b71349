// Who an invite is with, and where they work, on layouts beyond the people/ fixtures: other
// booking systems and robots, delegates, own-organisation guests, group events, companies in
// titles and in addresses under other public suffixes. Each case is a small calendar as a
// client would write it, read through the same path as a forwarded invite.
import { describe, expect, it } from "vitest";
import { understandInvite } from "../../src/inbound/invite";

interface Spec {
  summary: string;
  organizer?: string;
  attendees?: string[];
  location?: string;
  description?: string;
  method?: string;
}

/** "CN=Sam:mailto:sam@x" takes parameters; a bare "mailto:sam@x" none. */
const property = (name: string, tail: string) => (tail.startsWith("mailto:") ? `${name}:${tail}` : `${name};${tail}`);

/** A VCALENDAR with one VEVENT on 10 December 2026; `organizer`/`attendees` are property tails ("CN=...:mailto:..."). */
function ics(spec: Spec): Uint8Array {
  const escape = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/,/g, "\\,").replace(/;/g, "\\;");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Rapport tests//EN",
    `METHOD:${spec.method ?? "REQUEST"}`,
    "BEGIN:VEVENT",
    "UID:case@rapport.test",
    "DTSTAMP:20261201T000000Z",
    "DTSTART:20261210T170000Z",
    "DTEND:20261210T173000Z",
    `SUMMARY:${escape(spec.summary)}`,
    ...(spec.location ? [`LOCATION:${escape(spec.location)}`] : []),
    ...(spec.description ? [`DESCRIPTION:${escape(spec.description)}`] : []),
    ...(spec.organizer ? [property("ORGANIZER", spec.organizer)] : []),
    ...(spec.attendees ?? []).map((attendee) => property("ATTENDEE", attendee)),
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ];
  return new TextEncoder().encode(lines.join("\r\n"));
}

const USER = "jordan.blake@gmail.com";
const ME = `CN=Jordan Blake;PARTSTAT=NEEDS-ACTION:mailto:${USER}`;

async function read(spec: Spec, user = USER) {
  const result = await understandInvite(ics(spec), { user, defaultTimeZone: "UTC", inboxAddress: "meet@rapport.test", now: Date.parse("2026-12-01T00:00:00Z") });
  if (!result.ok) throw new Error(result.error.code);
  const reading = result.invite.meetings[0]!;
  return { interviewee: reading.interviewee, company: reading.company, plan: reading.plan };
}

describe("booking systems and robots hand over to the person", () => {
  it("a YouCanBook.me-style robot named after the host, with the host's address in the description", async () => {
    const got = await read({
      summary: "Informational call",
      organizer: "CN=Greta Lindqvist:mailto:noreply@youcanbook.me",
      attendees: [ME],
      description: "Booked with Greta Lindqvist <greta.lindqvist@nordvik-energi.se>.\nCancel: https://youcanbook.me/cancel/abc",
    });
    expect(got.interviewee).toEqual({ email: "greta.lindqvist@nordvik-energi.se", name: "Greta Lindqvist", givenName: "Greta" });
    expect(got.company).toBe("Nordvik Energi");
  });

  it("a robot named after a host who is also a guest: the host, once", async () => {
    const got = await read({
      summary: "Informational call",
      organizer: "CN=Greta Lindqvist:mailto:no-reply@zoom.us",
      attendees: ["CN=Greta Lindqvist:mailto:greta.lindqvist@nordvik-energi.se", ME, "CN=Ola Nordmann:mailto:ola@fjord-data.no"],
      description: "Host: Greta Lindqvist (greta.lindqvist@nordvik-energi.se)",
    });
    expect(got.interviewee?.email).toBe("greta.lindqvist@nordvik-energi.se");
  });

  it("a robot whose host leaves no address is nobody Rapport can write to", async () => {
    const got = await read({ summary: "Intro chat", organizer: "CN=Greta Lindqvist:mailto:no-reply@bookings.example-scheduler.com", attendees: [ME] });
    expect(got.interviewee).toBeNull();
    expect(got.plan).toEqual([]);
  });

  it("a SavvyCal-style notifications organizer gives way to the one other guest", async () => {
    const got = await read({
      summary: "Jordan Blake and Oluwaseun Adeyemi",
      organizer: "CN=SavvyCal:mailto:notifications@savvycal.com",
      attendees: ["CN=Oluwaseun Adeyemi;PARTSTAT=ACCEPTED:mailto:seun@paystack-labs.ng", ME],
    });
    expect(got.interviewee).toEqual({ email: "seun@paystack-labs.ng", name: "Oluwaseun Adeyemi", givenName: "Oluwaseun" });
    expect(got.company).toBe("Paystack Labs");
  });

  it("a recruiting mailbox with two staff: the one the title names", async () => {
    const got = await read({
      summary: "Coffee chat: Jordan Blake <> Mateus Oliveira",
      organizer: "CN=Talent Team:mailto:talent@vela.com.br",
      attendees: ["CN=Oliveira, Mateus:mailto:mateus.oliveira@vela.com.br", "CN=Souza, Bruna:mailto:bruna.souza@vela.com.br", ME],
      location: "Café Girondino, São Paulo",
    });
    expect(got.interviewee).toEqual({ email: "mateus.oliveira@vela.com.br", name: "Mateus Oliveira", givenName: "Mateus" });
  });
});

describe("who introduced them is not whom the meeting is with", () => {
  it("'Coffee with Ben (intro via Carla)': Ben, though Carla sent the invite", async () => {
    const got = await read({
      summary: "Coffee with Ben (intro via Carla)",
      organizer: "CN=Carla Diaz:mailto:carla@diaz-partners.co",
      attendees: ["CN=Ben Okoro:mailto:ben.okoro@flutterwave.com", ME],
    });
    expect(got.interviewee).toEqual({ email: "ben.okoro@flutterwave.com", name: "Ben Okoro", givenName: "Ben" });
    expect(got.company).toBe("Flutterwave");
  });

  it("'Chat with Ana, referred by Tom Li': Ana; 'via Zoom' credits nobody", async () => {
    const referred = await read({
      summary: "Chat with Ana, referred by Tom Li",
      organizer: "CN=Tom Li:mailto:tom.li@kestrel.io",
      attendees: ["CN=Ana Costa:mailto:ana.costa@kestrel.io", ME],
    });
    expect(referred.interviewee?.email).toBe("ana.costa@kestrel.io");
    const zoom = await read({
      summary: "Coffee via Zoom with Ben",
      organizer: "CN=Carla Diaz:mailto:carla@diaz-partners.co",
      attendees: ["CN=Ben Okoro:mailto:ben.okoro@flutterwave.com", ME],
    });
    expect(zoom.interviewee?.email).toBe("ben.okoro@flutterwave.com");
  });

  it("an organizer who writes as the one arranging it ('you two should meet', 'on behalf of') is not the person", async () => {
    const friend = await read({
      summary: "Coffee",
      description: "You two should meet: Jordan is moving into climate finance. Dana, over to you!",
      organizer: "CN=Lee Park:mailto:lee.park@gmail.com",
      attendees: ["CN=Dana Whitfield:mailto:dana.whitfield@greenbridge.capital", ME],
    });
    expect(friend.interviewee?.email).toBe("dana.whitfield@greenbridge.capital");
    const assistant = await read({
      summary: "Informational chat",
      description: "Sending on behalf of Dr. Okafor.\n\nBest,\nRuth\nOffice of the Dean",
      organizer: "CN=Ruth Mensah:mailto:ruth.mensah@med.kestrel.edu",
      attendees: ["CN=Chidi Okafor:mailto:chidi.okafor@med.kestrel.edu", ME],
    });
    expect(assistant.interviewee?.email).toBe("chidi.okafor@med.kestrel.edu");
  });

  it("a host introducing a colleague of her own ('I'll introduce you to Tom') stays the person", async () => {
    const got = await read({
      summary: "Coffee",
      description: "Looking forward to it! I'll introduce you to Tom Reyes from my team too.",
      organizer: "CN=Elena Ruiz:mailto:elena.ruiz@acme-robotics.com",
      attendees: ["CN=Tom Reyes:mailto:tom.reyes@acme-robotics.com", ME],
    });
    expect(got.interviewee?.email).toBe("elena.ruiz@acme-robotics.com");
  });

  it("'Priya @ Helios <> Jordan': the company as the title writes it, not spelled from her address", async () => {
    const got = await read({ summary: "Priya @ Helios <> Jordan", organizer: "CN=Priya Raman:mailto:priya@heliosenergy.com", attendees: [ME] });
    expect(got.company).toBe("Helios");
  });
});

describe("a domain of their own name is no employer", () => {
  it("Jo March <jo@march.pub>: a person (a two-letter name that is the whole address), with no company", async () => {
    const got = await read({ summary: "Coffee", organizer: "CN=Jo March:mailto:jo@march.pub", attendees: [ME] });
    expect(got.interviewee).toEqual({ email: "jo@march.pub", name: "Jo March", givenName: "Jo" });
    expect(got.company).toBeNull();
  });

  it.each([
    ["CN=Tom Baker:mailto:tom@baker.dev", null],
    ["CN=Eva Novak:mailto:eva@novak.cz", null],
    ["CN=Sam Ortiz:mailto:sam@ortiz.law", null],
    ["CN=Dana Whitaker:mailto:dana@whitaker-dana.com", null],
  ])("%s: company %s", async (organizer, company) => {
    expect((await read({ summary: "Chat", organizer, attendees: [ME] })).company).toBe(company);
  });

  it("a business named after them is still a company: Maya Thompson Coaching", async () => {
    const got = await read({ summary: "Chat", organizer: "CN=Maya Thompson:mailto:maya@mayathompsoncoaching.com", attendees: [ME], description: "Maya Thompson Coaching\nCareer coaching for career changers" });
    expect(got.company).toBe("Maya Thompson Coaching");
  });

  it("'Chat with Omar from Shopify' from a personal address: Shopify; 'from Monday' names no company", async () => {
    expect((await read({ summary: "Chat with Omar from Shopify", organizer: "CN=Omar Haddad:mailto:ohaddad@gmail.com", attendees: [ME] })).company).toBe("Shopify");
    expect((await read({ summary: "Coffee with Omar from Monday", organizer: "CN=Omar Haddad:mailto:ohaddad@gmail.com", attendees: [ME] })).company).toBeNull();
  });
});

describe("assistants and delegates", () => {
  it("SENT-BY: the organizer is the person, even with another colleague on the invite", async () => {
    const got = await read({
      summary: "Catch-up",
      organizer: 'CN=Wei Zhang;SENT-BY="mailto:ea.office@lumen-health.com":mailto:wei.zhang@lumen-health.com',
      attendees: ["CN=Priya Shah:mailto:priya.shah@lumen-health.com", ME],
    });
    expect(got.interviewee?.email).toBe("wei.zhang@lumen-health.com");
  });

  it("an assistant named in the description as assistant to the boss gives way to the boss", async () => {
    const got = await read({
      summary: "Meeting",
      organizer: "CN=Hannah Cole:mailto:hannah.cole@caldera-partners.com",
      attendees: ["CN=Samuel Adebayo:mailto:samuel.adebayo@caldera-partners.com", ME],
      description: "Best,\nHannah Cole\nExecutive Assistant to Samuel Adebayo",
    });
    expect(got.interviewee?.email).toBe("samuel.adebayo@caldera-partners.com");
  });
});

describe("the user's own organisation", () => {
  it("a career-office advisor and an outside alumna: the alumna", async () => {
    const user = "m.rossi@studenti.unimi.it";
    const got = await read(
      {
        summary: "Alumni chat",
        organizer: "CN=Ufficio Carriere:mailto:carriere@unimi.it",
        attendees: [`CN=Marco Rossi:mailto:${user}`, "CN=Giulia Bianchi:mailto:giulia.bianchi@vela-design.it"],
      },
      user,
    );
    expect(got.interviewee?.email).toBe("giulia.bianchi@vela-design.it");
    expect(got.company).toBe("Vela Design");
  });

  it("forwarded from Gmail, sent to the user's university address: the university is still theirs", async () => {
    const got = await read({
      summary: "Alumni coffee chat",
      organizer: "CN=Carmen Rivera:mailto:carmen.rivera@univ.edu",
      attendees: [ME, "CN=Blake, Jordan:mailto:j.blake@univ.edu", "CN=Derek Chow:mailto:derek.chow@northwind-capital.com"],
    });
    expect(got.interviewee?.email).toBe("derek.chow@northwind-capital.com");
  });

  it("a colleague alone is still the person, but their company is the user's own and not said", async () => {
    const user = "ana@orbit-analytics.com";
    const got = await read({ summary: "1:1", organizer: "CN=Ben Ito:mailto:ben.ito@orbit-analytics.com", attendees: [`CN=Ana:mailto:${user}`] }, user);
    expect(got.interviewee?.email).toBe("ben.ito@orbit-analytics.com");
    expect(got.company).toBeNull();
  });

  it("two Gmail users are not colleagues", async () => {
    const got = await read({ summary: "Chat", organizer: "CN=Leah Goldberg:mailto:leah.goldberg@gmail.com", attendees: [ME] });
    expect(got.interviewee?.email).toBe("leah.goldberg@gmail.com");
    expect(got.company).toBeNull();
  });
});

describe("nobody to meet, or nobody with confidence", () => {
  it("a university recruiting team's mailbox, spelled by its address, is no person: an info session names nobody", async () => {
    const got = await read({
      summary: "Stripe University Info Session",
      organizer: "CN=Stripe University Recruiting:mailto:university-recruiting@stripe.com",
      attendees: [ME],
      location: "https://stripe.zoom.us/j/123456789",
    });
    expect(got.interviewee).toBeNull();
  });


  it("a workshop with a dozen guests", async () => {
    const guests = Array.from({ length: 12 }, (_, i) => `CN=Guest ${i}:mailto:guest${i}@acme-robotics.com`);
    const got = await read({ summary: "Resume workshop with Priya", organizer: "CN=Priya Raman:mailto:priya@helios-labs.com", attendees: [ME, ...guests] });
    expect(got.interviewee).toBeNull();
  });

  it("an event that invites no one, from an address with no name: a ticket", async () => {
    const got = await read({ summary: "PyCon US 2027", organizer: "mailto:virtual@pycon.org", method: "PUBLISH" });
    expect(got.interviewee).toBeNull();
  });

  it("a first-name address is a person, not a role mailbox: alexander@ holds no role", async () => {
    const got = await read({ summary: "Chat", organizer: "mailto:alexander@tidewater.energy", attendees: [ME] });
    expect(got.interviewee).toEqual({ email: "alexander@tidewater.energy", name: null, givenName: null });
  });

  it("a meetup's events mailbox", async () => {
    const got = await read({ summary: "Product Tank London", organizer: "CN=ProductTank:mailto:events@mindtheproduct.com", attendees: [ME] });
    expect(got.interviewee).toBeNull();
  });

  it("the user invited two guests and the title names neither: ask rather than guess", async () => {
    const got = await read({
      summary: "Catch-up",
      organizer: `CN=Jordan Blake:mailto:${USER}`,
      attendees: [ME, "CN=Sam Lee:mailto:sam.lee@acme-robotics.com", "CN=Ola Nordmann:mailto:ola@fjord-data.no"],
    });
    expect(got.interviewee).toBeNull();
  });

  it("a block in the user's own calendar with Rapport's inbox as the only guest", async () => {
    const got = await read({ summary: "Prep for Sam", organizer: `CN=Jordan Blake:mailto:${USER}`, attendees: [ME, "CN=meet@rapport.test:mailto:meet@rapport.test"] });
    expect(got.interviewee).toBeNull();
  });
});

describe("the name the invite calls them by", () => {
  it("a word in brackets the title also uses: 'Li, Xiaoming (Michael)' in 'Michael / Jordan' is greeted as Michael", async () => {
    const got = await read({ summary: "Michael / Jordan", organizer: "CN=\"Li, Xiaoming (Michael)\":mailto:xiaoming.li@hsbc.com.hk", attendees: [ME] });
    expect(got.interviewee).toEqual({ email: "xiaoming.li@hsbc.com.hk", name: "Xiaoming Li", givenName: "Michael" });
  });

  it("a label in brackets the invite does not use stays a label: 'Lee, Sam (Sales)' is Sam", async () => {
    const got = await read({ summary: "Coffee", organizer: "CN=\"Lee, Sam (Sales)\":mailto:sam.lee@acme-robotics.com", attendees: [ME] });
    expect(got.interviewee?.givenName).toBe("Sam");
  });

  it("two given names a directory wrote apart, which the title uses: 'Fernandes, Ana Beatriz' in 'Ana Beatriz / Jordan'", async () => {
    const got = await read({ summary: "Ana Beatriz / Jordan", organizer: "CN=\"Fernandes, Ana Beatriz\":mailto:ana.fernandes@nubank.com.br", attendees: [ME] });
    expect(got.interviewee?.givenName).toBe("Ana Beatriz");
  });

  it("a second family name is not a given name: 'Carlos Mendez Garcia' in 'Lunch with Carlos Mendez' is Carlos", async () => {
    const got = await read({ summary: "Lunch with Carlos Mendez", organizer: "CN=Carlos Mendez Garcia:mailto:carlos.mendez@santander.es", attendees: [ME] });
    expect(got.interviewee?.givenName).toBe("Carlos");
  });
});

describe("the company", () => {
  it.each([
    ["Coffee chat (Stripe)", "sam.lee@gmail.com", "Stripe"],
    ["Chat with Sam (she/her)", "sam.lee@gmail.com", null],
    ["Coffee with Sam (PST)", "sam.lee@gmail.com", null],
    ["Sam @ Deutsche Bank", "sam.lee@gmail.com", "Deutsche Bank"],
    ["Chat", "sam.lee@mail.atlassian.com.au", "Atlassian"],
    ["Chat", "lisa.weber@deutsche-bank.de", "Deutsche Bank"],
    ["Chat", "sam.lee@hotmail.co.uk", null],
    ["Chat", "sam.lee@googlemail.com", null],
    // Providers the email-providers list lacks.
    ["Chat", "sam.lee@fastmail.com", null],
    ["Chat", "sam.lee@posteo.de", null],
    ["Sam at 3pm", "sam.lee@acme-robotics.com", "Acme Robotics"],
    ["Chat", "sam.lee@ibm.com", "IBM"],
    ["Chat", "sam.lee@kpmg.co.uk", "KPMG"],
  ])("%s from %s -> %s", async (summary, email, company) => {
    const got = await read({ summary, organizer: `CN=Sam Lee:mailto:${email}`, attendees: [ME] });
    expect(got.interviewee?.email).toBe(email);
    expect(got.company).toBe(company);
  });

  it.each([
    ["I'm a product manager at HubSpot, happy to talk roadmaps.", "HubSpot"],
    ["Curious how the data science team at Spotify is set up? Ask away.", "Spotify"],
    ["Sam Lee\nSenior UX Designer | Airbnb", "Airbnb"],
    ["I've been an SRE at Atlassian for six years.", "Atlassian"],
    ["Senior Product Designer at Razorpay\n\nMentee: Kavya Rao", "Razorpay"],
    // The place, a city, a time or someone else's signature is no employer.
    ["I work near there; let's meet at Blue Bottle.", null],
    ["I'm working at Berlin's office this week.", null],
    ["Carmen Rivera\nAssistant Director, Career Services", null],
  ])("a person on personal mail whose notes say %j -> %s", async (description, company) => {
    const got = await read({ summary: "Coffee", location: "Blue Bottle Coffee, 1 Main St", description, organizer: "CN=Sam Lee:mailto:sam.lee@gmail.com", attendees: [ME] });
    expect(got.company).toBe(company);
  });
});
