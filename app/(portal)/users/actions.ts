"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/safe-action";
import { createUserWithOneTimePassword } from "@/lib/users/accounts";
import {
  changeUserRole,
  endUserSessions,
  resetUserPassword,
  setUserDisabled,
  withdrawOidcLink,
} from "@/lib/users/admin";
import { allowOidcLink } from "@/lib/users/allow-link";
import { getUser } from "@/lib/users/queries";
import { createUserSchema, userIdSchema, userRoleSchema, userSwitchSchema } from "@/lib/users/schema";

const SAVED = { nb: "Lagret.", en: "Saved." };
const UNCHANGED = { nb: "Ingen endring.", en: "Nothing changed." };
const done = (changed: boolean, id: string) => {
  revalidatePath("/users");
  revalidatePath(`/users/${id}`);
  return { message: changed ? SAVED : UNCHANGED };
};

export const createUserAction = action(
  "users.manage",
  createUserSchema,
  (f) => ({ email: f.get("email"), name: f.get("name"), role: f.get("role") }),
  async (input, { actor }) => {
    const { user, password } = await createUserWithOneTimePassword(input, actor);
    revalidatePath("/users");
    // Shown once: the form keeps it until the page is left; the database has only its hash.
    return {
      result: { password, email: user.email, id: user.id },
      message: { nb: `${user.email} er opprettet.`, en: `${user.email} was created.` },
    };
  },
);

export const changeRoleAction = action(
  "users.manage",
  userRoleSchema,
  (f) => ({ id: f.get("id"), role: f.get("role") }),
  async (input, { actor }) => done(await changeUserRole(actor, input.id, input.role), input.id),
);

export const setDisabledAction = action(
  "users.manage",
  userSwitchSchema,
  (f) => ({ id: f.get("id"), on: f.get("on") }),
  async (input, { actor }) => done(await setUserDisabled(actor, input.id, input.on), input.id),
);

export const setOidcLinkAction = action(
  "users.manage",
  userSwitchSchema,
  (f) => ({ id: f.get("id"), on: f.get("on") }),
  async (input, { actor }) => {
    if (!input.on) return done(await withdrawOidcLink(actor, input.id), input.id);
    await allowOidcLink(actor, (await getUser(actor, input.id)).email);
    return done(true, input.id);
  },
);

export const endSessionsAction = action(
  "users.manage",
  userIdSchema,
  (f) => ({ id: f.get("id") }),
  async (input, { actor }) => {
    await endUserSessions(actor, input.id);
    return {
      message: { nb: "Alle øktene er avsluttet.", en: "All sessions were ended." },
    };
  },
);

export const resetPasswordAction = action(
  "users.manage",
  userIdSchema,
  (f) => ({ id: f.get("id") }),
  async (input, { actor }) => {
    const { password } = await resetUserPassword(actor, input.id);
    revalidatePath(`/users/${input.id}`);
    return {
      result: { password },
      message: { nb: "Nytt engangspassord er laget.", en: "A new one-time password was issued." },
    };
  },
);
