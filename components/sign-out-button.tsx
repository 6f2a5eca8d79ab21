"use client";
import { signOut } from "next-auth/react";

/** next-auth's sign-out (a POST with its CSRF token), audited by events.signOut. */
export function SignOutButton({
  label,
  className = "rounded border border-white px-2 py-1",
}: {
  label: string;
  className?: string;
}) {
  return (
    <button type="button" className={className} onClick={() => signOut({ callbackUrl: "/signin" })}>
      {label}
    </button>
  );
}
