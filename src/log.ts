/**
 * One JSON line per event, so Workers Logs (and `wrangler tail`) can be filtered by field.
 * Never log message bodies or invite text: addresses and codes are enough to follow a message.
 */
export type LogLevel = "info" | "warn" | "error";

export interface Logger {
  (level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = (level, event, fields = {}) => {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
};
