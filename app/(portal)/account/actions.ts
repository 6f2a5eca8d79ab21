"use server";
import { z } from "zod";
import { accountAction } from "@/lib/auth/safe-action";
import { dropSession } from "@/lib/auth/session-cookie";
import { endOwnSessions } from "@/lib/users/sessions";

export const endAllSessionsAction = accountAction(
  z.object({}),
  () => ({}),
  async (_input, { actor }) => {
    await endOwnSessions(actor);
    await dropSession();
    return { redirectTo: "/signin?ended=all" };
  },
);
