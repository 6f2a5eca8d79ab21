// Test controls applied around every request: injected faults before routing, call counts after.
// The control area (POST /emulator/faults, /emulator/clock, GET /emulator/stats) owns this file.
import type { ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Emulator } from "../context";
import type { Fault } from "../state/control-schema";
import { sendEmpty, sendProblemJson } from "./http";
import { traceId } from "./aspnet-model";

/** Control endpoints are never faulted, so a test can always switch a fault off again. */
const CONTROL_PREFIX = "/emulator/";

/** Seeded random sequences per fault path; memory only, restarted whenever the fault is (re)configured. */
const sequences = new WeakMap<Fault, () => number>();

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw(fault: Fault): number {
  if (fault.seed === undefined) return Math.random();
  let next = sequences.get(fault);
  if (!next) {
    next = mulberry32(fault.seed);
    sequences.set(fault, next);
  }
  return next();
}

/** The fault with the longest path prefix matching `pathname` (case-insensitive), if any. */
export function matchFault(faults: readonly Fault[], pathname: string): Fault | undefined {
  const path = pathname.toLowerCase();
  if (path.startsWith(CONTROL_PREFIX) || path === "/emulator") return undefined;
  let best: Fault | undefined;
  for (const f of faults) {
    if (path.startsWith(f.path.toLowerCase()) && (!best || f.path.length > best.path.length)) best = f;
  }
  return best;
}

/** Answers the request itself (and returns true) when a configured fault applies. */
export async function applyFaults(emu: Emulator, pathname: string, res: ServerResponse): Promise<boolean> {
  const fault = matchFault(emu.store.data.control.faults, pathname);
  if (!fault) return false;
  if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  // errorRate 1 must always fail and 0 never, whatever the random draw is.
  if (fault.errorRate <= 0 || draw(fault) >= fault.errorRate) return false;
  const headers: Record<string, string> = {};
  if (fault.status === 429 || fault.retryAfterS !== undefined) headers["retry-after"] = String(fault.retryAfterS ?? 1);
  if (fault.status >= 500) {
    // A gateway in front of Altinn answers 5xx with a plain ProblemDetails; 4xx faults stay empty.
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    sendProblemJson(res, fault.status, {
      type: "https://tools.ietf.org/html/rfc9110#section-15.6",
      title: STATUS_CODES[fault.status] ?? "Server Error",
      status: fault.status,
      detail: "Fault injected by the emulator",
      traceId: traceId(),
    });
  } else {
    sendEmpty(res, fault.status, headers);
  }
  return true;
}

/** Counts one answered call under "METHOD /route/pattern status" (memory only; no state-file write per call). */
export function recordCall(emu: Emulator, method: string, pattern: string, status: number): void {
  const key = `${method} ${pattern} ${status}`;
  const calls = emu.store.data.control.calls;
  calls[key] = (calls[key] ?? 0) + 1;
}

/** Groups the flat counters as { "METHOD pattern": { "status": count } } for GET /emulator/stats. */
export function groupedCalls(calls: Readonly<Record<string, number>>): Record<string, Record<string, number>> {
  const grouped: Record<string, Record<string, number>> = {};
  for (const [key, count] of Object.entries(calls)) {
    const cut = key.lastIndexOf(" ");
    const route = key.slice(0, cut);
    const status = key.slice(cut + 1);
    grouped[route] = { ...grouped[route], [status]: count };
  }
  return grouped;
}
