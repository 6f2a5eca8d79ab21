"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/safe-action";
import { promoteSchema, promoteSystem } from "@/lib/promotion/promote";

export const promoteSystemAction = action(
  "systems.manage",
  promoteSchema,
  (f) => ({ id: f.get("id"), target: f.get("target") ?? "", confirm: f.get("confirm") ?? "" }),
  async (input, { actor, environment }) => {
    const { systemId, changed } = await promoteSystem({ actor, environment }, input);
    revalidatePath(`/systems/${input.id}/promote`);
    return {
      message: changed.length
        ? { nb: `Overført til produksjon: ${systemId}.`, en: `Promoted to production: ${systemId}.` }
        : { nb: "Ingen endringer: produksjon hadde allerede dette.", en: "No changes: production already had this." },
    };
  },
);
