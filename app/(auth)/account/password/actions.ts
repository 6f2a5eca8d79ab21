"use server";
import { action } from "@/lib/actions/safe-action";
import { changePasswordSchema } from "@/lib/validations/user";
import { changeOwnPassword } from "@/lib/dal/users";

export const changePasswordAction = action(
  "portal.read",
  changePasswordSchema,
  (f) => ({ current: f.get("current"), next: f.get("next"), confirm: f.get("confirm") }),
  async (input, actor) => {
    await changeOwnPassword(actor, input.current, input.next);
    return { redirectTo: "/" };
  },
);
