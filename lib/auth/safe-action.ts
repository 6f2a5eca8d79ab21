import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { AppError, type LocalizedText } from "@/lib/core/errors";
import type { ActionState } from "@/lib/auth/action-state";
import { assertCan, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { currentEnvironment } from "@/lib/environments/current";
import type { Scope } from "@/lib/environments/types";
import { logger } from "@/lib/core/log";

export type { ActionState };

/** Never echoed back to the browser: passwords and pasted private keys. */
const SECRET_FIELDS = /password|current|next|confirm|^key$|secret|private/i;

type Outcome = { redirectTo?: string; result?: Record<string, string>; message?: LocalizedText } | void;

/**
 * Every server action is a public POST endpoint: this wrapper re-checks the session and role, parses
 * the form with zod and turns known errors into form state. Unknown errors propagate. The action gets
 * `{ actor, environment }`: the environment is the one the user is working in (its cookie), resolved
 * here once, so no form carries an environment id that a crafted POST could change. A person still on
 * a one-time password is refused here (assertCan), whatever the action.
 */
export function action<S extends z.ZodType>(
  permission: Permission,
  schema: S,
  toInput: (form: FormData) => unknown,
  run: (input: z.infer<S>, scope: Scope & { actor: NonNullable<Scope["actor"]> }) => Promise<Outcome>,
) {
  return wrap(permission, schema, toInput, async (input, actor) =>
    run(input, { actor, environment: await currentEnvironment(actor) }),
  );
}

/**
 * The same for one's own account (password, sessions): no environment, and the one kind of action a
 * person who signed in with a one-time password may take ("account.self").
 */
export function accountAction<S extends z.ZodType>(
  schema: S,
  toInput: (form: FormData) => unknown,
  run: (input: z.infer<S>, scope: { actor: Actor }) => Promise<Outcome>,
) {
  return wrap("account.self", schema, toInput, (input, actor) => run(input, { actor }));
}

function wrap<S extends z.ZodType>(
  permission: Permission,
  schema: S,
  toInput: (form: FormData) => unknown,
  run: (input: z.infer<S>, actor: Actor) => Promise<Outcome>,
) {
  return async (_prev: ActionState, form: FormData): Promise<ActionState> => {
    const actor = await getActor();
    // Echoed back so fields keep what was typed (React resets forms after an action); multi-valued
    // fields (checkbox groups) are joined with newlines. Secrets are never echoed.
    const keys = new Set([...form.keys()].filter((k) => !k.startsWith("$") && !SECRET_FIELDS.test(k)));
    const values = Object.fromEntries(
      [...keys].map((k) => [
        k,
        form
          .getAll(k)
          .filter((v) => typeof v === "string")
          .join("\n"),
      ]),
    );
    let outcome: Outcome;
    try {
      assertCan(actor, permission);
      const parsed = schema.safeParse(toInput(form));
      if (!parsed.success) {
        const errors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "_")] ??= []).push(issue.message);
        return { errors, values };
      }
      outcome = await run(parsed.data, actor);
    } catch (err) {
      if (err instanceof AppError) {
        logger("action").warn(`${permission} failed: ${err.code}`);
        return { message: err.userMessage, errors: err.fieldErrors, values };
      }
      throw err;
    }
    if (outcome?.redirectTo) redirect(outcome.redirectTo);
    return { ok: true, result: outcome?.result, message: outcome?.message };
  };
}
