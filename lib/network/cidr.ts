import { IConstruct } from 'constructs';
import { invalid } from '../core/errors';
import { checkCidr, formatIpv4, Ipv4Range } from '../policy/validate';

/** A checked CIDR range with the prop it came from, for error messages. */
export interface NamedRange {
  readonly prop: string;
  readonly cidr: string;
  readonly range: Ipv4Range;
}

/** Checks a CIDR prop and, when `largestPrefix` is given, that it is at least that large. */
export function checkSubnetCidr(scope: IConstruct, prop: string, cidr: string, largestPrefix: number, why: string): NamedRange {
  const range = checkCidr(scope.node.path, prop, cidr);
  if (range.prefix > largestPrefix) {
    invalid(scope, prop, `'${cidr}' is a /${range.prefix}, too small for ${why}`, `a /${largestPrefix} or larger range`);
  }
  return { prop, cidr, range };
}

/** Fails unless every subnet lies inside the address space and no two subnets overlap. */
export function checkSubnetLayout(scope: IConstruct, space: NamedRange, subnets: NamedRange[]): void {
  for (const s of subnets) {
    if (s.range.first < space.range.first || s.range.last > space.range.last) {
      invalid(scope, s.prop, `'${s.cidr}' is outside the address space ${space.cidr}`,
        `a range inside ${space.cidr} (${formatIpv4(space.range.first)} to ${formatIpv4(space.range.last)})`);
    }
  }
  for (let i = 0; i < subnets.length; i++) {
    for (let j = i + 1; j < subnets.length; j++) {
      const a = subnets[i];
      const b = subnets[j];
      if (a.range.first <= b.range.last && b.range.first <= a.range.last) {
        invalid(scope, b.prop, `'${b.cidr}' overlaps ${a.prop} '${a.cidr}'`, 'subnet ranges that do not overlap');
      }
    }
  }
}
