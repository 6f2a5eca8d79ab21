"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/safe-action";
import { brandingFormInput, brandingFormSchema, uploadBytes } from "@/lib/branding/form";
import { resetBrandingSchema } from "@/lib/branding/schema";
import { resetSystemBranding, saveSystemBranding } from "@/lib/branding/write";
import { translator } from "@/lib/i18n";

const say = (key: string) => ({ nb: translator("nb")(key), en: translator("en")(key) });

export const saveSystemBrandingAction = action(
  "systems.manage",
  brandingFormSchema,
  brandingFormInput,
  async ({ id, logo, ...fields }, scope) => {
    const { changed } = await saveSystemBranding(scope, id, fields, await uploadBytes(logo));
    revalidatePath(`/systems/${id}`);
    return { message: say(changed.length ? "brand.saved" : "brand.unchanged") };
  },
);

export const resetSystemBrandingAction = action(
  "systems.manage",
  resetBrandingSchema,
  (f) => ({ id: f.get("id") }),
  async ({ id }, scope) => {
    const { reset } = await resetSystemBranding(scope, id);
    revalidatePath(`/systems/${id}`);
    return { message: say(reset ? "brand.resetDone" : "brand.resetNothing"), result: { reset: String(reset) } };
  },
);
