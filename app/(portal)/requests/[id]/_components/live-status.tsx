"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { useT } from "@/components/providers";
import { StatusBadge } from "@/components/ui/status-badge";

const statusSchema = z.object({ status: z.string(), systemUserId: z.string().nullable() });
export const requestStatusKey = (id: string) => ["request-status", id] as const;

/** Polls while the customer has not answered; refreshes the page once the outcome is known. */
export function LiveStatus({ id, initial }: { id: string; initial: { status: string; systemUserId: string | null } }) {
  const t = useT();
  const router = useRouter();
  const { data } = useQuery({
    queryKey: requestStatusKey(id),
    queryFn: async () => statusSchema.parse(await (await fetch(`/api/requests/${id}`)).json()),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.status === "New" ? 5_000 : false),
  });
  const last = useRef(initial.status);
  useEffect(() => {
    if (data.status !== last.current) {
      last.current = data.status;
      router.refresh();
    }
  }, [data.status, router]);
  return (
    <span aria-live="polite">
      <StatusBadge status={data.status} label={t(`status.${data.status}`)} />
    </span>
  );
}
