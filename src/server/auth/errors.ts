/** The auth errors every endpoint answers alike (REST and tRPC, via AppError). */
import { AppError } from "../errors/app-error";

export const INVALID_CREDENTIALS_MESSAGE = "Invalid email or password.";

export function invalidCredentials(): AppError {
  return new AppError("INVALID_CREDENTIALS", INVALID_CREDENTIALS_MESSAGE);
}

export function rateLimited(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError("TOO_MANY_REQUESTS", "Too many attempts. Try again later.", {
    headers: { "Retry-After": String(seconds) },
    details: { retryAfterSeconds: seconds },
  });
}
