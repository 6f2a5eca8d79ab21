import { z } from "zod";

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "errors.required"),
    next: z.string().min(12, "errors.passwordShort").max(200, "errors.tooLong"),
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { message: "errors.passwordMismatch", path: ["confirm"] });
