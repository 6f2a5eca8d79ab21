import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { packageCatalogue } from "@/lib/systems/catalogue/packages";
import { callbackUrl } from "@/lib/requests/create-in-altinn";
import { clientIdOwners } from "@/lib/systems/queries";
import { getT } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui/page-header";
import { EditSystemForm } from "./_components/edit-form";
import { loadSystemForPage } from "../load-system";

export default async function EditSystemPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { t, locale }, actor] = await Promise.all([params, getT(), requireActor()]);
  if (!can(actor.role, "systems.manage"))
    return (
      <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">
        {t("errors.forbidden")}
      </p>
    );
  const { system, environment } = await loadSystemForPage(actor, id);
  if (system.deletedAt) notFound();
  const owners = await clientIdOwners({ actor, environment });
  const catalogue = await packageCatalogue(environment);
  // Packages this catalogue does not list (e.g. newer than the snapshot) still go back unchanged.
  const shown = new Set(catalogue.groups.flatMap((g) => g.areas.flatMap((a) => a.packages.map((p) => p.urn))));
  const callback = new URL(callbackUrl("x"));
  callback.search = "";
  const others = Object.fromEntries(Object.entries(owners).filter(([, s]) => s !== system.systemId));
  return (
    <>
      <PageHeader title={t("sysreg.editNamed", { name: system.name[locale] })} />
      <EditSystemForm
        system={{
          ...system,
          vendorOrgNo: environment.vendorOrgNo,
          otherPackages: system.accessPackages.filter((u) => !shown.has(u)),
        }}
        catalogue={catalogue}
        owners={others}
        portalCallback={callback.toString()}
      />
    </>
  );
}
