/**
 * Terraform-literal escaping, the one implementation. Terraform reads `${` and `%{` in any
 * string as template syntax; a literal is written `$${` / `%%{`. cdktf token markers
 * (`${TfToken[...]}`) are left alone, so an unresolved token is the only way to pass a
 * Terraform expression. Internal.
 */

/** Escapes `${` (except cdktf token markers) and `%{` so Terraform keeps the text literal. */
export function escapeTerraformTemplate(value: string): string {
  return value.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** A string handed to Terraform as a literal (see escapeTerraformTemplate); undefined passes through. */
export function tfLiteral(value: string): string;
export function tfLiteral(value: string | undefined): string | undefined;
export function tfLiteral(value: string | undefined): string | undefined {
  return value === undefined ? undefined : escapeTerraformTemplate(value);
}

/** A list of strings handed to Terraform as literals. An unresolved list token passes through. */
export function tfLiteralList(values: string[]): string[];
export function tfLiteralList(values: string[] | undefined): string[] | undefined;
export function tfLiteralList(values: string[] | undefined): string[] | undefined {
  if (values === undefined || !Array.isArray(values)) return values;
  return values.map((v) => (typeof v === 'string' ? escapeTerraformTemplate(v) : v));
}

/** A string map (tags) with keys and values handed to Terraform as literals. */
export function tfLiteralMap(map: Record<string, string>): Record<string, string>;
export function tfLiteralMap(map: Record<string, string> | undefined): Record<string, string> | undefined;
export function tfLiteralMap(map: Record<string, string> | undefined): Record<string, string> | undefined {
  if (map === undefined || map === null || typeof map !== 'object') return map;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) out[escapeTerraformTemplate(k)] = typeof v === 'string' ? escapeTerraformTemplate(v) : v;
  return out;
}
