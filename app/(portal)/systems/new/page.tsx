import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/environments/current";
import { packageCatalogue } from "@/lib/systems/catalogue/packages";
import { callbackUrl } from "@/lib/requests/create-in-altinn";
import { clientIdOwners, listSystems } from "@/lib/systems/queries";
import { getT } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui/page-header";
import { SystemForm } from "./_components/system-form";

export default async function NewSystemPage() {
  const [{ t }, { actor, environment }] = await Promise.all([getT(), requireScope()]);
  if (!can(actor.role, "systems.manage"))
    return (
      <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">
        {t("errors.forbidden")}
      </p>
    );
  const catalogue = await packageCatalogue(environment);
  const [systems, owners] = await Promise.all([
    listSystems({ actor, environment }),
    clientIdOwners({ actor, environment }),
  ]);
  // Deleted systems released their client ids in Altinn.
  const clientFree = !systems.some((s) => !s.deletedAt && s.clientIds.includes(environment.clientId));
  const redirect = new URL(callbackUrl("x"));
  redirect.search = "";
  return (
    <>
      <PageHeader title={t("systemForm.title")} />
      <SystemForm
        vendorOrgNo={environment.vendorOrgNo}
        defaultRedirect={redirect.toString()}
        defaultClientId={clientFree ? environment.clientId : ""}
        catalogue={catalogue}
        owners={owners}
      />
    </>
  );
}
