/** Everything the page shows is in the URL hash, so a link can be shared: `#/users?tenant=w1`. */

export const VIEWS = ['mailbox', 'users', 'requests', 'clock', 'faults'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  tenant: string | null;
}

export function parseRoute(hash: string, pathname = '/'): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'mailbox';
  // The page may be opened through a tenant's prefix too: /__tenants/NAME/__admin/ui.
  const prefixed = /^\/__tenants\/([^/]+)\//.exec(pathname);
  const tenant = new URLSearchParams(query).get('tenant') || (prefixed ? decodeURIComponent(prefixed[1]) : null);
  return { view, tenant };
}

export function routeHash(route: Route): string {
  return `#/${route.view}${route.tenant ? `?tenant=${encodeURIComponent(route.tenant)}` : ''}`;
}
