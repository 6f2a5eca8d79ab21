"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { z } from "zod";

const versionSchema = z.object({ version: z.string() });
const INTERVAL_MS = 5_000;

/**
 * Re-renders the page (server data only; inputs keep their state) when the environment's requests or
 * system users change, so lists follow the background poller and callbacks without anyone pressing
 * refresh. Polling pauses while the tab is hidden (TanStack's default).
 */
export function LiveRefresh() {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["live-version"],
    queryFn: async () => versionSchema.parse(await (await fetch("/api/live")).json()).version,
    refetchInterval: INTERVAL_MS,
  });
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (data === undefined) return;
    if (seen.current !== undefined && seen.current !== data) router.refresh();
    seen.current = data;
  }, [data, router]);
  return null;
}
