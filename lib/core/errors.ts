export type LocalizedText = { nb: string; en: string };

/** The one application error: a stable code, a message safe to show users, an HTTP status. */
export class AppError extends Error {
  readonly code: string;
  readonly userMessage: LocalizedText;
  readonly status: number;
  /** Field name → i18n keys, for errors a form shows at the field concerned (e.g. Altinn's AUTH.VLD codes). */
  readonly fieldErrors?: Record<string, string[]>;
  /** More for API clients than the message holds (e.g. the token doctor's diagnosis), added to the problem. */
  readonly extra?: Record<string, unknown>;

  constructor(
    code: string,
    userMessage: LocalizedText,
    status = 400,
    options?: { cause?: unknown; fieldErrors?: Record<string, string[]>; extra?: Record<string, unknown> },
  ) {
    super(`${code}: ${userMessage.en}`, options);
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
    this.status = status;
    this.fieldErrors = options?.fieldErrors;
    this.extra = options?.extra;
  }
}

export const forbidden = () =>
  new AppError(
    "forbidden",
    { nb: "Du har ikke tilgang til å gjøre dette.", en: "You are not allowed to do this." },
    403,
  );

/** For data-layer functions that re-validate what an action already checked: a direct caller gets a clear error. */
export const invalidInput = (cause?: unknown) =>
  new AppError("invalid_input", { nb: "Ugyldige opplysninger.", en: "Invalid input." }, 400, { cause });

export const notFound = (what: LocalizedText) =>
  new AppError("not_found", { nb: `Fant ikke ${what.nb}.`, en: `${what.en} not found.` }, 404);
