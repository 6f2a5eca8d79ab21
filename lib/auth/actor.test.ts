import { describe, expect, it } from "vitest";
import { actorCan, assertCan, type Actor } from "@/lib/auth/actor";

const admin: Actor = { id: "a", email: "a@vendor.test", name: "A", role: "admin", mustChangePassword: false };
const onOneTime: Actor = { ...admin, mustChangePassword: true };

describe("a person on a one-time password", () => {
  it("may use their own account and nothing else, whatever their role", () => {
    expect(actorCan(onOneTime, "account.self")).toBe(true);
    for (const p of ["portal.read", "keys.manage", "users.manage", "audit.read", "tokens.issue"] as const) {
      expect(actorCan(admin, p)).toBe(true);
      expect(actorCan(onOneTime, p)).toBe(false);
    }
  });

  it("is told to change the password first, not that the role forbids it", () => {
    expect(() => assertCan(onOneTime, "portal.read")).toThrow(
      expect.objectContaining({ code: "password_change_required", status: 403 }),
    );
    expect(() => assertCan(onOneTime, "account.self")).not.toThrow();
    expect(() => assertCan(null, "account.self")).toThrow(expect.objectContaining({ code: "forbidden" }));
  });
});
