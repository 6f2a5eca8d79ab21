"use client";
import { useState } from "react";
import { useT } from "@/components/providers";

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="rounded-md border border-slate-400 bg-white px-3 py-1 text-sm hover:bg-slate-100"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
      }}
    >
      {copied ? t("keys.copied") : (label ?? t("keys.copy"))}
      <span className="sr-only" aria-live="polite">
        {copied ? t("keys.copied") : ""}
      </span>
    </button>
  );
}
