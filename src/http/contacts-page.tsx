/**
 * GET /me/<token>: the user's read-only page, reached from the signed, expiring link in the
 * digest: everyone they met (last and next touch, cadence, meetings, notes, the people each
 * suggested and what came of it) and what Rapport
 * will send next. Server-rendered (Hono JSX escapes everything), readable on a phone, plain
 * semantic HTML. Nothing is shown without a valid link, and nothing is cached or indexed.
 */
import type { Context, Hono } from "hono";
import { meetingTitle } from "../compose/confirmation";
import { cadenceText, dayAndTime, longDate } from "../compose/format";
import { displayName } from "../compose/nudge-data";
import { givenName } from "../compose/text";
import type { Contact, Meeting, Note } from "../db/schema";
import { findUserById } from "../db/replies";
import { allMeetingsOf, contactsOf, leadsOf, notesOf, pendingNudges, type NudgeView } from "../db/views";
import { verifyToken } from "../links/token";
import type { AppEnv } from "./app";
import { Page } from "./page";

const css = `
h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
h3{font-size:18px;margin:0 0 4px}
article{border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:12px 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
dt{color:#59636e}
dd{margin:0}
ul{padding-left:20px;margin:4px 0}
`;

const KIND_LABEL: Record<string, string> = {
  prep: "Prep sheet",
  thanks: "Thank-you prompt",
  thanks_followup: "Thank-you reminder (only if still unsent)",
  keep_in_touch: "Check-in reminder",
  digest: "Monthly digest",
};

function privateHeaders(c: Context<AppEnv>): void {
  c.header("Cache-Control", "private, no-store");
  // The token is in the URL: do not hand it to other sites.
  c.header("Referrer-Policy", "no-referrer");
  c.header("X-Robots-Tag", "noindex");
}

type Lead = Awaited<ReturnType<typeof leadsOf>>[number];

/** "Omar Reyes (Acme Robotics, data team): you are meeting on Tuesday 12 January 2027" */
function leadLine(lead: Lead, timeZone: string, now: number): string {
  const where = [lead.company, lead.team].filter(Boolean).join(", ");
  const status =
    lead.status === "met" && lead.meetingStart !== null
      ? lead.meetingStart > now
        ? `you are meeting on ${longDate(lead.meetingStart, timeZone)}`
        : `you met on ${longDate(lead.meetingStart, timeZone)}`
      : lead.status === "contacted"
        ? "introduction asked for"
        : lead.status === "dropped"
          ? "let go"
          : "not contacted yet";
  return `${lead.name}${where ? ` (${where})` : ""}: ${status}`;
}

