import Link from "next/link";
import type { EnvironmentView } from "@/lib/environments/types";
import { auditHref } from "@/lib/audit/search-schema";
import { selfServiceUrl } from "@/lib/environments/rules";
import type { KeyView } from "@/lib/keys/queries";
import { expiryLevel } from "@/lib/keys/expiry";
import type { Translate } from "@/lib/i18n";
import { Card } from "@/components/ui/page-header";
import { CopyButton } from "@/components/ui/copy-button";
import { GenerateKeyForm } from "./generate-key-form";
import { ImportKeyForm } from "./import-key-form";
import { KeyStepForm, type KeyStep } from "./key-step-form";
import { RotationGuide } from "./rotation-guide";

const STATE_STYLE: Record<KeyView["state"], string> = {
  next: "border-amber-700 bg-amber-50 text-amber-900",
  active: "border-green-700 bg-green-50 text-green-900",
  retiring: "border-slate-600 bg-slate-100 text-slate-900",
  retired: "border-slate-400 bg-white text-slate-700",
};

type Props = {
  environment: EnvironmentView;
  keys: KeyView[];
  canManage: boolean;
  /** Each key links to its story in the audit log (signing_key events name the key by its kid). */
  canAudit: boolean;
  t: Translate;
  date: (d: Date | null) => string;
};

export function KeysCard({ environment, keys, canManage, canAudit, t, date }: Props) {
  const live = keys.filter((k) => k.state !== "retired");
  const stepsFor = (k: KeyView): KeyStep[] => {
    if (!canManage) return [];
    if (k.state === "next")
      return [...(environment.digdirApiUrl ? ["register" as const] : []), "verify", "activate", "retire"];
    if (k.state === "retiring") return ["retire"];
    // A first key signs at once but may not be registered yet; it cannot upload itself (the upload's
    // own token would be signed by it), so it is pasted in the self-service and verified here.
    if (k.state === "active" && !k.verifiedAt) return ["verify"];
    return [];
  };
  const item = (k: KeyView) => {
    const jwk = JSON.stringify(k.publicJwk, null, 2);
    const level = k.state === "active" || k.state === "next" ? expiryLevel(k.expiresAt) : null;
    return (
      <li
        key={k.id}
        className={`rounded-md border p-4 ${k.state === "retired" ? "border-slate-200 bg-slate-50" : "border-slate-300"}`}
        data-kid={k.kid}
        data-state={k.state}
      >
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm font-semibold">{k.kid}</span>
          <span className={`rounded border px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[k.state]}`}>
            {t(`keys.stateName.${k.state}`)}
          </span>
          {level && (
            <span
              className={`rounded border px-2 py-0.5 text-xs font-semibold ${level === "warning" ? STATE_STYLE.next : "border-red-700 bg-red-50 text-red-900"}`}
            >
              {t(`keys.expiry.${level}`)}
            </span>
          )}
        </p>
        <p className="text-sm text-slate-700">{t(`keys.stateHelp.${k.state}`)}</p>
        <p className="text-sm text-slate-700">
          RSA {k.bits} · {t("keys.expires")}: {date(k.expiresAt)} · {t("keys.lastUsed")}: {date(k.lastUsedAt)} ·{" "}
          {t("keys.verified")}: {date(k.verifiedAt)}
        </p>
        {canAudit && (
          <p className="text-sm">
            <Link className="text-brand-700 underline" href={auditHref({ targetType: "signing_key", targetId: k.kid })}>
              {t("audit.trail.key", { kid: k.kid })}
            </Link>
          </p>
        )}
        <details className="mt-2">
          <summary className="cursor-pointer text-sm text-brand-700">{t("keys.public")}</summary>
          <pre
            aria-label={`${t("keys.public")} ${k.kid}`}
            className="mt-2 overflow-x-auto rounded bg-slate-100 p-3 text-xs"
          >
            {jwk}
          </pre>
        </details>
        {k.state !== "retired" && (
          <div className="mt-2">
            <CopyButton text={jwk} label={`${t("keys.copy")} JWK`} />
          </div>
        )}
        <KeyStepForm keyId={k.id} kid={k.kid} steps={stepsFor(k)} disabled={k.verifiedAt ? [] : ["activate"]} />
      </li>
    );
  };
  return (
    <Card title={t("keys.title")}>
      <RotationGuide keys={keys} hasDigdirApi={Boolean(environment.digdirApiUrl)} t={t} />
      {canManage && (
        <>
          <GenerateKeyForm />
          <ImportKeyForm />
        </>
      )}
      <p className="mb-4 text-sm text-slate-700">{t("keys.privateNote")}</p>
      {live.length === 0 ? (
        <p>{t("keys.none")}</p>
      ) : (
        <p className="mb-2 text-sm">
          {t("keys.register")}{" "}
          <a className="text-brand-700 underline" href={selfServiceUrl(environment)} target="_blank" rel="noreferrer">
            {t("keys.selfservice")}
          </a>
          {" · "}
          <a className="text-brand-700 underline" href="/api/environment/jwks" download>
            {t("keys.download")}
          </a>
        </p>
      )}
      {/* One list, retired keys included: a key keeps its place (and its last message) as its state changes. */}
      <ul className="space-y-4">{keys.map(item)}</ul>
    </Card>
  );
}
