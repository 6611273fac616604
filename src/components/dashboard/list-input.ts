/** The dashboard's list input, shared by the server prefetch and the client query so their keys match. */
export const PAGE_SIZE = 12;
export type SortOrder = "updated" | "name";

export function listInput(search: string, sort: SortOrder) {
  return search ? { limit: PAGE_SIZE, sort, search } : { limit: PAGE_SIZE, sort };
}