function ContactCard(props: { contact: Contact; meetings: Meeting[]; notes: Note[]; leads: Lead[]; next: number | null; timeZone: string; now: number }) {
  const { contact, meetings, notes, leads, next, timeZone, now } = props;
  const lastMet = meetings.filter((m) => m.status === "scheduled" && m.startsAt <= now).map((m) => m.startsAt)[0] ?? null;
  const headingId = `contact-${contact.id}`;
  return (
    <article aria-labelledby={headingId}>
      <h3 id={headingId}>{displayName(contact)}</h3>
      <dl>
        {contact.company && (
          <>
            <dt>Company</dt>
            <dd>{contact.company}</dd>
          </>
        )}
        <dt>Email</dt>
        <dd>{contact.email}</dd>
        <dt>Last met</dt>
        <dd>{lastMet ? longDate(lastMet, timeZone) : "not yet"}</dd>
        <dt>Last check-in</dt>
        <dd>{contact.lastTouchedAt ? longDate(contact.lastTouchedAt, timeZone) : "none yet"}</dd>
        <dt>Next check-in</dt>
        <dd>{contact.status === "stopped" ? "stopped" : next ? longDate(next, timeZone) : "not planned"}</dd>
        <dt>How often</dt>
        <dd>{cadenceText(contact.cadenceDays)}</dd>
        {contact.linkedinUrl && (
          <>
            <dt>LinkedIn</dt>
            <dd>
              <a href={contact.linkedinUrl} rel="noopener noreferrer">
                profile
              </a>
            </dd>
          </>
        )}
      </dl>
      {meetings.length > 0 && (
        <>
          <p class="muted">Meetings</p>
          <ul>
            {meetings.map((m) => (
              <li>
                {dayAndTime(m.startsAt, timeZone)}: {meetingTitle(m, contact)}
                {m.status === "cancelled" ? " (cancelled)" : ""}
              </li>
            ))}
          </ul>
        </>
      )}
      {leads.length > 0 && (
        <>
          <p class="muted">People they suggested</p>
          <ul>
            {leads.map((lead) => (
              <li>{leadLine(lead, timeZone, now)}</li>
            ))}
          </ul>
        </>
      )}
      {notes.length > 0 && (
        <>
          <p class="muted">Notes</p>
          <ul>
            {notes.map((n) => (
              // A debrief keeps its lines.
              <li style="white-space:pre-line;">
                {n.body} <span class="muted">({longDate(n.createdAt, timeZone)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

function upcomingLine({ nudge, meeting, contact }: NudgeView): string {
  const label = KIND_LABEL[nudge.kind] ?? nudge.kind;
  const about = meeting ? meetingTitle(meeting, contact) : (contact?.name ?? contact?.email ?? "");
  return about ? `${label}: ${about}` : label;
}

export function registerContactsPage(app: Hono<AppEnv>): void {
  app.get("/me/:token", async (c) => {
    const { config, db } = c.env.deps;
    const now = c.env.deps.clock();
    const check = await verifyToken(config.tokenKeys, c.req.param("token"), "page", now);
    const user = check.ok ? await findUserById(db, check.claims.userId) : undefined;
    privateHeaders(c);
    if (!user) {
      return c.html(
        <Page title="This link does not work" css={css}>
          <h1>This link does not work</h1>
          <p>It may have expired (links last a week) or be incomplete. The next digest email brings a fresh one.</p>
        </Page>,
        404,
      );
    }

    const [contacts, meetings, notes, leads, upcoming] = await Promise.all([
      contactsOf(db, user.id),
      allMeetingsOf(db, user.id),
      notesOf(db, user.id),
      leadsOf(db, user.id),
      pendingNudges(db, user.id, 30),
    ]);
    const nextCheckIn = new Map<number, number>();
    for (const { nudge } of upcoming) {
      if (nudge.kind === "keep_in_touch" && nudge.contactId && !nextCheckIn.has(nudge.contactId)) nextCheckIn.set(nudge.contactId, nudge.dueAt);
    }
    const first = givenName(user.name);
    const title = first ? `${first}'s contacts` : "Your contacts";

    return c.html(
      <Page title={`${title} · Rapport`} css={css}>
        <h1>{title}</h1>
        <p class="muted">
          Times in {user.timeZone}. This page is private to you; its link expires a week after the digest that brought it.
        </p>
        <section aria-labelledby="upcoming">
          <h2 id="upcoming">Coming up</h2>
          {upcoming.length > 0 ? (
            <ul>
              {upcoming.map((view) => (
                <li>
                  <strong>{dayAndTime(view.nudge.dueAt, user.timeZone)}</strong>: {upcomingLine(view)}
                </li>
              ))}
            </ul>
          ) : (
            <p>Nothing planned. Forward your next invitation to {config.inboxAddress}.</p>
          )}
        </section>
        <section aria-labelledby="contacts">
          <h2 id="contacts">Contacts ({contacts.length})</h2>
          {contacts.length === 0 && <p>No contacts yet.</p>}
          {contacts.map((contact) => (
            <ContactCard
              contact={contact}
              meetings={meetings.filter((m) => m.contactId === contact.id)}
              notes={notes.filter((n) => n.contactId === contact.id)}
              leads={leads.filter((lead) => lead.sourceContactId === contact.id)}
              next={nextCheckIn.get(contact.id) ?? null}
              timeZone={user.timeZone}
              now={now}
            />
          ))}
        </section>
      </Page>,
    );
  });
}
