import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/environments/current";
import { listDoctorChoices } from "@/lib/tokens/queries";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { DoctorForm } from "./_components/doctor-form";

export default async function DoctorPage() {
  const [{ t }, { actor, environment }] = await Promise.all([getT(), requireScope()]);
  if (!can(actor.role, "tokens.diagnose")) return <p role="alert">{t("errors.forbidden")}</p>;
  const choices = await listDoctorChoices(actor, environment);
  return (
    <>
      <PageHeader title={t("doctor.title")} />
      <p className="mb-4 text-sm text-slate-700">{t("doctor.intro")}</p>
      <Card>{choices.systems.length === 0 ? <p>{t("doctor.noSystems")}</p> : <DoctorForm choices={choices} />}</Card>
    </>
  );
}
