import type { ButtonHTMLAttributes } from "react";

const styles = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:bg-slate-400",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
};

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof styles }) {
  return (
    <button
      className={`inline-flex items-center rounded-md px-4 py-2 text-sm font-semibold ${styles[variant]} ${className}`}
      {...props}
    />
  );
}
