/**
 * Everything the page shows is in the URL hash, so a link can be shared:
 * `#/users?tenant=w1`, `#/mailbox?q=reset`, `#/mailbox/42`, `#/requests?status=401&path=login`.
 */

export const VIEWS = ['mailbox', 'users', 'requests', 'clock', 'faults', 'tenants'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  tenant: string | null;
  /** One thing in the view, as the segment after it names it (`#/mailbox/42`); null for the list. */
  item: string | null;
  /** The view's own state (search text, filters), every query value but `tenant`. */
  params: Readonly<Record<string, string>>;
}

export function parseRoute(hash: string, pathname = '/'): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [head, rest] = [path.split('/')[0], path.split('/').slice(1).join('/')];
  const known = (VIEWS as readonly string[]).includes(head);
  const view = known ? (head as View) : 'mailbox';
  const search = new URLSearchParams(query);
  // The page may be opened through a tenant's prefix too: /__tenants/NAME/__admin/ui.
  const prefixed = /^\/__tenants\/([^/]+)\//.exec(pathname);
  const tenant = search.get('tenant') || (prefixed ? decodeURIComponent(prefixed[1]) : null);
  const params: Record<string, string> = {};
  for (const [name, value] of search) if (name !== 'tenant' && value !== '') params[name] = value;
  return { view, tenant, item: known && rest ? decodeURIComponent(rest) : null, params: known ? params : {} };
}

/** The hash of a route; `changes` replaces parts of it, and an empty or null param goes. */
export function routeHash(route: Route, changes: { view?: View; tenant?: string | null; item?: string | null; params?: Readonly<Record<string, string | null | undefined>> } = {}): string {
  const view = changes.view ?? route.view;
  // Another view starts fresh: a mailbox search means nothing to the requests view.
  const sameView = view === route.view;
  const item = changes.item !== undefined ? changes.item : sameView ? route.item : null;
  const tenant = changes.tenant !== undefined ? changes.tenant : route.tenant;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...(sameView ? route.params : {}), ...changes.params })) if (value) search.set(name, value);
  if (tenant) search.set('tenant', tenant);
  return `#/${view}${item ? `/${encodeURIComponent(item)}` : ''}${search.size ? `?${search}` : ''}`;
}

/** Opens a hash; `replace` keeps it out of the history (a search box, as it is typed). */
export function go(hash: string, replace = false): void {
  if (replace) location.replace(hash);
  else location.hash = hash;
}
