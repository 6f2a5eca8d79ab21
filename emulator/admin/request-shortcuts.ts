// Emulator-only shortcuts for the customer's side (tests and start-up scripts, never the portal):
// escalate, agent and change-request decisions, and system-user deletion, with the same effects as
// the HTML pages. Standard approve/reject live in admin-routes.ts.
import { z } from "zod";
import type { Emulator } from "../context";
import { decideRequest, deleteSystemUser, escalateRequest, type Decision } from "../altinn/approval";
import { decideChangeRequest } from "../altinn/change-request-approval";
import { changeRequestResponse } from "../altinn/change-request-models";
import { problemBody, type AuthCode } from "../altinn/problems";
import { requestResponse } from "../altinn/request-models";
import { findPerson, PERSONS } from "../data/entities";
import { readText, sendEmpty, sendJson } from "../lib/http";
import { param, type Ctx, type Router } from "../lib/router";

const decisionInput = z.object({ personId: z.string().optional() }).optional();

function sendCode(ctx: Ctx, code: AuthCode): void {
  const body = problemBody(code);
  sendJson(ctx.res, Number(body.status), body, { "content-type": "application/problem+json; charset=utf-8" });
}

/** The optional `{"personId"}` body (default: the first synthetic person), or null after a 400. */
async function person(ctx: Ctx): Promise<string | null> {
  const text = await readText(ctx.req);
  let raw: unknown;
  try {
    raw = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    sendJson(ctx.res, 400, { error: "Body is not valid JSON" });
    return null;
  }
  const parsed = decisionInput.safeParse(raw);
  if (!parsed.success) {
    sendJson(ctx.res, 400, { error: z.prettifyError(parsed.error) });
    return null;
  }
  const personId = parsed.data?.personId ?? PERSONS[0]?.id ?? "";
  if (!findPerson(personId)) {
    sendJson(ctx.res, 400, { error: `Unknown personId ${personId}` });
    return null;
  }
  return personId;
}

export function registerRequestShortcuts(router: Router, emu: Emulator): void {
  router.post("/emulator/requests/:id/escalate", (ctx) => {
    const result = escalateRequest(emu.store, param(ctx, "id").toLowerCase(), emu.now());
    if (!result.ok) return sendCode(ctx, result.code);
    sendJson(ctx.res, 200, requestResponse(result.request, emu.publicUrl, emu.now()));
  });

  const agentDecision = (decision: Decision) => async (ctx: Ctx) => {
    const personId = await person(ctx);
    if (personId === null) return;
    const result = decideRequest(emu.store, param(ctx, "id").toLowerCase(), decision, personId, emu.now(), "agent");
    if (!result.ok) return sendCode(ctx, result.code);
    sendJson(ctx.res, 200, requestResponse(result.request, emu.publicUrl, emu.now()));
  };
  router.post("/emulator/agentrequests/:id/approve", agentDecision("approve"));
  router.post("/emulator/agentrequests/:id/reject", agentDecision("reject"));

  const changeDecision = (decision: Decision) => async (ctx: Ctx) => {
    const personId = await person(ctx);
    if (personId === null) return;
    const result = decideChangeRequest(emu.store, param(ctx, "id").toLowerCase(), decision, personId);
    if (!result.ok) return sendCode(ctx, result.code);
    sendJson(ctx.res, 200, changeRequestResponse(result.changeRequest, emu.publicUrl, emu.now()));
  };
  router.post("/emulator/changerequests/:id/approve", changeDecision("approve"));
  router.post("/emulator/changerequests/:id/reject", changeDecision("reject"));

  router.delete("/emulator/systemusers/:id", (ctx) => {
    const result = deleteSystemUser(emu.store, param(ctx, "id").toLowerCase());
    if (!result.ok) return sendCode(ctx, result.code);
    sendEmpty(ctx.res, 202);
  });
}
