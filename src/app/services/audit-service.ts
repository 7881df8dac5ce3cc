// The audit log as managers read it: what was done, when, by which staff user (their random id) and to which
// record (an opaque id), for a date range and a kind of action, and as a CSV file. Nothing in it is personal
// data of customers: subjects are record ids, which an erasure removes from earlier rows.
import { toCsv } from '../../core/analytics/csv-export';
import type { AuditLog } from '../../store/audit-log';
import type { KeyVault } from '../../store/key-vault';
import { WRONG_NAME_ACTION } from '../../store/members-store';
import type { AuditRow } from '../../store/schema';

/** The kinds of action the screen filters by: the first part of an action's name ("member.erased"). */
export const AUDIT_KINDS = [
  'member',
  'visit',
  'watchlist',
  'staff',
  'unlock',
  'passphrase',
  'backup',
  'sale',
  'export',
  'audit',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export function kindOf(action: string): string {
  const head = action.split('.')[0] ?? action;
  // "unlocked" and "unlock.failed" are one kind; "sales.imported" and "sale.voided" another.
  if (head === 'unlocked') return 'unlock';
  if (head === 'sales') return 'sale';
  return head;
}

export interface AuditDeps {
  readonly log: Pick<AuditLog, 'add' | 'between' | 'count'>;
  readonly vault: Pick<KeyVault, 'assertMay'>;
}

export class AuditService {
  constructor(private readonly deps: AuditDeps) {}

  /** A manager opened the log: that is recorded too. */
  async opened(): Promise<void> {
    const actor = this.deps.vault.assertMay('audit');
    await this.deps.log.add('audit.viewed', undefined, actor.id);
  }

  /**
   * How often staff said the counter named the wrong person ("Not this person") with from <= at < to. A count,
   * with nobody in it: Analytics shows it to everyone.
   */
  wrongNames(from: number, to: number): Promise<number> {
    return this.deps.log.count(WRONG_NAME_ACTION, from, to);
  }

  /** A manager exports personal data (names): allowed only to managers, and recorded. */
  async personalExport(what: string): Promise<void> {
    const actor = this.deps.vault.assertMay('export-personal');
    await this.deps.log.add(`export.personal.${what}`, undefined, actor.id);
  }

  /** Rows with from <= at < to, of one kind or all, newest first (managers only). */
  async list(from: number, to: number, kind?: AuditKind): Promise<AuditRow[]> {
    this.deps.vault.assertMay('audit');
    const rows = await this.deps.log.between(from, to);
    return rows.filter((r) => !kind || kindOf(r.action) === kind).reverse();
  }

  /** The rows as CSV: time (ISO, UTC), action, record id, staff user id. */
  csv(rows: readonly AuditRow[]): string {
    return toCsv([
      ['time', 'action', 'record', 'staff_user'],
      ...rows.map((r) => [new Date(r.at).toISOString(), r.action, r.subject, r.staff]),
    ]);
  }
}
