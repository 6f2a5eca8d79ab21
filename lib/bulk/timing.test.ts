import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { sleep } from "@/lib/bulk/timing";

describe("bulk sleep", () => {
  it("wakes at once on abort", async () => {
    const stop = new AbortController();
    const t = performance.now();
    const slept = sleep(10_000, stop.signal);
    stop.abort();
    await slept;
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it("leaves no listener on a long-lived signal once the time is up", async () => {
    const { signal } = new AbortController();
    await Promise.all(Array.from({ length: 20 }, () => sleep(1, signal)));
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });
});
