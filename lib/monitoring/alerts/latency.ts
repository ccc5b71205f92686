import { KqlAggregate, KqlPredicate, KqlQuery } from '../kql';
import { API_MANAGEMENT_GATEWAY_LOGS } from '../tables';
import { ResolvedTuning } from '../tuning';
import { LogAlertDefinition } from './log-alert';

/** Defaults: p95 of `TotalTime` over 2000 ms for an API in 15 minutes, severity 3. */
export const LATENCY_DEFAULTS: ResolvedTuning = { threshold: 2000, windowMinutes: 15, frequencyMinutes: 5, severity: 3 };

/** Fewer requests than this in a bin say nothing about a percentile; such bins never alert. */
export const LATENCY_MIN_REQUESTS = 10;

/** A latency objective of one API, validated by the caller. */
export interface ResolvedLatencyObjective {
  readonly apiId: string;
  readonly thresholdMs: number;
  readonly percentile: number;
}

function latencyQuery(filter: KqlPredicate | undefined, percentile: number, thresholdMs: number, binMinutes: number): string {
  const base = KqlQuery.from(API_MANAGEMENT_GATEWAY_LOGS);
  return (filter ? base.where(filter) : base)
    .summarize([KqlAggregate.percentile('LatencyMs', 'TotalTime', percentile), KqlAggregate.count('Requests')], { by: ['ApiId'], binMinutes })
    .where(KqlPredicate.allOf(KqlPredicate.compare('LatencyMs', '>', thresholdMs), KqlPredicate.compare('Requests', '>=', LATENCY_MIN_REQUESTS)))
    .render();
}

/**
 * One alert per API objective (`ApiId == <api>`), and one for every other API against the
 * default objective (`ApiId !in (<apis with objectives>)`).
 */
export function latencyAlerts(t: ResolvedTuning, defaultPercentile: number, objectives: ResolvedLatencyObjective[]): LogAlertDefinition[] {
  const others = objectives.length === 0 ? undefined : KqlPredicate.notInList('ApiId', objectives.map((o) => o.apiId));
  const all: LogAlertDefinition[] = [{
    id: 'latency',
    tuningProp: 'latency',
    displayName: objectives.length === 0 ? 'APIM: latency over objective' : 'APIM: latency over objective (APIs without their own objective)',
    description: `p${defaultPercentile} of TotalTime over ${t.threshold} ms for an API within ${t.windowMinutes} minutes (bins with at least ${LATENCY_MIN_REQUESTS} requests).`,
    query: latencyQuery(others, defaultPercentile, t.threshold, t.windowMinutes),
    dimensions: ['ApiId'],
    tuning: t,
  }];
  objectives.forEach((o, i) => all.push({
    id: `latency-api-${i + 1}`,
    tuningProp: `latencyObjectives[${i}]`,
    displayName: `APIM: latency over objective (API ${i + 1} of ${objectives.length})`,
    description: `p${o.percentile} of TotalTime over ${o.thresholdMs} ms for one API within ${t.windowMinutes} minutes (bins with at least ${LATENCY_MIN_REQUESTS} requests).`,
    query: latencyQuery(KqlPredicate.equals('ApiId', o.apiId), o.percentile, o.thresholdMs, t.windowMinutes),
    dimensions: ['ApiId'],
    tuning: { ...t, threshold: o.thresholdMs },
  }));
  return all;
}
