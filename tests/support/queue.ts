// The nudge queue as Cloudflare Queues runs it, in memory and on an injected clock, for tests
// that drive dispatch step by step (fault injection, Postmark failures): the cron tick's
// `enqueueDue` sends to it, and `drain(deps, at)` hands what is visible at `at` to the
// consumer's use case (`sendQueued`) in batches, acking, retrying after the delay asked for,
// retrying the whole batch after `retryDelaySeconds` when the use case throws, and moving a
// message to the dead-letter queue (`failUndeliverable`) after `maxRetries` retries. The
// tests of the real queue, run by Miniflare, are in tests/integration/dispatch.queue.test.ts.
import type { Deps } from "../../src/deps";
import { enqueueDue, failUndeliverable, sendQueued, type DispatchMessage, type DispatchReport, type NudgeQueue } from "../../src/nudges/dispatch";

export interface QueueOptions {
  /** wrangler.toml's consumer settings. */
  maxBatchSize: number;
  maxRetries: number;
  retryDelaySeconds: number;
}

export const WRANGLER_CONSUMER: QueueOptions = { maxBatchSize: 5, maxRetries: 7, retryDelaySeconds: 60 };

export interface QueuedMessage {
  id: number;
  body: DispatchMessage;
  /** Deliveries so far. */
  attempts: number;
  visibleAt: number;
}

export interface RunReport extends DispatchReport {
  /** What the tick claimed and put on the queue. */
  queued: number;
  deliveries: number;
  /** Delivery decisions to retry, with the delay asked for. */
  retries: { ids: number[]; delaySeconds: number }[];
  deadLettered: number;
}

export class MemoryQueue implements NudgeQueue {
  messages: QueuedMessage[] = [];
  dead: QueuedMessage[] = [];
  private nextId = 1;
  /** When the next message sent is visible (the tick's clock; set by `run`). */
  clock = 0;

  constructor(readonly options: QueueOptions = WRANGLER_CONSUMER) {}

  async sendBatch(messages: Iterable<{ body: DispatchMessage }>): Promise<void> {
    for (const { body } of messages) {
      this.messages.push({ id: this.nextId++, body: structuredClone(body), attempts: 0, visibleAt: this.clock });
    }
  }

  reset(): void {
    this.messages = [];
    this.dead = [];
  }

  /**
   * Delivers everything visible at `at`, as often as it becomes visible again by `at` (a retry
   * without delay). Throws the first error a delivery threw, after draining, as a failed
   * invocation would show in the logs; the messages themselves are retried as Queues would.
   */
  async drain(deps: Deps, at: number): Promise<RunReport> {
    const report: RunReport = { queued: 0, claimed: 0, sent: 0, skipped: 0, retried: 0, failed: 0, suppressedUsers: 0, deliveries: 0, retries: [], deadLettered: 0 };
    let firstError: unknown = null;
    for (let round = 0; round < 1000; round += 1) {
      const visible = this.messages.filter((m) => m.visibleAt <= at).slice(0, this.options.maxBatchSize);
      if (visible.length === 0) break;
      for (const message of visible) message.attempts += 1;
      report.deliveries += 1;
      try {
        const { decisions, report: delivered } = await sendQueued(deps, visible.map((m) => ({ body: structuredClone(m.body), attempts: m.attempts })), at);
        for (const key of ["claimed", "sent", "skipped", "retried", "failed", "suppressedUsers"] as const) report[key] += delivered[key];
        decisions.forEach((decision, index) => {
          const message = visible[index]!;
          if ("retryAfterSeconds" in decision) {
            report.retries.push({ ids: message.body.ids, delaySeconds: decision.retryAfterSeconds });
            this.retryOrDeadLetter(message, at + decision.retryAfterSeconds * 1000);
          } else this.remove(message);
        });
      } catch (error) {
        firstError ??= error;
        for (const message of visible) this.retryOrDeadLetter(message, at + this.options.retryDelaySeconds * 1000);
      }
    }
    if (this.dead.length > 0) {
      const dead = this.dead.splice(0);
      report.deadLettered += dead.length;
      await failUndeliverable(deps, dead.map((m) => ({ body: structuredClone(m.body), attempts: 1 })), at);
    }
    if (firstError) throw firstError;
    return report;
  }

  /**
   * One cron run at `at`, as the Worker does it: the tick puts what is due on this queue, and
   * the consumer drains what is visible. `deps.nudgeQueue` is replaced by this queue.
   */
  async run(deps: Deps, at: number): Promise<RunReport> {
    this.clock = at;
    const tick = await enqueueDue({ ...deps, nudgeQueue: this }, at);
    const report = await this.drain(deps, at);
    return { ...report, queued: tick.claimed };
  }

  private remove(message: QueuedMessage): void {
    this.messages = this.messages.filter((m) => m !== message);
  }

  private retryOrDeadLetter(message: QueuedMessage, visibleAt: number): void {
    if (message.attempts > this.options.maxRetries) {
      this.remove(message);
      this.dead.push(message);
    } else {
      message.visibleAt = visibleAt;
    }
  }
}
