/**
 * The one transformer of the tRPC server and client: superjson where a value needs it (dates, maps…),
 * plain JSON otherwise, so that error bodies stay in the project's one shape on the wire.
 */
import superjson from "superjson";
import { isWrapped, WRAPPED } from "./transformer-wire";

/**
 * True when `value` is already plain JSON — what superjson would hand back unchanged with no meta. Checking this is
 * an order of magnitude cheaper than superjson's walk, and every list and workflow the API returns is plain JSON.
 * Anything unusual (a Date, a Map, undefined, NaN, -0, a class instance, a prototype-polluting key) goes to superjson.
 */
function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== "object" || depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") return false;
    if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return Object.getOwnPropertySymbols(value).length === 0;
}

export const transformer = {
  serialize(value: unknown): unknown {
    if (isPlainJson(value)) return value;
    const { json, meta } = superjson.serialize(value);
    return meta ? { [WRAPPED]: { json, meta } } : json;
  },
  deserialize(value: unknown): unknown {
    if (isWrapped(value)) return superjson.deserialize(value[WRAPPED] as Parameters<typeof superjson.deserialize>[0]);
    return value;
  },
};
