"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { clientAddress } from "@/lib/core/client-address";
import { signInRetryAfter } from "@/lib/users/sign-in-limits";

/**
 * Minutes until a throttled sign-in may be tried again, for the sign-in form's message. Public like the
 * sign-in itself; it only reads the counters (uses none), and answers alike for known and unknown e-mails.
 */
export async function signInRetryMinutes(email: unknown): Promise<number> {
  const parsed = z.string().trim().toLowerCase().max(254).safeParse(email);
  const seconds = await signInRetryAfter(parsed.success ? parsed.data : "", clientAddress(await headers()));
  return Math.max(1, Math.ceil(seconds / 60));
}
