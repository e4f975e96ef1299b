import type { AnalyticsChannel, AnalyticsFilter } from '../../lib/analytics/analytics-api';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';

/** How analytics runs SQL: PostgreSQL or PGlite, through Prisma's client or a plain driver. */
export interface AnalyticsDb {
  query<Row = Record<string, unknown>>(sql: string, params: unknown[]): Promise<Row[]>;
}

/** The app's database as an `AnalyticsDb` (parameters as `$1…`, one round trip per query). */
export function analyticsDbFrom(prisma: PrismaClient): AnalyticsDb {
  return { query: <Row>(sql: string, params: unknown[]) => prisma.$queryRawUnsafe<Row[]>(sql, ...params) };
}

const MAX_RANGE_DAYS = 366;
/** Test chat is left out unless asked for. */
const DEFAULT_CHANNELS: AnalyticsChannel[] = ['widget', 'api'];

/** A filter checked and ready for SQL: UTC wall-clock bounds (Prisma's `timestamp(3)`), channels, zone. */
export interface Scope {
  workspaceId: string;
  botId: string | null;
  from: Date;
  to: Date;
  channels: string[];
  timeZone: string;
}

/** Checks a filter (range, time zone) and fills its defaults; BAD_REQUEST says what is wrong. */
export function toScope(filter: AnalyticsFilter & { botId?: string | undefined }): Scope {
  const { from, to } = filter;
  if (!(from.getTime() < to.getTime())) throw new AppError('BAD_REQUEST', 'The period must end after it starts.');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw new AppError('BAD_REQUEST', `Choose a period of at most ${MAX_RANGE_DAYS} days.`);
  try {
    new Intl.DateTimeFormat('en', { timeZone: filter.timeZone });
  } catch {
    throw new AppError('BAD_REQUEST', `Unknown time zone “${filter.timeZone}”: use an IANA name such as Europe/Berlin.`);
  }
  return {
    workspaceId: filter.workspaceId,
    botId: filter.botId ?? null,
    from,
    to,
    channels: filter.channels.length ? [...new Set(filter.channels)] : DEFAULT_CHANNELS,
    timeZone: filter.timeZone,
  };
}

/** Prisma stores DateTime as UTC `timestamp(3)`: pass the UTC wall time. */
export function sqlTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Collects parameters and the WHERE conditions every analytics query shares: the workspace
 * (always: no query ever reads another workspace's rows), the bot when given, the channels and
 * the period on `timeColumn`.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  scope(scope: Scope, alias: string, timeColumn: string, period: { from: Date; to: Date } = scope): string {
    const parts = [`${alias}."workspaceId" = ${this.add(scope.workspaceId)}`];
    if (scope.botId) parts.push(`${alias}."botId" = ${this.add(scope.botId)}`);
    parts.push(`${alias}.channel = ANY(${this.add(scope.channels)}::text[])`);
    parts.push(`${alias}."${timeColumn}" >= ${this.add(sqlTimestamp(period.from))}::timestamp`);
    parts.push(`${alias}."${timeColumn}" < ${this.add(sqlTimestamp(period.to))}::timestamp`);
    return parts.join(' AND ');
  }
}

/** The SQL twin of `classifyOutcome` (lib/analytics/metric-definitions.ts) over a `Conversation` row. */
export function outcomeSql(alias: string, nowParam: string): string {
  return `CASE
    WHEN ${alias}.outcome = 'error' THEN 'error'
    WHEN ${alias}."queuedAt" IS NOT NULL OR ${alias}.outcome = 'handed_off' THEN 'handed_off'
    WHEN ${alias}.outcome = 'resolved' OR ${alias}.rating >= 4 THEN 'resolved'
    WHEN ${alias}.outcome = 'abandoned' THEN 'abandoned'
    WHEN ${alias}.status <> 'ENDED' AND ${alias}."idleDeadlineAt" <= ${nowParam}::timestamp THEN 'abandoned'
    WHEN ${alias}.status = 'ENDED' THEN 'unresolved'
    ELSE 'open' END`;
}
