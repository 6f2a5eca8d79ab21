"use client";
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";

const reportSchema = z.object({
  id: z.string(),
  status: z.enum(["running", "paused", "cancelled", "done"]),
  pausedReason: z.string().nullable(),
  agentName: z.string(),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  pending: z.number(),
  cancelled: z.number(),
  items: z.array(
    z.object({
      clientId: z.string(),
      clientOrgNo: z.string(),
      clientName: z.string(),
      status: z.string(),
      attempts: z.number(),
      lastError: z.string().nullable(),
    }),
  ),
});
type Report = z.infer<typeof reportSchema>;

/** Polls the job's per-client report while it runs; cancel and continue are plain form posts. */
export function JobProgress({
  initial,
  progressUrl,
  actionBase,
  org,
}: {
  initial: Report;
  progressUrl: string;
  actionBase: string;
  org: string;
}) {
  const t = useT();
  const { data } = useQuery({
    queryKey: ["client-assign-job", initial.id],
    queryFn: async () => reportSchema.parse(await (await fetch(progressUrl, { cache: "no-store" })).json()),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.status === "running" ? 1_500 : false),
  });
  const finished = data.done + data.failed + data.cancelled;
  const active = data.status === "running" || data.status === "paused";
  return (
    <section aria-labelledby="job-status">
      <h2 id="job-status" className="mb-2 text-lg font-semibold">
        {data.agentName} – <span data-testid="job-status">{t(`clients.job.status.${data.status}`)}</span>
      </h2>
      <label htmlFor="job-progress" className="block text-sm">
        {t("clients.job.progress", { done: finished, total: data.total })}
      </label>
      <progress id="job-progress" max={Math.max(1, data.total)} value={finished} className="mb-4 h-3 w-full" />
      <p aria-live="polite" className="sr-only">
        {t("clients.job.progress", { done: finished, total: data.total })}
      </p>
      {data.status === "paused" && (
        <div role="alert" className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-sm text-amber-950">
          <p className="mb-2">
            {t(data.pausedReason === "forbidden" ? "clients.job.paused.forbidden" : "clients.job.paused.token")}
          </p>
          <form method="post" action={`${actionBase}/continue`}>
            <input type="hidden" name="org" value={org} />
            <Button type="submit">{t("clients.job.continue")}</Button>
          </form>
        </div>
      )}
      {active && (
        <form method="post" action={`${actionBase}/cancel`} className="mb-4">
          <input type="hidden" name="org" value={org} />
          <Button type="submit" variant="secondary">
            {t("clients.job.cancel")}
          </Button>
        </form>
      )}
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th scope="col" className="py-1">
              {t("clients.job.client")}
            </th>
            <th scope="col">{t("clients.job.status")}</th>
            <th scope="col">{t("clients.job.attempts")}</th>
            <th scope="col">{t("clients.job.error")}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((i) => (
            <tr key={i.clientId} className="border-t border-slate-200" data-testid={`job-item-${i.clientOrgNo}`}>
              <td className="py-1">
                <span className="font-mono">{i.clientOrgNo}</span> {i.clientName}
              </td>
              <td>{t(`clients.job.item.${i.status}`)}</td>
              <td>{i.attempts}</td>
              <td className="text-red-800">{i.lastError ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
