"use server";
import { action } from "@/lib/auth/safe-action";
import { changePasswordSchema } from "@/lib/users/schema";
import { changeOwnPassword } from "@/lib/users/accounts";

export const changePasswordAction = action(
  "portal.read",
  changePasswordSchema,
  (f) => ({ current: f.get("current"), next: f.get("next"), confirm: f.get("confirm") }),
  async (input, { actor }) => {
    await changeOwnPassword(actor, input.current, input.next);
    return { redirectTo: "/" };
  },
);
