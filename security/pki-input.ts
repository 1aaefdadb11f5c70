import { PkiInputError } from '../stacks/model/errors.ts';
/**
 * What a cluster PKI is asked for, and the checks on it: every bad value is reported with the
 * field, the value and the fix, before any file is touched.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { RENEW_BEFORE_DAYS } from './cert-info.ts';

export interface NodeIdentity {
  /** e.g. 'kafka-1'; the certificate subject is CN=<name>, files live in nodes/<name>/. */
  readonly name: string;
  /** Hostname, container name, ...: every name clients may use to reach the node (IP literals allowed). */
  readonly dnsNames: readonly string[];
}

export interface ClientIdentity {
  /** The principal: the certificate subject is CN=<name>, files live in clients/<name>/. */
  readonly name: string;
}

export interface ClusterPkiOptions {
  /** The folder the PKI owns (made 0700). */
  readonly dir: string;
  readonly clusterName: string;
  readonly nodes: readonly NodeIdentity[];
  readonly clients: readonly ClientIdentity[];
  /** Node and client certificates. @default 825 */
  readonly validityDays?: number;
  /** CA certificates. @default 3650 */
  readonly caValidityDays?: number;
}

export interface ValidatedPkiOptions {
  readonly dir: string;
  readonly clusterName: string;
  readonly nodes: readonly NodeIdentity[];
  readonly clients: readonly ClientIdentity[];
  readonly validityDays: number;
  readonly caValidityDays: number;
}

/** Names that are also folder names and certificate subjects: no slashes, spaces or leading dots. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

function isDnsName(s: string): boolean {
  if (s.length > 253) return false;
  const labels = (s.startsWith('*.') ? s.slice(2) : s).split('.');
  return labels.every((l) => DNS_LABEL.test(l));
}

function checkName(field: string, value: unknown, what: string): string {
  if (typeof value !== 'string') throw new PkiInputError(field, value, 'is not a string', `give every ${what} a name`);
  if (value === '') throw new PkiInputError(field, value, 'is empty', `give every ${what} a name`);
  if (!NAME.test(value)) {
    throw new PkiInputError(field, value, 'is not a valid name', `use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit`);
  }
  return value;
}

function checkDays(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= RENEW_BEFORE_DAYS) {
    throw new PkiInputError(
      field,
      value,
      `is not a whole number of days above ${RENEW_BEFORE_DAYS}`,
      `use more than ${RENEW_BEFORE_DAYS} days (certificates expiring within ${RENEW_BEFORE_DAYS} days are reissued), or leave it out for ${fallback}`,
    );
  }
  return value;
}

function checkUnique<T>(list: readonly T[], key: (t: T) => string, field: (i: number) => string, what: string): void {
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) {
      throw new PkiInputError(field(i), k, `duplicates '${field(first)}'`, `give every ${what} a different name`);
    }
    seen.set(k, i);
  });
}

export function validatePkiOptions(o: ClusterPkiOptions): ValidatedPkiOptions {
  if (typeof o.dir !== 'string' || o.dir.trim() === '') throw new PkiInputError('dir', o.dir, 'is empty', 'give the folder the PKI lives in');
  checkName('clusterName', o.clusterName, 'cluster');
  if (!Array.isArray(o.nodes)) throw new PkiInputError('nodes', o.nodes, 'is not a list', 'pass nodes: [{ name, dnsNames }]');
  if (!Array.isArray(o.clients)) throw new PkiInputError('clients', o.clients, 'is not a list', 'pass clients: [{ name }] (or [])');
  const nodes = o.nodes.map((n, i): NodeIdentity => {
    const name = checkName(`nodes[${i}].name`, n?.name, 'node');
    const given: unknown = n.dnsNames;
    if (!Array.isArray(given)) {
      throw new PkiInputError(`nodes[${i}].dnsNames`, given, 'is not a list', `list the names clients use to reach '${name}', e.g. ['${name}']`);
    }
    const dnsNames = given.map((d: unknown, j: number): string => {
      if (typeof d !== 'string' || d === '') {
        throw new PkiInputError(`nodes[${i}].dnsNames[${j}]`, d, 'is empty', `remove it or give a host name such as '${name}'`);
      }
      if (!isIP(d) && !isDnsName(d)) {
        throw new PkiInputError(`nodes[${i}].dnsNames[${j}]`, d, 'is not a DNS name or IP address', `use letters, digits, '-' and '.' only, e.g. '${name}'`);
      }
      return d;
    });
    return { name, dnsNames: [...new Set(dnsNames)] };
  });
  const clients = o.clients.map((c, i): ClientIdentity => ({ name: checkName(`clients[${i}].name`, c?.name, 'client') }));
  checkUnique(nodes, (n) => n.name, (i) => `nodes[${i}].name`, 'node');
  checkUnique(clients, (c) => c.name, (i) => `clients[${i}].name`, 'client');
  return {
    dir: resolve(o.dir),
    clusterName: o.clusterName,
    nodes,
    clients,
    validityDays: checkDays('validityDays', o.validityDays, 825),
    caValidityDays: checkDays('caValidityDays', o.caValidityDays, 3650),
  };
}
