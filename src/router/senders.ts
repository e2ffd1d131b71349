/**
 * Who may use this Rapport: ALLOWED_SENDERS holds addresses ("jane@example.com") and domains
 * ("@college.edu": any address at exactly that domain, not its subdomains),
 * or "*" for anyone (development only; config.ts refuses it in production).
 */

export interface SenderAllowList {
  anyone: boolean;
  addresses: ReadonlySet<string>;
  domains: ReadonlySet<string>;
}

export type AllowListParse = { ok: true; list: SenderAllowList } | { ok: false; problem: string };

export function parseAddressList(value: string): AllowListParse {
  const addresses = new Set<string>();
  const domains = new Set<string>();
  let anyone = false;
  for (const raw of value.split(/[\s,;]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "*") anyone = true;
    else if (/^@[a-z0-9.-]+\.[a-z]{2,}$/.test(entry)) domains.add(entry.slice(1));
    else if (/^[^\s@]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(entry)) addresses.add(entry);
    else return { ok: false, problem: `has an entry that is neither an address, "@domain" nor "*": "${raw}"` };
  }
  return { ok: true, list: { anyone, addresses, domains } };
}

export function isAllowedSender(list: SenderAllowList, sender: string): boolean {
  const address = sender.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at <= 0) return false;
  if (list.anyone) return true;
  return list.addresses.has(address) || list.domains.has(address.slice(at + 1));
}
