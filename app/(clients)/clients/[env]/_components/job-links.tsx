import Link from "next/link";
import type { Translate } from "@/lib/i18n";
import type { myAssignJobs } from "@/lib/clients/assign";

type Job = Awaited<ReturnType<typeof myAssignJobs>>[number];

/** This person's assign-all jobs for the facilitator, newest first, each linking to its progress page. */
export function JobLinks({ jobs, base, org, t }: { jobs: Job[]; base: string; org: string; t: Translate }) {
  if (jobs.length === 0) return null;
  return (
    <ul className="mb-6 space-y-1 text-sm">
      {jobs.map((j) => (
        <li key={j.id}>
          <Link className="text-brand-700 underline" href={`${base}/jobs/${j.id}?org=${org}`}>
            {t("clients.job")}: {j.agentName || j.agentSystemUserId} – {t(`clients.job.status.${j.status}`)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
