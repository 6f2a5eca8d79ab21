import { describe, expect, it } from "vitest";
import { boundedQueue } from "@/lib/core/bounded-queue";

/** A task that runs until released, counting how many run at once. */
function gate() {
  let running = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const task = () =>
    new Promise<void>((resolve) => {
      running += 1;
      peak = Math.max(peak, running);
      releases.push(() => {
        running -= 1;
        resolve();
      });
    });
  return { task, releases, peak: () => peak, running: () => running };
}

const busy = () => new Error("busy");
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("boundedQueue", () => {
  it("runs at most `concurrency` at once, queues up to `maxWaiting`, and refuses the rest at once", async () => {
    const q = boundedQueue(4, 3, busy);
    const g = gate();
    const accepted = Array.from({ length: 7 }, () => q.run(g.task));
    const refused = await Promise.allSettled(Array.from({ length: 5 }, () => q.run(g.task)));
    expect(q.active).toBe(4);
    expect(q.waiting).toBe(3);
    expect(refused.map((r) => (r.status === "rejected" ? String(r.reason) : "ran"))).toEqual(
      Array(5).fill("Error: busy"),
    );

    // As slots free up the queue drains, never above four at once.
    while (g.releases.length > 0 || q.waiting > 0) {
      g.releases.shift()?.();
      await settle();
    }
    await Promise.all(accepted);
    expect(g.peak()).toBe(4);
    expect(q.active).toBe(0);
  });

  it("takes new work again once the line is short enough", async () => {
    const q = boundedQueue(1, 1, busy);
    const g = gate();
    const first = q.run(g.task);
    const second = q.run(g.task);
    await expect(q.run(g.task)).rejects.toThrow("busy");
    g.releases.shift()?.();
    await first;
    await settle();
    const third = q.run(g.task); // the second now runs, so there is room in line
    g.releases.shift()?.();
    await second;
    await settle();
    g.releases.shift()?.();
    await third;
    expect(g.peak()).toBe(1);
  });

  it("passes results and failures through, and frees the slot after a failure", async () => {
    const q = boundedQueue(1, 0, busy);
    await expect(q.run(async () => 42)).resolves.toBe(42);
    await expect(q.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(q.run(async () => "again")).resolves.toBe("again");
  });
});
