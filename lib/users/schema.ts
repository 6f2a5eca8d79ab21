import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "errors.required"),
    next: z.string().min(12, "errors.passwordShort").max(200, "errors.tooLong"),
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { message: "errors.passwordMismatch", path: ["confirm"] });

// The Users page (admin). Field errors are i18n keys.
const role = z.enum(ROLES, "users.errors.role");

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, "errors.tooLong").pipe(z.email("users.errors.email")),
  name: z.string().trim().min(1, "errors.required").max(120, "errors.tooLong"),
  role,
});

export const userIdSchema = z.object({ id: z.uuid() });
export const userRoleSchema = userIdSchema.extend({ role });
/** A yes/no switch posted as "true" or "false" (disable, allow SSO linking). */
export const userSwitchSchema = userIdSchema.extend({ on: z.enum(["true", "false"]).transform((v) => v === "true") });
