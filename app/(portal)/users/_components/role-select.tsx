"use client";
import { useT } from "@/components/providers";
import type { RoleName } from "@/lib/auth/permissions";

export function RoleSelect({
  id,
  defaultValue,
  roles,
  errors,
}: {
  id: string;
  defaultValue: string;
  roles: readonly RoleName[];
  errors?: string[];
}) {
  const t = useT();
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-medium">
        {t("users.role")}
      </label>
      <select
        id={id}
        name="role"
        defaultValue={defaultValue}
        aria-describedby={`${id}-error`}
        className="mt-1 block rounded-md border border-slate-500 bg-white px-3 py-2 text-sm"
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
      <div id={`${id}-error`} aria-live="polite" className="text-sm text-red-700">
        {errors?.map((e) => (
          <p key={e}>{t(e)}</p>
        ))}
      </div>
    </div>
  );
}
