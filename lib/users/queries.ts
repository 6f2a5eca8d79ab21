import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { z } from "zod";

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: RoleName;
  disabled: boolean;
  mustChangePassword: boolean;
  oneTimePasswordExpiresAt: Date | null;
  lastSignInAt: Date | null;
  oidcLinkAllowed: boolean;
  /** A single sign-on identity is bound to the account (lib/users/identities.ts). */
  ssoLinked: boolean;
  hasPassword: boolean;
};

const SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  mustChangePassword: true,
  oneTimePasswordExpiresAt: true,
  lastSignInAt: true,
  oidcLinkAllowed: true,
  passwordHash: true,
  _count: { select: { identities: true } },
} as const;

type Selected = Omit<UserRow, "hasPassword" | "ssoLinked"> & {
  passwordHash: string | null;
  _count: { identities: number };
};

// The hash never leaves this module: the page needs only to know whether there is one.
const toRow = ({ passwordHash, _count, ...u }: Selected): UserRow => ({
  ...u,
  ssoLinked: _count.identities > 0,
  hasPassword: passwordHash !== null,
});

export async function listUsers(actor: Actor | null): Promise<UserRow[]> {
  assertCan(actor, "users.manage");
  const users = await db.user.findMany({ select: SELECT, orderBy: [{ disabled: "asc" }, { email: "asc" }] });
  return users.map(toRow);
}

export async function getUser(actor: Actor | null, id: string): Promise<UserRow> {
  assertCan(actor, "users.manage");
  const user = z.uuid().safeParse(id).success ? await db.user.findUnique({ where: { id }, select: SELECT }) : null;
  if (!user) throw notFound({ nb: "brukeren", en: "The user" });
  return toRow(user);
}

/** One's own account, for /account. */
export async function getOwnAccount(actor: Actor | null): Promise<UserRow> {
  assertCan(actor, "account.self");
  return toRow(await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: SELECT }));
}
