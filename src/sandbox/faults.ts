/** Fault injection: rules that make matching requests fail the ways GitHub does. */
export type Fault =
  | { kind: "status"; status: 500 | 502 | 503 }
  /** GitHub's usual 5xx: the write is committed, then the answer is an error anyway. */
  | { kind: "committed-status"; status: 500 | 502 | 503 }
  | { kind: "secondary-rate-limit"; retryAfter: number }
  | { kind: "primary-rate-limit"; status?: 403 | 429; resetAfter?: number }
  | { kind: "lose-response" }
  | { kind: "timeout"; ms: number };

export interface FaultRule {
  method?: string;
  /** An OpenAPI template ("/repos/{owner}/{repo}/issues") compared to the matched route, or a RegExp tested on the path. */
  route?: string | RegExp;
  /** How many matching requests to fault; unlimited when omitted. */
  times?: number;
  fault: Fault;
}

interface ActiveRule extends FaultRule {
  remaining: number;
}

export class FaultRules {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) {
      throw new Error(`faults.add: times must be a positive integer, got ${rule.times}`);
    }
    this.rules.push({ ...rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** Rules still armed (for assertions that a fault was consumed). */
  get pending(): FaultRule[] {
    return this.rules.map(({ remaining: _remaining, ...rule }) => rule);
  }

  /** The first armed rule matching this request, consuming one of its `times`. */
  take(method: string, template: string | null, path: string): Fault | undefined {
    const index = this.rules.findIndex((rule) => {
      if (rule.method && rule.method.toUpperCase() !== method) return false;
      if (rule.route === undefined) return true;
      return typeof rule.route === "string" ? rule.route === template : rule.route.test(path);
    });
    const rule = this.rules[index];
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return rule.fault;
  }
}
