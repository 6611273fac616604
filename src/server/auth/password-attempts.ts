/**
 * The one way a request has a password checked: log-in (next-auth and `POST /api/auth/token`), change-password, and
 * anything later that asks for the password again. The attempt is counted *before* the check, in one atomic
 * statement per counter (decision 038), so attempts sent at once — in parallel, or as the calls of a tRPC batch —
 * each take their own point and at most the limit's worth are ever verified.
 *
 * Counters: (client address, email) 5 per 15 minutes and client address 50 per hour. A success clears the first and
 * gives its point back to the second; a failure keeps both points. A refused attempt is audited and answers 429.
 */
import { audit, type RequestInfo } from "./audit";
import { rateLimited } from "./errors";
import { consumeEach, LIMITS, RateLimitExceeded, refund, reset, subjectKey } from "./rate-limit";

/** Runs `check` (throws on refusal), turning a used-up limit into an audited 429 in the one error shape. */
export async function refuseIfLimited(req: RequestInfo, check: () => Promise<void>, email?: string | null): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof RateLimitExceeded) {
      await audit(req, { type: "rate_limited", email: email ?? null, details: { limit: error.limit } });
      throw rateLimited(error.retryAfterSeconds);
    }
    throw error;
  }
}

/**
 * Counts one password attempt for `email` from the request's address, then runs `verify` (which looks the account
 * up and verifies the password, and says whether it `matches`). Throws the 429 AppError, without running `verify`,
 * when a limit is used up.
 */
export async function limitedPasswordCheck<T extends { matches: boolean }>(
  req: RequestInfo,
  email: string,
  verify: () => Promise<T>,
): Promise<T> {
  const pair = subjectKey(req.clientAddress, email);
  const address = subjectKey(req.clientAddress);
  await refuseIfLimited(
    req,
    () =>
      consumeEach(req.db, [
        [LIMITS.loginPerAddressAndEmail, pair],
        [LIMITS.loginPerAddress, address],
      ]),
    email,
  );
  const result = await verify();
  if (result.matches) {
    await reset(req.db, LIMITS.loginPerAddressAndEmail, pair);
    await refund(req.db, LIMITS.loginPerAddress, address);
  }
  return result;
}
