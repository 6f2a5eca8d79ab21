import Link from "next/link";
import { actorCan } from "@/lib/auth/actor";
import { listApiKeys, type ApiKeyRow } from "@/lib/apikeys/queries";
import { requireScope } from "@/lib/environments/current";
import { dateLocale, type Translate } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { CreateKeyForm } from "./_components/create-key-form";
import { RevokeKeyForm } from "./_components/revoke-key-form";

export default async function ApiKeysPage() {
  const [{ t, locale }, scope] = await Promise.all([getT(), requireScope()]);
  if (!actorCan(scope.actor, "apikeys.manage")) return <p role="alert">{t("errors.forbidden")}</p>;
  const keys = await listApiKeys(scope);
  const date = (d: Date | null) =>
    d ? d.toLocaleString(dateLocale(locale), { dateStyle: "medium", timeStyle: "short" }) : "—";
  return (
    <>
      <PageHeader title={t("apikeys.title")}>
        <Link href="/api-docs" className="text-brand-800 underline">
          {t("apikeys.reference")}
        </Link>
      </PageHeader>
      <p className="mb-6 max-w-3xl text-sm">{t("apikeys.intro", { env: scope.environment.name })}</p>
      <Card title={t("apikeys.new")}>
        <CreateKeyForm />
      </Card>
      <Card title={t("apikeys.list")}>
        {keys.length === 0 ? (
          <p className="text-sm">{t("apikeys.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300">
                  <th className="py-2 pr-3">{t("apikeys.name")}</th>
                  <th className="py-2 pr-3">{t("apikeys.key")}</th>
                  <th className="py-2 pr-3">{t("apikeys.scopes")}</th>
                  <th className="py-2 pr-3">{t("apikeys.lastUsed")}</th>
                  <th className="py-2 pr-3">{t("apikeys.status")}</th>
                  <th className="py-2">
                    <span className="sr-only">{t("apikeys.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id} className="border-b border-slate-200 align-top">
                    <td className="py-2 pr-3">
                      {k.name}
                      <div className="text-xs text-slate-700">
                        {t("apikeys.createdBy", { who: k.createdByLabel, at: date(k.createdAt) })}
                      </div>
                    </td>
                    <td className="py-2 pr-3">
                      <code>{k.prefix}…</code>
                    </td>
                    <td className="py-2 pr-3">{k.scopes.join(", ")}</td>
                    <td className="py-2 pr-3">{date(k.lastUsedAt)}</td>
                    <td className="py-2 pr-3">{status(k, t, date)}</td>
                    <td className="py-2">{!k.revokedAt && <RevokeKeyForm id={k.id} name={k.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}

function status(k: ApiKeyRow, t: Translate, date: (d: Date | null) => string) {
  if (k.revokedAt) return t("apikeys.revokedAt", { at: date(k.revokedAt), who: k.revokedByLabel ?? "" });
  if (k.expiresAt && k.expiresAt <= new Date()) return t("apikeys.expiredAt", { at: date(k.expiresAt) });
  return k.expiresAt ? t("apikeys.activeUntil", { at: date(k.expiresAt) }) : t("apikeys.active");
}
