import "server-only";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { consumeLimit } from "@/lib/core/limits";
import { isCurrentLink, linkKeys, openLinkToken } from "@/lib/onboarding/link-token";
import { linkUrl } from "@/lib/onboarding/links";
import { mailBrand } from "@/lib/mail/brand";
import { enqueueMail, requestMailDelivery } from "@/lib/mail/enqueue";
import { forwardSchema } from "@/lib/mail/schema";
import { renderMail } from "@/lib/mail/templates";

// A handful per link per hour: enough to try a colleague or two, too few to use the portal as a mailer.
const PER_LINK = { points: 3, durationS: 3600 };

export type ForwardOutcome = "sent" | "invalid" | "limited" | "no_mail";

/**
 * "Send this to the person who can approve": the customer's own signed link, in our words, to one
 * address. Nothing the visitor types reaches the message but the address, so the portal is no open
 * relay; the public rate limit (per client address) is taken by the route, this one per link.
 */
export async function forwardLink(token: string, input: { email: string; locale: string }): Promise<ForwardOutcome> {
  const parsed = forwardSchema.safeParse(input);
  if (!parsed.success) return "invalid";
  const claims = await openLinkToken(token, linkKeys(env().NEXTAUTH_SECRET));
  if (!claims) return "invalid";
  const row = await db.onboardingLink.findUnique({
    where: { id: claims.lid },
    select: {
      generation: true,
      expiresAt: true,
      systemId: true,
      customerId: true,
      system: { select: { environmentId: true } },
    },
  });
  if (!row || !isCurrentLink(claims, row)) return "invalid";
  const environmentId = row.system.environmentId;
  if (!(await db.mailSettings.findUnique({ where: { environmentId }, select: { environmentId: true } })))
    return "no_mail";
  if (!(await consumeLimit("mail-forward", PER_LINK, claims.lid)).ok) return "limited";
  const { email, locale } = parsed.data;
  const brand = await mailBrand(environmentId, row.systemId, locale);
  const url = linkUrl(token);
  const rendered = renderMail("forward", locale, { brand, link: url, linkExpiresAt: row.expiresAt }, true);
  await enqueueMail([
    {
      ...rendered,
      environmentId,
      kind: "forward",
      recipient: email,
      locale,
      triggeredBy: "public forward",
      customerId: row.customerId,
      qrLink: url,
    },
  ]);
  await requestMailDelivery();
  return "sent";
}
