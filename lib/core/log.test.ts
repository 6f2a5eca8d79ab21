import { describe, expect, it } from "vitest";
import { logFormat, prettyLine } from "@/lib/core/log";

describe("logFormat", () => {
  it("follows LOG_FORMAT, else json in production and pretty elsewhere", () => {
    expect(logFormat({ LOG_FORMAT: "pretty", NODE_ENV: "production" })).toBe("pretty");
    expect(logFormat({ LOG_FORMAT: "json" })).toBe("json");
    expect(logFormat({ NODE_ENV: "production" })).toBe("json");
    expect(logFormat({ NODE_ENV: "development" })).toBe("pretty");
    expect(logFormat({ LOG_FORMAT: "xml", NODE_ENV: "production" })).toBe("json");
  });
});

describe("prettyLine", () => {
  it("prints time, level, component, message and the other fields", () => {
    const line = prettyLine(
      JSON.stringify({
        level: "warn",
        time: "2026-12-04T06:28:52.036Z",
        pid: 1,
        component: "jobs",
        queue: "webhooks",
        n: 2,
        msg: "job failed",
      }),
    );
    expect(line).toBe("06:28:52.036 WARN  [jobs] job failed queue=webhooks n=2\n");
  });

  it("puts an error's stack below the line and passes non-JSON through", () => {
    const line = prettyLine(
      JSON.stringify({ level: "error", msg: "x", err: { message: "boom", stack: "Error: boom\n  at y" } }),
    );
    expect(line).toContain("ERROR x\n    Error: boom\n      at y");
    expect(prettyLine("plain")).toBe("plain");
  });
});
