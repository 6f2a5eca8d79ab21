"use client";
import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT } from "@/components/providers";

type Common = { name: string; label: string; errors?: string[]; hint?: string };

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  const t = useT();
  return (
    <div id={id} aria-live="polite" className="text-sm text-red-700">
      {errors?.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  );
}

const inputClass = "mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm";

export function TextField({ name, label, errors, hint, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const errId = `${name}-error`;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className="mb-4">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[errId, hintId].filter(Boolean).join(" ")}
        className={inputClass}
        {...rest}
      />
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-700">
          {hint}
        </p>
      )}
      <Errors id={errId} errors={errors} />
    </div>
  );
}

export function TextArea({ name, label, errors, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const errId = `${name}-error`;
  return (
    <div className="mb-4">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={name}
        name={name}
        rows={2}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errId}
        className={inputClass}
        {...rest}
      />
      <Errors id={errId} errors={errors} />
    </div>
  );
}

export function FieldErrors({ name, errors }: { name: string; errors?: string[] }) {
  return <Errors id={`${name}-error`} errors={errors} />;
}

/** The system a form acts for (`name="systemId"`): the request form, the customers selection, invitations. */
export function SystemSelect({
  id,
  label,
  systems,
  defaultValue,
  wide = false,
}: {
  id: string;
  label: string;
  systems: { id: string; label: string }[];
  defaultValue?: string;
  wide?: boolean;
}) {
  return (
    <>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name="systemId"
        defaultValue={defaultValue}
        className={wide ? inputClass : "mt-1 block rounded-md border border-slate-500 bg-white px-3 py-2 text-sm"}
      >
        {systems.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
    </>
  );
}
