// parse-full-name ships no types: the one function Rapport calls, as its README documents it.
declare module "parse-full-name" {
  export interface ParsedName {
    title: string;
    first: string;
    middle: string;
    last: string;
    nick: string;
    suffix: string;
    error: string[];
  }
  /**
   * @param fixCase 1 always, 0 never, -1 only when the input is all upper or all lower case
   * @param stopOnError 1 throws on a parse error, 0 lists it in `error`
   * @param useLongLists 1 uses the long title and suffix lists
   */
  export function parseFullName(name: string, partToReturn?: "all", fixCase?: -1 | 0 | 1, stopOnError?: 0 | 1, useLongLists?: 0 | 1): ParsedName;
}
