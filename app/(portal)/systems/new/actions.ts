"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/safe-action";
import { createSystemSchema } from "@/lib/systems/schema";
import { createSystem } from "@/lib/systems/create";

export const createSystemAction = action(
  "systems.manage",
  createSystemSchema,
  (f) => ({
    name: f.get("name"),
    nameNb: f.get("nameNb"),
    nameNn: f.get("nameNn"),
    nameEn: f.get("nameEn"),
    descriptionNb: f.get("descriptionNb"),
    descriptionNn: f.get("descriptionNn"),
    descriptionEn: f.get("descriptionEn"),
    accessPackages: f.getAll("accessPackages"),
    redirectUrl: f.get("redirectUrl"),
    clientIds: f.get("clientIds") ?? "",
    isVisible: f.get("isVisible") === "on",
  }),
  async (input, { actor, environment }) => {
    const system = await createSystem({ actor, environment }, input);
    revalidatePath("/systems");
    return { redirectTo: `/systems/${system.id}` };
  },
);
