// Runs invites through understandInvite in a child process with a kill timer (docs/design.md §7:
// ical.js's next() cannot be interrupted, and a synchronous spin ignores vitest's timeout).
// The timer is a hang detector, far above any real parse: what the tests assert is the work
// counter, never the time.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface ChildAnswer {
  ok: boolean;
  code: string | null;
  meetings: number;
  start: string | null;
  nextOccurrence: boolean | null;
  notExpanded: string | null;
  spent: number | null;
  limit: number | null;
  cpuMs: number;
}

export type RunResult = { killed: false; answer: ChildAnswer } | { killed: true; afterMs: number };

const CHILD = fileURLToPath(new URL("./invite-child.ts", import.meta.url));

export class BoundedInviteRunner {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;

  constructor(private readonly killAfterMs = 20_000) {}

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const child = fork(CHILD, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
    this.child = child;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: { ready?: boolean }) => {
        if (message.ready) {
          child.off("message", onMessage);
          resolve();
        }
      };
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`invite child exited (${code}) before it was ready`)));
    });
    return this.ready;
  }

  async run(raw: string, now: string, budget?: number): Promise<RunResult> {
    await this.start();
    const child = this.child!;
    const id = this.nextId++;
    const started = Date.now();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.off("message", onMessage);
        this.stop();
        resolve({ killed: true, afterMs: Date.now() - started });
      }, this.killAfterMs);
      const onMessage = (message: ChildAnswer & { id?: number }) => {
        if (message.id !== id) return;
        clearTimeout(timer);
        child.off("message", onMessage);
        resolve({ killed: false, answer: message });
      };
      child.on("message", onMessage);
      child.send({ id, raw, now, budget });
    });
  }

  stop(): void {
    this.child?.removeAllListeners("exit");
    this.child?.kill("SIGKILL");
    this.child = null;
    this.ready = null;
  }
}
