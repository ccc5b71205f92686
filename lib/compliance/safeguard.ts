/**
 * The HIPAA Security Rule safeguards the compliance rules serve: administrative safeguards
 * (45 CFR 164.308) that the detect-and-respond controls evidence, and the technical safeguards
 * (45 CFR 164.312).
 */
export enum HipaaSafeguard {
  /** 164.308(a)(1)(ii)(D) Information system activity review: records of system activity (audit logs, access reports, security incident tracking) are regularly reviewed. */
  ACTIVITY_REVIEW = '164.308(a)(1)(ii)(D)',
  /** 164.308(a)(6) Security incident procedures: security incidents are identified, responded to, mitigated and documented. */
  SECURITY_INCIDENT_PROCEDURES = '164.308(a)(6)',
  /** 164.308(a)(7)(i) Contingency plan: systems holding ePHI stay available through emergencies, such as a denial-of-service attack. */
  CONTINGENCY_PLAN = '164.308(a)(7)(i)',
  /** 164.312(a)(1) Access control: only authorized persons and software reach ePHI. */
  ACCESS_CONTROL = '164.312(a)(1)',
  /** 164.312(b) Audit controls: activity in systems holding ePHI is recorded and examinable. */
  AUDIT_CONTROLS = '164.312(b)',
  /** 164.312(c)(1) Integrity: ePHI is protected from improper alteration or destruction. */
  INTEGRITY = '164.312(c)(1)',
  /** 164.312(d) Person or entity authentication: whoever seeks access is who they claim to be. */
  AUTHENTICATION = '164.312(d)',
  /** 164.312(e)(1) Transmission security: ePHI sent over networks is protected. */
  TRANSMISSION_SECURITY = '164.312(e)(1)',
}

/** The safeguards in regulation order, with their names. */
export const SAFEGUARD_NAMES: ReadonlyArray<[HipaaSafeguard, string]> = [
  [HipaaSafeguard.ACTIVITY_REVIEW, 'Information system activity review'],
  [HipaaSafeguard.SECURITY_INCIDENT_PROCEDURES, 'Security incident procedures'],
  [HipaaSafeguard.CONTINGENCY_PLAN, 'Contingency plan'],
  [HipaaSafeguard.ACCESS_CONTROL, 'Access control'],
  [HipaaSafeguard.AUDIT_CONTROLS, 'Audit controls'],
  [HipaaSafeguard.INTEGRITY, 'Integrity'],
  [HipaaSafeguard.AUTHENTICATION, 'Person or entity authentication'],
  [HipaaSafeguard.TRANSMISSION_SECURITY, 'Transmission security'],
];
