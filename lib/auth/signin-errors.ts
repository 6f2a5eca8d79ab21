/**
 * What the credentials provider answers besides next-auth's own CredentialsSignin (it puts a thrown
 * error's message in /signin?error=). Shared by lib/auth/options.ts and the sign-in page.
 */
export const SIGNIN_ERRORS = {
  rateLimited: "RateLimited",
  oneTimePasswordExpired: "OneTimePasswordExpired",
} as const;
