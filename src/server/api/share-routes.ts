/**
 * The REST face of share links (docs/decisions/090): the owner's routes, and the public read of a shared workflow,
 * which needs no account and answers `noindex` and `no-referrer` whatever its status.
 */
import { AppError } from "../errors/app-error";
import { SHARED_HEADERS } from "../shares/shared";
import { queryObject, readJsonObject, restRoute, untrusted } from "./rest";

type Id = { id: string };

/** `{"expiresIn":"1d"|"7d"|"30d"|"never","version":"latest"|n}` → 201 with the token, shown this once. */
export const createShare = restRoute<Id>(async (args) => {
  const body = await readJsonObject(args, 4 * 1024);
  if ("id" in body) throw new AppError("BAD_REQUEST", "The request is not valid.", { fields: { id: ["Unknown field: the id is in the path."] } });
  return { status: 201, body: await args.caller.share.create(untrusted({ ...body, id: args.params.id })) };
});

export const listWorkflowShares = restRoute<Id>(async ({ caller, params }) => ({ body: await caller.share.list({ id: params.id }) }));

export const listMyShares = restRoute(async ({ url, caller }) => ({ body: await caller.share.mine(untrusted(queryObject(url, ["limit"]))) }));

export const revokeShare = restRoute<Id>(async ({ caller, params }) => {
  await caller.share.revoke({ shareId: params.id });
  return { status: 204 };
});

/** `GET /api/shared/:token`: the shared workflow's name and code, or the one 404 for every token that opens nothing. */
export const viewShared = restRoute<{ token: string }>(async ({ res, caller, params }) => {
  for (const [name, value] of Object.entries(SHARED_HEADERS)) res.setHeader(name, value);
  return { body: await caller.share.view({ token: params.token }) };
});
