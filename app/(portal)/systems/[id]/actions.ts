"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/safe-action";
import { deleteSystemSchema, editSystemSchema, openOnboardingSchema, syncSystemSchema } from "@/lib/systems/schema";
import { deleteSystem, updateSystem } from "@/lib/systems/edit";
import { setOpenOnboarding } from "@/lib/systems/open-onboarding";
import { resolveSystemDrift } from "@/lib/systems/sync";
import { translator, type Locale } from "@/lib/i18n";

export const updateSystemAction = action(
  "systems.manage",
  editSystemSchema,
  (f) => ({
    id: f.get("id"),
    nameNb: f.get("nameNb"),
    nameNn: f.get("nameNn"),
    nameEn: f.get("nameEn"),
    descriptionNb: f.get("descriptionNb"),
    descriptionNn: f.get("descriptionNn"),
    descriptionEn: f.get("descriptionEn"),
    accessPackages: f.getAll("accessPackages"),
    redirectUrls: f.get("redirectUrls") ?? "",
    clientIds: f.get("clientIds") ?? "",
    isVisible: f.get("isVisible") === "on",
    rights: f.get("rights") ?? undefined,
  }),
  async (input, { actor, environment }) => {
    const { id } = await updateSystem({ actor, environment }, input);
    revalidatePath("/systems");
    return { redirectTo: `/systems/${id}` };
  },
);

export const deleteSystemAction = action(
  "systems.manage",
  deleteSystemSchema,
  (f) => ({ id: f.get("id"), confirm: f.get("confirm") ?? "" }),
  async (input, { actor, environment }) => {
    const { id } = await deleteSystem({ actor, environment }, input);
    revalidatePath("/systems");
    return { redirectTo: `/systems/${id}` };
  },
);

export const resolveDriftAction = action(
  "systems.manage",
  syncSystemSchema,
  (f) => ({ id: f.get("id"), winner: f.get("winner") }),
  async (input, { actor, environment }) => {
    const { changed } = await resolveSystemDrift({ actor, environment }, input);
    revalidatePath(`/systems/${input.id}`, "layout");
    const say = (locale: "nb" | "en") => {
      const t = translator(locale);
      return changed.length
        ? t("sysreg.sync.done", { fields: changed.map((f) => t(`sysreg.field.${f}`)).join(", ") })
        : t("sysreg.sync.nothing");
    };
    return { message: { nb: say("nb"), en: say("en") } };
  },
);

export const setOpenOnboardingAction = action(
  "systems.manage",
  openOnboardingSchema,
  (f) => ({ id: f.get("id"), enabled: f.get("enabled") === "true" }),
  async (input, { actor, environment }) => {
    const { openOnboarding } = await setOpenOnboarding({ actor, environment }, input);
    revalidatePath(`/systems/${input.id}`);
    const say = (locale: Locale) => translator(locale)(openOnboarding ? "open.enabled" : "open.disabled");
    return { message: { nb: say("nb"), en: say("en") } };
  },
);
