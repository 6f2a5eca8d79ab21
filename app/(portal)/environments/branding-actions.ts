"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/safe-action";
import { brandingFormInput, brandingFormSchema, uploadBytes } from "@/lib/branding/form";
import { resetBrandingSchema } from "@/lib/branding/schema";
import { resetEnvironmentBranding, saveEnvironmentBranding } from "@/lib/branding/write";
import { translator } from "@/lib/i18n";

const say = (key: string) => ({ nb: translator("nb")(key), en: translator("en")(key) });

// Like the other settings on this page, these edit the environment the admin opened (`id`), any environment.
export const saveEnvironmentBrandingAction = action(
  "environments.manage",
  brandingFormSchema,
  brandingFormInput,
  async ({ id, logo, ...fields }, { actor }) => {
    const { changed } = await saveEnvironmentBranding(actor, id, fields, await uploadBytes(logo));
    revalidatePath("/environments", "layout");
    return { message: say(changed.length ? "brand.saved" : "brand.unchanged") };
  },
);

export const resetEnvironmentBrandingAction = action(
  "environments.manage",
  resetBrandingSchema,
  (f) => ({ id: f.get("id") }),
  async ({ id }, { actor }) => {
    const { reset } = await resetEnvironmentBranding(actor, id);
    revalidatePath("/environments", "layout");
    return { message: say(reset ? "brand.resetDone" : "brand.resetNothing"), result: { reset: String(reset) } };
  },
);
