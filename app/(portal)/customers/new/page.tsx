import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { CustomerForm } from "../_components/customer-form";

export default async function NewCustomerPage() {
  const [{ t }, actor] = await Promise.all([getT(), requireActor()]);
  if (!can(actor.role, "customers.manage")) notFound();
  return (
    <>
      <PageHeader title={t("customers.new")} />
      <Card>
        <CustomerForm />
      </Card>
    </>
  );
}
