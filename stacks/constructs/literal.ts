/**
 * A string Terraform must take literally: rendered files hold `${...}` (shell, Kafka's config
 * providers) and `%{`, which Terraform would read as template syntax. `$${` and `%%{` are its escapes.
 */
export function literal(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
