import { ActionError } from '../errors.js'

/**
 * Resolves the `Location` of a created API client against the identity
 * tenant's URL, and refuses one on any other origin: the admin bearer token
 * is sent with the GET that follows, so it must never leave the tenant.
 * Returns the path (and query) to GET.
 */
export function resolveClientLocation(location: string | undefined, tenantUrl: string, clientName: string): string {
  const tenant = new URL(tenantUrl)
  if (!location) {
    throw new ActionError(
      `The identity tenant created the API client "${clientName}" but answered without a Location header, so its id and secret cannot be read; find the client in the identity tenant's admin console and delete it, then run the step again`
    )
  }
  let resolved: URL
  try {
    resolved = new URL(location, tenant)
  } catch {
    throw new ActionError(
      `The identity tenant answered the creation of "${clientName}" with a Location that is not a URL; nothing more was sent`
    )
  }
  if (resolved.origin !== tenant.origin) {
    throw new ActionError(
      `Refused to follow the Location of the new API client "${clientName}": it points at ${resolved.origin}, not the identity tenant ${tenant.origin}, and the admin token must not be sent elsewhere. The client was created: delete it in the identity tenant's admin console and check for a proxy rewriting Location headers`
    )
  }
  return resolved.pathname + resolved.search
}
