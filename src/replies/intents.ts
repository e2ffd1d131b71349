/**
 * Which recogniser reads a clause: each says whether the clause is its command (sure), might be
 * (a guess, asked about), or is not; the first sure reading, in the order below, wins.
 */
import { account, explicitNote, help, yes } from "./intents-account";
import { landed, linkedin, moved, timeZone } from "./intents-news";
import { cadence, dayNamed, done, keepAsIs, pauseResume, skipStopUnsubscribe, snooze, snoozeUntilThen } from "./intents-reminders";
import type { Piece } from "./fragments";
import type { Context, Reading } from "./reading";
import type { Command, CommandKind } from "./reply-kinds";

export { account, dayNamed, explicitNote, snoozeUntilThen };

/** The clause-level recognisers, in the order they are tried: the first sure reading wins. */
export function readClause(piece: Piece, sentence: Piece, context: Context): { commands: Command[] } | { guess: CommandKind } | null {
  const guesses: CommandKind[] = [];
  const tried: Reading[] = [
    linkedin(piece),
    account(piece, context),
    landed(piece, sentence),
    moved(piece, context),
    skipStopUnsubscribe(piece),
    keepAsIs(piece),
    pauseResume(piece),
    done(piece, context),
    cadence(piece),
    timeZone(piece),
    snooze(piece, context),
    help(piece),
    yes(piece, context, sentence),
  ];
  for (const reading of tried) {
    if (!reading) continue;
    if ("commands" in reading) return reading;
    guesses.push(reading.guess);
  }
  return guesses[0] ? { guess: guesses[0] } : null;
}

