/**
 * Which recogniser reads a clause: each says whether the clause is its command (sure), might be
 * (a guess, asked about), or is not; the first sure reading, in the order below, wins.
 */
import { correction } from "./corrections";
import { account, explicitNote, help, yes } from "./intents-account";
import { landed, linkedin, moved, timeZone } from "./intents-news";
import { cadence, dayNamed, done, keepAsIs, pauseResume, skipStopUnsubscribe, snooze, snoozeUntilThen } from "./intents-reminders";
import type { Piece } from "./fragments";
import { inEnglish } from "./phrasebook";
import type { Context, Reading } from "./reading";
import type { Command, CommandKind } from "./reply-kinds";

export { account, dayNamed, explicitNote, snoozeUntilThen };

/**
 * Reads a clause; a clause the English recognisers do not read is tried again in the words the
 * phrasebook gives it ("ya lo mandé" is "sent"), and kept only when that reads as a command.
 */
export function readClause(piece: Piece, sentence: Piece, context: Context): { commands: Command[] } | { guess: CommandKind } | null {
  const read = readEnglishClause(piece, sentence, context);
  if (read && "commands" in read) return read;
  const english = inEnglish(piece.core);
  if (english === piece.core) return read;
  // The text as typed, translated where the phrasebook knows it: names and companies keep their capitals.
  const typed = inEnglish(piece.text.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, ""), true);
  const said = { ...piece, core: english, lower: english, text: typed };
  // A correction is read from its words alone ("ce sera en visio" is "it's video").
  const corrected = correction(said, context);
  if (corrected && "commands" in corrected) return corrected;
  const translated = readEnglishClause(said, sentence, context);
  return translated && "commands" in translated ? translated : read;
}

/** The clause-level recognisers, in the order they are tried: the first sure reading wins. */
function readEnglishClause(piece: Piece, sentence: Piece, context: Context): { commands: Command[] } | { guess: CommandKind } | null {
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

