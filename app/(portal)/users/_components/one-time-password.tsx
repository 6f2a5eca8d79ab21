"use client";
import { CopyButton } from "@/components/ui/copy-button";

/** A one-time password, shown once after it was made (the database keeps only its hash). */
export function OneTimePassword({ intro, password }: { intro: string; password: string }) {
  return (
    <div className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-sm">
      <p className="mb-2 font-medium">{intro}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="one-time-password" className="break-all rounded bg-white px-2 py-1">
          {password}
        </code>
        <CopyButton text={password} />
      </div>
    </div>
  );
}
