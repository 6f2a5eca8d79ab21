"use client";
import { useLocale } from "@/components/providers";
import type { ActionState } from "@/lib/auth/action-state";

/** The form-level outcome: an error in an alert, a success in a polite status region. */
export function FormMessage({ state }: { state: ActionState }) {
  const locale = useLocale();
  if (!state.message) return <div role="status" aria-live="polite" />;
  return state.ok ? (
    <div
      role="status"
      aria-live="polite"
      className="mb-4 rounded-md border border-green-700 bg-green-50 p-3 text-sm text-green-900"
    >
      {state.message[locale]}
    </div>
  ) : (
    <div role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
      {state.message[locale]}
    </div>
  );
}
