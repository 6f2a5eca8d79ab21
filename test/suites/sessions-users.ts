import { randomBytes } from "node:crypto";
import type { Portal } from "../portal";

/** A fresh account with its one-time password, as user:create or the Users page makes it. */
export async function freshUser(p: Portal, role: "admin" | "operator" | "auditor" = "operator") {
  const email = `sessions-${randomBytes(4).toString("hex")}@vendor.test`;
  const input = { email, name: `Sessions ${role}`, role };
  const { user, password } = await p.m.users.createUserWithOneTimePassword(input, { type: "system", label: "test" });
  return { id: user.id, email, password };
}
