import { validationFailed } from "./http-error.js";

export interface Page<T> {
  items: T[];
  /** The RFC 5988 `Link` header value, or undefined when everything fits on one page. */
  link: string | undefined;
}

/** Reads `per_page` (default 30, max 100, like GitHub) and `page` (1-based) from a query. */
export function pageParams(query: URLSearchParams): { page: number; perPage: number } {
  const perPageRaw = query.get("per_page");
  const pageRaw = query.get("page");
  const perPage = perPageRaw === null ? 30 : Number.parseInt(perPageRaw, 10);
  const page = pageRaw === null ? 1 : Number.parseInt(pageRaw, 10);
  if (!Number.isFinite(perPage) || perPage < 1) {
    throw validationFailed({ resource: "Search", code: "invalid", field: "per_page" });
  }
  return { page: Number.isFinite(page) && page >= 1 ? page : 1, perPage: Math.min(perPage, 100) };
}

/**
 * Slices one page and builds GitHub's Link header: prev, next, last, first in that order; a first
 * page has no prev/first, a last page no next/last. `url` is the absolute request URL; every other
 * query parameter is kept and only `page` is replaced.
 */
export function paginate<T>(items: readonly T[], query: URLSearchParams, url: URL): Page<T> {
  const { page, perPage } = pageParams(query);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const pageUrl = (n: number): string => {
    const target = new URL(url.toString());
    target.searchParams.set("page", String(n));
    return target.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) {
    links.push(`<${pageUrl(page + 1)}>; rel="next"`);
    links.push(`<${pageUrl(lastPage)}>; rel="last"`);
  }
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
  return { items: slice, link: links.length > 0 ? links.join(", ") : undefined };
}
