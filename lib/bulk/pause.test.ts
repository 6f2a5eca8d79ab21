import { describe, expect, it } from "vitest";
import { JobPause } from "@/lib/bulk/pause";

const half = () => 0.5;

describe("bulk job pause", () => {
  it("waits for Retry-After when it is longer than the back-off", () => {
    const pause = new JobPause(() => 0, half);
    pause.extend(7000);
    expect(pause.remainingMs()).toBe(7000);
  });

  it("counts failures during a pause as one, backs off on a run of pauses, and a success resets it", () => {
    let now = 0;
    const pause = new JobPause(() => now, half);
    pause.extend(0);
    pause.extend(0); // a second call in flight failing in the same outage
    expect(pause.remainingMs()).toBe(1000);
    now = 1000;
    pause.extend(0);
    expect(pause.remainingMs()).toBe(2000);
    pause.reset();
    now = 3000;
    pause.extend(0);
    expect(pause.remainingMs()).toBe(1000);
  });
});
