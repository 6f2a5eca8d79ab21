"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/safe-action";
import {
  adoptFinding,
  fixFinding,
  ignoreFinding,
  reonboardFromFinding,
  requestReconciliation,
} from "@/lib/reconciliation/fixes";

const FIXES = { fix: fixFinding, adopt: adoptFinding, ignore: ignoreFinding } as const;

export const runReconciliationAction = action(
  "reconciliation.manage",
  z.object({}),
  () => ({}),
  async (_input, { actor, environment }) => {
    await requestReconciliation({ actor, environment });
    return {
      message: {
        nb: "Avstemmingen er startet. Siden oppdateres når den er ferdig.",
        en: "Reconciliation started. The page updates when it has finished.",
      },
    };
  },
);

export const resolveFindingAction = action(
  "reconciliation.manage",
  z.object({ id: z.uuid(), how: z.enum(["fix", "adopt", "ignore"]) }),
  (f) => ({ id: f.get("id"), how: f.get("how") }),
  async (input, { actor, environment }) => {
    await FIXES[input.how]({ actor, environment }, input.id);
    revalidatePath("/reconciliation");
    return { message: { nb: "Avviket er løst.", en: "The finding is resolved." } };
  },
);

export const reonboardAction = action(
  "reconciliation.manage",
  z.object({ id: z.uuid() }),
  (f) => ({ id: f.get("id") }),
  async (input, { actor, environment }) => {
    const request = await reonboardFromFinding({ actor, environment }, input.id);
    return { redirectTo: `/requests/${request.id}` };
  },
);
