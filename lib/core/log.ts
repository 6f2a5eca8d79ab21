import pino from "pino";

// Structured logs for the paths an operator follows (server start and stop, failed requests, failed
// jobs, failed outbound calls): one JSON object per line with level, time, msg and, where the call log
// has one, the correlation id, so a log collector can join a line to the call log and to Altinn's own
// logs. LOG_FORMAT=pretty prints the same records as readable lines for a terminal (ADR 023).
// Pure Node, no "server-only": the custom server logs through it before Next is loaded, and the one
// logger lives on globalThis so the server and Next's bundles share it.

export const LOG_FORMATS = ["json", "pretty"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** LOG_FORMAT when valid (lib/core/env.ts refuses other values at start), else by NODE_ENV. */
export function logFormat(vars: Record<string, string | undefined>): LogFormat {
  const asked = LOG_FORMATS.find((f) => f === vars.LOG_FORMAT);
  return asked ?? (vars.NODE_ENV === "production" ? "json" : "pretty");
}

const PRETTY_SKIP = new Set(["level", "time", "msg", "pid", "hostname", "component", "err"]);

/** One JSON record as a terminal line: "12:00:01.234 WARN  [jobs] msg key=value", the stack below it. */
export function prettyLine(json: string): string {
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof r.time === "string" ? r.time.slice(11, 23) : "";
  const level = String(r.level ?? "").toUpperCase();
  const component = r.component ? `[${String(r.component)}] ` : "";
  const fields = Object.entries(r)
    .filter(([k]) => !PRETTY_SKIP.has(k))
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  const err = r.err as { stack?: string; message?: string } | undefined;
  const stack = err ? `\n    ${(err.stack ?? err.message ?? "").split("\n").join("\n    ")}` : "";
  return `${time} ${level.padEnd(5)} ${component}${String(r.msg ?? "")}${fields.length ? ` ${fields.join(" ")}` : ""}${stack}\n`;
}

function create(format: LogFormat): pino.Logger {
  const options: pino.LoggerOptions = {
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // "level":"warn" rather than pino's numbers: readable in any collector without a mapping.
    formatters: { level: (label) => ({ level: label }) },
  };
  // Under vitest an error line goes through console.error, which vitest.setup.ts turns into a failing
  // test: a job or request that fails unexpectedly must still fail the test that caused it.
  if (process.env.VITEST) {
    return pino(options, {
      write: (line: string) => {
        if (/"level":"(error|fatal)"/.test(line)) console.error(prettyLine(line).trimEnd());
        else process.stdout.write(prettyLine(line));
      },
    });
  }
  if (format === "json") return pino(options, process.stdout);
  return pino(options, { write: (line: string) => void process.stdout.write(prettyLine(line)) });
}

const KEY = Symbol.for("systembruker-portal.logger");

/** The process's logger for one component ("server", "jobs", "outbound" ...). */
export function logger(component: string): pino.Logger {
  const g = globalThis as typeof globalThis & { [KEY]?: pino.Logger };
  g[KEY] ??= create(logFormat(process.env));
  return g[KEY].child({ component });
}
