"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/safe-action";
import { createChangeRequests, refreshChangeRequests } from "@/lib/systems/change-requests";

const input = z.object({ systemId: z.uuid() });
const read = (f: FormData) => ({ systemId: f.get("systemId") });

export const createChangeRequestsAction = action(
  "systems.manage",
  input,
  read,
  async ({ systemId }, { actor, environment }) => {
    const outcomes = await createChangeRequests({ actor, environment }, systemId);
    revalidatePath(`/systems/${systemId}`);
    const failed = outcomes.filter((o) => !o.ok);
    const made = outcomes.length - failed.length;
    if (failed.length === 0) {
      return {
        message: {
          nb: `${made} endringsforespørsler er laget. Send godkjenningslenkene til kundene.`,
          en: `${made} change requests created. Send the approval links to the customers.`,
        },
      };
    }
    const list = (lang: "nb" | "en") => failed.map((o) => `${o.orgNo}: ${o.message?.[lang] ?? ""}`).join("; ");
    return {
      message: {
        nb: `${made} laget, ${failed.length} feilet: ${list("nb")}`,
        en: `${made} created, ${failed.length} failed: ${list("en")}`,
      },
    };
  },
);

export const refreshChangeRequestsAction = action(
  "requests.refresh",
  input,
  read,
  async ({ systemId }, { actor, environment }) => {
    const { changed } = await refreshChangeRequests({ actor, environment }, systemId);
    revalidatePath(`/systems/${systemId}`);
    return {
      message: { nb: `Status er oppdatert (${changed} endret).`, en: `Status refreshed (${changed} changed).` },
    };
  },
);
