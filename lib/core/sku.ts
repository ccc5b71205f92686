import { invalid } from './errors';

/** An API Management pricing tier. */
export enum ApimTier {
  /** Developer: classic, VNet injection, no SLA. For non-production only. */
  DEVELOPER = 'Developer',
  /** Premium: classic, VNet injection, availability zones, multi-region. */
  PREMIUM = 'Premium',
  /** Standard v2: VNet integration for outbound, private endpoint for inbound. */
  STANDARD_V2 = 'StandardV2',
  /** Premium v2: VNet injection. */
  PREMIUM_V2 = 'PremiumV2',
  /** Basic: classic, no network isolation. Refused for PHI unless acknowledged. */
  BASIC = 'Basic',
  /** Consumption: serverless, no network isolation. Refused for PHI unless acknowledged. */
  CONSUMPTION = 'Consumption',
}

const CAPACITY: Record<ApimTier, [number, number]> = {
  [ApimTier.DEVELOPER]: [1, 1],
  [ApimTier.PREMIUM]: [1, 99],
  [ApimTier.STANDARD_V2]: [1, 10],
  [ApimTier.PREMIUM_V2]: [1, 30],
  [ApimTier.BASIC]: [1, 2],
  [ApimTier.CONSUMPTION]: [0, 0],
};

/**
 * The SKU of an API Management instance: a tier and a capacity (scale units).
 *
 * @example ApimSku.premium(2)
 */
export class ApimSku {
  /** Developer tier (one unit). Supports internal VNet injection; no SLA, so not for production PHI. */
  public static developer(): ApimSku {
    return new ApimSku(ApimTier.DEVELOPER, 1);
  }

  /** Premium tier with 1 to 99 units; the production tier for PHI (zones, VNet injection). */
  public static premium(capacity: number): ApimSku {
    return new ApimSku(ApimTier.PREMIUM, capacity);
  }

  /** Standard v2 with 1 to 10 units; inbound isolation through a private endpoint. */
  public static standardV2(capacity: number): ApimSku {
    return new ApimSku(ApimTier.STANDARD_V2, capacity);
  }

  /** Premium v2 with 1 to 30 units; VNet injection. */
  public static premiumV2(capacity: number): ApimSku {
    return new ApimSku(ApimTier.PREMIUM_V2, capacity);
  }

  /** Basic with 1 or 2 units. No network isolation: needs `acknowledgeNoNetworkIsolation`. */
  public static basic(capacity: number): ApimSku {
    return new ApimSku(ApimTier.BASIC, capacity);
  }

  /** Consumption. No network isolation or rate-limit-by-key: needs `acknowledgeNoNetworkIsolation`. */
  public static consumption(): ApimSku {
    return new ApimSku(ApimTier.CONSUMPTION, 0);
  }

  /** The tier. */
  public readonly tier: ApimTier;
  /** Scale units (0 for Consumption). */
  public readonly capacity: number;

  private constructor(tier: ApimTier, capacity: number) {
    const [min, max] = CAPACITY[tier];
    if (!Number.isInteger(capacity) || capacity < min || capacity > max) {
      invalid(`ApimSku.${tier}`, 'capacity', `is ${capacity}`, `a whole number from ${min} to ${max} for ${tier}`);
    }
    this.tier = tier;
    this.capacity = capacity;
  }

  /** The azurerm `sku_name`, e.g. `Premium_2`. */
  public get skuName(): string {
    return `${this.tier}_${this.capacity}`;
  }

  /** Whether this is a classic (v1) tier; azurerm rejects sign_in, sign_up and tenant_access on the others. */
  public get isClassic(): boolean {
    return [ApimTier.DEVELOPER, ApimTier.PREMIUM, ApimTier.BASIC].includes(this.tier);
  }

  /** Whether the gateway can be injected into a VNet in Internal mode. */
  public get supportsVnetInjection(): boolean {
    return [ApimTier.DEVELOPER, ApimTier.PREMIUM, ApimTier.PREMIUM_V2].includes(this.tier);
  }

  /** Whether the gateway can be reached privately at all (injection or private endpoint). */
  public get supportsNetworkIsolation(): boolean {
    return this.supportsVnetInjection || this.tier === ApimTier.STANDARD_V2;
  }

  /** Whether azurerm accepts availability zones for this SKU. */
  public get supportsZones(): boolean {
    return this.tier === ApimTier.PREMIUM;
  }

  /** Whether the tier supports `rate-limit-by-key` and `quota-by-key`. */
  public get supportsKeyedLimits(): boolean {
    return this.tier !== ApimTier.CONSUMPTION;
  }
}
