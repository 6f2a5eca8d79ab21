"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { useT } from "@/components/providers";

const countsSchema = z.object({
  pending: z.number(),
  working: z.number(),
  done: z.number(),
  failed: z.number(),
  cancelled: z.number(),
  invalid: z.number(),
  total: z.number(),
});
const progressSchema = z.object({
  status: z.string(),
  percent: z.number(),
  finished: z.boolean(),
  counts: countsSchema,
});
export type BulkProgressData = z.infer<typeof progressSchema>;
export const bulkProgressKey = (id: string) => ["bulk-progress", id] as const;

/** Polls the job's counts every second while it runs; re-renders the page (rows, buttons) when it ends. */
export function BulkProgress({ id, initial }: { id: string; initial: BulkProgressData }) {
  const t = useT();
  const router = useRouter();
  const { data } = useQuery({
    queryKey: bulkProgressKey(id),
    queryFn: async () => progressSchema.parse(await (await fetch(`/api/bulk/${id}`)).json()),
    initialData: initial,
    staleTime: 500,
    refetchInterval: (q) => (q.state.data?.finished ? false : 1_000),
  });
  const finished = useRef(initial.finished);
  useEffect(() => {
    if (data.finished && !finished.current) {
      finished.current = true;
      router.refresh();
    }
  }, [data.finished, router]);
  const c = data.counts;
  const work = c.total - c.invalid;
  const settled = c.done + c.failed + c.cancelled;
  return (
    <div>
      <div
        role="progressbar"
        aria-label={t("bulk.progress")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={data.percent}
        className="h-4 w-full overflow-hidden rounded bg-slate-200"
      >
        {/* An SVG width, not a style attribute: the CSP allows no inline styles. */}
        <svg className="block h-full w-full" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
          <rect width={data.percent} height="1" className="fill-brand-700" />
        </svg>
      </div>
      <p aria-live="polite" className="mt-2 text-sm" data-testid="bulk-progress-text">
        {t("bulk.progressText", { settled, total: work, percent: data.percent })}
      </p>
      <p className="text-sm text-slate-700">
        {t("bulk.counts", { done: c.done, failed: c.failed, cancelled: c.cancelled, waiting: c.pending + c.working })}
      </p>
    </div>
  );
}
