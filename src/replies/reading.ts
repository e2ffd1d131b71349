/**
 * What a recogniser says of a piece of a reply: sure (commands, acted on), a guess (not acted
 * on: the answer asks), or nothing. Shared by the recognisers (intents-*.ts, corrections.ts).
 */
import type { AnsweredKind, Command, CommandKind } from "./reply-kinds";
import type { Clock } from "./when";

export interface Context {
  clock: Clock;
  /** The kind of email answered, when known. */
  to: AnsweredKind | null;
}

export type Reading = { commands: Command[] } | { guess: CommandKind } | null;

export const sure = (...commands: Command[]): Reading => ({ commands });
export const guess = (kind: CommandKind): Reading => ({ guess: kind });
