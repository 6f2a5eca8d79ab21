"use server";
import { accountAction } from "@/lib/auth/safe-action";
import { reissueSession } from "@/lib/auth/session-cookie";
import { changePasswordSchema } from "@/lib/users/schema";
import { changeOwnPassword } from "@/lib/users/accounts";

export const changePasswordAction = accountAction(
  changePasswordSchema,
  (f) => ({ current: f.get("current"), next: f.get("next"), confirm: f.get("confirm") }),
  async (input, { actor }) => {
    // Every other session of this person ends; this one goes on with a token for the new version.
    const sessionVersion = await changeOwnPassword(actor, input.current, input.next);
    await reissueSession(sessionVersion);
    return { redirectTo: "/" };
  },
);
