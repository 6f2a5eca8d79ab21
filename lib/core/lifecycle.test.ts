import { beforeEach, describe, expect, it } from "vitest";
import {
  beginShutdown,
  isShuttingDown,
  onShutdown,
  resetLifecycleForTests,
  runShutdownHooks,
  shutdownTimeoutMs,
} from "@/lib/core/lifecycle";

beforeEach(() => resetLifecycleForTests());

describe("lifecycle", () => {
  it("raises the flag once shutdown begins", () => {
    expect(isShuttingDown()).toBe(false);
    beginShutdown();
    expect(isShuttingDown()).toBe(true);
  });

  it("runs a phase's hooks last-registered first, and only that phase", async () => {
    const order: string[] = [];
    onShutdown("database", async () => void order.push("database"), "last");
    onShutdown("queue", async () => void order.push("queue"));
    onShutdown("runners", async () => void order.push("runners"));
    await runShutdownHooks("work", 1000);
    expect(order).toEqual(["runners", "queue"]);
    await runShutdownHooks("last", 1000);
    expect(order).toEqual(["runners", "queue", "database"]);
  });

  it("goes on past a hook that fails or overruns the bound, and names it", async () => {
    const ran: string[] = [];
    const lines: string[] = [];
    onShutdown("after", async () => void ran.push("after"));
    onShutdown("slow", () => new Promise<void>(() => {}));
    onShutdown("broken", async () => {
      throw new Error("boom");
    });
    const started = Date.now();
    const failed = await runShutdownHooks("work", 100, (l) => lines.push(l));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(failed).toEqual(["broken", "slow"]);
    expect(ran).toEqual(["after"]);
    expect(lines.join("\n")).toMatch(/broken: boom[\s\S]*slow did not stop/);
  });

  it("replaces a hook registered again under its name", async () => {
    const ran: string[] = [];
    onShutdown("jobs", async () => void ran.push("first"));
    onShutdown("jobs", async () => void ran.push("second"));
    await runShutdownHooks("work", 1000);
    expect(ran).toEqual(["second"]);
  });

  it("reads SHUTDOWN_TIMEOUT_MS, defaulting to 10 s", () => {
    expect(shutdownTimeoutMs({})).toBe(10_000);
    expect(shutdownTimeoutMs({ SHUTDOWN_TIMEOUT_MS: "2500" })).toBe(2500);
    expect(shutdownTimeoutMs({ SHUTDOWN_TIMEOUT_MS: "soon" })).toBe(10_000);
  });
});
