/**
 * `npm run bench`: Rapport's performance figures (docs/performance.md says what each promises).
 * Stdout carries only result lines, `name: value unit`; progress goes to stderr.
 *
 *   npm run bench                  full run (a few minutes)
 *   npm run bench -- --quick       the same figures from less data (CI: well under two minutes)
 *   npm run bench -- --only inbound,bundle    some of: inbound, dispatch, bundle, load
 *
 * Targets are reported, not enforced; the exit code is non-zero when a benchmark fails to run
 * or the load test loses or doubles a confirmation.
 */
import { benchBundle } from "./bundle";
import { benchDispatch, benchFanOut } from "./dispatch";
import { benchInbound } from "./inbound";
import { benchHostile, benchLarge } from "./inbound-large";
import { note, result } from "./lib";
import { benchLoad } from "./load";

const BENCHES = ["inbound", "bundle", "dispatch", "load"] as const;
type Bench = (typeof BENCHES)[number];

interface Settings {
  inboundRounds: number;
  inboundWarmup: number;
  dispatchSizes: [number, number];
  /** Nudges due at once for dispatch_sent_per_tick. */
  fanOut: number;
  loadMessages: number;
}

const FULL: Settings = { inboundRounds: 200, inboundWarmup: 20, dispatchSizes: [10_000, 100_000], fanOut: 10_000, loadMessages: 500 };
const QUICK: Settings = { inboundRounds: 30, inboundWarmup: 5, dispatchSizes: [1_000, 10_000], fanOut: 2_000, loadMessages: 100 };

function parseArgs(argv: string[]): { settings: Settings; only: Set<Bench> } {
  let settings = FULL;
  let only = new Set<Bench>(BENCHES);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--quick") settings = QUICK;
    else if (arg === "--only" || arg.startsWith("--only=")) {
      const value = arg.startsWith("--only=") ? arg.slice("--only=".length) : (argv[++i] ?? "");
      const names = value.split(",").filter(Boolean);
      const unknown = names.filter((name) => !(BENCHES as readonly string[]).includes(name));
      if (unknown.length > 0 || names.length === 0) throw new Error(`--only takes some of ${BENCHES.join(", ")}; got "${value}"`);
      only = new Set(names as Bench[]);
    } else {
      throw new Error(`unknown option ${arg} (use --quick, --only NAMES)`);
    }
  }
  return { settings, only };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (error) {
    note(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const { settings, only } = parsed;
  note(`${settings === QUICK ? "quick" : "full"} run: ${[...only].join(", ")}`);
  let failed = false;

  const attempt = async (name: Bench, bench: () => Promise<void>) => {
    if (!only.has(name)) return;
    const started = performance.now();
    try {
      await bench();
      note(`${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed = true;
      note(`${name}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };

  // The in-process parse first, while nothing else runs on the machine.
  await attempt("inbound", async () => {
    const inbound = await benchInbound({ rounds: settings.inboundRounds, warmupRounds: settings.inboundWarmup });
    note(`inbound: ${inbound.files} files; total ${inbound.oursTotalMs.toFixed(0)} ms vs bare ${inbound.bareTotalMs.toFixed(0)} ms`);
    result("inbound_parse_p50_ms", inbound.p50Ms, "ms", 3);
    result("inbound_parse_p99_ms", inbound.p99Ms, "ms", 3);
    result("inbound_vs_bare_ratio", inbound.ratio, "ratio", 3);
    const large = await benchLarge(Math.max(5, Math.round(settings.inboundRounds / 4)));
    result("inbound_large_forward_ms", large.oursMs, "ms", 2);
    result("inbound_large_bare_ms", large.bareMs, "ms", 2);
    const hostile = await benchHostile(settings === QUICK ? 3 : 7);
    note(`inbound: costliest hostile calendar: ${hostile.worstCase}`);
    result("inbound_hostile_worst_ms", hostile.worstMs, "ms", 1);
  });

  await attempt("dispatch", async () => {
    const [small, large] = await benchDispatch(settings.dispatchSizes);
    if (!small || !large || small.claimed === 0 || large.claimed === 0) throw new Error("a dispatch run claimed nothing");
    // Rows read by the tick and by every consumer delivery, per nudge the tick claimed.
    const perDue = (run: typeof small) => run.rowsRead / run.queued;
    note(`dispatch: rows read per due nudge ${perDue(small).toFixed(1)} at ${small.users} users, ${perDue(large).toFixed(1)} at ${large.users}`);
    result("dispatch_rows_read_per_due", perDue(large), "rows", 1);
    result("dispatch_ms_per_due", large.ms / large.queued, "ms", 2);
    result("dispatch_rows_read_growth", perDue(large) / perDue(small), "ratio", 2);
    const fanOut = await benchFanOut(settings.fanOut);
    if (fanOut.claimed !== fanOut.due) throw new Error(`the consumer took ${fanOut.claimed} nudges for ${fanOut.due} due: some were taken twice or never`);
    // Sent as a result of one scheduled(): sent or, for paused users, skipped; each exactly once.
    result("dispatch_sent_per_tick", fanOut.sent, "nudges", 0);
    result("dispatch_drain_s", fanOut.ms / 1000, "s", 2);
  });

  await attempt("bundle", async () => {
    const bundle = benchBundle();
    result("bundle_gzip_kb", bundle.gzipBytes / 1024, "KB", 1);
  });

  await attempt("load", async () => {
    const load = await benchLoad({ messages: settings.loadMessages, inFlight: 20 });
    result("inbound_load_msgs_per_s", load.perSecond, "msgs/s", 1);
    result("inbound_load_confirmed_ratio", load.confirmed / load.messages, "ratio", 3);
    if (load.problems.length > 0) throw new Error(`${load.problems.length} invites were not answered by exactly one confirmation`);
  });

  return failed ? 1 : 0;
}

process.exitCode = await main();
