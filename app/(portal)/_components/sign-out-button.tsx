"use client";
import { signOut } from "next-auth/react";

export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      className="rounded border border-white px-2 py-1"
      onClick={() => signOut({ callbackUrl: "/signin" })}
    >
      {label}
    </button>
  );
}
