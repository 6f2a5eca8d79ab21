"use client";
import { useActionState, useState } from "react";
import { useT } from "@/components/providers";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { DoctorChoices } from "@/lib/tokens/queries";
import { tokenDoctorAction } from "../actions";
import { DoctorReportView, parseReport } from "./doctor-report";

const selectClass = "mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm";

export function DoctorForm({ choices }: { choices: DoctorChoices }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(tokenDoctorAction, {});
  const first = choices.systemUsers[0];
  // Controlled, so picking a known system user fills the three fields and they survive the action.
  const [orgNo, setOrgNo] = useState(first?.orgNo ?? "");
  const [externalRef, setExternalRef] = useState(first?.externalRef ?? "");
  const [systemId, setSystemId] = useState(first?.systemRowId ?? choices.systems[0]?.id ?? "");
  const [known, setKnown] = useState(first ? "0" : "");
  const pick = (value: string) => {
    setKnown(value);
    const u = choices.systemUsers[Number(value)];
    if (value === "" || !u) return;
    setOrgNo(u.orgNo);
    setExternalRef(u.externalRef);
    setSystemId(u.systemRowId);
  };
  const report = parseReport(state.result?.report);
  return (
    <>
      <form action={formAction} noValidate>
        <FormMessage state={state} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <div className="mb-4">
            <label htmlFor="known" className="block text-sm font-medium">
              {t("doctor.known")}
            </label>
            <select id="known" value={known} onChange={(e) => pick(e.target.value)} className={selectClass}>
              <option value="">{t("doctor.knownNone")}</option>
              {choices.systemUsers.map((u, i) => (
                <option key={`${u.orgNo}-${u.systemId}-${u.externalRef}`} value={String(i)}>
                  {u.orgNo} · {u.systemId} · {u.userType} · externalRef {u.externalRef}
                </option>
              ))}
            </select>
          </div>
          <div className="mb-4">
            <label htmlFor="systemId" className="block text-sm font-medium">
              {t("doctor.system")}
            </label>
            <select
              id="systemId"
              name="systemId"
              value={systemId}
              onChange={(e) => setSystemId(e.target.value)}
              className={selectClass}
            >
              {choices.systems.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.systemId}
                  {s.holdsClient ? ` (${t("doctor.holdsClient")})` : ""}
                </option>
              ))}
            </select>
          </div>
          <TextField
            name="orgNo"
            label={t("doctor.orgNo")}
            inputMode="numeric"
            autoComplete="off"
            value={orgNo}
            onChange={(e) => setOrgNo(e.target.value)}
            errors={state.errors?.orgNo}
          />
          <TextField
            name="externalRef"
            label={t("doctor.externalRef")}
            hint={t("doctor.externalRefHint")}
            autoComplete="off"
            value={externalRef}
            onChange={(e) => setExternalRef(e.target.value)}
            errors={state.errors?.externalRef}
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? t("doctor.running") : t("doctor.run")}
        </Button>
      </form>
      {report && <DoctorReportView report={report} />}
    </>
  );
}
