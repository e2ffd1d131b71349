// The far side of bounded-run.ts: a child process that reads invites on request, so that a
// parse which never ends (a synchronous spin no test timeout can interrupt) is killed with
// the process instead of hanging the test run. One invite at a time, over IPC.
import { understandInvite } from "../../../src/inbound/invite";

interface Request {
  id: number;
  raw: string;
  now: string;
  budget?: number;
}

// Imported by path at run time: the test must still run (and fail on what it observes) against
// code that has no work budget at all.
const budgets = (await import("../../../src/inbound/work-budget").catch(() => null)) as
  | { WorkBudget: new (limit: number) => { spent: number; limit: number } }
  | null;

process.on("message", async (request: Request) => {
  const budget = budgets && request.budget ? new budgets.WorkBudget(request.budget) : undefined;
  const cpu = process.cpuUsage();
  const result = await understandInvite(new TextEncoder().encode(request.raw), {
    user: "jane@example.com",
    defaultTimeZone: "UTC",
    now: Date.parse(request.now),
    ...(budget ? { budget } : {}),
  } as Parameters<typeof understandInvite>[1]);
  const used = process.cpuUsage(cpu);
  const meeting = result.ok ? result.invite.meetings[0]! : null;
  process.send!({
    id: request.id,
    ok: result.ok,
    code: result.ok ? null : result.error.code,
    meetings: result.ok ? result.invite.meetings.length : 0,
    start: meeting ? new Date(meeting.event.start).toISOString() : null,
    nextOccurrence: meeting ? meeting.event.nextOccurrence : null,
    notExpanded: meeting ? ((meeting.event as { notExpanded?: string | null }).notExpanded ?? null) : null,
    spent: budget ? budget.spent : null,
    limit: budget ? budget.limit : null,
    cpuMs: (used.user + used.system) / 1000,
  });
});
process.send!({ ready: true });
