/** The HIPAA Security Rule technical safeguards (45 CFR 164.312) the compliance rules serve. */
export enum HipaaSafeguard {
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
  [HipaaSafeguard.ACCESS_CONTROL, 'Access control'],
  [HipaaSafeguard.AUDIT_CONTROLS, 'Audit controls'],
  [HipaaSafeguard.INTEGRITY, 'Integrity'],
  [HipaaSafeguard.AUTHENTICATION, 'Person or entity authentication'],
  [HipaaSafeguard.TRANSMISSION_SECURITY, 'Transmission security'],
];
