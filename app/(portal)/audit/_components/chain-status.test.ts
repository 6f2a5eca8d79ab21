import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ChainProblem, ChainState } from "@/lib/audit/status";
import { translator } from "@/lib/i18n";
import { ChainStatus } from "./chain-status";

// What an auditor reads for each chain: what was checked from where, or what is wrong, in words.
const render = (chains: ChainState[], locale: "nb" | "en" = "en") =>
  renderToStaticMarkup(
    createElement(ChainStatus, { status: { ok: chains.every((c) => c.ok), chains }, t: translator(locale), locale }),
  ).replace(/<!-- -->/g, "");
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'");
const anchor = { chainSeq: "5", seq: "120", at: new Date("2026-12-01T10:00:00Z"), source: "directory" as const };
const broken = (reason: ChainProblem, seq: string | null): ChainState => ({
  chain: "env-1",
  kind: "environment",
  ok: false,
  checked: 0,
  anchor: null,
  problem: { reason, seq },
});

describe("ChainStatus", () => {
  it("says which chain holds, since which checkpoint, from where, or that there is none yet", () => {
    const html = render([
      { chain: "env-1", kind: "environment", ok: true, checked: 1234, anchor },
      { chain: "installation", kind: "installation", ok: true, checked: 3, anchor: null },
    ]);
    expect(html).toContain('data-chain-ok="true"');
    expect(text(html)).toContain(
      "This environment's chain intact. Checked after the signed checkpoint at event 120, made 01/12/2026, 11:00:00 (from the anchor directory). Events checked: 1,234.",
    );
    expect(html).toContain('href="/audit/120"');
    expect(text(html)).toContain(
      "The installation's chain (users and sign-ins) intact. No signed checkpoint yet, checked from the start. Events checked: 3.",
    );
  });

  it("explains each problem in plain words, linking the event only when it is still there", () => {
    const cases: [ChainProblem, string | null, string, boolean][] = [
      ["hash", "42", "event 42 was changed after it was written.", true],
      ["order", "42", "event 42 is out of order", true],
      ["link", "42", "event 42 does not name the hash of the event before it", true],
      ["checkpoint_mismatch", "42", "event 42 does not match the signed checkpoint", true],
      ["missing", "42", "events were deleted (the newest checkpoint covers event 42, which is gone).", false],
      ["checkpoint_signature", null, "a checkpoint's signature does not verify with the portal's key.", false],
      [
        "checkpoint_missing_from_database",
        "42",
        "checkpoint rows were deleted from the database; the anchor directory still has the one at event 42.",
        false,
      ],
    ];
    for (const [reason, seq, words, linked] of cases) {
      const html = render([broken(reason, seq)]);
      expect(html).toContain('data-chain-ok="false"');
      expect(text(html)).toContain(`This environment's chain broken: ${words}`);
      expect(html.includes('href="/audit/42"'), reason).toBe(linked);
    }
    expect(text(render([broken("hash", "7")], "nb"))).toContain("Dette miljøets kjede brutt: hendelse 7 er endret");
  });
});
